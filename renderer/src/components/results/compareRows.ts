/**
 * 对比测算: the two results lined up benefit by benefit (a benefit in only one of them shows — on the
 * other side), with the difference, per group and in total, and each member's 个人自付.
 */
import { BENEFIT_GROUP_LABELS, BENEFIT_GROUPS, type BenefitGroup } from '@shared/result/benefitCodes';
import { amountDifference as difference, pairBenefits } from '@shared/result/compare';
import { resultTotals } from '@shared/result/totals';
import type { BenefitResult, CalcResult } from '@shared/result/types';

export interface CompareRow {
  key: string;
  label: string;
  memberId: string | null;
  before: string | null;
  after: string | null;
  /** after − before, as the contract's amount string */
  difference: string;
}

export interface CompareGroup {
  group: BenefitGroup;
  label: string;
  rows: CompareRow[];
  before: string;
  after: string;
  difference: string;
}

export function compareGroups(before: CalcResult, after: CalcResult): CompareGroup[] {
  return BENEFIT_GROUPS.map((group) => {
    const inGroup = (b: BenefitResult) => b.group === group;
    const rows = pairBenefits(before.benefits.filter(inGroup), after.benefits.filter(inGroup)).map(({ key, before: b, after: a }): CompareRow => {
      const shown = (b ?? a) as BenefitResult;
      const row = { before: b?.annual ?? null, after: a?.annual ?? null };
      return { key, label: shown.label, memberId: shown.memberId, ...row, difference: difference(row.before, row.after) };
    });
    // a result saved before a group existed has no total for it: worked out from its benefits
    const groupBefore = resultTotals(before).byGroup[group];
    const groupAfter = resultTotals(after).byGroup[group];
    return { group, label: BENEFIT_GROUP_LABELS[group], rows, before: groupBefore, after: groupAfter, difference: difference(groupBefore, groupAfter) };
  }).filter((g) => g.rows.length > 0);
}

export interface SelfPayRow {
  memberId: string;
  before: string | null;
  after: string | null;
  difference: string;
}

export function compareSelfPay(before: CalcResult, after: CalcResult): SelfPayRow[] {
  const ids = [...new Set([...Object.keys(before.medical), ...Object.keys(after.medical)])];
  return ids
    .map((memberId) => {
      const b = before.medical[memberId]?.selfPay ?? null;
      const a = after.medical[memberId]?.selfPay ?? null;
      return { memberId, before: b, after: a, difference: difference(b, a) };
    })
    .filter((row) => (row.before ?? '0.00') !== '0.00' || (row.after ?? '0.00') !== '0.00');
}

export function totalDifference(before: CalcResult, after: CalcResult): string {
  return difference(before.totals.annual, after.totals.annual);
}
