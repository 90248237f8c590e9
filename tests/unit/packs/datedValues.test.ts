/**
 * Dated values (asOf picks the value in force), overrides, and the warnings about carried-over and
 * unverified values.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { loadPack, valueAt } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';
import { compute, household, pack } from '../../support/calc';

const param = (key: string) => pack.parameters.get(key)!;

describe('valueAt: the value in force on a date', () => {
  it.each([
    ['2022-12-31', '26811'],
    ['2023-01-01', '28222'],
    ['2023-12-31', '28222'],
    ['2024-01-01', '29933'],
    ['2026-11-23', '31552'],
  ])('上年度居民人均可支配收入 on %s is %s', (date, expected) => {
    expect(valueAt(param('medical.prevYearDisposableIncome'), date)?.quantity?.text).toBe(expected);
  });
  it('college grant 3300 until 2024-08-31, 3700 from the 2024 autumn term (财教〔2024〕181号)', () => {
    expect(valueAt(param('education.higher.grant.college'), '2024-08-31')?.quantity?.text).toBe('3300');
    expect(valueAt(param('education.higher.grant.college'), '2024-09-01')?.quantity?.text).toBe('3700');
  });
  it('senior grant 2000 until 2025-02-28, 2300 from the 2025 spring term', () => {
    expect(valueAt(param('education.senior.grant'), '2025-02-28')?.quantity?.text).toBe('2000');
    expect(valueAt(param('education.senior.grant'), '2025-03-01')?.quantity?.text).toBe('2300');
  });
  it('undefined before the first value (the monitoring line starts in 2023)', () => {
    expect(valueAt(param('monitoring.incomeLine'), '2022-12-31')).toBeUndefined();
  });
  it('a null value means "not in force": 低保边缘 premium subsidy only in 2023', () => {
    expect(valueAt(param('medical.premium.fixedSubsidy.dibao_edge'), '2022-06-01')?.quantity).toBeNull();
    expect(valueAt(param('medical.premium.fixedSubsidy.dibao_edge'), '2023-06-01')?.quantity?.text).toBe('350');
    expect(valueAt(param('medical.premium.fixedSubsidy.dibao_edge'), '2024-06-01')?.quantity).toBeNull();
  });
  it('holds 1/3 and 1/6 as exact fractions', () => {
    const full = valueAt(param('tekun.careFraction.full'), '2024-01-01')?.quantity;
    expect(full && [full.num.toString(), full.den.toString()]).toEqual(['1', '3']);
  });
});

describe('warnings about the values used', () => {
  it('says which yearly values are carried over from an earlier year', () => {
    const result = compute({ ...household('dibao', { medical: { inpatient: [{ total: 1000, policyScope: 1000, level: 'county' }] } }), asOf: '2026-03-01' });
    const carried = result.warnings.find((w) => w.message.startsWith('以下参数尚未录入2026年的数值'));
    expect(carried?.message).toContain('上年度居民人均可支配收入（统筹地区）（2025年）');
    expect(carried?.message).toContain('城乡居民医保个人缴费标准（2025年）');
  });
  it('does not flag a value of the same year', () => {
    const result = compute({ ...household('dibao', { medical: { inpatient: [{ total: 1000, policyScope: 1000, level: 'county' }] } }), asOf: '2025-03-01' });
    const carried = result.warnings.find((w) => w.message.startsWith('以下参数尚未录入'));
    expect(carried?.message ?? '').not.toContain('上年度居民人均可支配收入');
  });
  it('counts the unverified local defaults the result rests on', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [{ total: 1000, policyScope: 1000, level: 'county' }] } }));
    expect(result.warnings.some((w) => /用到 \d+ 项标注“待核实”的本地默认参数/.test(w.message))).toBe(true);
  });
  it('an override of a yearly value is not called carried over', () => {
    const result = compute({ ...household('dibao', { medical: { inpatient: [{ total: 1000, policyScope: 1000, level: 'county' }] } }), asOf: '2026-03-01', params: { 'medical.prevYearDisposableIncome': 33000 } });
    const carried = result.warnings.find((w) => w.message.startsWith('以下参数尚未录入'));
    expect(carried?.message ?? '').not.toContain('上年度居民人均可支配收入');
  });
});

describe('loadPack refuses a bad pack and says why', () => {
  const clone = (): RawPack => JSON.parse(JSON.stringify(SHIPPED_PACKS[0])) as RawPack;
  const errors = (raw: unknown) => {
    const loaded = loadPack(raw);
    return loaded.ok ? [] : loaded.errors;
  };
  it('a missing contract key', () => {
    const raw = clone();
    delete (raw.parameters as Record<string, unknown>)['dibao.edgeFactor'];
    expect(errors(raw)).toContainEqual({ message: '参数包缺少必需的参数「dibao.edgeFactor」', path: 'parameters.dibao.edgeFactor' });
  });
  it('a value that is not a number', () => {
    const raw = clone();
    raw.parameters['dibao.edgeFactor']!.values[0]!.value = '一点五';
    expect(errors(raw)[0]?.path).toBe('parameters.dibao.edgeFactor.values[0].value');
  });
  it('a ratio written as a percentage', () => {
    const raw = clone();
    raw.parameters['medical.critical.rate']!.values[0]!.value = '60';
    expect(errors(raw)[0]?.message).toBe('参数「大病保险政策范围内支付比例」的数值 "60" 有误：比例应在 0 到 1 之间（70% 请填 0.70）');
  });
  it('a citation of a document that is not listed', () => {
    const raw = clone();
    raw.parameters['minimumWage']!.values[0]!.doc = 'nowhere';
    expect(errors(raw)[0]).toEqual({ message: '参数「当地最低工资标准（月）」引用的文件「nowhere」不在文件清单中', path: 'parameters.minimumWage.values[0].doc' });
  });
  it('dated values out of order', () => {
    const raw = clone();
    raw.parameters['minimumWage']!.values.reverse();
    expect(errors(raw)[0]?.message).toBe('参数「当地最低工资标准（月）」的各期数值应按生效日期从早到晚排列且日期不重复');
  });
  it('a value dated before the pack starts', () => {
    const raw = clone();
    raw.parameters['minimumWage']!.values[0]!.from = '2020-01-01';
    expect(errors(raw)[0]?.path).toBe('parameters.minimumWage.values[0].from');
  });
  it('a malformed file', () => {
    expect(errors({ id: 'x' })[0]?.message).toMatch(/^参数包格式有误：/);
  });
});
