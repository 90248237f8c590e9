/**
 * 对比测算: the two results lined up benefit by benefit (a benefit in only one of them shows — on the
 * other side), with the difference, per group and in total, and each member's 个人自付.
 */
import { Decimal, toFen } from '@shared/money';
import { BENEFIT_GROUP_LABELS, BENEFIT_GROUPS, type BenefitGroup } from '@shared/result/benefitCodes';
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

const difference = (before: string | null, after: string | null) => toFen(new Decimal(after ?? '0').minus(before ?? '0'));
const keyOf = (b: BenefitResult) => `${b.code}|${b.memberId ?? ''}`;

export function compareGroups(before: CalcResult, after: CalcResult): CompareGroup[] {
  return BENEFIT_GROUPS.map((group) => {
    const rows = new Map<string, CompareRow>();
    for (const b of before.benefits) {
      if (b.group !== group) continue;
      rows.set(keyOf(b), { key: keyOf(b), label: b.label, memberId: b.memberId, before: b.annual, after: null, difference: '' });
    }
    for (const b of after.benefits) {
      if (b.group !== group) continue;
      const row = rows.get(keyOf(b));
      if (row) row.after = b.annual;
      else rows.set(keyOf(b), { key: keyOf(b), label: b.label, memberId: b.memberId, before: null, after: b.annual, difference: '' });
    }
    for (const row of rows.values()) row.difference = difference(row.before, row.after);
    // a result saved before a group existed has no total for it: worked out from its benefits
    const groupBefore = resultTotals(before).byGroup[group];
    const groupAfter = resultTotals(after).byGroup[group];
    return { group, label: BENEFIT_GROUP_LABELS[group], rows: [...rows.values()], before: groupBefore, after: groupAfter, difference: difference(groupBefore, groupAfter) };
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
