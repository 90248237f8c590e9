/**
 * 育儿补贴 (中共中央办公厅 国务院办公厅《育儿补贴制度实施方案》, 2025: 现阶段国家基础标准为每孩每年3600元,
 * to the age of 3; children born before 2025-01-01 get their remaining months, 按应补贴月数折算计发), with the
 * months rule of calc-contract.md "Added 2026-12": from the month after the birth month through the month
 * of the 3rd birthday (36 months), none before 2025-01; 300 元 a month. The contract's worked examples:
 *   born 2023-12 → 2024-01 … 2026-12: 12 months in 2025, 12 in 2026 (the official 24 months, 7,200 元)
 *   born 2026-03 → 2026-04 … 2029-03: 9 months in 2026, 2,700 元
 *   born 2023-06 → 2023-07 … 2026-06: 6 months in 2026, 1,800 元
 */
import { describe, expect, it } from 'vitest';
import { childcareMonths } from '../../../shared/rules/childcare/subsidy';
import { benefitOf, caseOf, compute, person } from './cases';

const parent = person('p', '母亲', '1995-04-10');
const baby = (birthDate: string) => person('c', '宝宝', birthDate, { relation: 'child' });
const subsidy = (birthDate: string, asOf: string) => benefitOf(compute(caseOf({}, [parent, baby(birthDate)], asOf)), 'childcare.subsidy', 'c');

describe('the contract\'s examples', () => {
  it('born 2023-12: 12 months in 2025 (3600.00) and 12 in 2026 (3600.00): the official 24 months, 7,200 元', () => {
    expect(subsidy('2023-12-05', '2025-06-30')?.annual).toBe('3600.00');
    expect(subsidy('2023-12-05', '2026-12-01')?.annual).toBe('3600.00');
    expect(subsidy('2023-12-05', '2027-01-15')).toBeUndefined();
  });
  it('born 2026-03: 9 months in 2026 (2026-04 … 2026-12): 9 × 300 = 2700.00, with the unverified reading said', () => {
    const benefit = subsidy('2026-03-18', '2026-12-01');
    expect(benefit).toMatchObject({ annual: '2700.00', monthly: null, delivery: 'cash', group: 'childcare', label: '育儿补贴' });
    expect(benefit?.steps).toEqual([
      '宝宝（2026年3月出生）：补贴月份自出生次月（2026年4月）起至满3周岁当月（2029年3月）止，育儿补贴自2025年1月起发放',
      '2026年可享受 2026年4月至2026年12月，共 9 个月',
      '9 个月 × 每月 300 元/月（2025年1月1日起执行；待核实） = 2,700.00 元',
      '2025年以后出生的婴幼儿按出生次月起计算补贴月份，公开材料未见明文规定，此计算方法待核实',
    ]);
    expect(benefit?.basis[0]).toMatchObject({ doc: '育儿补贴制度实施方案', clause: '补贴对象和标准', verified: false });
  });
  it('born 2023-06: 6 months in 2026 (2026-01 … 2026-06, the month of the 3rd birthday): 1800.00', () => {
    const benefit = subsidy('2023-06-20', '2026-12-01');
    expect(benefit?.annual).toBe('1800.00');
    expect(benefit?.steps).toContain('2026年可享受 2026年1月至2026年6月，共 6 个月');
    // born before 2025: the official example's reading, no caveat
    expect(benefit?.steps.some((step) => step.includes('待核实，') || step.endsWith('此计算方法待核实'))).toBe(false);
  });
});

describe('the months rule', () => {
  it.each<[string, number, number]>([
    ['2022-01-01', 2025, 1], // 2022-02 … 2025-01
    ['2021-12-31', 2025, 0], // 2022-01 … 2024-12: all before the subsidy began
    ['2024-02-29', 2025, 12],
    ['2025-01-10', 2025, 11], // 2025-02 … 2025-12
    ['2025-12-31', 2025, 0], // its first month is 2026-01
    ['2025-12-31', 2028, 12], // 2028-01 … 2028-12 (3rd birthday 2028-12)
  ])('born %s: %i months in %i', (birthDate, year, count) => {
    expect(childcareMonths(birthDate, year, 3, '2025-01-01').count).toBe(count);
  });
  it('is computed for the year of asOf whatever the month: 2025-01-01 and 2025-12-31 give the same 12 months for a 2024 baby', () => {
    expect(subsidy('2024-05-01', '2025-01-01')?.annual).toBe('3600.00');
    expect(subsidy('2024-05-01', '2025-12-31')?.annual).toBe('3600.00');
  });
  it('nothing before 2025 (the subsidy did not exist), and no warning about it', () => {
    const result = compute(caseOf({}, [parent, baby('2023-12-05')], '2024-06-30'));
    expect(benefitOf(result, 'childcare.subsidy', 'c')).toBeUndefined();
    expect(result.warnings.filter((w) => w.kind === 'notComputed')).toEqual([]);
  });
  it('each child counts: twins born 2025-07 get 5 months each in 2025 (2 × 1500.00)', () => {
    const result = compute(caseOf({}, [parent, person('c1', '大宝', '2025-07-08'), person('c2', '二宝', '2025-07-08')], '2025-10-01'));
    expect(result.benefits.filter((b) => b.code === 'childcare.subsidy').map((b) => [b.memberId, b.annual])).toEqual([
      ['c1', '1500.00'],
      ['c2', '1500.00'],
    ]);
  });
  it('an older child or an adult gets nothing', () => {
    const result = compute(caseOf({}, [parent, person('k', '哥哥', '2020-03-01')], '2026-06-30'));
    expect(result.benefits.map((b) => b.code)).not.toContain('childcare.subsidy');
  });
});

describe('not counted as income for 低保 (方案: 在认定低保、特困等救助对象时不计入家庭或个人收入)', () => {
  it('a 低保 household with a baby: the 补差 is the same with or without the baby\'s subsidy, and the subsidy is cash', () => {
    // 家庭月收入 900 ÷ 3 = 300 a head, the subsidy not added: (440 − 300) × 3 = 420.00 a month, 5040.00 a year
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 900 }, [parent, person('f', '父亲', '1994-01-01'), baby('2025-05-20')], '2025-09-01'));
    expect(benefitOf(result, 'dibao.allowance')?.annual).toBe('5040.00');
    // 2025-06 … 2025-12: 7 × 300 = 2100.00
    expect(benefitOf(result, 'childcare.subsidy', 'c')?.annual).toBe('2100.00');
    expect(result.totals.cash).toBe('7140.00');
  });
});
