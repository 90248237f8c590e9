/**
 * Numbers that were in code and are now the pack's, each with its clause (issue 17): who counts as
 * 重度残疾 (002 五、（二）1.④ "凡具有一、二级残疾证的重度残疾人") and as 单人户 “重残” (1.② "一级、二级重度残疾人和三级
 * 智力残疾人、三级精神残疾人"), how many times a 公益性岗位 may be given again (四、（二）6. "累计安置次数不超过2次"),
 * and how many 门诊救助病种 the list holds. The shipped values give the same results as before; a
 * county that changes one sees it everywhere the number is used; a pack made before they were in it
 * reads the contract's.
 */
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../shared/packs/loadPack';
import { calculate } from '../../../shared/calculate';
import type { RawPack } from '../../../shared/packs/types';
import { SHIPPED_PACKS } from '../../../seeds';
import { benefitOf, caseOf, compute, itemOf, pack, person } from './cases';

const graded = (grade: number, kind = 'physical') => person('m1', '李四', '1975-03-01', { disability: { grade, kind }, pension: { insured: true } });

describe('重度残疾 by the pack', () => {
  it('shipped: 一、二级 — a 三级 certificate gets no 护理补贴 and no 代缴', () => {
    const result = compute(caseOf({}, [graded(3)]));
    expect(benefitOf(result, 'disability.care', 'm1')).toBeUndefined();
    expect(benefitOf(result, 'pension.premiumSubsidy', 'm1')).toBeUndefined();
    expect(pack.parameters.get('disability.severeGradeMax')?.values[0]?.basis.clause).toBe('第二部分 五、兜底保障（二）1.④');
  });
  it('a county that counts 三级 too: 护理补贴 75 × 12 = 900.00 a year, and 代缴 as 重度残疾人', () => {
    const result = compute(caseOf({}, [graded(3)]), { 'disability.severeGradeMax': 3 });
    expect(benefitOf(result, 'disability.care', 'm1')).toMatchObject({ monthly: '75.00', annual: '900.00' });
    expect(benefitOf(result, 'pension.premiumSubsidy', 'm1')).toBeDefined();
  });
});

describe('单人户 “重残” by the pack', () => {
  const edge = (grade: number, kind: string, overrides?: Record<string, unknown>) =>
    compute(caseOf({ status: 'dibao_edge', monthlyIncome: 500 }, [graded(grade, kind), person('m2', '王五', '1978-01-01')]), overrides);
  it('shipped: 三级 智力 counts, 三级 肢体 does not, 四级 智力 does not', () => {
    expect(itemOf(edge(3, 'intellectual'), 'dibao.singlePerson', 'm1')).toBeDefined();
    expect(itemOf(edge(3, 'physical'), 'dibao.singlePerson', 'm1')).toBeUndefined();
    expect(itemOf(edge(4, 'intellectual'), 'dibao.singlePerson', 'm1')).toBeUndefined();
  });
  it('a pack that counts 四级 智力、精神 as well', () => {
    expect(itemOf(edge(4, 'mental', { 'dibao.singlePerson.intellectualMentalGradeMax': 4 }), 'dibao.singlePerson', 'm1')).toBeDefined();
  });
});

describe('公益性岗位 placements and the 门诊救助 list', () => {
  const poorWorker = (overrides?: Record<string, unknown>) =>
    compute(caseOf({ formerlyRegisteredPoor: true }, [person('w1', '赵六', '1980-05-01', { publicWelfareJob: { yearInPost: 4 } })]), overrides);
  it('the placements limit is the pack\'s: 2 shipped, 3 when a county says so', () => {
    expect(itemOf(poorWorker(), 'employment.publicWelfareJob', 'w1')?.reason).toContain('（累计不超过2次）');
    expect(itemOf(poorWorker({ 'employment.publicWelfareJobMaxPlacements': 3 }), 'employment.publicWelfareJob', 'w1')?.reason).toContain('（累计不超过3次）');
  });
  it('"N类门诊救助病种" counts the list in force: 9 shipped, 2 when the list is set to two', () => {
    const bills = {
      outpatient: [
        { kind: 'special', disease: '终末期肾病', total: 40000, policyScope: 40000, basicPaid: 26000, criticalPaid: 0 },
        { kind: 'chronic', disease: '高血压', total: 3000, policyScope: 3000 },
      ],
    };
    const dibao = (overrides?: Record<string, unknown>) => compute(caseOf({ status: 'dibao' }, [person('m1', '张三', '1970-03-15', { medical: bills })]), overrides);
    expect(benefitOf(dibao(), 'medical.assistance', 'm1')?.steps).toContain('门诊第2笔（门诊慢性病：高血压）：不属于9类门诊救助病种，不予门诊救助');
    const two = benefitOf(dibao({ 'medical.assistance.outpatient.diseases': ['终末期肾病', '血友病'] }), 'medical.assistance', 'm1');
    expect(two?.steps).toContain('门诊第2笔（门诊慢性病：高血压）：不属于2类门诊救助病种，不予门诊救助');
    // 40000 − 26000 = 14000 × 50%（低保门诊救助比例）= 7000.00, as with the nine
    expect(two?.annual).toBe('7000.00');
  });
});

describe('a pack made before these numbers were in it', () => {
  it('reads the contract\'s grades and the clause\'s count', () => {
    const raw = structuredClone(SHIPPED_PACKS[0]) as RawPack;
    for (const key of ['disability.severeGradeMax', 'dibao.singlePerson.severeGradeMax', 'dibao.singlePerson.intellectualMentalGradeMax', 'employment.publicWelfareJobMaxPlacements']) delete raw.parameters[key];
    const loaded = loadPack(raw);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const run = (input: unknown) => {
      const result = calculate(input, { pack: loaded.value, today: '2026-11-23' });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.value;
    };
    expect(benefitOf(run(caseOf({}, [graded(2)])), 'disability.care', 'm1')?.annual).toBe('900.00');
    expect(benefitOf(run(caseOf({}, [graded(3)])), 'disability.care', 'm1')).toBeUndefined();
    expect(itemOf(run(caseOf({ formerlyRegisteredPoor: true }, [person('w1', '赵六', '1980-05-01', { publicWelfareJob: { yearInPost: 4 } })])), 'employment.publicWelfareJob', 'w1')?.reason).toContain('（累计不超过2次）');
  });
});
