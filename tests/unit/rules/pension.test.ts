/**
 * 城乡居民养老保险代缴 (000 7、市人力资源和社会保障局 新增兜底保障政策; calc-contract.md): insured, not
 * receiving, aged 16–59 on asOf, 特困 (200, 本地默认) / 低保 / 返贫致贫 / 一、二级重度残疾 (100 each, 本地默认);
 * the most favourable group's amount, once.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, itemOf, person } from './cases';

const insured = { pension: { insured: true, receiving: false } };
const member = (birthDate: string, extra: Record<string, unknown> = {}) => person('p1', '参保人', birthDate, { ...insured, ...extra });

describe('代缴 amounts by group', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['低保', { status: 'dibao' }, {}, '100.00'],
    ['特困', {}, { status: 'tekun' }, '200.00'],
    ['返贫致贫', { status: 'returned_poverty' }, {}, '100.00'],
    ['一级重度残疾 in an ordinary household', {}, { disability: { grade: 1, kind: 'visual' } }, '100.00'],
  ])('%s: %s', (_name, householdFields, extra, amount) => {
    const benefit = benefitOf(compute(caseOf(householdFields, [member('1985-01-01', extra)])), 'pension.premiumSubsidy', 'p1');
    expect(benefit?.annual).toBe(amount);
    expect(clausesOf(benefit)).toContain('7、市人力资源和社会保障局 新增兜底保障政策');
  });
  it('特困 and 重度残疾 together: the most favourable (特困 200.00), once', () => {
    const result = compute(caseOf({ status: 'dibao' }, [member('1985-01-01', { status: 'tekun', disability: { grade: 2, kind: 'physical' } })]));
    expect(result.benefits.filter((b) => b.code === 'pension.premiumSubsidy')).toHaveLength(1);
    const benefit = benefitOf(result, 'pension.premiumSubsidy', 'p1');
    expect(benefit?.annual).toBe('200.00');
    expect(benefit?.steps).toContain('同时属于特困人员、低保对象、重度残疾人（一、二级），按就高原则代缴一次');
  });
  it('grade 3 is not 重度: nothing for an ordinary member', () => {
    expect(benefitOf(compute(caseOf({}, [member('1985-01-01', { disability: { grade: 3, kind: 'physical' } })])), 'pension.premiumSubsidy', 'p1')).toBeUndefined();
  });
  it('脱贫 and 监测 alone are not 代缴 groups', () => {
    expect(benefitOf(compute(caseOf({ status: 'alleviated' }, [member('1985-01-01')])), 'pension.premiumSubsidy', 'p1')).toBeUndefined();
    expect(benefitOf(compute(caseOf({ status: 'monitored' }, [member('1985-01-01')])), 'pension.premiumSubsidy', 'p1')).toBeUndefined();
  });
});

describe('age 16–59 on asOf (pension.minAge, pension.receivingAge)', () => {
  it.each<[string, string, boolean]>([
    ['16 on asOf', '2007-09-01', true],
    ['15 (16 tomorrow)', '2007-09-02', false],
    ['59 (60 tomorrow)', '1963-09-02', true],
    ['60 on asOf', '1963-09-01', false],
  ])('%s → %s', (_name, birthDate, expected) => {
    const result = compute(caseOf({ status: 'dibao' }, [member(birthDate)]));
    expect(benefitOf(result, 'pension.premiumSubsidy', 'p1') !== undefined).toBe(expected);
  });
});

describe('insured and not receiving', () => {
  it('a member already receiving gets nothing, and no hint', () => {
    const result = compute(caseOf({ status: 'dibao' }, [person('p1', '甲', '1970-01-01', { pension: { insured: true, receiving: true } })]));
    expect(benefitOf(result, 'pension.premiumSubsidy', 'p1')).toBeUndefined();
    expect(itemOf(result, 'pension.enroll', 'p1')).toBeUndefined();
  });
  it('an uninsured member of a group gets an enrolment item with the amount, not a benefit', () => {
    const result = compute(caseOf({ status: 'dibao' }, [person('p1', '甲', '1970-01-01', { pension: { insured: false, receiving: false } })]));
    expect(benefitOf(result, 'pension.premiumSubsidy', 'p1')).toBeUndefined();
    expect(itemOf(result, 'pension.enroll', 'p1')).toMatchObject({ action: 'apply', annual: '100.00' });
  });
  it('no enrolment item for a student (参保 excludes 在校学生)', () => {
    const result = compute(caseOf({ status: 'dibao' }, [person('p1', '学生', '2006-01-01', { student: { stage: 'senior' } })]));
    expect(itemOf(result, 'pension.enroll', 'p1')).toBeUndefined();
  });
});

describe('城乡居民基础养老金 (calc-contract.md "Added 2026-12"; 国发〔2014〕8号 六; national minimum by year, Henan top-up 0 待核实)', () => {
  const receiving = (asOf: string, pension: Record<string, unknown> = { insured: true, receiving: true }) =>
    benefitOf(compute(caseOf({}, [person('o', '老人', '1955-03-01', { pension })], asOf)), 'pension.basic', 'o');
  it.each<[string, string, string]>([
    ['2023-09-01', '103.00', '1236.00'],
    ['2024-09-01', '123.00', '1476.00'],
    ['2025-09-01', '143.00', '1716.00'],
    ['2026-12-01', '163.00', '1956.00'],
  ])('on %s: (minimum + 0) a month, × 12 a year', (asOf, monthly, annual) => {
    expect(receiving(asOf)).toMatchObject({ monthly, annual, delivery: 'cash', group: 'pension' });
  });
  it('2026: 163 + top-up 0 = 163.00 a month; the steps say both parts and what is not counted', () => {
    expect(receiving('2026-12-01')?.steps).toEqual([
      '已按月领取城乡居民养老保险待遇：基础养老金 = 全国最低标准 163 元/月（2026年1月1日起执行；待核实） + 河南省提高部分 0 元/月（待核实） = 163.00 元/月',
      '个人账户养老金按本人缴费积累计发，未计入',
      '全年 163.00 元 × 12 = 1,956.00 元',
    ]);
  });
  it('a county top-up set in params adds to it: 163 + 20 = 183.00, 2196.00 a year', () => {
    const result = compute(caseOf({}, [person('o', '老人', '1955-03-01', { pension: { receiving: true } })], '2026-12-01', { params: { 'pension.basicTopUp': 20 } }));
    expect(benefitOf(result, 'pension.basic', 'o')).toMatchObject({ monthly: '183.00', annual: '2196.00' });
  });
  it('an absent `insured` or `receiving` means false (calc-contract.md "Input"): receiving without insured is accepted', () => {
    expect(receiving('2026-12-01', { receiving: true })?.annual).toBe('1956.00');
    expect(receiving('2026-12-01', { insured: true })).toBeUndefined();
    expect(receiving('2026-12-01', {})).toBeUndefined();
  });
  it('a member who receives it is not also 代缴: 特困 aged 62, receiving', () => {
    const result = compute(caseOf({}, [person('o', '老人', '1964-01-01', { status: 'tekun', pension: { insured: true, receiving: true } })], '2026-06-01'));
    expect(result.benefits.map((b) => b.code).filter((c) => c.startsWith('pension'))).toEqual(['pension.basic']);
  });
  it('before 2023 the pack has no national minimum: the rule says it could not be computed, naming the value', () => {
    const result = compute(caseOf({}, [person('o', '老人', '1955-03-01', { pension: { insured: true, receiving: true } })], '2022-06-01'));
    expect(benefitOf(result, 'pension.basic', 'o')).toBeUndefined();
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ kind: 'notComputed', key: 'pension.basicMinimum', message: '「城乡居民基础养老金」未能测算：2022-06-01 没有「城乡居民基础养老金全国最低标准」的适用数值，请在政策参数页补充' }),
    );
  });
});
