/**
 * 电费减免 (000 18、国网南阳供电公司): 10 度/月 per 低保户 or 分散供养特困（五保）户, at the first-tier tariff
 * 0.56 元/千瓦时 (本地默认, 待核实): 10 × 0.56 = 5.60/月, 67.20/年.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, person } from './cases';

const two = (extra: Record<string, unknown> = {}) => [person('a', '甲', '1970-01-01', extra), person('b', '乙', '1972-01-01')];

describe('低保/特困户电费减免', () => {
  it('a 低保 household: 10 × 0.56 = 5.60/月, 67.20/年, for the household', () => {
    const benefit = benefitOf(compute(caseOf({ status: 'dibao' }, two())), 'utility.electricity');
    expect(benefit).toMatchObject({ memberId: null, monthly: '5.60', annual: '67.20' });
    expect(clausesOf(benefit)).toContain('18、国网南阳供电公司');
  });
  it('a household with a 特困 member', () => {
    expect(benefitOf(compute(caseOf({}, two({ status: 'tekun' }))), 'utility.electricity')?.annual).toBe('67.20');
  });
  it('once per household even with both 身份', () => {
    const result = compute(caseOf({ status: 'dibao' }, two({ status: 'tekun' })));
    expect(result.benefits.filter((b) => b.code === 'utility.electricity')).toHaveLength(1);
  });
  it('not for 低保边缘 or 监测 households', () => {
    expect(benefitOf(compute(caseOf({ status: 'dibao_edge' }, two())), 'utility.electricity')).toBeUndefined();
    expect(benefitOf(compute(caseOf({ status: 'monitored' }, two())), 'utility.electricity')).toBeUndefined();
  });
  it('a price override (0.60) is used: 6.00/月, 72.00/年', () => {
    const result = compute(caseOf({ status: 'dibao' }, two(), '2023-09-01', { params: { 'utility.electricity.price': '0.60' } }));
    expect(benefitOf(result, 'utility.electricity')).toMatchObject({ monthly: '6.00', annual: '72.00' });
  });
});
