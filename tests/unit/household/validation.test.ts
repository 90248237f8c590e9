/**
 * Every input error the contract names (calc-contract.md "Command line") is refused with a Chinese
 * message and the path of the field, and never produces a result.
 */
import { describe, expect, it } from 'vitest';
import { compute, errorsOf, household } from '../../support/calc';

const bill = (fields: Record<string, unknown>) => ({ medical: { inpatient: [{ total: 1000, policyScope: 800, level: 'county', ...fields }] } });

describe('validation errors name the field', () => {
  it.each<[string, unknown, string, string]>([
    ['a field the contract does not know (misspelt)', { ...household('dibao'), houshold: {} }, 'houshold', '输入中有未知字段「houshold」，请检查拼写（合同未定义此字段）'],
    ['a misspelt member field', household('dibao', { birthdate: '1970-01-01' }), 'members[0].birthdate', '第1位成员（张三）中有未知字段「birthdate」，请检查拼写（合同未定义此字段）'],
    ['a misspelt bill field', household('dibao', bill({ policyscope: 1 })), 'members[0].medical.inpatient[0].policyscope', '第1位成员（张三） · 医疗费用 · 住院第1笔中有未知字段「policyscope」，请检查拼写（合同未定义此字段）'],
    ['a value of the wrong type', household('dibao', { pension: { insured: 'yes', receiving: false } }), 'members[0].pension.insured', '第1位成员（张三） · 城乡居民养老保险 · 已参保：应为是或否（true / false）'],
    ['an unknown enum value', { ...household('dibao'), household: { area: 'rural', status: 'poor' } }, 'household.status', '身份：「poor」不是可选值，可选：tekun（特困人员）、dibao（低保对象）、returned_poverty（返贫致贫人口）、dibao_edge（低保边缘家庭成员）、monitored（农村易返贫致贫人口（监测对象））、illness_poverty（因病致贫重病患者）、alleviated（脱贫人口）、ordinary（一般农户/居民）'],
    ['an unknown hospital level', household('dibao', bill({ level: 'village' })), 'members[0].medical.inpatient[0].level', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 医院级别：「village」不是可选值，可选：township（乡镇（社区）医疗机构）、county（县级医疗机构）、city（市级医疗机构）、province（省级医疗机构）'],
    ['negative money', household('dibao', bill({ total: -5 })), 'members[0].medical.inpatient[0].total', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 总费用：金额不能为负数（-5）'],
    ['money with more than two decimals', household('dibao', bill({ total: '1000.005' })), 'members[0].medical.inpatient[0].total', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 总费用：金额最多两位小数（到分），现为 1000.005'],
    ['money that is not a number', household('dibao', bill({ total: '一千' })), 'members[0].medical.inpatient[0].total', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 总费用：应为金额数字（如 1200 或 "1200.50"），现为 "一千"'],
    ['a missing required amount', household('dibao', { medical: { inpatient: [{ policyScope: 800, level: 'county' }] } }), 'members[0].medical.inpatient[0].total', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 总费用：必须填写'],
    ['policyScope > total', household('dibao', bill({ policyScope: 1200 })), 'members[0].medical.inpatient[0].policyScope', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 政策范围内费用：政策范围内费用（1200）不能大于总费用（1000）'],
    ['basicPaid + criticalPaid > policyScope', household('dibao', bill({ basicPaid: 600, criticalPaid: 300 })), 'members[0].medical.inpatient[0].criticalPaid', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 大病保险已支付：基本医保与大病保险已支付之和（900）不能大于政策范围内费用（800）'],
    ['basicPaid alone > policyScope', household('dibao', bill({ basicPaid: 900 })), 'members[0].medical.inpatient[0].basicPaid', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 基本医保已支付：基本医保与大病保险已支付之和（900）不能大于政策范围内费用（800）'],
    ['an outpatient policyScope > total', household('dibao', { medical: { outpatient: [{ kind: 'special', total: 100, policyScope: 101 }] } }), 'members[0].medical.outpatient[0].policyScope', '第1位成员（张三） · 医疗费用 · 门诊第1笔 · 政策范围内费用：政策范围内费用（101）不能大于总费用（100）'],
    ['no level to estimate 基本医保 with', household('dibao', { medical: { inpatient: [{ total: 1000, policyScope: 800 }] } }), 'members[0].medical.inpatient[0].level', '第1位成员（张三） · 医疗费用 · 住院第1笔 · 医院级别：未填基本医保已支付金额时，必须选择医院级别以便估算'],
    ['a wrong GB 11643 check digit', household('dibao', { birthDate: undefined, idNumber: '411323199305011238' }), 'members[0].idNumber', '第1位成员（张三） · 身份证号码：身份证号码校验位不正确（按GB 11643计算应为 7），请核对是否输错'],
    ['an ID number of the wrong length', household('dibao', { birthDate: undefined, idNumber: '4113231993050112' }), 'members[0].idNumber', '第1位成员（张三） · 身份证号码：身份证号码应为18位，现为16位'],
    ['a birth date that disagrees with the ID number', household('dibao', { birthDate: '1993-05-02', idNumber: '411323199305011237' }), 'members[0].birthDate', '第1位成员（张三） · 出生日期：与身份证号码中的出生日期 1993-05-01 不一致'],
    ['neither ID number nor birth date', household('dibao', { birthDate: undefined }), 'members[0].birthDate', '第1位成员（张三） · 出生日期：未填身份证号码时必须填写出生日期'],
    ['a birth date after asOf', household('dibao', { birthDate: '2024-01-01' }), 'members[0].birthDate', '第1位成员（张三） · 出生日期：出生日期 2024-01-01 晚于测算日期 2023-09-01'],
    ['an impossible date', household('dibao', { birthDate: '2023-02-30' }), 'members[0].birthDate', '第1位成员（张三） · 出生日期：应为有效日期，格式 YYYY-MM-DD（如 2023-09-01）'],
    ['an empty members list', { ...household('dibao'), members: [] }, 'members', '家庭成员：至少需要一位家庭成员'],
    ['duplicate member ids', { ...household('dibao'), members: [{ id: 'm1', name: '张三', birthDate: '1970-01-01' }, { id: 'm1', name: '李四', birthDate: '1972-01-01' }] }, 'members[1].id', '第2位成员（李四） · 成员编号：成员编号「m1」与第1位成员重复'],
    ['an empty name', household('dibao', { name: '  ' }), 'members[0].name', '第1位成员 · 姓名：姓名不能为空'],
    ['a wrong status in a member list', household('dibao', { status: ['dibao', 'rich'] }), 'members[0].status', '第1位成员（张三） · 身份：应为身份代码（如 dibao）或身份代码列表（如 ["dibao","monitored"]）'],
    ['a disability grade out of range', household('dibao', { disability: { grade: 5, kind: 'physical' } }), 'members[0].disability.grade', '第1位成员（张三） · 残疾情况 · 残疾等级：残疾等级应为 1、2、3 或 4（级）'],
    ['an asOf that is not a date', { ...household('dibao'), asOf: '2023/09/01' }, 'asOf', '测算日期：应为有效日期，格式 YYYY-MM-DD（如 2023-09-01）'],
    ['an asOf before the pack', { ...household('dibao'), asOf: '2020-12-31' }, 'asOf', '测算日期：2020-12-31 早于政策参数包「河南省·南阳市 惠民政策参数包」的起始日期 2021-01-01'],
    ['an unknown parameter key', { ...household('dibao'), params: { 'dibao.standrd.rural': 480 } }, 'params.dibao.standrd.rural', '临时参数「dibao.standrd.rural」：参数包「henan-nanyang」中没有这个参数，请检查拼写（可用 --params 列出全部参数）'],
    ['a parameter value that makes no sense', { ...household('dibao'), params: { 'medical.critical.rate': 60 } }, 'params.medical.critical.rate', '临时参数「medical.critical.rate」（大病保险政策范围内支付比例）：比例应在 0 到 1 之间（70% 请填 0.70）'],
    ['input that is not an object', [1, 2], '', '输入应为一个家庭的 JSON 对象（{"household": …, "members": […]}）'],
  ])('%s', (_name, input, path, message) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual({ path, message });
  });

  it('reports every problem at once, so staff can fix them together', () => {
    const errors = errorsOf({
      ...household('dibao'),
      members: [
        { id: 'a', name: '甲', birthDate: '1970-01-01', medical: { inpatient: [{ total: 10, policyScope: 20, level: 'county' }] } },
        { id: 'b', name: '乙' },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual(['members[0].medical.inpatient[0].policyScope', 'members[1].birthDate']);
  });

  it('valid input with an ID number derives birth date, sex and age', () => {
    const input = household('dibao', { birthDate: undefined, idNumber: '411323199305011237' });
    expect(() => compute(input)).not.toThrow();
  });
});

describe('enum choices are labelled by their field', () => {
  it('a house rating lists the ratings, an outpatient kind the kinds', () => {
    const rating = errorsOf({ ...household('dibao'), household: { area: 'rural', status: 'dibao', housing: { rating: 'E' } } });
    expect(rating[0]?.message).toBe('住房 · 房屋安全等级：「E」不是可选值，可选：A（A级（安全））、B（B级（基本安全））、C（C级危房（局部危险））、D（D级危房（整栋危险））、none（无房户）');
    const kind = errorsOf(household('dibao', { medical: { outpatient: [{ kind: 'acute', total: 1, policyScope: 1 }] } }));
    expect(kind[0]?.message).toBe('第1位成员（张三） · 医疗费用 · 门诊第1笔 · 类别：「acute」不是可选值，可选：chronic（门诊慢性病）、special（门诊特殊疾病（特药/重特大病门诊））');
    const disability = errorsOf(household('dibao', { disability: { grade: 1, kind: 'eyes' } }));
    expect(disability[0]?.message).toContain('可选：physical（肢体残疾）');
  });
});
