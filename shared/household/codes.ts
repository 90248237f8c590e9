/**
 * The contract's enumerations (../shared/spec/calc-contract.md) with the Chinese words staff and
 * families read. Codes are the contract's; labels and explanations are ours.
 */

export const STATUSES = [
  'tekun',
  'dibao',
  'returned_poverty',
  'dibao_edge',
  'monitored',
  'illness_poverty',
  'alleviated',
  'ordinary',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  tekun: '特困人员',
  dibao: '低保对象',
  returned_poverty: '返贫致贫人口',
  dibao_edge: '低保边缘家庭成员',
  monitored: '农村易返贫致贫人口（监测对象）',
  illness_poverty: '因病致贫重病患者',
  alleviated: '脱贫人口',
  ordinary: '一般农户/居民',
};

/** Short forms for cards and tables. */
export const STATUS_SHORT: Record<Status, string> = {
  tekun: '特困',
  dibao: '低保',
  returned_poverty: '返贫致贫',
  dibao_edge: '低保边缘',
  monitored: '监测对象',
  illness_poverty: '因病致贫',
  alleviated: '脱贫户',
  ordinary: '一般户',
};

/** One line per 身份, shown beside the picker so staff choose the right one. */
export const STATUS_EXPLANATIONS: Record<Status, string> = {
  tekun: '无劳动能力、无生活来源、无法定赡养抚养扶养义务人（或其无履行能力）的老年人、残疾人和未满18周岁未成年人，经民政部门认定。',
  dibao: '共同生活的家庭成员人均收入低于当地低保标准且财产符合规定，经民政部门认定纳入低保。',
  returned_poverty: '经乡村振兴部门认定的返贫致贫人口（防返贫监测中已返贫或致贫的人口）。',
  dibao_edge: '不符合低保条件，但家庭人均收入低于当地低保标准1.5倍且财产符合规定的家庭成员，经民政部门认定。',
  monitored: '纳入防止返贫动态监测的脱贫不稳定户、边缘易致贫户、突发严重困难户的成员。',
  illness_poverty: '因高额医疗费用支出导致家庭基本生活出现严重困难的重病患者，经民政部门认定。',
  alleviated: '原建档立卡已脱贫人口（过渡期内享受相应帮扶政策）。',
  ordinary: '不属于以上任何身份。',
};

/** The six statuses that receive 医疗救助 (contract, medical chain step 3). */
export const ASSISTED_STATUSES = [
  'tekun',
  'dibao',
  'returned_poverty',
  'dibao_edge',
  'monitored',
  'illness_poverty',
] as const satisfies readonly Status[];
export type AssistedStatus = (typeof ASSISTED_STATUSES)[number];

/** 特困 / 低保 / 返贫致贫: the 大病保险 tilt, no 医疗救助 deductible (豫医保〔2023〕7号 as summarised in seed 002). */
export const TILT_STATUSES = ['tekun', 'dibao', 'returned_poverty'] as const satisfies readonly Status[];

export const STAGES = [
  'preschool',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'undergraduate',
  'master',
  'doctoral',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  preschool: '学前教育',
  primary: '小学',
  junior: '初中',
  senior: '普通高中',
  vocational: '中职（含技工）',
  college: '高职/专科',
  undergraduate: '本科',
  master: '硕士研究生',
  doctoral: '博士研究生',
};

export const DISABILITY_KINDS = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];

export const DISABILITY_KIND_LABELS: Record<DisabilityKind, string> = {
  physical: '肢体残疾',
  visual: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
};

export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];
export const DISABILITY_GRADE_LABELS: Record<DisabilityGrade, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

export const HOSPITAL_LEVELS = ['township', 'county', 'city', 'province'] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];
export const HOSPITAL_LEVEL_LABELS: Record<HospitalLevel, string> = {
  township: '乡镇（社区）医疗机构',
  county: '县级医疗机构',
  city: '市级医疗机构',
  province: '省级医疗机构',
};

export const OUTPATIENT_KINDS = ['chronic', 'special'] as const;
export type OutpatientKind = (typeof OUTPATIENT_KINDS)[number];
export const OUTPATIENT_KIND_LABELS: Record<OutpatientKind, string> = {
  chronic: '门诊慢性病',
  special: '门诊特殊疾病（特药/重特大病门诊）',
};

export const HOUSING_RATINGS = ['A', 'B', 'C', 'D', 'none'] as const;
export type HousingRating = (typeof HOUSING_RATINGS)[number];
export const HOUSING_RATING_LABELS: Record<HousingRating, string> = {
  A: 'A级（安全）',
  B: 'B级（基本安全）',
  C: 'C级危房（局部危险）',
  D: 'D级危房（整栋危险）',
  none: '无房户',
};

export const TEKUN_CARE_LEVELS = ['full', 'half', 'self'] as const;
export type TekunCare = (typeof TEKUN_CARE_LEVELS)[number];
export const TEKUN_CARE_LABELS: Record<TekunCare, string> = { full: '全护理', half: '半护理', self: '全自理' };

export const AREAS = ['rural', 'urban'] as const;
export type Area = (typeof AREAS)[number];
export const AREA_LABELS: Record<Area, string> = { rural: '农村', urban: '城镇' };

export const SHORT_TRAINING_CLASSES = ['A', 'B', 'C'] as const;
export type ShortTrainingClass = (typeof SHORT_TRAINING_CLASSES)[number];
