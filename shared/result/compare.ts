/**
 * One result against another, as 对比测算, a case's version history and the 重新测算 change report all
 * do it: the same benefit is the same code for the same member (or, summed per household, the same
 * code); the pairs come in the earlier result's order, then what only the later one has; a benefit
 * absent on one side is null there, and a difference is exact, to the fen.
 */
import { Decimal, toFen } from '../money';

export interface Paired<T> {
  key: string;
  before: T | undefined;
  after: T | undefined;
}

/** Items of two lists matched by key (a key repeated on one side: its last item). */
export function pairBy<T>(before: Iterable<T>, after: Iterable<T>, key: (item: T) => string): Paired<T>[] {
  const pairs = new Map<string, Paired<T>>();
  for (const item of before) {
    const k = key(item);
    const pair = pairs.get(k);
    if (pair) pair.before = item;
    else pairs.set(k, { key: k, before: item, after: undefined });
  }
  for (const item of after) {
    const k = key(item);
    const pair = pairs.get(k);
    if (pair) pair.after = item;
    else pairs.set(k, { key: k, before: undefined, after: item });
  }
  return [...pairs.values()];
}

/** A benefit's identity across two results: its code and member ("medical.basic|m1"; the household: "|"). */
export const benefitKey = (benefit: { code: string; memberId: string | null }): string => `${benefit.code}|${benefit.memberId ?? ''}`;

/** Benefits of two results matched by code and member. */
export function pairBenefits<B extends { code: string; memberId: string | null }>(before: Iterable<B>, after: Iterable<B>): Paired<B>[] {
  return pairBy(before, after, benefitKey);
}

/** after − before, as the contract's amount string (a side without the amount counts as 0). */
export const amountDifference = (before: string | null, after: string | null): string => toFen(new Decimal(after ?? '0').minus(before ?? '0'));
