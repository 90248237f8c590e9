/**
 * Chinese names for every input field, so that an error reads "第2位成员（李四）· 住院第1笔 ·
 * 政策范围内费用：不能大于总费用" instead of a path. The path itself is kept beside the message.
 */
import {
  AREA_LABELS,
  DISABILITY_KIND_LABELS,
  HOSPITAL_LEVEL_LABELS,
  HOUSING_RATING_LABELS,
  OUTPATIENT_KIND_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  TEKUN_CARE_LABELS,
} from './codes';
import { RELATION_LABELS } from './schema';
import { QUOTED_VALUE_CHARS, shortValue } from '../errors';

export const FIELD_LABELS: Record<string, string> = {
  asOf: '测算日期',
  params: '临时参数',
  household: '家庭信息',
  area: '城乡类别',
  status: '身份',
  formerlyRegisteredPoor: '原建档立卡贫困户',
  monthlyIncome: '家庭月收入（不含务工工资）',
  annualNetIncomePerCapita: '家庭年人均纯收入',
  housing: '住房',
  rating: '房屋安全等级',
  priorHousingAid: '曾享受农村住房保障',
  estimatedCost: '改造预算',
  township: '乡镇（街道）',
  village: '村（社区）',
  group: '村民小组（组）',
  // names of the 入户发放 (roster import) requests, for their messages
  presetName: '方案名称',
  columns: '各列',
  defaultArea: '名册未写城乡时的城乡类别',
  headerRow: '表头所在行',
  mapping: '各列的对应',
  address: '详细地址',
  phone: '联系电话',
  members: '家庭成员',
  id: '成员编号',
  name: '姓名',
  relation: '与户主关系',
  idNumber: '身份证号码',
  birthDate: '出生日期',
  disability: '残疾情况',
  grade: '残疾等级',
  kind: '类别',
  employment: '务工情况',
  monthlyWage: '月工资',
  workplaceUrbanDibaoStandard: '务工地城市低保标准',
  tekunCare: '特困人员照料护理等级',
  pension: '城乡居民养老保险',
  insured: '已参保',
  receiving: '已领取养老金',
  student: '在校学生',
  stage: '学段',
  enrolled: '在读',
  boarding: '寄宿',
  hardship: '学校认定家庭经济困难',
  nationalNutritionPlan: '享受国家营养改善计划',
  orphan: '孤儿',
  deFactoUnsupported: '事实无人抚养儿童',
  kindergartenYear: '幼儿园年级',
  publicKindergarten: '公办幼儿园',
  training: '技能培训',
  yuluShort: '雨露计划短期技能培训工种类别',
  designatedDays: '定点培训机构集中培训天数',
  outOfCountyCosts: '县外省内培训交通费、住宿费（票据金额）',
  workForTrainingMonths: '以工代训月数',
  startup: '自主创业',
  firstBusiness: '首次自主创业并取得营业执照',
  monthsOperating: '正常经营月数',
  incubator: '创业孵化基地',
  annualCosts: '本年度物管、卫生、房租、水电费',
  subsidyYear: '享受孵化补贴的第几年',
  publicWelfareJob: '乡村公益性岗位',
  yearInPost: '在岗第几年',
  medical: '医疗费用',
  inpatient: '住院',
  outpatient: '门诊',
  total: '总费用',
  policyScope: '政策范围内费用',
  level: '医院级别',
  basicPaid: '基本医保已支付',
  criticalPaid: '大病保险已支付',
  hospital: '医院',
  date: '日期',
  disease: '病种',
  // 入户发放打印 (campaignApi.ts): the API's own fields, named in its messages
  caseNos: '选择的案卷',
  items: '打印的案卷',
  output: '打印内容',
};

/** Chinese labels of enum values, by the field that holds them (A/B/C are house ratings and 雨露 classes). */
const VALUE_LABELS_BY_FIELD: Record<string, Readonly<Record<string, string>>> = {
  status: STATUS_LABELS,
  stage: STAGE_LABELS,
  area: AREA_LABELS,
  level: HOSPITAL_LEVEL_LABELS,
  rating: HOUSING_RATING_LABELS,
  tekunCare: TEKUN_CARE_LABELS,
  relation: RELATION_LABELS,
  yuluShort: { A: 'A类工种', B: 'B类工种', C: 'C类工种' },
};

/** The Chinese of an enum value at `path` ("members[0].medical.outpatient[1].kind" → 门诊慢性病 …). */
export function valueLabel(path: readonly PropertyKey[], value: unknown): string | undefined {
  const field = String(path[path.length - 1]);
  if (field === 'kind') {
    const labels = path.includes('disability') ? DISABILITY_KIND_LABELS : OUTPATIENT_KIND_LABELS;
    return (labels as Record<string, string>)[String(value)];
  }
  return VALUE_LABELS_BY_FIELD[field]?.[String(value)];
}

/** Every enum label, for showing a stored value whose field is not known (history diffs). */
export const VALUE_LABELS: Record<string, string> = {
  ...STATUS_LABELS,
  ...STAGE_LABELS,
  ...AREA_LABELS,
  ...HOSPITAL_LEVEL_LABELS,
  ...OUTPATIENT_KIND_LABELS,
  ...TEKUN_CARE_LABELS,
  ...DISABILITY_KIND_LABELS,
  ...RELATION_LABELS,
};

/** members[1].medical.inpatient[0].policyScope → 第2位成员（李四）· 住院第1笔 · 政策范围内费用 */
export function describePath(path: readonly PropertyKey[], input?: unknown): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const next = path[i + 1];
    if (part === 'members' && typeof next === 'number') {
      const name = memberName(input, next);
      parts.push(`第${next + 1}位成员${name ? `（${name}）` : ''}`);
      i++;
    } else if ((part === 'inpatient' || part === 'outpatient') && typeof next === 'number') {
      parts.push(`${FIELD_LABELS[part]}第${next + 1}笔`);
      i++;
    } else if (part === 'params' && typeof next === 'string') {
      parts.push(`临时参数「${shortValue(next)}」`);
      i++;
    } else if (typeof part === 'number') {
      parts.push(`第${part + 1}项`);
    } else if (part === 'household' && path.length > 1) {
      continue;
    } else {
      parts.push(FIELD_LABELS[String(part)] ?? shortValue(part));
    }
  }
  return parts.length > 0 ? parts.join(' · ') : '输入';
}

function memberName(input: unknown, index: number): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const members = (input as { members?: unknown }).members;
  if (!Array.isArray(members)) return undefined;
  const member = members[index] as { name?: unknown } | undefined;
  if (typeof member?.name !== 'string') return undefined;
  // only the start of a name is read: a pasted page of text is quoted by its first characters
  const name = shortValue(member.name.slice(0, 4 * QUOTED_VALUE_CHARS).trim());
  return name === '' ? undefined : name;
}
