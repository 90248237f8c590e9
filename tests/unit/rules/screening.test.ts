/**
 * The "还可申请" summary (each family's hints under shared/rules/, ordered by shared/screening.ts): each item says what to do, why, where, and on which clause;
 * items never grant a 身份, never count in the totals, and come household first, then by member.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/money';
import { caseOf, compute, itemOf, person } from './cases';

// A rural household with no 身份 on file, income under the 低保 standard and the 监测 line: an elder and a
// son with a grade 2 intellectual disability, nobody else of working age. Several things to apply for.
const input = caseOf({ status: 'ordinary', monthlyIncome: 600, annualNetIncomePerCapita: 6000 }, [
  person('a', '老父', '1950-01-01'),
  person('b', '儿子', '1985-01-01', { disability: { grade: 2, kind: 'intellectual' } }),
]);

describe('screening summary', () => {
  const result = compute(input);

  it('lists the applications the income test and the 身份 suggest, without granting any', () => {
    expect(result.screening.dibao).toMatchObject({ result: 'eligible', perCapitaIncome: '300.00' });
    // (440 − 300) × 2 × 12 = 3360.00
    expect(itemOf(result, 'dibao.apply')).toMatchObject({ action: 'apply', annual: '3360.00' });
    expect(itemOf(result, 'tekun.apply', 'a')?.action).toBe('assess');
    expect(itemOf(result, 'tekun.apply', 'b')?.action).toBe('assess');
    expect(itemOf(result, 'temporaryAssistance.smallMax')?.annual).toBe('1950.00');
    expect(itemOf(result, 'monitoring.apply')?.action).toBe('apply');
    for (const code of ['dibao.allowance', 'tekun.basic', 'utility.electricity', 'disability.living']) {
      expect(result.benefits.some((b) => b.code === code)).toBe(false);
    }
  });

  it('every item has a label, reason, office and at least one citation', () => {
    expect(result.screening.items.length).toBeGreaterThan(0);
    for (const item of result.screening.items) {
      expect(['apply', 'assess', 'info']).toContain(item.action);
      expect(item.label).not.toBe('');
      expect(item.reason).not.toBe('');
      expect(item.where).not.toBe('');
      expect(item.basis.length).toBeGreaterThan(0);
    }
  });

  it('comes household first, then members in input order', () => {
    const ranks = result.screening.items.map((item) => (item.memberId === null ? -1 : item.memberId === 'a' ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(ranks[0]).toBe(-1);
  });

  it('adds nothing to the totals', () => {
    const sum = result.benefits.reduce((acc, b) => acc.plus(b.annual), new Decimal(0));
    expect(result.totals.annual).toBe(sum.toFixed(2));
  });
});
