/**
 * Worked examples for the 三重保障 chain (calc-contract.md "Medical chain"), each derived by hand from
 * its clause with the shipped pack's values for asOf 2023-09-01:
 *   上年度居民人均可支配收入 28222 (2022)
 *   基本医保 county: 起付线 500, 70%; city: 900, 60%; province: 1500, 55%; 门诊慢特病 65%
 *   大病保险, Henan from 2022 (河南省医疗保障局 2022 notice): 起付线 11000 (tilt × 0.5 = 5500); of the year's
 *   accumulated self-pay, 60% up to 100000 and 70% above (tilt +5: 65% / 75%); cap 400000 (none for tilt).
 *   The ratio rule (50% of the income, 60%) stays for 2021: see medicalBands.test.ts.
 *   医疗救助 (002 健康帮扶（二）4.③): tekun 90%; dibao/returned 70%, no 起付; edge/monitored 65%, 起付 10%
 *   (2822.20); illness_poverty 65%, 起付 25% (7055.50); outpatient 50% / 30%; limit 30000 / 10000.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, compute, household } from '../../support/calc';

const stay = (total: number, policyScope: number, level: string, extra: Record<string, unknown> = {}) => ({ total, policyScope, level, ...extra });

describe('the contract example (低保, amounts from the settlement slip)', () => {
  it('医疗救助 = 政策范围内自付 18875.00 × 70% = 13212.50; 自付 15662.50', () => {
    const result = compute(household('dibao', { medical: { inpatient: [stay(110000, 100000, 'county', { basicPaid: 60000, criticalPaid: 21125 })] } }));
    expect(result.medical.m1).toMatchObject({ total: '110000.00', policyScope: '100000.00', basic: '60000.00', critical: '21125.00', assistance: '13212.50', selfPay: '15662.50' });
    expect(benefitOf(result, 'medical.assistance', 'm1')?.steps).toContain('住院第1笔（县级医疗机构）：基本医保、大病保险后政策范围内自付 18,875.00 元 × 救助比例 70% = 13,212.50 元');
  });
});

describe('基本医保 (step 1)', () => {
  it('estimates (policyScope − 起付线) × rate by hospital level: county (50000 − 500) × 70% = 34650.00', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(60000, 50000, 'county')] } }));
    expect(result.medical.m1?.basic).toBe('34650.00');
    expect(result.medical.m1?.items[0]?.basicEstimated).toBe(true);
  });
  it('uses the level: city (100000 − 900) × 60% = 59460.00; province (300000 − 1500) × 55% = 164175.00; township (10000 − 200) × 85% = 8330.00', () => {
    const result = compute(
      household('ordinary', { medical: { inpatient: [stay(120000, 100000, 'city'), stay(320000, 300000, 'province'), stay(10000, 10000, 'township')] } }),
    );
    expect(result.medical.m1?.items.map((i) => i.basic)).toEqual(['59460.00', '164175.00', '8330.00']);
  });
  it('a deductible larger than the bill pays nothing: (400 − 500) → 0', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(400, 400, 'county')] } }));
    expect(result.medical.m1?.basic).toBe('0.00');
    expect(result.medical.m1?.selfPay).toBe('400.00');
    expect(benefitOf(result, 'medical.basic', 'm1')).toBeUndefined();
  });
  it('takes the slip\'s figure when given instead of estimating (given 30000 vs estimate 34650)', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(60000, 50000, 'county', { basicPaid: 30000 })] } }));
    expect(result.medical.m1?.basic).toBe('30000.00');
    expect(result.medical.m1?.items[0]?.basicEstimated).toBe(false);
  });
  it('outpatient 慢特病 has no deductible: 3000 × 65% = 1950.00 (002 健康帮扶（二）2.④)', () => {
    const result = compute(household('ordinary', { medical: { outpatient: [{ kind: 'chronic', disease: '高血压', total: 3000, policyScope: 3000 }] } }));
    expect(result.medical.m1?.basic).toBe('1950.00');
  });
  it('leaves room for a 大病保险 figure given on the slip: estimate (10000 − 500) × 70% = 6650.00, but only 10000 − 8000 = 2000.00 is left', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(10000, 10000, 'county', { criticalPaid: 8000 })] } }));
    expect(result.medical.m1).toMatchObject({ basic: '2000.00', critical: '8000.00', selfPay: '0.00' });
  });
  it('stops at the year\'s remaining annual cap (override cap 50000): 43175.00 then 6825.00 instead of 13650.00', () => {
    // province (80000 − 1500) × 55% = 43175; county (20000 − 500) × 70% = 13650 > 50000 − 43175 = 6825
    const result = compute(
      household('ordinary', { medical: { inpatient: [stay(80000, 80000, 'province'), stay(20000, 20000, 'county')] } }, { params: { 'medical.basic.annualCap': 50000 } }),
    );
    expect(result.medical.m1?.items.map((i) => i.basic)).toEqual(['43175.00', '6825.00']);
    expect(result.policy.overrides).toEqual(['medical.basic.annualCap']);
  });
});

describe('大病保险 (step 2)', () => {
  it('pays 60% above 11000.00: city (100000 − 59460 − 11000) × 60% = 17724.00; self-pay 42816.00; no 医疗救助 for 一般户', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(120000, 100000, 'city')] } }));
    expect(result.medical.m1).toMatchObject({ basic: '59460.00', critical: '17724.00', assistance: '0.00', selfPay: '42816.00' });
    expect(benefitOf(result, 'medical.assistance', 'm1')).toBeUndefined();
  });
  it('pays nothing below the threshold: self-pay after 基本医保 8750.00 < 11000.00', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(30000, 28000, 'county')] } }));
    expect(result.medical.m1?.critical).toBe('0.00');
  });
  it('tilt for 低保 (002 健康帮扶（二）4.②): threshold 5500, 65%: (15350 − 5500) × 65% = 6402.50', () => {
    const result = compute(household('dibao', { medical: { inpatient: [stay(60000, 50000, 'county')] } }));
    expect(result.medical.m1?.critical).toBe('6402.50');
    const steps = benefitOf(result, 'medical.critical', 'm1')?.steps ?? [];
    expect(steps).toContain('低保对象倾斜支付：起付线降低 50% 为 5,500.00 元，各段支付比例提高 5%：10万元以下部分 65%，10万元以上部分 75%，不设年度最高支付限额');
  });
  it('the tilt applies to 返贫致贫 and 特困 too, and not to 低保边缘', () => {
    const bill = { medical: { inpatient: [stay(60000, 50000, 'county')] } };
    expect(compute(household('returned_poverty', bill)).medical.m1?.critical).toBe('6402.50');
    expect(compute(household('tekun', bill)).medical.m1?.critical).toBe('6402.50');
    // 低保边缘: (15350 − 11000) × 60% = 2610.00
    expect(compute(household('dibao_edge', bill)).medical.m1?.critical).toBe('2610.00');
  });
  it('caps at the annual cap without tilt (override cap 5000): 17724.00 → 5000.00', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(120000, 100000, 'city')] } }), { 'medical.critical.annualCap': 5000 });
    expect(result.medical.m1?.critical).toBe('5000.00');
    expect(result.medical.m1?.selfPay).toBe('55540.00');
  });
  it('has no cap with the tilt: 特困 province, self-pay 135825: (100000 − 5500) × 65% + (135825 − 100000) × 75% = 61425 + 26868.75 = 88293.75 even with cap 5000', () => {
    const result = compute(household('tekun', { medical: { inpatient: [stay(320000, 300000, 'province')] } }), { 'medical.critical.annualCap': 5000 });
    expect(result.medical.m1?.critical).toBe('88293.75');
  });
  it('accumulates two stays over the year: the first (5750) stays under the threshold, the second pays (5750 + 14940 − 11000) × 60% = 5814.00', () => {
    const result = compute(household('ordinary', { medical: { inpatient: [stay(20000, 18000, 'county'), stay(40000, 36000, 'city')] } }));
    expect(result.medical.m1?.items.map((i) => i.critical)).toEqual(['0.00', '5814.00']);
  });
  it('a figure given on the slip still uses up the threshold for later items', () => {
    // given item: self-pay 40000 − 26000 = 14000 ≥ 5500 (低保 threshold): the chronic item pays from its first yuan
    const result = compute(
      household('dibao', {
        medical: {
          outpatient: [
            { kind: 'special', disease: '终末期肾病', total: 40000, policyScope: 40000, basicPaid: 26000, criticalPaid: 0 },
            { kind: 'chronic', disease: '高血压', total: 3000, policyScope: 3000 },
          ],
        },
      }),
    );
    // chronic: basic 3000 × 65% = 1950; self-pay 1050 × 65% = 682.50
    expect(result.medical.m1?.items.map((i) => i.critical)).toEqual(['0.00', '682.50']);
  });
});

describe('医疗救助 (step 3)', () => {
  it('低保 inpatient 70%, no deductible: (50000 − 34650 − 6402.50) × 70% = 6263.25; parts add up to the total', () => {
    const m = compute(household('dibao', { medical: { inpatient: [stay(60000, 50000, 'county')] } })).medical.m1;
    expect(m).toMatchObject({ basic: '34650.00', critical: '6402.50', assistance: '6263.25', selfPay: '12684.25' });
  });
  it('特困 90% and the 30000 limit: (135825 − 88293.75) × 90% = 42778.13 → 30000.00; self-pay 37531.25', () => {
    const m = compute(household('tekun', { medical: { inpatient: [stay(320000, 300000, 'province')] } })).medical.m1;
    expect(m).toMatchObject({ basic: '164175.00', critical: '88293.75', assistance: '30000.00', selfPay: '37531.25' });
  });
  it('监测对象: deductible 10% of 28222 = 2822.20: (8750 − 2822.20) × 65% = 3853.07', () => {
    const m = compute(household('monitored', { medical: { inpatient: [stay(30000, 28000, 'county')] } })).medical.m1;
    expect(m).toMatchObject({ basic: '19250.00', critical: '0.00', assistance: '3853.07', selfPay: '6896.93' });
  });
  it('因病致贫 deductible 25% = 7055.50: (15350 − 2610 − 7055.50) × 65% = 3694.93', () => {
    const m = compute(household('illness_poverty', { medical: { inpatient: [stay(50000, 50000, 'county')] } })).medical.m1;
    expect(m).toMatchObject({ basic: '34650.00', critical: '2610.00', assistance: '3694.93', selfPay: '9045.07' });
  });
  it('one deductible a year, taken from the stays in order; two stays of a 低保边缘 member', () => {
    // stay 1: self-pay 5750 − 2822.20 = 2927.80 × 65% = 1903.07; stay 2: 14940 − 5814 = 9126 × 65% = 5931.90
    const m = compute(household('dibao_edge', { medical: { inpatient: [stay(20000, 18000, 'county'), stay(40000, 36000, 'city')] } })).medical.m1;
    expect(m?.items.map((i) => i.assistance)).toEqual(['1903.07', '5931.90']);
    expect(m).toMatchObject({ total: '60000.00', policyScope: '54000.00', basic: '33310.00', critical: '5814.00', assistance: '7834.97', selfPay: '13041.03' });
  });
  it('监测 limit 10000 hit: basic (140000 − 500) × 70% = 97650; 大病 (42350 − 11000) × 60% = 18810; (23540 − 2822.20) × 65% = 13466.57 → 10000.00', () => {
    const m = compute(household('monitored', { medical: { inpatient: [stay(150000, 140000, 'county')] } })).medical.m1;
    expect(m).toMatchObject({ basic: '97650.00', critical: '18810.00', assistance: '10000.00', selfPay: '23540.00' });
  });
  it('outpatient: a special disease of the nine at 50% (低保), a chronic disease not at all', () => {
    const result = compute(
      household('dibao', {
        medical: {
          outpatient: [
            { kind: 'special', disease: '终末期肾病', total: 40000, policyScope: 40000, basicPaid: 26000, criticalPaid: 0 },
            { kind: 'chronic', disease: '高血压', total: 3000, policyScope: 3000 },
          ],
        },
      }),
    );
    // special: 14000 × 50% = 7000; chronic 高血压: none
    expect(result.medical.m1?.items.map((i) => i.assistance)).toEqual(['7000.00', '0.00']);
    expect(result.medical.m1).toMatchObject({ total: '43000.00', basic: '27950.00', critical: '682.50', assistance: '7000.00', selfPay: '7367.50' });
    expect(benefitOf(result, 'medical.assistance', 'm1')?.steps).toContain('门诊第2笔（门诊慢性病：高血压）：不属于9类门诊救助病种，不予门诊救助');
  });
  it('a special outpatient disease outside the nine gets no 门诊救助', () => {
    const m = compute(household('dibao', { medical: { outpatient: [{ kind: 'special', disease: '类风湿关节炎', total: 10000, policyScope: 10000, basicPaid: 6500 }] } })).medical.m1;
    expect(m?.assistance).toBe('0.00');
  });
  it('监测 outpatient 30%: (12000 − 7800) × 30% = 1260.00', () => {
    const m = compute(household('monitored', { medical: { outpatient: [{ kind: 'special', disease: '血友病', total: 12000, policyScope: 12000 }] } })).medical.m1;
    // basic 12000 × 65% = 7800; self-pay 4200 < 11000, no 大病
    expect(m).toMatchObject({ basic: '7800.00', critical: '0.00', assistance: '1260.00', selfPay: '2940.00' });
  });
  it('inpatient and outpatient share one limit: 特困 inpatient takes 30000, the outpatient item gets nothing', () => {
    const m = compute(
      household('tekun', {
        medical: {
          inpatient: [stay(320000, 300000, 'province')],
          outpatient: [{ kind: 'special', disease: '终末期肾病', total: 40000, policyScope: 40000, basicPaid: 26000, criticalPaid: 0 }],
        },
      }),
    ).medical.m1;
    expect(m?.items.map((i) => i.assistance)).toEqual(['30000.00', '0.00']);
  });
  it('only the six assisted statuses receive it: 脱贫人口 gets none', () => {
    const m = compute(household('alleviated', { medical: { inpatient: [stay(60000, 50000, 'county')] } })).medical.m1;
    expect(m?.assistance).toBe('0.00');
  });
  it('就高不重复: a member both 监测 and 因病致贫 is assisted as 监测 (smaller deductible), once', () => {
    const result = compute(household('monitored', { status: 'illness_poverty', medical: { inpatient: [stay(30000, 28000, 'county')] } }));
    expect(result.medical.m1?.assistance).toBe('3853.07');
    expect(result.medical.m1?.assistanceStatus).toBe('monitored');
    const steps = benefitOf(result, 'medical.assistance', 'm1')?.steps ?? [];
    expect(steps.at(-1)).toBe('同时具有多种救助身份，按就高原则取「农村易返贫致贫人口（监测对象）」（其他身份测算：因病致贫重病患者 1,101.43 元）');
  });
  it('a member\'s own 低保 status in an ordinary household counts (statuses are the household\'s plus its own)', () => {
    const m = compute(household('ordinary', { status: ['dibao'], medical: { inpatient: [stay(60000, 50000, 'county')] } })).medical.m1;
    expect(m?.assistance).toBe('6263.25');
  });
  it('an override changes the result: 低保 inpatient rate 0.8 → 8947.50 × 80% = 7158.00', () => {
    const result = compute(household('dibao', { medical: { inpatient: [stay(60000, 50000, 'county')] } }), { 'medical.assistance.inpatient.rate.dibao': '0.8' });
    expect(result.medical.m1?.assistance).toBe('7158.00');
    expect(result.policy.overrides).toEqual(['medical.assistance.inpatient.rate.dibao']);
    expect(benefitOf(result, 'medical.assistance', 'm1')?.basis.some((b) => b.doc === '本次测算临时调整的参数')).toBe(true);
  });
});

describe('高额医疗费用预警 (step 5, 002 健康帮扶（二）5.)', () => {
  it('alerts for a 监测 member whose self-pay after 基本医保 and 大病保险 exceeds 50% × 28222 = 14111.00', () => {
    const result = compute(household('monitored', { medical: { inpatient: [stay(100000, 90000, 'county')] } }));
    // 90000 − 62650 − 9810 = 17540.00 > 14111.00 (大病 (27350 − 11000) × 60% = 9810)
    expect(result.alerts).toEqual([
      {
        code: 'medical.highCost',
        memberId: 'm1',
        message:
          '张三（农村易返贫致贫人口（监测对象））经基本医保、大病保险后政策范围内年度自付 17,540.00 元，超过预警线 14,111.00 元（上年度居民人均可支配收入的 50%），请及时预警并研判纳入救助帮扶',
      },
    ]);
  });
  it('alerts a 低保边缘 member over two stays (5750 + 14940 − 5814 = 14876.00 > 14111.00)', () => {
    const result = compute(household('dibao_edge', { medical: { inpatient: [stay(20000, 18000, 'county'), stay(40000, 36000, 'city')] } }));
    expect(result.alerts.map((a) => a.code)).toEqual(['medical.highCost']);
  });
  it('does not alert under the line (8750 ≤ 14111), nor for statuses it does not watch (低保)', () => {
    expect(compute(household('monitored', { medical: { inpatient: [stay(30000, 28000, 'county')] } })).alerts).toEqual([]);
    expect(compute(household('dibao', { medical: { inpatient: [stay(100000, 90000, 'county')] } })).alerts).toEqual([]);
  });
});

describe('参保资助 (step 6, 002 健康帮扶（二）3.①)', () => {
  const premium = (status: string, asOf: string) => benefitOf(compute({ ...household(status), asOf }), 'medical.premiumSubsidy', 'm1')?.annual;
  it('2023: the one-off full subsidy of 350 for 低保, 低保边缘 and 监测; 特困 full 350', () => {
    expect(premium('dibao', '2023-09-01')).toBe('350.00');
    expect(premium('dibao_edge', '2023-09-01')).toBe('350.00');
    expect(premium('monitored', '2023-09-01')).toBe('350.00');
    expect(premium('tekun', '2023-09-01')).toBe('350.00');
  });
  it('2024: 低保 fixed 80, 特困 the full individual premium 380, 低保边缘 nothing', () => {
    expect(premium('dibao', '2024-03-01')).toBe('80.00');
    expect(premium('returned_poverty', '2024-03-01')).toBe('80.00');
    expect(premium('tekun', '2024-03-01')).toBe('380.00');
    expect(premium('dibao_edge', '2024-03-01')).toBeUndefined();
  });
  it('boundary of the dated values: 2022-12-31 is 80, 2023-01-01 is 350', () => {
    expect(premium('dibao', '2022-12-31')).toBe('80.00');
    expect(premium('dibao', '2023-01-01')).toBe('350.00');
  });
  it('就高不重复: 特困 and 低保 together get the full premium once', () => {
    const result = compute({ ...household('dibao', { status: 'tekun' }), asOf: '2025-05-01' });
    const subsidies = result.benefits.filter((b) => b.code === 'medical.premiumSubsidy');
    expect(subsidies.map((b) => b.annual)).toEqual(['400.00']);
  });
  it('一般户 and 脱贫户 get none', () => {
    expect(premium('ordinary', '2023-09-01')).toBeUndefined();
    expect(premium('alleviated', '2024-09-01')).toBeUndefined();
  });
});

describe('explanations cite their sources', () => {
  it('every medical benefit has steps and at least one basis with its document and clause', () => {
    const result = compute(household('monitored', { medical: { inpatient: [stay(100000, 90000, 'county')] } }));
    const medical = result.benefits.filter((b) => b.group === 'medical');
    expect(medical.map((b) => b.code)).toEqual(['medical.basic', 'medical.critical', 'medical.assistance', 'medical.premiumSubsidy']);
    for (const benefit of medical) {
      expect(benefit.steps.length).toBeGreaterThan(0);
      expect(benefit.basis.length).toBeGreaterThan(0);
      for (const basis of benefit.basis) {
        expect(basis.doc).not.toBe('');
        expect(basis.clause).not.toBe('');
      }
    }
  });
  it('an estimate cites the parameters it used, with the shipped text they were read from', () => {
    const result = compute(household('dibao', { medical: { inpatient: [stay(60000, 50000, 'county')] } }));
    const critical = benefitOf(result, 'medical.critical', 'm1');
    expect(critical?.basis.find((b) => b.param === 'medical.critical.tiltRateBonus')).toMatchObject({ source: '002_5c18c60bd560c7e4.txt', verified: true });
  });
});
