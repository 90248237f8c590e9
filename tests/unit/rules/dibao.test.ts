/**
 * 低保 income test and 补差 (calc-contract.md "Rules that fix the other amounts"; 002 第二部分 五、兜底保障
 * （二）1.①②, 2.①②③; 社会救助暂行办法 差额按月发给). Shipped pack values on 2023-09-01: 农村低保标准 440 元/月,
 * 城市 650 元/月 (本地默认), 就业成本 30%, 边缘 1.5 倍, 渐退 6 个月, 小额临时救助 3 倍城市月标准.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/money';
import { benefitOf, caseOf, clausesOf, compute, itemOf, person } from './cases';

const adult = (id: string, extra = {}) => person(id, `成员${id}`, '1985-04-10', extra);
const family = (size: number, extra: (i: number) => object = () => ({})) => Array.from({ length: size }, (_, i) => adult(`m${i + 1}`, extra(i)));

describe('低保补差 (社会救助暂行办法 差额按月发给; 002 兜底保障（二）1.①)', () => {
  it('(440 − 300) × 3 = 420.00/月, 5040.00/年 for a rural 低保 household with 900 a month', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 900 }, family(3)));
    expect(result.screening.dibao).toMatchObject({ result: 'eligible', perCapitaIncome: '300.00', standard: '440.00', edgeLine: '660.00' });
    const allowance = benefitOf(result, 'dibao.allowance');
    expect(allowance).toMatchObject({ monthly: '420.00', annual: '5040.00', memberId: null });
    expect(allowance?.steps).toContain('低保补差 =（农村低保标准 − 家庭月人均收入）× 家庭人数 = 440.00 元 × 3 − 900.00 元 = 420.00 元/月');
    expect(clausesOf(allowance)).toEqual(expect.arrayContaining(['第二部分 五、兜底保障（二）1.①', '第十二条']));
  });

  it('urban standard: (650 − 250) × 2 = 800.00/月, 9600.00/年', () => {
    const result = compute(caseOf({ area: 'urban', status: 'dibao', monthlyIncome: 500 }, family(2)));
    expect(benefitOf(result, 'dibao.allowance')).toMatchObject({ monthly: '800.00', annual: '9600.00' });
  });

  it('stays exact when the per-capita income does not terminate: 1000 ÷ 3 = 333.33…, 补差 440 × 3 − 1000 = 320.00/月, 3840.00/年', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 1000 }, family(3)));
    expect(result.screening.dibao.perCapitaIncome).toBe('333.33');
    expect(benefitOf(result, 'dibao.allowance')).toMatchObject({ monthly: '320.00', annual: '3840.00' });
  });

  it('an override of the rural standard (480) is used: (480 − 300) × 3 = 540.00/月', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 900 }, family(3), '2023-09-01', { params: { 'dibao.standard.rural': 480 } }));
    expect(benefitOf(result, 'dibao.allowance')?.monthly).toBe('540.00');
    expect(result.policy.overrides).toEqual(['dibao.standard.rural']);
  });

  it('a household whose members are 低保 individually (单人户) gets no household 补差, only a note', () => {
    const result = compute(caseOf({ status: 'dibao_edge', monthlyIncome: 900 }, [adult('m1', { status: 'dibao' }), adult('m2')]));
    expect(benefitOf(result, 'dibao.allowance')).toBeUndefined();
    expect(itemOf(result, 'dibao.individual', 'm1')?.action).toBe('info');
  });

  it('a non-低保 household that passes the income test gets no 补差 (screening never grants a 身份) but an application item with the estimate', () => {
    const result = compute(caseOf({ status: 'alleviated', monthlyIncome: 900 }, family(3)));
    expect(benefitOf(result, 'dibao.allowance')).toBeUndefined();
    expect(itemOf(result, 'dibao.apply')).toMatchObject({ action: 'apply', annual: '5040.00' });
  });
});

describe('就业成本 (002 兜底保障（二）2.①: 务工地同期城市低保标准的30%)', () => {
  it('wage 2500 at a workplace standard of 700: 2500 − 210 = 2290 counted; (200 + 2290) ÷ 4 = 622.50 → edge', () => {
    const members = [adult('m1', { employment: { monthlyWage: 2500, workplaceUrbanDibaoStandard: 700 } }), adult('m2'), adult('m3'), adult('m4')];
    const result = compute(caseOf({ monthlyIncome: 200 }, members));
    expect(result.screening.dibao).toMatchObject({ result: 'edge', perCapitaIncome: '622.50' });
    expect(result.screening.dibao.steps).toContain('成员m1务工月工资 2,500.00 元 − 就业成本（务工地城市低保标准 700.00 元 × 30% = 210.00 元）= 计入 2,290.00 元');
  });

  it('defaults the workplace standard to the pack\'s urban standard: 1500 − 650 × 30% = 1305.00 counted', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 300 }, [adult('m1', { employment: { monthlyWage: 1500 } }), adult('m2'), adult('m3'), adult('m4')]));
    expect(result.screening.dibao.perCapitaIncome).toBe('401.25');
    // 440 × 4 − (300 + 1305) = 155.00
    expect(benefitOf(result, 'dibao.allowance')).toMatchObject({ monthly: '155.00', annual: '1860.00' });
  });

  it('a sub-fen 就业成本 (655.55 × 30% = 196.665): 补差 1320 − 803.335 = 516.665 → 516.67/月, and the year is twelve such payments: 6200.04', () => {
    const members = [adult('m1', { employment: { monthlyWage: 1000, workplaceUrbanDibaoStandard: '655.55' } }), adult('m2'), adult('m3')];
    const allowance = benefitOf(compute(caseOf({ status: 'dibao', monthlyIncome: 0 }, members)), 'dibao.allowance');
    expect(allowance).toMatchObject({ monthly: '516.67', annual: '6200.04' });
    expect(allowance?.steps).toContain('全年 516.67 元 × 12 = 6,200.04 元');
  });

  it('a wage below the cost counts as zero, never negative: 100 − 210 → 0; 补差 440.00', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 0 }, [adult('m1', { employment: { monthlyWage: 100, workplaceUrbanDibaoStandard: 700 } })]));
    expect(result.screening.dibao.perCapitaIncome).toBe('0.00');
    expect(benefitOf(result, 'dibao.allowance')?.monthly).toBe('440.00');
  });
});

describe('income test boundaries (eligible at or below the standard, edge up to 1.5×)', () => {
  it.each<[string, string, string]>([
    ['exactly at the standard: 1320 ÷ 3 = 440.00', '1320', 'eligible'],
    ['one fen above per head: 1320.03 ÷ 3 = 440.01', '1320.03', 'edge'],
    ['exactly at 1.5×: 1980 ÷ 3 = 660.00', '1980', 'edge'],
    ['one fen above 1.5× per head: 1980.03 ÷ 3 = 660.01', '1980.03', 'ineligible'],
  ])('%s → %s', (_name, monthlyIncome, expected) => {
    const result = compute(caseOf({ monthlyIncome }, family(3)));
    expect(result.screening.dibao.result).toBe(expected);
  });

  it('a 低保 household exactly at the standard gets no 补差 (zero) and a review note', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 1320 }, family(3)));
    expect(benefitOf(result, 'dibao.allowance')).toBeUndefined();
    expect(itemOf(result, 'dibao.review')?.action).toBe('info');
  });

  it('unknown without 家庭月收入 (even with wages), with the lines still given; a 低保 household is warned', () => {
    const result = compute(caseOf({ status: 'dibao' }, [adult('m1', { employment: { monthlyWage: 800 } })]));
    expect(result.screening.dibao).toMatchObject({ result: 'unknown', perCapitaIncome: null, standard: '440.00', edgeLine: '660.00' });
    expect(result.warnings).toContainEqual({ message: '低保家庭未填写家庭月收入，无法测算低保补差金额', path: 'household.monthlyIncome' });
    expect(benefitOf(result, 'dibao.allowance')).toBeUndefined();
  });

  it('the 2021 standard carried into 2024 is flagged as not yet set for the year', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 900 }, family(3), '2024-03-01'));
    expect(result.warnings).toContainEqual(expect.objectContaining({ kind: 'carriedOver', key: 'dibao.standard.rural', year: 2021, message: '农村低保标准：尚无2024年的标准，沿用2021年的 440 元/月（沿用往年），请向县级主管部门核实' }));
  });
});

describe('渐退期 (002 兜底保障（二）2.②; 000 5、市民政局 调整兜底保障政策 一)', () => {
  it('a 低保 household whose income rose through work above the standard gets the ≤ 6-month note, no 补差', () => {
    // (0 + 2000 − 195) ÷ 3 = 601.67 > 440
    const members = [adult('m1', { employment: { monthlyWage: 2000 } }), adult('m2'), adult('m3')];
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 0 }, members));
    expect(benefitOf(result, 'dibao.allowance')).toBeUndefined();
    const taper = itemOf(result, 'dibao.taper');
    expect(taper?.action).toBe('info');
    expect(taper?.reason).toContain('不超过 6 个月的渐退期');
    expect(taper?.reason).not.toContain('本户已超过');
    expect(clausesOf(taper)).toContain('5、市民政局 调整兜底保障政策 一');
  });

  it('above 1.5× the note says the 南阳 list limits 渐退 to 1.5× (Nanyang list)', () => {
    const members = [adult('m1', { employment: { monthlyWage: 3000 } }), adult('m2')];
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 0 }, members));
    expect(result.screening.dibao.result).toBe('ineligible');
    expect(itemOf(result, 'dibao.taper')?.reason).toContain('本户已超过');
  });
});

describe('单人户 for 重病/重残 members of rural 边缘 households (002 兜底保障（二）1.②) — screening only', () => {
  it('grade 2 (any kind) and grade 3 intellectual qualify as 重残; grade 3 physical does not', () => {
    const members = [
      adult('m1', { disability: { grade: 2, kind: 'physical' } }),
      adult('m2', { disability: { grade: 3, kind: 'intellectual' } }),
      adult('m3', { disability: { grade: 3, kind: 'physical' } }),
    ];
    const result = compute(caseOf({ status: 'dibao_edge', monthlyIncome: 1500 }, members));
    expect(itemOf(result, 'dibao.singlePerson', 'm1')?.action).toBe('apply');
    expect(itemOf(result, 'dibao.singlePerson', 'm2')?.reason).toContain('重残');
    expect(itemOf(result, 'dibao.singlePerson', 'm3')).toBeUndefined();
    expect(benefitOf(result, 'dibao.allowance')).toBeUndefined();
  });

  it('a 因病致贫重病患者 or a patient of one of the nine diseases counts as 重病', () => {
    const members = [
      adult('m1', { status: 'illness_poverty' }),
      adult('m2', { medical: { outpatient: [{ kind: 'special', disease: '终末期肾病', total: 1000, policyScope: 1000 }] } }),
      adult('m3', { medical: { outpatient: [{ kind: 'chronic', disease: '高血压', total: 1000, policyScope: 1000 }] } }),
    ];
    const result = compute(caseOf({ status: 'dibao_edge' }, members));
    expect(itemOf(result, 'dibao.singlePerson', 'm1')?.reason).toContain('重病');
    expect(itemOf(result, 'dibao.singlePerson', 'm2')?.reason).toContain('重病');
    expect(itemOf(result, 'dibao.singlePerson', 'm3')).toBeUndefined();
  });

  it('applies to a household found in the edge band by the income test too, but not to urban or non-edge households', () => {
    const severe = (status = 'ordinary') => [adult('m1', { disability: { grade: 1, kind: 'visual' } }), adult('m2', { status })];
    expect(itemOf(compute(caseOf({ monthlyIncome: 1000 }, severe())), 'dibao.singlePerson', 'm1')).toBeDefined(); // 500 per head: edge
    expect(itemOf(compute(caseOf({ monthlyIncome: 1400 }, severe())), 'dibao.singlePerson', 'm1')).toBeUndefined(); // 700: ineligible
    expect(itemOf(compute(caseOf({ area: 'urban', status: 'dibao_edge' }, severe())), 'dibao.singlePerson', 'm1')).toBeUndefined();
  });
});

describe('小额临时救助 ceiling (002 兜底保障（二）2.③): 3 × 650 = 1950.00, a screening item not counted in totals', () => {
  it('is offered to a household in difficulty and stays out of the totals', () => {
    const result = compute(caseOf({ status: 'monitored' }, family(2)));
    const item = itemOf(result, 'temporaryAssistance.smallMax');
    expect(item).toMatchObject({ action: 'apply', annual: '1950.00' });
    expect(item?.reason).toContain('650 元/月（待核实） × 3 倍 = 1,950.00 元');
    expect(benefitOf(result, 'temporaryAssistance.smallMax')).toBeUndefined();
    const benefitsSum = result.benefits.reduce((acc, b) => acc.plus(b.annual), new Decimal(0));
    expect(result.totals.annual).toBe(benefitsSum.toFixed(2));
  });

  it('follows the urban standard when it is overridden: 3 × 700 = 2100.00', () => {
    const result = compute(caseOf({ status: 'dibao', monthlyIncome: 0 }, family(1), '2023-09-01', { params: { 'dibao.standard.urban': 700 } }));
    expect(itemOf(result, 'temporaryAssistance.smallMax')?.annual).toBe('2100.00');
  });

  it('is not offered to a household with none of the assisted 身份 and income above the edge line', () => {
    const result = compute(caseOf({ monthlyIncome: 5000 }, family(2)));
    expect(itemOf(result, 'temporaryAssistance.smallMax')).toBeUndefined();
  });
});
