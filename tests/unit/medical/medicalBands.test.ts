/**
 * 大病保险 by bands with a fixed threshold (calc-contract.md, medical chain step 2, "Bands and fixed
 * thresholds"), worked by hand:
 *   Henan from 2022 (河南省医疗保障局 2022 notice, 待核实): 起付线 11000; of the year's accumulated
 *   self-pay after 基本医保, 60% up to 100000 and 70% above; cap 400000. 特困 / 低保 / 返贫致贫: 起付线
 *   × 0.5 = 5500, each band's rate + 5 points (65% / 75%), no cap (002 健康帮扶（二）4.②).
 *   Before 2022 the ratio rule: 起付线 = 50% × 上年度居民人均可支配收入, one rate of 60% (000 16、市医保局 四).
 * Self-pay is given through `basicPaid` so that each example starts from a round figure.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, compute, errorsOf, household } from '../../support/calc';

/** An inpatient stay whose policy-scope self-pay after 基本医保 is `selfPay` (basicPaid given). */
const stay = (selfPay: number, basicPaid = 20000) => ({ total: selfPay + basicPaid, policyScope: selfPay + basicPaid, basicPaid });
const stays = (status: string, selfPays: number[], extra: Record<string, unknown> = {}) =>
  household(status, { medical: { inpatient: selfPays.map((s) => stay(s)) } }, extra);

describe('the contract\'s three-band example (a published FAQ): 150000 of self-pay pays 93800', () => {
  const faq = { 'medical.critical.threshold': 12000, 'medical.critical.bands': [{ from: 0, rate: 0.6 }, { from: 30000, rate: 0.65 }, { from: 100000, rate: 0.75 }] };
  it('in params: (30000 − 12000) × 60% + (100000 − 30000) × 65% + (150000 − 100000) × 75% = 10800 + 45500 + 37500 = 93800.00', () => {
    const result = compute(stays('ordinary', [150000], { params: faq }));
    expect(result.medical.m1?.critical).toBe('93800.00');
    const steps = benefitOf(result, 'medical.critical', 'm1')?.steps ?? [];
    expect(steps).toContain('大病保险起付线 12,000 元（本次临时参数）');
    expect(steps).toContain('3万元以下部分 60%，3万元至10万元部分 65%，10万元以上部分 75%，年度最高支付限额 400,000.00 元');
    expect(steps).toContain(
      '住院第1笔：基本医保后政策范围内自付 150,000.00 元（全年累计 0.00 元 → 150,000.00 元），超过起付线的部分分段支付：' +
        '3万元以下部分 18,000.00 元 × 60% = 10,800.00 元；3万元至10万元部分 70,000.00 元 × 65% = 45,500.00 元；10万元以上部分 50,000.00 元 × 75% = 37,500.00 元；合计 93,800.00 元',
    );
    expect(result.policy.overrides).toEqual(['medical.critical.threshold', 'medical.critical.bands']);
  });
  it('with --set as JSON text (numbers or strings), the same 93800.00', () => {
    const result = compute(stays('ordinary', [150000]), {
      'medical.critical.threshold': '12000',
      'medical.critical.bands': '[{"from":"0","rate":"0.6"},{"from":30000,"rate":0.65},{"from":100000,"rate":"0.75"}]',
    });
    expect(result.medical.m1?.critical).toBe('93800.00');
  });
  it('a threshold above the first band\'s start: the slice starts at the threshold (40000): (100000 − 40000) × 65% + 50000 × 75% = 76500.00', () => {
    const result = compute(stays('ordinary', [150000], { params: { ...faq, 'medical.critical.threshold': 40000 } }));
    expect(result.medical.m1?.critical).toBe('76500.00');
  });
});

describe('Henan 2022: 11000, 60% to 100000, 70% above (asOf 2023)', () => {
  it('one stay under 100000: (80000 − 11000) × 60% = 41400.00; the steps name the threshold and the bands', () => {
    const result = compute(stays('ordinary', [80000]));
    expect(result.medical.m1?.critical).toBe('41400.00');
    const critical = benefitOf(result, 'medical.critical', 'm1');
    expect(critical?.steps).toContain('大病保险起付线 11,000 元（2022年1月1日起执行；待核实）');
    expect(critical?.steps).toContain('10万元以下部分 60%，10万元以上部分 70%，年度最高支付限额 400,000.00 元');
    expect(critical?.basis.map((b) => b.param)).toEqual(expect.arrayContaining(['medical.critical.threshold', 'medical.critical.bands', 'medical.critical.annualCap']));
  });
  it('a year whose self-pay crosses 100000 across two stays: each stay is paid for its own slice', () => {
    // stay 1: 0 → 80000: (80000 − 11000) × 60% = 41400.00
    // stay 2: 80000 → 120000: (100000 − 80000) × 60% + (120000 − 100000) × 70% = 12000 + 14000 = 26000.00
    const result = compute(stays('ordinary', [80000, 40000]));
    expect(result.medical.m1?.items.map((i) => i.critical)).toEqual(['41400.00', '26000.00']);
    expect(result.medical.m1?.critical).toBe('67400.00');
    expect(benefitOf(result, 'medical.critical', 'm1')?.steps).toContain(
      '住院第2笔：基本医保后政策范围内自付 40,000.00 元（全年累计 80,000.00 元 → 120,000.00 元），超过起付线的部分分段支付：' +
        '10万元以下部分 20,000.00 元 × 60% = 12,000.00 元；10万元以上部分 20,000.00 元 × 70% = 14,000.00 元；合计 26,000.00 元',
    );
    // the same year in one stay pays the same: (100000 − 11000) × 60% + 20000 × 70% = 53400 + 14000 = 67400.00
    expect(compute(stays('ordinary', [120000])).medical.m1?.critical).toBe('67400.00');
  });
  it('the tilt for 低保 moves the threshold to 5500 and adds 5 points to each band, limits unchanged', () => {
    // stay 1: (80000 − 5500) × 65% = 48425.00; stay 2: 20000 × 65% + 20000 × 75% = 13000 + 15000 = 28000.00
    const result = compute(stays('dibao', [80000, 40000]));
    expect(result.medical.m1?.items.map((i) => i.critical)).toEqual(['48425.00', '28000.00']);
    expect(benefitOf(result, 'medical.critical', 'm1')?.steps).toContain(
      '低保对象倾斜支付：起付线降低 50% 为 5,500.00 元，各段支付比例提高 5%：10万元以下部分 65%，10万元以上部分 75%，不设年度最高支付限额',
    );
  });
  it('the general cap of 400000: (100000 − 11000) × 60% + 700000 × 70% = 543400 → 400000.00; none with the tilt', () => {
    const capped = compute(stays('ordinary', [800000]));
    expect(capped.medical.m1?.critical).toBe('400000.00');
    expect(benefitOf(capped, 'medical.critical', 'm1')?.steps.at(-1)).toContain('受年度最高支付限额所限按 400,000.00 元 计');
    // 特困: (100000 − 5500) × 65% + 700000 × 75% = 61425 + 525000 = 586425.00
    expect(compute(stays('tekun', [800000])).medical.m1?.critical).toBe('586425.00');
  });
  it('rounds each stay\'s payment to the fen as paid: 12345.67 → (12345.67 − 11000) × 60% = 807.402 → 807.40; then 0.01 × 60% = 0.006 → 0.01', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [{ total: 32345.67, policyScope: 32345.67, basicPaid: 20000 }, { total: 20000.01, policyScope: 20000.01, basicPaid: 20000 }] } }));
    expect(result.medical.m1?.items.map((i) => i.critical)).toEqual(['807.40', '0.01']);
  });
  it('an override of the bands alone keeps the pack\'s threshold (11000): [{0, 50%}] → (80000 − 11000) × 50% = 34500.00', () => {
    expect(compute(stays('ordinary', [80000], { params: { 'medical.critical.bands': [{ from: 0, rate: 0.5 }] } })).medical.m1?.critical).toBe('34500.00');
  });
});

describe('the ratio rule stays for the years before the bands (asOf 2021)', () => {
  it('起付线 = 24810 × 50% = 12405.00; city (100000 − 59460 − 12405) × 60% = 16881.00', () => {
    const result = compute({ ...household('ordinary', { medical: { inpatient: [{ total: 120000, policyScope: 100000, level: 'city' }] } }), asOf: '2021-06-30' });
    expect(result.medical.m1).toMatchObject({ basic: '59460.00', critical: '16881.00' });
    const steps = benefitOf(result, 'medical.critical', 'm1')?.steps ?? [];
    expect(steps).toContain('大病保险起付线 = 上年度居民人均可支配收入 24,810.00 元 × 50% = 12,405.00 元');
    expect(steps).toContain('支付比例 60%，年度最高支付限额 400,000.00 元');
    expect(steps).toContain('住院第1笔（市级医疗机构）：基本医保后政策范围内自付 40,540.00 元，其中超过起付线的 28,135.00 元 × 60% = 16,881.00 元');
  });
  it('a fixed threshold given for 2021 replaces the ratio: (40540 − 10000) × 60% = 18324.00', () => {
    const result = compute({ ...household('ordinary', { medical: { inpatient: [{ total: 120000, policyScope: 100000, level: 'city' }] } }, { params: { 'medical.critical.threshold': 10000 } }), asOf: '2021-06-30' });
    expect(result.medical.m1?.critical).toBe('18324.00');
  });
});

describe('bands and threshold overrides are checked, in Chinese', () => {
  it.each<[string, unknown, string]>([
    ['not JSON', '60%', '临时参数「medical.critical.bands」（大病保险分段支付比例）：应为分段清单的 JSON 文本，如 [{"from":0,"rate":0.6},{"from":100000,"rate":0.7}]'],
    ['a list of words', ['0.6', '0.7'], '临时参数「medical.critical.bands」（大病保险分段支付比例）：第1段应为 {"from": 起点金额, "rate": 比例}'],
    ['an empty list', [], '临时参数「medical.critical.bands」（大病保险分段支付比例）：应为非空的分段清单，如 [{"from":0,"rate":0.6},{"from":100000,"rate":0.7}]'],
    ['a rate as a percentage', [{ from: 0, rate: 60 }], '临时参数「medical.critical.bands」（大病保险分段支付比例）：第1段的比例应在 0 到 1 之间（60% 请填 0.6）'],
    ['a misspelt field', [{ from: 0, rat: 0.6 }], '临时参数「medical.critical.bands」（大病保险分段支付比例）：第1段有未知字段「rat」，只能有 from（起点金额）和 rate（比例）'],
    ['starts out of order', [{ from: 100000, rate: 0.7 }, { from: 0, rate: 0.6 }], '临时参数「medical.critical.bands」（大病保险分段支付比例）：各段起点金额应从小到大排列（第2段的 0 不大于前一段的 100000）'],
  ])('%s', (_name, value, message) => {
    expect(errorsOf(stays('ordinary', [1000], { params: { 'medical.critical.bands': value } }))).toEqual([{ message, path: 'params.medical.critical.bands' }]);
  });
  it('a threshold that is a list, and a number given for a list of diseases', () => {
    expect(errorsOf(stays('ordinary', [1000], { params: { 'medical.critical.threshold': [{ from: 0 }] } }))[0]?.message).toBe('临时参数「medical.critical.threshold」（大病保险起付线（固定金额））：应为一个数字，不是清单');
    expect(errorsOf(stays('ordinary', [1000], { params: { 'medical.assistance.outpatient.diseases': 3 } }))[0]?.message).toBe('临时参数「medical.assistance.outpatient.diseases」（门诊救助病种（9类））：应为非空的文字清单');
  });
  it('no message carries an English fragment', () => {
    for (const value of ['x', [1], [{}], { from: 0 }, null, true, [[0.6]]]) {
      for (const error of errorsOf(stays('ordinary', [1000], { params: { 'medical.critical.bands': value } }))) {
        expect(error.message).not.toMatch(/Invalid|expected|received/i);
      }
    }
  });
});
