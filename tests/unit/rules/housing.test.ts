/**
 * 农村危房改造 (002 第二部分 三、住房安全（二）2.–3.): six target groups; C → 维修加固 ≤ 18000; D / 无房 → 拆除重建
 * 或新建 ≤ 50000, the estimate when lower; minimum area 1人 20, 2人 30, 3人 40, more: persons × 13 ㎡.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, itemOf, person } from './cases';

const people = (n: number) => Array.from({ length: n }, (_, i) => person(`h${i + 1}`, `成员${i + 1}`, '1970-01-01'));
const renovation = (householdFields: Record<string, unknown>, size = 2) => benefitOf(compute(caseOf(householdFields, people(size))), 'housing.renovation');

describe('C vs D', () => {
  it('C: 维修加固 capped at 18000.00, no minimum area', () => {
    const benefit = renovation({ status: 'dibao', housing: { rating: 'C' } });
    expect(benefit).toMatchObject({ annual: '18000.00', minArea: null, memberId: null, monthly: null });
    expect(clausesOf(benefit)).toEqual(expect.arrayContaining(['第二部分 三、住房安全（二）2.', '第二部分 三、住房安全（二）3.④']));
  });
  it('D: 拆除重建 capped at 50000.00 with the minimum area', () => {
    expect(renovation({ status: 'dibao', housing: { rating: 'D' } }, 2)).toMatchObject({ annual: '50000.00', minArea: '30' });
  });
  it('无房户: 新建 like D', () => {
    expect(renovation({ status: 'tekun', housing: { rating: 'none' } }, 1)).toMatchObject({ annual: '50000.00', minArea: '20' });
  });
  it('A and B get nothing', () => {
    expect(renovation({ status: 'dibao', housing: { rating: 'A' } })).toBeUndefined();
    expect(renovation({ status: 'dibao', housing: { rating: 'B' } })).toBeUndefined();
  });
});

describe('estimated cost (the amount is the estimate when lower than the cap)', () => {
  it.each<[string, string, number, string]>([
    ['D with 42000 < 50000', 'D', 42000, '42000.00'],
    ['D with 60000 > 50000', 'D', 60000, '50000.00'],
    ['C with 12000.50 < 18000', 'C', 12000.5, '12000.50'],
    ['C exactly at the cap', 'C', 18000, '18000.00'],
  ])('%s → %s', (_name, rating, estimatedCost, amount) => {
    expect(renovation({ status: 'monitored', housing: { rating, estimatedCost } })?.annual).toBe(amount);
  });
});

describe('minimum building area for rebuilds (3.③)', () => {
  it.each<[number, string]>([
    [1, '20'],
    [2, '30'],
    [3, '40'],
    [4, '52'],
    [6, '78'],
  ])('%i persons: %s ㎡', (size, area) => {
    expect(renovation({ status: 'dibao_edge', housing: { rating: 'D' } }, size)?.minArea).toBe(area);
  });
});

describe('the six target groups (2.)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['易返贫致贫户 (monitored)', { status: 'monitored' }],
    ['易返贫致贫户 (returned_poverty)', { status: 'returned_poverty' }],
    ['低保户', { status: 'dibao' }],
    ['分散供养特困', { status: 'tekun' }],
    ['严重困难户 (illness_poverty)', { status: 'illness_poverty' }],
    ['低保边缘家庭', { status: 'dibao_edge' }],
    ['脱贫户 never aided', { status: 'alleviated', housing: { rating: 'C', priorHousingAid: false } }],
  ])('%s qualifies', (_name, fields) => {
    expect(renovation({ housing: { rating: 'C' }, ...fields })?.annual).toBe('18000.00');
  });
  it('a 脱贫户 already aided, an ordinary household and an urban household do not', () => {
    expect(renovation({ status: 'alleviated', housing: { rating: 'C', priorHousingAid: true } })).toBeUndefined();
    expect(renovation({ status: 'ordinary', housing: { rating: 'D' } })).toBeUndefined();
    expect(renovation({ area: 'urban', status: 'dibao', housing: { rating: 'D' } })).toBeUndefined();
  });
  it('a rural target household with no rating gets a 房屋安全鉴定 item', () => {
    const result = compute(caseOf({ status: 'dibao' }, people(2)));
    expect(itemOf(result, 'housing.safetyAssessment')).toMatchObject({ action: 'assess', annual: null });
    expect(itemOf(compute(caseOf({ status: 'ordinary' }, people(2))), 'housing.safetyAssessment')).toBeUndefined();
  });
});
