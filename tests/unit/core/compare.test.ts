/**
 * Result against result (shared/result/compare.ts), the one matching behind 对比测算, a case's version
 * history and the change report: pairs in the earlier result's order, then the later one's new ones;
 * a side without the benefit is undefined there; differences exact to the fen.
 */
import { describe, expect, it } from 'vitest';
import { amountDifference, benefitKey, pairBenefits, pairBy } from '../../../shared/result/compare';

const b = (code: string, memberId: string | null, annual: string) => ({ code, memberId, annual });

describe('pairing two results', () => {
  it('matches by code and member, the earlier order first, then what only the later has', () => {
    const before = [b('medical.basic', 'm1', '100.00'), b('dibao.allowance', null, '5280.00'), b('medical.basic', 'm2', '7.00')];
    const after = [b('childcare.subsidy', 'm3', '3600.00'), b('medical.basic', 'm2', '9.00'), b('medical.basic', 'm1', '100.00')];
    const pairs = pairBenefits(before, after);
    expect(pairs.map((p) => p.key)).toEqual(['medical.basic|m1', 'dibao.allowance|', 'medical.basic|m2', 'childcare.subsidy|m3']);
    expect(pairs[1]).toEqual({ key: 'dibao.allowance|', before: before[1], after: undefined });
    expect(pairs[3]).toEqual({ key: 'childcare.subsidy|m3', before: undefined, after: after[0] });
    expect(pairs[2]?.after?.annual).toBe('9.00');
  });

  it('takes the last of a key repeated on one side, keeping its first place', () => {
    const pairs = pairBy([['x', '1'], ['y', '2'], ['x', '3']], [['y', '4']], ([key]) => key as string);
    expect(pairs).toEqual([
      { key: 'x', before: ['x', '3'], after: undefined },
      { key: 'y', before: ['y', '2'], after: ['y', '4'] },
    ]);
  });

  it('names the household itself with an empty member', () => {
    expect(benefitKey({ code: 'utility.electricity', memberId: null })).toBe('utility.electricity|');
  });

  it('differences are after − before to the fen, a missing side counting as 0', () => {
    expect(amountDifference('5280.00', '5496.00')).toBe('216.00');
    expect(amountDifference(null, '3600.00')).toBe('3600.00');
    expect(amountDifference('0.10', null)).toBe('-0.10');
    expect(amountDifference('0.10', '0.30')).toBe('0.20');
  });
});
