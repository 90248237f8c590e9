/**
 * The command line on the 2025–2026 policy (issue 13 "Done when"): households built from the contract's
 * examples get each new code with `basis` naming the document and the clause; the four ways money
 * reaches the family add up to the year; a December 2026 case shows 163 元 基础养老金, the 2025-12 minimum
 * wage tier in 特困 care, Henan's banded 大病保险, and lists every carried-over or 待核实 value; --params
 * shows bands and the tier readably; bands can be set as JSON text, and a bad one is refused in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../shared/money';
import type { BenefitResult, CalcResult } from '../../shared/result/types';
import { pack } from '../support/calc';
import { runCli } from '../support/cliRun';

const run = (argv: string[], files: Record<string, string> = {}) => runCli(argv, { files, today: '2026-12-01' });

async function calc(input: unknown, sets: string[] = []): Promise<CalcResult> {
  const { code, stdout, stderr } = await run(['case.json', ...sets.flatMap((set) => ['--set', set])], { 'case.json': JSON.stringify(input) });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as CalcResult;
}

const find = (result: CalcResult, code: string, memberId: string | null) => result.benefits.find((b) => b.code === code && b.memberId === memberId) as BenefitResult;

/** A December 2026 rural 特困 household: a grandmother receiving the pension (全护理), a 2023-12 and a 2026-03 baby, a 大班 child, a stay in hospital. */
const december2026 = {
  asOf: '2026-12-01',
  household: { area: 'rural', status: 'tekun' },
  members: [
    { id: 'g', name: '王奶奶', birthDate: '1950-02-01', tekunCare: 'full', pension: { receiving: true }, medical: { inpatient: [{ total: 140000, policyScope: 140000, basicPaid: 20000 }] } },
    { id: 'b1', name: '大宝', birthDate: '2023-12-05' },
    { id: 'b2', name: '二宝', birthDate: '2026-03-18' },
    { id: 'k', name: '小红', birthDate: '2020-10-01', student: { stage: 'preschool', kindergartenYear: 3 } },
  ],
};

describe('calc on a December 2026 household', () => {
  it('computes each new code with its document and clause', async () => {
    const result = await calc(december2026);
    expect(find(result, 'pension.basic', 'g')).toMatchObject({ monthly: '163.00', annual: '1956.00', delivery: 'cash' });
    expect(find(result, 'childcare.subsidy', 'b1')).toMatchObject({ annual: '3600.00', delivery: 'cash' });
    expect(find(result, 'childcare.subsidy', 'b2')).toMatchObject({ annual: '2700.00', delivery: 'cash' });
    expect(find(result, 'education.preschool.freeYear', 'k')).toMatchObject({ annual: '600.00', delivery: 'waiver' });
    for (const [code, doc, clause] of [
      ['pension.basic', '政府工作报告（2026年）', '城乡居民基础养老金最低标准'],
      ['childcare.subsidy', '育儿补贴制度实施方案', '补贴对象和标准'],
      ['education.preschool.freeYear', '国办发〔2025〕27号《国务院办公厅关于逐步推行免费学前教育的意见》', '免除公办幼儿园学前一年保育教育费'],
    ] as const) {
      const benefit = result.benefits.find((b) => b.code === code) as BenefitResult;
      expect(benefit.basis).toContainEqual(expect.objectContaining({ doc, clause }));
    }
  });

  it('特困 care follows the 2025-12 minimum wage of the tier: 2150 × 1/3 = 716.67 a month, 8600.00 a year', async () => {
    const care = find(await calc(december2026), 'tekun.care', 'g');
    expect(care).toMatchObject({ monthly: '716.67', annual: '8600.00' });
    expect(care.basis).toContainEqual(expect.objectContaining({ param: 'minimumWage.tier2', clause: '各类行政区域月最低工资标准' }));
  });

  it('大病保险 is Henan\'s banded one, tilted for 特困: (100000 − 5500) × 65% + (120000 − 100000) × 75% = 61425 + 15000 = 76425.00', async () => {
    const result = await calc(december2026);
    expect(result.medical.g?.critical).toBe('76425.00');
    expect(find(result, 'medical.critical', 'g').steps).toContain(
      '住院第1笔：基本医保后政策范围内自付 120,000.00 元（全年累计 0.00 元 → 120,000.00 元），超过起付线的部分分段支付：10万元以下部分 94,500.00 元 × 65% = 61,425.00 元；10万元以上部分 20,000.00 元 × 75% = 15,000.00 元；合计 76,425.00 元',
    );
  });

  it('splits the year by how it reaches the family, and the four add up to the year', async () => {
    const { totals } = await calc(december2026);
    expect(new Decimal(totals.cash).plus(totals.settlement).plus(totals.waiver).plus(totals.oneOff).toFixed(2)).toBe(totals.annual);
    // settlement: 基本医保 20000 (slip) + 大病保险 76425 + 医疗救助 (120000 − 76425 = 43575 × 90% = 39217.50 → limit 30000)
    expect(totals.settlement).toBe('126425.00');
  });

  it('lists every carried-over or 待核实 value it used, by key', async () => {
    const { warnings } = await calc(december2026);
    const carried = warnings.filter((w) => w.kind === 'carriedOver').map((w) => w.key);
    const unverified = warnings.filter((w) => w.kind === 'unverified').map((w) => w.key);
    // 2026 values not found: the 2021 低保 standard behind 特困 基本生活, 2025's income figure
    expect(carried).toEqual(expect.arrayContaining(['dibao.standard.rural', 'medical.prevYearDisposableIncome', 'tekun.basicMinimumRural']));
    expect(unverified).toEqual(
      expect.arrayContaining(['pension.basicMinimum', 'pension.basicTopUp', 'minimumWage.tier', 'minimumWage.tier2', 'childcare.monthly', 'education.preschool.publicFee', 'medical.critical.threshold', 'medical.critical.bands', 'medical.premium.individual']),
    );
    for (const warning of warnings.filter((w) => w.kind === 'carriedOver' || w.kind === 'unverified')) {
      expect(warning.path).toBe(`params.${warning.key}`);
      expect(warning.label).toBe(pack.parameters.get(warning.key as string)?.label);
    }
  });
});

describe('--params and --set for bands and the tier', () => {
  it('--params shows the bands and the tier readably, and marks carried-over values', async () => {
    const { stdout } = await run(['--params', '--as-of', '2026-12-01']);
    const byKey = new Map((JSON.parse(stdout).parameters as { key: string }[]).map((p) => [p.key, p]));
    expect(byKey.get('medical.critical.bands')).toMatchObject({ value: [{ from: '0', rate: '0.6' }, { from: '100000', rate: '0.7' }], display: '10万元以下部分 60%，10万元以上部分 70%', from: '2022-01-01' });
    expect(byKey.get('minimumWage')).toMatchObject({ value: '2150', display: '2,150 元/月', tieredBy: 'minimumWage.tier', detail: '第2档', from: '2025-12-01' });
    expect(byKey.get('dibao.standard.rural')).toMatchObject({ carriedOver: true, from: '2021-01-01' });
    expect(JSON.parse(stdout).policy.reviewedThrough).toBe('2026-12-01');
  });
  it('--set of the tier moves the minimum wage: tier 1 on 2026-12-01 is 2350', async () => {
    const { stdout } = await run(['--params', '--as-of', '2026-12-01', '--set', 'minimumWage.tier=1']);
    expect((JSON.parse(stdout).parameters as { key: string }[]).find((p) => p.key === 'minimumWage')).toMatchObject({ value: '2350', detail: '第1档' });
  });
  it('--set bands as JSON text: the FAQ\'s three bands with 12000 pay 93800.00 on 150000', async () => {
    const input = { asOf: '2026-06-01', household: { area: 'rural', status: 'ordinary' }, members: [{ id: 'm', name: '李四', birthDate: '1970-01-01', medical: { inpatient: [{ total: 170000, policyScope: 170000, basicPaid: 20000 }] } }] };
    const result = await calc(input, ['medical.critical.threshold=12000', 'medical.critical.bands=[{"from":0,"rate":0.6},{"from":30000,"rate":0.65},{"from":100000,"rate":0.75}]']);
    expect(result.medical.m?.critical).toBe('93800.00');
  });
  it('a bad bands value is refused in Chinese with its path, exit 2', async () => {
    const { code, stderr } = await run(['case.json', '--set', 'medical.critical.bands=60%'], { 'case.json': JSON.stringify(december2026) });
    expect(code).toBe(2);
    expect(JSON.parse(stderr).error).toEqual({
      message: '临时参数「medical.critical.bands」（大病保险分段支付比例）：应为分段清单的 JSON 文本，如 [{"from":0,"rate":0.6},{"from":100000,"rate":0.7}]',
      path: 'params.medical.critical.bands',
    });
  });
});
