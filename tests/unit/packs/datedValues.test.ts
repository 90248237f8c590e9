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

describe('warnings: each value carried over or 待核实, by key (handouts.md "Caveats where they are seen")', () => {
  const bill = { medical: { inpatient: [{ total: 1000, policyScope: 1000, level: 'county' }] } };
  const ofKind = (result: ReturnType<typeof compute>, kind: string) => result.warnings.filter((w) => w.kind === kind);

  it('lists each yearly value used in a later year than its own, with key, label, value and year', () => {
    const result = compute({ ...household('dibao', bill), asOf: '2026-03-01' });
    const carried = ofKind(result, 'carriedOver');
    // 2026 has no 上年度居民人均可支配收入 of its own (the 2024 figure, dated 2025) nor a 2026 低保 standard (2021)
    expect(carried).toContainEqual({
      message: '上年度居民人均可支配收入（统筹地区）：尚无2026年的标准，沿用2025年的 31,552 元/年（沿用往年），请向县级主管部门核实',
      path: 'params.medical.prevYearDisposableIncome',
      kind: 'carriedOver',
      key: 'medical.prevYearDisposableIncome',
      label: '上年度居民人均可支配收入（统筹地区）',
      value: '31,552 元/年',
      year: 2025,
    });
    expect(carried.map((w) => w.key)).toContain('dibao.standard.rural');
    // the 2026 premium is dated 2026 (待核实, but not carried over)
    expect(carried.map((w) => w.key)).not.toContain('medical.premium.individual');
  });
  it('does not flag a value of the same year', () => {
    const result = compute({ ...household('dibao', bill), asOf: '2025-03-01' });
    expect(ofKind(result, 'carriedOver').map((w) => w.key)).not.toContain('medical.prevYearDisposableIncome');
  });
  it('lists each 待核实 value used, naming its source', () => {
    const result = compute(household('ordinary', bill));
    const unverified = ofKind(result, 'unverified');
    expect(unverified).toContainEqual({
      message: '基本医保住院起付线（县级医疗机构） 500 元：本地默认值（待核实），以各部门正式核定为准',
      path: 'params.medical.basic.inpatient.deductible.county',
      kind: 'unverified',
      key: 'medical.basic.inpatient.deductible.county',
      label: '基本医保住院起付线（县级医疗机构）',
      value: '500 元',
    });
    // the provincial 70% is verified against the shipped text only as a county-wide level: 待核实 as a county rate
    expect(unverified.map((w) => w.key)).toContain('medical.basic.inpatient.rate.county');
    // a value read from a shipped text is not listed
    expect(unverified.map((w) => w.key)).not.toContain('medical.critical.tiltThresholdFactor');
  });
  it('an override is neither carried over nor 待核实', () => {
    const result = compute({ ...household('dibao', bill), asOf: '2026-03-01', params: { 'medical.prevYearDisposableIncome': 33000, 'medical.basic.inpatient.deductible.county': 600 } });
    expect(result.warnings.map((w) => w.key)).not.toContain('medical.prevYearDisposableIncome');
    expect(result.warnings.map((w) => w.key)).not.toContain('medical.basic.inpatient.deductible.county');
  });
  it('says when the date is after the pack was last reviewed (reviewedThrough 2026-12-01)', () => {
    const late = compute({ ...household('ordinary'), asOf: '2026-12-15' });
    expect(ofKind(late, 'reviewedThrough')).toEqual([
      { message: '测算日期 2026年12月15日 晚于政策参数包的核对日期 2026年12月1日：此后调整的标准未包含在内，请向县级主管部门核实', path: 'asOf', kind: 'reviewedThrough' },
    ]);
    expect(ofKind(compute({ ...household('ordinary'), asOf: '2026-12-01' }), 'reviewedThrough')).toEqual([]);
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
  it('a citation of a clause that is not in the clauses file', () => {
    const raw = clone();
    raw.parameters['minimumWage.tier2']!.values[0]!.cite = 'nowhere';
    expect(errors(raw)[0]).toEqual({ message: '参数「河南省月最低工资标准（二类行政区域）」引用的条款「nowhere」不在条款清单中', path: 'parameters.minimumWage.tier2.values[0]' });
  });
  it('a clause of a document that is not listed', () => {
    const raw = clone();
    raw.clauses!['wage2021']!.doc = 'nowhere';
    expect(errors(raw)).toContainEqual({ message: '条款「各类行政区域月最低工资标准」引用的文件「nowhere」不在文件清单中', path: 'clauses.wage2021.doc' });
  });
  it('a clause id together with a clause written in place (the text would be stored twice)', () => {
    const raw = clone();
    raw.parameters['minimumWage.tier2']!.values[0]!.quote = '原文';
    expect(errors(raw)[0]?.message).toBe('参数「河南省月最低工资标准（二类行政区域）」引用了条款编号时不能再写文件、条款或原文（它们在条款清单中只写一次）');
  });
  it('a value with no citation at all', () => {
    const raw = clone();
    delete raw.parameters['minimumWage.tier2']!.values[0]!.cite;
    expect(errors(raw)[0]?.message).toBe('参数「河南省月最低工资标准（二类行政区域）」应注明依据：条款编号，或文件和条款');
  });
  it('dated values out of order', () => {
    const raw = clone();
    raw.parameters['minimumWage.tier2']!.values.reverse();
    expect(errors(raw)[0]?.message).toBe('参数「河南省月最低工资标准（二类行政区域）」的各期数值应按生效日期从早到晚排列且日期不重复');
  });
  it('a value dated before the pack starts', () => {
    const raw = clone();
    raw.parameters['minimumWage.tier2']!.values[0]!.from = '2020-01-01';
    expect(errors(raw)[0]?.path).toBe('parameters.minimumWage.tier2.values[0].from');
  });
  it('bands out of order, and a band rate written as a percentage', () => {
    const raw = clone();
    raw.parameters['medical.critical.bands']!.values[0]!.value = [{ from: '100000', rate: '0.7' }, { from: '0', rate: '0.6' }];
    expect(errors(raw)[0]?.message).toBe('参数「大病保险分段支付比例」的数值 [{"from":"100000","rate":"0.7"},{"from":"0","rate":"0.6"}] 有误：各段起点金额应从小到大排列（第2段的 0 不大于前一段的 100000）');
    raw.parameters['medical.critical.bands']!.values[0]!.value = [{ from: '0', rate: '60' }];
    expect(errors(raw)[0]?.message).toContain('第1段的比例应在 0 到 1 之间（60% 请填 0.6）');
  });
  it('a tier the pack has no values for gives no minimum wage (the rules then say it is missing)', () => {
    const raw = clone();
    raw.parameters['minimumWage.tier']!.values[0]!.value = '4';
    const loaded = loadPack(raw);
    expect(loaded.ok && loaded.value.parameters.get('minimumWage')?.values).toEqual([]);
  });
  it('a malformed file', () => {
    expect(errors({ id: 'x' })[0]?.message).toMatch(/^参数包格式有误：/);
  });
});

describe('minimumWage by tier (calc-contract.md "Added 2026-12")', () => {
  const wage = (asOf: string, params?: Record<string, unknown>) => {
    const result = compute({ ...household('tekun', { tekunCare: 'full' }), asOf, ...(params ? { params } : {}) });
    return result.benefits.find((b) => b.code === 'tekun.care')?.monthly;
  };
  it.each([
    // 全护理 = 1/3 of the tier-2 wage: 1700 (2018 notice) · 1800 (豫政〔2021〕33号) · 2000 (豫政〔2023〕43号) · 2150 (2025-12-01)
    ['2021-06-01', '566.67'],
    ['2023-06-01', '600.00'],
    ['2025-11-30', '666.67'],
    ['2025-12-01', '716.67'],
  ])('on %s the tier-2 wage gives 全护理 %s a month', (asOf, monthly) => {
    expect(wage(asOf)).toBe(monthly);
  });
  it('the tier is a local setting: tier 1 on 2025-12-01 is 2350, 1/3 = 783.33', () => {
    expect(wage('2025-12-01', { 'minimumWage.tier': 1 })).toBe('783.33');
  });
  it('--set minimumWage= still overrides the result whatever the tier: 1900 × 1/3 = 633.33', () => {
    expect(wage('2025-12-01', { minimumWage: 1900, 'minimumWage.tier': 1 })).toBe('633.33');
  });
  it('the tier and the tier value used are each listed as 待核实', () => {
    const result = compute({ ...household('tekun', { tekunCare: 'full' }), asOf: '2026-06-01' });
    const keys = result.warnings.filter((w) => w.kind === 'unverified').map((w) => w.key);
    expect(keys).toEqual(expect.arrayContaining(['minimumWage.tier', 'minimumWage.tier2']));
    expect(keys).not.toContain('minimumWage');
  });
});
