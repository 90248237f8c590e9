/**
 * Benefits as people read them: members who get the same benefit with the same amount worked out the
 * same way (居民医保参保资助 for all 8, say) share one row at the place of the first; every other
 * benefit keeps its row. The 明白纸 and the results screen list the same rows.
 */
import { fenOf, fenText } from '../money';
import type { BenefitResult } from './types';

export interface BenefitRow {
  /** the first benefit of the row (its label, steps, basis, delivery) */
  first: BenefitResult;
  benefits: BenefitResult[];
  /** the member ids of the row (empty for a household benefit) */
  memberIds: string[];
  /** the row's annual sum (for one benefit: its annual) */
  sum: string;
}

export function benefitRows(benefits: readonly BenefitResult[]): BenefitRow[] {
  const rows = new Map<string, BenefitResult[]>();
  for (const benefit of benefits) {
    const key =
      benefit.memberId === null
        ? `household|${rows.size}`
        : JSON.stringify([benefit.code, benefit.annual, benefit.monthly, benefit.steps, benefit.basis.map((b) => [b.doc, b.clause])]);
    const row = rows.get(key);
    if (row) row.push(benefit);
    else rows.set(key, [benefit]);
  }
  return [...rows.values()].map((group) => ({
    first: group[0] as BenefitResult,
    benefits: group,
    memberIds: group.map((b) => b.memberId).filter((id): id is string => id !== null),
    sum: fenText(group.reduce((total, b) => total + fenOf(b.annual), 0n)),
  }));
}
