/**
 * 稳岗就业 (002 第二部分 四、稳岗就业（二）5.–7.; 003 三、（六）; 004 附件1 七、; 000 7、市人社局 调整就业保障政策 二)
 * and the project's extended inputs (members[].training.*, members[].startup, members[].publicWelfareJob).
 * “两类人员” is read as 脱贫人口 and 防止返贫监测对象.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, errorsOf, itemOf, person } from './cases';

const worker = (extra: Record<string, unknown> = {}) => person('w1', '王工', '1990-07-01', extra);
const poor = { status: 'alleviated' };

describe('雨露计划短期技能培训 (四、稳岗就业（二）7.; 004 七、)', () => {
  it.each<[string, string]>([
    ['A', '2000.00'],
    ['B', '1800.00'],
    ['C', '1500.00'],
  ])('class %s: %s one-off for a 脱贫 family member', (level, amount) => {
    const benefit = benefitOf(compute(caseOf(poor, [worker({ training: { yuluShort: level } })])), 'yulu.shortTraining', 'w1');
    expect(benefit).toMatchObject({ annual: amount, monthly: null });
    expect(clausesOf(benefit)).toContain('第二部分 四、稳岗就业（二）7.');
  });
  it('not for an ordinary family: an info item instead', () => {
    const result = compute(caseOf({}, [worker({ training: { yuluShort: 'A' } })]));
    expect(benefitOf(result, 'yulu.shortTraining', 'w1')).toBeUndefined();
    expect(itemOf(result, 'yulu.shortTraining', 'w1')?.action).toBe('info');
  });
});

describe('一次性创业开业补贴 (5.②): 5000 for a first business operating 6 months', () => {
  it('6 months: 5000.00', () => {
    const benefit = benefitOf(compute(caseOf(poor, [worker({ startup: { firstBusiness: true, monthsOperating: 6 } })])), 'employment.startupSubsidy', 'w1');
    expect(benefit?.annual).toBe('5000.00');
    expect(clausesOf(benefit)).toContain('第二部分 四、稳岗就业（二）5.②');
  });
  it('5 months: not yet, an info item with the 5000.00 to come', () => {
    const result = compute(caseOf(poor, [worker({ startup: { firstBusiness: true, monthsOperating: 5 } })]));
    expect(benefitOf(result, 'employment.startupSubsidy', 'w1')).toBeUndefined();
    expect(itemOf(result, 'employment.startupSubsidy', 'w1')).toMatchObject({ action: 'info', annual: '5000.00' });
  });
  it('not a first business, or not one of the “两类人员”: nothing', () => {
    expect(benefitOf(compute(caseOf(poor, [worker({ startup: { firstBusiness: false, monthsOperating: 12 } })])), 'employment.startupSubsidy', 'w1')).toBeUndefined();
    expect(benefitOf(compute(caseOf({}, [worker({ startup: { firstBusiness: true, monthsOperating: 12 } })])), 'employment.startupSubsidy', 'w1')).toBeUndefined();
  });
  it('a 监测对象 member counts as one of the “两类人员”', () => {
    expect(benefitOf(compute(caseOf({}, [worker({ status: 'monitored', startup: { firstBusiness: true, monthsOperating: 7 } })])), 'employment.startupSubsidy', 'w1')).toBeDefined();
  });
});

describe('创业孵化补贴 (003 三、（六）; 002 5.③): 50% of actual costs, ≤ 10000 a year, ≤ 3 years', () => {
  const incubated = (annualCosts: number, subsidyYear: number) =>
    compute(caseOf(poor, [worker({ startup: { firstBusiness: false, monthsOperating: 20, incubator: { annualCosts, subsidyYear } } })]));
  it('12000 × 50% = 6000.00', () => {
    expect(benefitOf(incubated(12000, 1), 'employment.incubatorSubsidy', 'w1')?.annual).toBe('6000.00');
  });
  it('30000 × 50% = 15000 → the cap 10000.00', () => {
    const benefit = benefitOf(incubated(30000, 2), 'employment.incubatorSubsidy', 'w1');
    expect(benefit?.annual).toBe('10000.00');
    expect(benefit?.steps).toContain('超过年补贴最高限额，按 10,000.00 元 计');
  });
  it('year 3 still paid; year 4 is past the period (info)', () => {
    expect(benefitOf(incubated(8000, 3), 'employment.incubatorSubsidy', 'w1')?.annual).toBe('4000.00');
    const fourth = incubated(8000, 4);
    expect(benefitOf(fourth, 'employment.incubatorSubsidy', 'w1')).toBeUndefined();
    expect(itemOf(fourth, 'employment.incubatorSubsidy', 'w1')?.reason).toContain('已期满');
  });
});

describe('乡村公益性岗位补贴 (6.): ≥ 50% of the minimum wage a month', () => {
  it('2023 (豫政〔2021〕33号 二类 1800): 1800 × 50% = 900.00/月, 10800.00/年', () => {
    expect(benefitOf(compute(caseOf(poor, [worker({ publicWelfareJob: { yearInPost: 3 } })])), 'employment.publicWelfareJob', 'w1')).toMatchObject({ monthly: '900.00', annual: '10800.00' });
  });
  it('2026 (2025-12-01 二类 2150): 2150 × 50% = 1075.00/月, 12900.00/年', () => {
    expect(benefitOf(compute(caseOf(poor, [worker({ publicWelfareJob: {} })], '2026-06-30')), 'employment.publicWelfareJob', 'w1')).toMatchObject({ monthly: '1075.00', annual: '12900.00' });
  });
  it('2021 (最低工资 1700): 850.00/月, 10200.00/年', () => {
    expect(benefitOf(compute(caseOf(poor, [worker({ publicWelfareJob: {} })], '2021-06-30')), 'employment.publicWelfareJob', 'w1')).toMatchObject({ monthly: '850.00', annual: '10200.00' });
  });
  it('the fourth year of a placement is past the usual 3 years: an info item about 再次安置', () => {
    const result = compute(caseOf(poor, [worker({ publicWelfareJob: { yearInPost: 4 } })]));
    expect(benefitOf(result, 'employment.publicWelfareJob', 'w1')).toBeUndefined();
    expect(itemOf(result, 'employment.publicWelfareJob', 'w1')?.reason).toContain('再次安置');
  });
});

describe('培训生活费 30/天 (5.⑤) and 县外省内 交通住宿 ≤ 300 (5.⑥)', () => {
  it('10 days × 30 = 300.00; invoices 450 → 300.00; invoices 180 → 180.00', () => {
    const result = compute(caseOf(poor, [worker({ training: { designatedDays: 10, outOfCountyCosts: 450 } }), person('w2', '王妻', '1991-01-01', { training: { outOfCountyCosts: '180' } })]));
    expect(benefitOf(result, 'employment.trainingLiving', 'w1')?.annual).toBe('300.00');
    expect(benefitOf(result, 'employment.trainingTravel', 'w1')?.annual).toBe('300.00');
    expect(benefitOf(result, 'employment.trainingTravel', 'w2')?.annual).toBe('180.00');
    expect(clausesOf(benefitOf(result, 'employment.trainingLiving', 'w1'))).toContain('第二部分 四、稳岗就业（二）5.⑤');
  });
  it('nothing for zero days or for an ordinary member', () => {
    const result = compute(caseOf({}, [worker({ training: { designatedDays: 10 } })]));
    expect(benefitOf(result, 'employment.trainingLiving', 'w1')).toBeUndefined();
    expect(benefitOf(compute(caseOf(poor, [worker({ training: { designatedDays: 0 } })])), 'employment.trainingLiving', 'w1')).toBeUndefined();
  });
});

describe('以工代训 200/月 ≤ 6 months, in force to 2021-12-31 (004 七、; 000 7、市人社局 调整 二)', () => {
  it('2021-10-01, 4 months: 200 × 4 = 800.00', () => {
    const benefit = benefitOf(compute(caseOf(poor, [worker({ training: { workForTrainingMonths: 4 } })], '2021-10-01')), 'employment.workForTraining', 'w1');
    expect(benefit).toMatchObject({ annual: '800.00', monthly: null });
    expect(benefit?.steps).toContain('补贴发放给吸纳就业的企业，不直接发给个人');
  });
  it('8 months count as 6: 1200.00', () => {
    expect(benefitOf(compute(caseOf(poor, [worker({ training: { workForTrainingMonths: 8 } })], '2021-12-31')), 'employment.workForTraining', 'w1')?.annual).toBe('1200.00');
  });
  it('from 2022-01-01 the pack has it out of force: no benefit, an info item citing the end date', () => {
    const result = compute(caseOf(poor, [worker({ training: { workForTrainingMonths: 4 } })], '2022-01-01'));
    expect(benefitOf(result, 'employment.workForTraining', 'w1')).toBeUndefined();
    const item = itemOf(result, 'employment.workForTraining', 'w1');
    expect(item?.reason).toContain('自2022年1月1日起不再执行');
    expect(clausesOf(item)).toContain('7、市人力资源和社会保障局 调整就业保障政策 二');
  });
});

describe('validation of the extended inputs (Chinese message and path)', () => {
  const withMember = (extra: Record<string, unknown>) => caseOf(poor, [worker(extra)]);
  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown field in startup', { startup: { firstBusiness: true, monthsOperating: 6, months: 6 } }, 'members[0].startup.months', '第1位成员（王工） · 自主创业中有未知字段「months」，请检查拼写（合同未定义此字段）'],
    ['an unknown field in training', { training: { designatedDay: 3 } }, 'members[0].training.designatedDay', '第1位成员（王工） · 技能培训中有未知字段「designatedDay」，请检查拼写（合同未定义此字段）'],
    ['an unknown field in publicWelfareJob', { publicWelfareJob: { year: 1 } }, 'members[0].publicWelfareJob.year', '第1位成员（王工） · 乡村公益性岗位中有未知字段「year」，请检查拼写（合同未定义此字段）'],
    ['firstBusiness of the wrong type', { startup: { firstBusiness: 'yes', monthsOperating: 6 } }, 'members[0].startup.firstBusiness', '第1位成员（王工） · 自主创业 · 首次自主创业并取得营业执照：应为是或否（true / false）'],
    ['firstBusiness missing', { startup: { monthsOperating: 6 } }, 'members[0].startup.firstBusiness', '第1位成员（王工） · 自主创业 · 首次自主创业并取得营业执照：必须填写'],
    ['monthsOperating as text', { startup: { firstBusiness: true, monthsOperating: '六' } }, 'members[0].startup.monthsOperating', '第1位成员（王工） · 自主创业 · 正常经营月数：应为数字'],
    ['monthsOperating not whole', { startup: { firstBusiness: true, monthsOperating: 6.5 } }, 'members[0].startup.monthsOperating', '第1位成员（王工） · 自主创业 · 正常经营月数：应为整数（个月）'],
    ['monthsOperating negative', { startup: { firstBusiness: true, monthsOperating: -1 } }, 'members[0].startup.monthsOperating', '第1位成员（王工） · 自主创业 · 正常经营月数：不能小于0个月'],
    ['incubator costs negative', { startup: { firstBusiness: true, monthsOperating: 6, incubator: { annualCosts: -100, subsidyYear: 1 } } }, 'members[0].startup.incubator.annualCosts', '第1位成员（王工） · 自主创业 · 创业孵化基地 · 本年度物管、卫生、房租、水电费：金额不能为负数（-100）'],
    ['incubator year 0', { startup: { firstBusiness: true, monthsOperating: 6, incubator: { annualCosts: 100, subsidyYear: 0 } } }, 'members[0].startup.incubator.subsidyYear', '第1位成员（王工） · 自主创业 · 创业孵化基地 · 享受孵化补贴的第几年：不能小于1年'],
    ['incubator year missing', { startup: { firstBusiness: true, monthsOperating: 6, incubator: { annualCosts: 100 } } }, 'members[0].startup.incubator.subsidyYear', '第1位成员（王工） · 自主创业 · 创业孵化基地 · 享受孵化补贴的第几年：必须填写'],
    ['yearInPost as text', { publicWelfareJob: { yearInPost: 'two' } }, 'members[0].publicWelfareJob.yearInPost', '第1位成员（王工） · 乡村公益性岗位 · 在岗第几年：应为数字'],
    ['designatedDays as text', { training: { designatedDays: '3天' } }, 'members[0].training.designatedDays', '第1位成员（王工） · 技能培训 · 定点培训机构集中培训天数：应为数字'],
    ['an unknown field in incubator', { startup: { firstBusiness: true, monthsOperating: 6, incubator: { annualCosts: 100, subsidyYear: 1, rent: 5 } } }, 'members[0].startup.incubator.rent', '第1位成员（王工） · 自主创业 · 创业孵化基地中有未知字段「rent」，请检查拼写（合同未定义此字段）'],
    ['yearInPost not whole', { publicWelfareJob: { yearInPost: 1.5 } }, 'members[0].publicWelfareJob.yearInPost', '第1位成员（王工） · 乡村公益性岗位 · 在岗第几年：应为整数（年）'],
    ['designatedDays over a year', { training: { designatedDays: 400 } }, 'members[0].training.designatedDays', '第1位成员（王工） · 技能培训 · 定点培训机构集中培训天数：不能大于366天'],
    ['outOfCountyCosts negative', { training: { outOfCountyCosts: -1 } }, 'members[0].training.outOfCountyCosts', '第1位成员（王工） · 技能培训 · 县外省内培训交通费、住宿费（票据金额）：金额不能为负数（-1）'],
    ['outOfCountyCosts not money', { training: { outOfCountyCosts: '三百' } }, 'members[0].training.outOfCountyCosts', '第1位成员（王工） · 技能培训 · 县外省内培训交通费、住宿费（票据金额）：应为金额数字（如 1200 或 "1200.50"），现为 "三百"'],
    ['workForTrainingMonths over 12', { training: { workForTrainingMonths: 13 } }, 'members[0].training.workForTrainingMonths', '第1位成员（王工） · 技能培训 · 以工代训月数：不能大于12个月'],
  ])('%s', (_name, extra, path, message) => {
    expect(errorsOf(withMember(extra))).toContainEqual({ path, message });
  });
  it('a bad 雨露计划 class names the field and the choices', () => {
    // labels are looked up per field: A/B/C here are 工种类别, not 房屋安全等级
    const errors = errorsOf(withMember({ training: { yuluShort: 'D' } }));
    expect(errors).toEqual([
      { path: 'members[0].training.yuluShort', message: '第1位成员（王工） · 技能培训 · 雨露计划短期技能培训工种类别：「D」不是可选值，可选：A（A类工种）、B（B类工种）、C（C类工种）' },
    ]);
  });
});
