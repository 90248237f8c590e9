/**
 * 特困人员救助供养 (002 第二部分 五、兜底保障（二）1.③; 000 5、市民政局 优化兜底保障政策 二): 基本生活 ≥ 1.3 ×
 * 低保标准 (rural also ≥ 6,864 元/年); 照料护理 全护理 1/3, 半护理 1/6 of the 最低工资标准 (二类 by default, 南阳's 档次
 * 待核实: 1700 in 2021, 1800 from 2022-01-01 (豫政〔2021〕33号), 2000 from 2024-01-01 (豫政〔2023〕43号), 2150 from
 * 2025-12-01), 全自理 at the 重度残疾人护理补贴 75 元/月; eligibility hints (老年人 60, 未成年人 < 18).
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, itemOf, person } from './cases';

const elder = (extra: Record<string, unknown> = {}) => person('t1', '五保老人', '1950-02-01', { status: 'tekun', ...extra });

describe('基本生活标准', () => {
  it('rural: 440 × 1.3 = 572.00/月, 6864.00/年 (equal to the rural floor)', () => {
    const basic = benefitOf(compute(caseOf({}, [elder()])), 'tekun.basic', 't1');
    expect(basic).toMatchObject({ monthly: '572.00', annual: '6864.00' });
    expect(clausesOf(basic)).toContain('第二部分 五、兜底保障（二）1.③');
  });
  it('rural with a 400 standard: 400 × 1.3 × 12 = 6240 < 6864, so the floor: 6864.00/年, 572.00/月', () => {
    const basic = benefitOf(compute(caseOf({}, [elder()], '2023-09-01', { params: { 'dibao.standard.rural': 400 } })), 'tekun.basic', 't1');
    expect(basic).toMatchObject({ monthly: '572.00', annual: '6864.00' });
    expect(basic?.steps).toContain('农村特困人员基本生活标准年人均不低于 6,864 元/年，按此计：6,864.00 元 ÷ 12 = 572.00 元/月');
  });
  it('rural with a 460 standard: 460 × 1.3 = 598.00/月, 7176.00/年 (above the floor)', () => {
    const basic = benefitOf(compute(caseOf({}, [elder()], '2023-09-01', { params: { 'dibao.standard.rural': 460 } })), 'tekun.basic', 't1');
    expect(basic).toMatchObject({ monthly: '598.00', annual: '7176.00' });
  });
  it('urban: 650 × 1.3 = 845.00/月, 10140.00/年 (no rural floor)', () => {
    expect(benefitOf(compute(caseOf({ area: 'urban' }, [elder()])), 'tekun.basic', 't1')).toMatchObject({ monthly: '845.00', annual: '10140.00' });
  });
});

describe('照料护理标准 (exact fractions of the minimum wage)', () => {
  it.each<[string, string, string, string, string]>([
    ['全护理 2023 (豫政〔2021〕33号 二类 1800): 1800 × 1/3 = 600.00/月; 7200.00/年', 'full', '2023-09-01', '600.00', '7200.00'],
    ['半护理 2023: 1800 × 1/6 = 300.00/月; 3600.00/年', 'half', '2023-09-01', '300.00', '3600.00'],
    ['全护理 2024 (豫政〔2023〕43号 二类 2000): 2000 × 1/3 = 666.67/月; 2000 × 12 × 1/3 = 8000.00/年', 'full', '2024-06-30', '666.67', '8000.00'],
    ['全护理 2026 (2025-12-01 二类 2150): 2150 × 1/3 = 716.67/月; 2150 × 12 × 1/3 = 8600.00/年', 'full', '2026-06-30', '716.67', '8600.00'],
    ['半护理 2026: 2150 × 1/6 = 358.33/月; 2150 × 12 × 1/6 = 4300.00/年', 'half', '2026-06-30', '358.33', '4300.00'],
    ['全护理 2021 (最低工资 1700): 566.67/月; 1700 × 12 × 1/3 = 6800.00/年', 'full', '2021-06-30', '566.67', '6800.00'],
    ['全自理: 重度残疾人护理补贴 75.00/月; 900.00/年', 'self', '2023-09-01', '75.00', '900.00'],
  ])('%s', (_name, care, asOf, monthly, annual) => {
    const benefit = benefitOf(compute(caseOf({}, [elder({ tekunCare: care })], asOf)), 'tekun.care', 't1');
    expect(benefit).toMatchObject({ monthly, annual });
  });
  it('the year is computed before dividing, and the step says so', () => {
    // 716.67 × 12 would be 8600.04: the clause fixes the year at 1/3 of 12 months' wage
    const care = benefitOf(compute(caseOf({}, [elder({ tekunCare: 'full' })], '2026-06-30')), 'tekun.care', 't1');
    expect(care?.steps).toContain('全年 2,150.00 元 × 12 × 1/3 = 8,600.00 元');
    expect(care?.steps).toContain('照料护理标准（全护理）不低于当地最低工资标准 2,150 元/月（第2档；2025年12月1日起执行；待核实） × 1/3 = 716.67 元/月');
  });
  it('without a care level there is no 照料护理费, only an assessment item', () => {
    const result = compute(caseOf({}, [elder()]));
    expect(benefitOf(result, 'tekun.care', 't1')).toBeUndefined();
    expect(itemOf(result, 'tekun.careAssessment', 't1')?.action).toBe('assess');
  });
});

describe('eligibility hints (screening only; 特困 is never granted)', () => {
  const alone = (birthDate: string, extra: Record<string, unknown> = {}) => caseOf({}, [person('e1', '李老汉', birthDate, extra)]);
  it('a person living alone who turned 60 on asOf gets an assess item with the basic standard as estimate', () => {
    const result = compute(alone('1963-09-01'));
    const item = itemOf(result, 'tekun.apply', 'e1');
    expect(item).toMatchObject({ action: 'assess', annual: '6864.00' });
    expect(item?.reason).toContain('年满60周岁');
    expect(benefitOf(result, 'tekun.basic', 'e1')).toBeUndefined();
  });
  it('one day short of 60: no hint', () => {
    expect(itemOf(compute(alone('1963-09-02')), 'tekun.apply', 'e1')).toBeUndefined();
  });
  it('no hint for an elder living with a working-age son', () => {
    const result = compute(caseOf({}, [person('e1', '李老汉', '1950-01-01'), person('e2', '李子', '1990-01-01')]));
    expect(itemOf(result, 'tekun.apply', 'e1')).toBeUndefined();
  });
  it('minors to 18 (000 5、市民政局 优化 二): an orphan of 17 gets a hint, one of 18 does not', () => {
    const orphan = (birthDate: string) => caseOf({}, [person('o1', '小孤', birthDate, { student: { stage: 'senior', orphan: true } }), person('g1', '叔叔', '1980-01-01')]);
    expect(itemOf(compute(orphan('2005-09-02')), 'tekun.apply', 'o1')?.reason).toContain('未满18周岁的孤儿');
    expect(itemOf(compute(orphan('2005-09-01')), 'tekun.apply', 'o1')).toBeUndefined();
  });
  it('a grade 2 intellectually disabled adult of 40 living with a 70-year-old parent (002 兜底（三）2.②)', () => {
    const result = compute(caseOf({}, [person('d1', '王二', '1983-05-01', { disability: { grade: 2, kind: 'intellectual' } }), person('d2', '王母', '1953-05-01')]));
    expect(itemOf(result, 'tekun.apply', 'd1')?.reason).toContain('重度残疾');
    expect(itemOf(result, 'tekun.apply', 'd2')?.reason).toContain('年满60周岁');
  });
  it('no hints when the income test finds the household above the edge line', () => {
    expect(itemOf(compute(caseOf({ monthlyIncome: 3000 }, [person('e1', '李老汉', '1950-01-01')])), 'tekun.apply', 'e1')).toBeUndefined();
  });
});
