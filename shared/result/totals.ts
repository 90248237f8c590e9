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
  return smallTotals(benefits) ?? exactTotals(benefits);
}

/**
 * Amounts of at most 13 characters (below 10^10 yuan: every real benefit) in whole fen as plain
 * numbers: each below 10^12 fen, so the sums of thousands of them stay exact in a double.
 */
const SMALL_AMOUNT_CHARS = 13;

/** The totals in plain numbers (every result's case), or null when an amount is too long to be sure. */
function smallTotals(benefits: readonly CountedBenefit[]): Totals | null {
  const groups: Record<string, number> = {};
  for (const group of BENEFIT_GROUPS) groups[group] = 0;
  const split = { cash: 0, settlement: 0, waiver: 0, oneOff: 0 } satisfies Record<Delivery, number>;
  let annual = 0;
  if (benefits.length > 4000) return null;
  for (const benefit of benefits) {
    const amount = benefit.annual;
    if (amount.length > SMALL_AMOUNT_CHARS || amount.charCodeAt(amount.length - 3) !== 46) return null; // '.'
    // "13212.50" read as a double and × 100: exact to the fen at this length
    const fen = Math.round(Number(amount) * 100);
    if (!Number.isSafeInteger(fen)) return null;
    annual += fen;
    groups[benefit.group] = (groups[benefit.group] ?? 0) + fen;
    split[deliveryOf(benefit)] += fen;
  }
  const text = (fen: number) => {
    const digits = String(fen < 0 ? -fen : fen).padStart(3, '0');
    return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  };
  const byGroup = {} as Record<BenefitGroup, string>;
  for (const group of BENEFIT_GROUPS) byGroup[group] = text(groups[group] as number);
  return { annual: text(annual), cash: text(split.cash), settlement: text(split.settlement), waiver: text(split.waiver), oneOff: text(split.oneOff), byGroup };
}

/** Any amounts, in whole fen as bigint. */
function exactTotals(benefits: readonly CountedBenefit[]): Totals {
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
