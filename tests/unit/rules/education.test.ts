/**
 * 各学段学生资助 (002 第二部分 一、教育帮扶（二）2.①②; 雨露计划 002 四、稳岗就业（二）7.), with the national
 * grant changes of 财教〔2024〕181号 (unverified): 本专科 3300 → 3700 from 2024-09-01, 普通高中/中职 2000 → 2300
 * from 2025-03-01. Local fee defaults (待核实): 普通高中学费 1600, 住宿费 600, 中职学费 2,000 元/年.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, errorsOf, itemOf, person } from './cases';

const student = (stage: string, extra: Record<string, unknown> = {}, memberExtra: Record<string, unknown> = {}) =>
  person('s1', '小明', '2010-03-01', { student: { stage, ...extra }, ...memberExtra });
const parent = person('p1', '张父', '1980-01-01');
/** The student's education-group benefits (premium subsidies and the like are other families'). */
const aidCodes = (result: ReturnType<typeof compute>) => result.benefits.filter((b) => b.memberId === 's1' && b.group === 'education').map((b) => `${b.code}@s1`);

describe('学前教育 (2.② 一是)', () => {
  it('原建档立卡 child: 生活补助 400.00 + 保教费 600.00', () => {
    const result = compute(caseOf({ formerlyRegisteredPoor: true }, [parent, student('preschool')]));
    expect(benefitOf(result, 'education.preschool.living', 's1')?.annual).toBe('400.00');
    expect(benefitOf(result, 'education.preschool.fee', 's1')?.annual).toBe('600.00');
  });
  it('an orphan in an ordinary household: 生活补助 400.00 only (保教费 is for 原建档立卡 families)', () => {
    const result = compute(caseOf({}, [student('preschool', { orphan: true })]));
    expect(aidCodes(result)).toEqual(['education.preschool.living@s1']);
    expect(benefitOf(result, 'education.preschool.living', 's1')?.steps[0]).toContain('孤儿');
  });
  it('an ordinary child gets nothing', () => {
    expect(aidCodes(compute(caseOf({}, [parent, student('preschool')])))).toEqual([]);
  });
});

describe('免费学前教育 (国办发〔2025〕27号: 公办幼儿园学前一年免保育教育费, from the 2025 autumn term = 2025-09-01; local fee 600 待核实)', () => {
  const child = (extra: Record<string, unknown> = {}) => person('k1', '小红', '2020-05-01', { student: { stage: 'preschool', kindergartenYear: 3, ...extra } });
  const free = (asOf: string, extra: Record<string, unknown> = {}, household: Record<string, unknown> = {}) => compute(caseOf(household, [parent, child(extra)], asOf));
  it('大班 at a public kindergarten (publicKindergarten absent = true), autumn 2025: 600.00 waived', () => {
    const benefit = benefitOf(free('2025-10-01'), 'education.preschool.freeYear', 'k1');
    expect(benefit).toMatchObject({ annual: '600.00', monthly: null, delivery: 'waiver', label: '免除学前一年保育教育费' });
    expect(benefit?.steps).toEqual([
      '在公办幼儿园就读大班（学前最后一年），免除保育教育费，按当地核定的公办幼儿园保育教育费标准 600 元/年（2025年9月1日起执行；待核实）',
      '伙食费、住宿费和代收费仍按规定收取',
    ]);
    expect(benefit?.basis.map((b) => b.doc)).toEqual(['国办发〔2025〕27号《国务院办公厅关于逐步推行免费学前教育的意见》', '本地默认值（待核实）']);
  });
  it('not before the 2025 autumn term: 2025-08-31 gives nothing', () => {
    expect(benefitOf(free('2025-08-31'), 'education.preschool.freeYear', 'k1')).toBeUndefined();
  });
  it('小班 and 中班 are not free; neither is a child whose year is not given', () => {
    for (const kindergartenYear of [1, 2, undefined]) {
      expect(benefitOf(free('2026-03-01', { kindergartenYear }), 'education.preschool.freeYear', 'k1')).toBeUndefined();
    }
  });
  it('a private kindergarten: not counted, but listed to know (reduced by the public level, set by the kindergarten)', () => {
    const result = free('2026-03-01', { publicKindergarten: false });
    expect(benefitOf(result, 'education.preschool.freeYear', 'k1')).toBeUndefined();
    expect(itemOf(result, 'education.preschool.freeYear', 'k1')).toMatchObject({ action: 'info', where: '就读幼儿园', annual: null });
  });
  it('原建档立卡 family: the free year replaces the 600 保教费资助 (nothing left to subsidise); 生活补助 400 stays', () => {
    const result = free('2026-03-01', {}, { formerlyRegisteredPoor: true });
    const codes = result.benefits.filter((b) => b.memberId === 'k1').map((b) => `${b.code} ${b.annual}`);
    expect(codes).toEqual(['education.preschool.living 400.00', 'education.preschool.freeYear 600.00']);
    expect(benefitOf(result, 'education.preschool.freeYear', 'k1')?.steps).toContain('原建档立卡家庭幼儿的学前教育保教费资助不再重复享受');
    // in 中班 the 保教费资助 is still paid
    expect(benefitOf(compute(caseOf({ formerlyRegisteredPoor: true }, [parent, child({ kindergartenYear: 2 })], '2026-03-01')), 'education.preschool.fee', 'k1')?.annual).toBe('600.00');
  });
  it('幼儿园年级 and 公办 are refused outside 学前, naming the field', () => {
    const result = errorsOf(caseOf({}, [person('s', '学生', '2012-01-01', { student: { stage: 'primary', kindergartenYear: 3, publicKindergarten: true } })]));
    expect(result).toEqual([
      { message: '第1位成员（学生） · 在校学生 · 幼儿园年级：幼儿园年级只适用于学前（幼儿园）学段', path: 'members[0].student.kindergartenYear' },
      { message: '第1位成员（学生） · 在校学生 · 公办幼儿园：公办幼儿园只适用于学前（幼儿园）学段', path: 'members[0].student.publicKindergarten' },
    ]);
    expect(errorsOf(caseOf({}, [child({ kindergartenYear: 4 })]))[0]).toEqual({
      message: '第1位成员（小红） · 在校学生 · 幼儿园年级：幼儿园年级应为 1（小班）、2（中班）或 3（大班）',
      path: 'members[0].student.kindergartenYear',
    });
  });
});

describe('义务教育 (2.② 二是)', () => {
  it.each<[string, string, boolean, string]>([
    ['小学寄宿', 'primary', true, '1000.00'],
    ['小学走读', 'primary', false, '500.00'],
    ['初中寄宿', 'junior', true, '1250.00'],
    ['初中走读', 'junior', false, '625.00'],
  ])('%s (%s, boarding %s) 家庭经济困难 (低保) student: 生活补助 %s', (_name, stage, boarding, amount) => {
    const result = compute(caseOf({ status: 'dibao' }, [parent, student(stage, { boarding })]));
    expect(benefitOf(result, 'education.compulsory.living', 's1')?.annual).toBe(amount);
    expect(benefitOf(result, 'education.compulsory.nutrition', 's1')).toBeUndefined();
  });
  it('原建档立卡 pupil outside the national plan: 省定营养改善 800.00 plus 生活补助', () => {
    const result = compute(caseOf({ status: 'alleviated' }, [parent, student('primary')]));
    expect(benefitOf(result, 'education.compulsory.nutrition', 's1')?.annual).toBe('800.00');
    expect(benefitOf(result, 'education.compulsory.living', 's1')?.annual).toBe('500.00');
  });
  it('no 省定营养改善 for a pupil already in the national plan', () => {
    const result = compute(caseOf({ formerlyRegisteredPoor: true }, [parent, student('junior', { nationalNutritionPlan: true })]));
    expect(benefitOf(result, 'education.compulsory.nutrition', 's1')).toBeUndefined();
  });
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['特困 member', {}, { status: 'tekun' }],
    ['事实无人抚养儿童', { deFactoUnsupported: true }, {}],
    ['残疾学生', {}, { disability: { grade: 4, kind: 'hearing' } }],
    ['学校认定 (student.hardship)', { hardship: true }, {}],
  ])('家庭经济困难 by %s in an ordinary household: 500.00', (_name, studentExtra, memberExtra) => {
    const result = compute(caseOf({}, [parent, student('primary', studentExtra, memberExtra)]));
    expect(benefitOf(result, 'education.compulsory.living', 's1')?.annual).toBe('500.00');
  });
  it('a student not enrolled gets nothing', () => {
    expect(aidCodes(compute(caseOf({ status: 'dibao' }, [parent, student('primary', { enrolled: false })])))).toEqual([]);
  });
});

describe('普通高中 (2.② 三是): 免学费住宿费 for 原建档立卡 / 困难残疾 / 农村低保 / 农村特困; 国家助学金 for 困难', () => {
  it('rural 低保 day student: 免学费 1600.00 (no 住宿费) + 助学金 2000.00 in 2023', () => {
    const result = compute(caseOf({ status: 'dibao' }, [parent, student('senior')]));
    const waiver = benefitOf(result, 'education.senior.feeWaiver', 's1');
    expect(waiver?.annual).toBe('1600.00');
    expect(waiver?.steps).toContain('学费、住宿费为本地默认标准（待核实），以学校所在地物价、财政部门批准的标准为准');
    expect(waiver?.basis.some((b) => !b.verified && b.doc === '本地默认值（待核实）')).toBe(true);
    expect(benefitOf(result, 'education.senior.grant', 's1')?.annual).toBe('2000.00');
  });
  it('boarder: 1600 + 600 = 2200.00', () => {
    const result = compute(caseOf({ formerlyRegisteredPoor: true }, [parent, student('senior', { boarding: true })]));
    expect(benefitOf(result, 'education.senior.feeWaiver', 's1')?.annual).toBe('2200.00');
  });
  it('urban 低保: no fee waiver (the clause names 农村低保), but the grant', () => {
    const result = compute(caseOf({ area: 'urban', status: 'dibao' }, [parent, student('senior')]));
    expect(benefitOf(result, 'education.senior.feeWaiver', 's1')).toBeUndefined();
    expect(benefitOf(result, 'education.senior.grant', 's1')?.annual).toBe('2000.00');
  });
  it('rural 特困 and a disabled student both qualify for the waiver', () => {
    expect(benefitOf(compute(caseOf({}, [student('senior', {}, { status: 'tekun' })])), 'education.senior.feeWaiver', 's1')).toBeDefined();
    expect(benefitOf(compute(caseOf({ area: 'urban' }, [parent, student('senior', {}, { disability: { grade: 3, kind: 'visual' } })])), 'education.senior.feeWaiver', 's1')).toBeDefined();
  });
  it('an ordinary student gets neither', () => {
    expect(aidCodes(compute(caseOf({}, [parent, student('senior')])))).toEqual([]);
  });
});

describe('dated national grants (财教〔2024〕181号, unverified)', () => {
  const hardship = (stage: string, asOf: string) => compute(caseOf({}, [parent, student(stage, { hardship: true })], asOf));
  it.each<[string, string, string, string]>([
    ['普通高中 the day before the 2025 spring term', 'senior', '2025-02-28', '2000.00'],
    ['普通高中 from 2025-03-01', 'senior', '2025-03-01', '2300.00'],
    ['中职 the day before', 'vocational', '2025-02-28', '2000.00'],
    ['中职 from 2025-03-01', 'vocational', '2025-03-01', '2300.00'],
  ])('%s: %s', (_name, stage, asOf, amount) => {
    expect(benefitOf(hardship(stage, asOf), `education.${stage}.grant`, 's1')?.annual).toBe(amount);
  });
  it.each<[string, string, string]>([
    ['college', '2024-08-31', '3300.00'],
    ['college', '2024-09-01', '3700.00'],
    ['undergraduate', '2024-08-31', '3300.00'],
    ['undergraduate', '2024-09-01', '3700.00'],
  ])('本专科 %s on %s: %s', (stage, asOf, amount) => {
    expect(benefitOf(hardship(stage, asOf), 'education.higher.grant', 's1')?.annual).toBe(amount);
  });
  it('the new value cites 财教〔2024〕181号 as unverified, says so in the step, and raises the 待核实 warning', () => {
    const result = hardship('undergraduate', '2024-09-01');
    const grant = benefitOf(result, 'education.higher.grant', 's1');
    expect(grant?.label).toBe('国家助学金（本科）');
    expect(grant?.basis.find((b) => b.param === 'education.higher.grant.undergraduate')).toMatchObject({ verified: false, source: null });
    expect(grant?.steps[0]).toContain('3,700 元/年（2024年9月1日起执行；待核实）');
    expect(result.warnings.some((w) => w.message.includes('待核实'))).toBe(true);
  });
  it('the old value cites the seed text (002) as verified', () => {
    const grant = benefitOf(hardship('undergraduate', '2024-08-31'), 'education.higher.grant', 's1');
    expect(grant?.basis.find((b) => b.param === 'education.higher.grant.undergraduate')).toMatchObject({ verified: true, source: '002_5c18c60bd560c7e4.txt', clause: '第二部分 一、教育帮扶（二）2.② 五是高等教育' });
  });
  it('研究生: 硕士 6000.00 and 博士 13000.00 for every full-time student, 困难 or not', () => {
    const result = compute(caseOf({}, [person('s1', '甲', '1999-01-01', { student: { stage: 'master' } }), person('s2', '乙', '1995-01-01', { student: { stage: 'doctoral' } })], '2024-10-01'));
    expect(benefitOf(result, 'education.higher.grant', 's1')?.annual).toBe('6000.00');
    expect(benefitOf(result, 'education.higher.grant', 's2')?.annual).toBe('13000.00');
  });
});

describe('中职 (2.② 四是) and 雨露计划 (四、稳岗就业（二）7.)', () => {
  it('every 中职 student has tuition waived (2000.00, local default)', () => {
    const result = compute(caseOf({}, [parent, student('vocational')]));
    expect(aidCodes(result)).toEqual(['education.vocational.feeWaiver@s1']);
    expect(clausesOf(benefitOf(result, 'education.vocational.feeWaiver', 's1'))).toContain('第二部分 一、教育帮扶（二）2.② 四是中等职业教育');
  });
  it('脱贫 family 中职 student: 免学费 2000 + 助学金 2000 + 雨露计划 3000', () => {
    const result = compute(caseOf({ status: 'alleviated' }, [parent, student('vocational')]));
    expect(result.benefits.filter((b) => b.memberId === 's1' && b.group === 'education').map((b) => [b.code, b.annual])).toEqual([
      ['education.vocational.grant', '2000.00'],
      ['education.vocational.feeWaiver', '2000.00'],
      ['yulu.vocational', '3000.00'],
    ]);
  });
  it('a 监测户 family counts for 雨露计划 (含监测帮扶对象家庭), for 高职 too, but not for 本科', () => {
    expect(benefitOf(compute(caseOf({ status: 'monitored' }, [parent, student('college')])), 'yulu.vocational', 's1')?.annual).toBe('3000.00');
    expect(benefitOf(compute(caseOf({ formerlyRegisteredPoor: true }, [parent, student('undergraduate')])), 'yulu.vocational', 's1')).toBeUndefined();
  });
});

describe('监测/边缘 families: "可申请，需学校认定" rather than counted (2.①)', () => {
  it('a 监测户 boarder at 初中 gets no 生活补助 but a school-assessment item estimating 1250.00', () => {
    const result = compute(caseOf({ status: 'monitored' }, [parent, student('junior', { boarding: true })]));
    expect(benefitOf(result, 'education.compulsory.living', 's1')).toBeUndefined();
    const item = itemOf(result, 'education.hardshipAssessment', 's1');
    expect(item).toMatchObject({ action: 'assess', annual: '1250.00', where: '就读学校学生资助部门' });
    expect(item?.reason).toContain('可申请，需学校认定');
    expect(clausesOf(item)).toContain('第二部分 一、教育帮扶（二）2.①');
  });
  it('a 低保边缘 本科 student: estimate 3700.00 after 2024-09-01; none once the school has assessed the student', () => {
    const edge = compute(caseOf({ status: 'dibao_edge' }, [parent, student('undergraduate')], '2024-10-01'));
    expect(itemOf(edge, 'education.hardshipAssessment', 's1')?.annual).toBe('3700.00');
    const assessed = compute(caseOf({ status: 'dibao_edge' }, [parent, student('undergraduate', { hardship: true })], '2024-10-01'));
    expect(itemOf(assessed, 'education.hardshipAssessment', 's1')).toBeUndefined();
    expect(benefitOf(assessed, 'education.higher.grant', 's1')?.annual).toBe('3700.00');
  });
});
