/**
 * The totals of a result: the year's amount, by group, and by how it reaches the family. Added up from
 * the reported (rounded) amounts, so they equal what the printout shows; the four deliveries always add
 * up to `annual`, so no screen needs the sum of all four to mean anything but "各项合计".
 */
import { fenOf, fenText } from '../money';
import { BENEFIT_GROUPS, type BenefitGroup } from './benefitCodes';
import { DELIVERIES, deliveryOf, type Delivery } from './delivery';
import type { BenefitResult, CalcResult, Totals } from './types';

type CountedBenefit = Pick<BenefitResult, 'code' | 'annual' | 'group'> & { delivery?: unknown };

export function totalsOf(benefits: readonly CountedBenefit[]): Totals {
  const groups: Record<string, bigint> = {};
  for (const group of BENEFIT_GROUPS) groups[group] = 0n;
  const split = { cash: 0n, settlement: 0n, waiver: 0n, oneOff: 0n } satisfies Record<Delivery, bigint>;
  let annual = 0n;
  for (const benefit of benefits) {
    const fen = fenOf(benefit.annual);
    annual += fen;
    groups[benefit.group] = (groups[benefit.group] ?? 0n) + fen;
    split[deliveryOf(benefit)] += fen;
  }
  const byGroup = {} as Record<BenefitGroup, string>;
  for (const group of BENEFIT_GROUPS) byGroup[group] = fenText(groups[group] as bigint);
  return { annual: fenText(annual), cash: fenText(split.cash), settlement: fenText(split.settlement), waiver: fenText(split.waiver), oneOff: fenText(split.oneOff), byGroup };
}

/** A stored result's totals: its own, or (saved before 2026-12, without the split) worked out from its benefits. */
export function resultTotals(result: Pick<CalcResult, 'benefits' | 'totals'>): Totals {
  const totals = result.totals as Partial<Totals> | undefined;
  if (totals && DELIVERIES.every((delivery) => typeof totals[delivery] === 'string')) return totals as Totals;
  return totalsOf(result.benefits);
}
