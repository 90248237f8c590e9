/**
 * Every benefit code of the contract with its Chinese label, its group on screen and paper, and how it
 * reaches the family. Codes the project adds are marked 扩展.
 */

export const BENEFIT_GROUPS = ['medical', 'education', 'childcare', 'assistance', 'pension', 'housing', 'employment'] as const;
export type BenefitGroup = (typeof BENEFIT_GROUPS)[number];

export const BENEFIT_GROUP_LABELS: Record<BenefitGroup, string> = {
  medical: '医疗',
  education: '教育',
  childcare: '育儿',
  assistance: '兜底保障',
  pension: '养老',
  housing: '住房',
  employment: '就业',
};

export interface BenefitCodeInfo {
  label: string;
  group: BenefitGroup;
  payment: string;
}

const CODES = {
  'medical.basic': { label: '基本医保报销', group: 'medical', payment: '定点医院出院时“一站式”直接结算' },
  'medical.critical': { label: '大病保险报销', group: 'medical', payment: '定点医院出院时“一站式”直接结算' },
  'medical.assistance': { label: '医疗救助', group: 'medical', payment: '定点医院“一站式”结算，或持票据到县医保经办窗口申请' },
  'medical.premiumSubsidy': { label: '居民医保参保资助', group: 'medical', payment: '征缴时直接减免个人缴费' },
  'education.preschool.living': { label: '学前教育生活补助', group: 'education', payment: '幼儿园发放' },
  'education.preschool.fee': { label: '学前教育保教费资助', group: 'education', payment: '幼儿园直接减免' },
  'education.preschool.freeYear': { label: '免除学前一年保育教育费', group: 'education', payment: '幼儿园直接免收' },
  'education.compulsory.nutrition': { label: '省定营养改善计划', group: 'education', payment: '学校以膳食补助形式落实' },
  'education.compulsory.living': { label: '义务教育生活补助', group: 'education', payment: '学校发放至学生资助卡' },
  'education.senior.grant': { label: '普通高中国家助学金', group: 'education', payment: '学校发放至学生资助卡' },
  'education.senior.feeWaiver': { label: '普通高中免学费、住宿费', group: 'education', payment: '学校直接免除' },
  'education.vocational.grant': { label: '中职国家助学金', group: 'education', payment: '学校发放至学生资助卡' },
  'education.vocational.feeWaiver': { label: '中职免学费', group: 'education', payment: '学校直接免除' },
  'education.higher.grant': { label: '国家助学金（高等教育）', group: 'education', payment: '高校发放' },
  'yulu.vocational': { label: '雨露计划职业教育补助', group: 'education', payment: '户籍地乡村振兴部门审核后“一卡（折）通”直补到户' },
  'yulu.shortTraining': { label: '雨露计划短期技能培训补助', group: 'employment', payment: '取得证书后“一卡（折）通”发放' },
  'dibao.allowance': { label: '最低生活保障金（低保补差）', group: 'assistance', payment: '按月发放至“一卡（折）通”' },
  'tekun.basic': { label: '特困人员基本生活费', group: 'assistance', payment: '按月发放至“一卡（折）通”' },
  'tekun.care': { label: '特困人员照料护理费', group: 'assistance', payment: '按月发放（分散供养）或拨付供养机构' },
  'disability.living': { label: '困难残疾人生活补贴', group: 'assistance', payment: '按月发放至“一卡（折）通”' },
  'disability.care': { label: '重度残疾人护理补贴', group: 'assistance', payment: '按月发放至“一卡（折）通”' },
  'temporaryAssistance.smallMax': { label: '小额临时救助（最高额度）', group: 'assistance', payment: '乡镇（街道）直接审批发放' },
  'pension.premiumSubsidy': { label: '城乡居民养老保险代缴', group: 'pension', payment: '县人社部门按年代缴' },
  'pension.basic': { label: '城乡居民基础养老金', group: 'pension', payment: '按月发放至本人社会保障卡' },
  'childcare.subsidy': { label: '育儿补贴', group: 'childcare', payment: '父母或监护人向婴幼儿户籍所在地申领，按年发放' },
  'housing.renovation': { label: '农村危房改造补助', group: 'housing', payment: '竣工验收后发放至“一卡通”' },
  'utility.electricity': { label: '低保/特困户电费减免', group: 'assistance', payment: '供电公司每月直接减免' },
  // 扩展: 稳岗就业 (002 第二部分 四、稳岗就业; 003; 004)
  'employment.startupSubsidy': { label: '一次性创业开业补贴', group: 'employment', payment: '向县人社部门申请，审核后发放' },
  'employment.incubatorSubsidy': { label: '创业孵化（创业服务）补贴', group: 'employment', payment: '向县人社部门申请，补贴给创办的实体' },
  'employment.publicWelfareJob': { label: '乡村公益性岗位补贴', group: 'employment', payment: '按月发放至本人账户' },
  'employment.trainingLiving': { label: '培训期间生活费补贴', group: 'employment', payment: '随培训补贴一并申请发放' },
  'employment.trainingTravel': { label: '县外省内培训交通费、住宿费补贴', group: 'employment', payment: '凭交通费、住宿费发票据实补贴' },
  'employment.workForTraining': { label: '以工代训补贴', group: 'employment', payment: '补贴给吸纳就业并开展以工代训的企业' },
} satisfies Record<string, BenefitCodeInfo>;

/** A benefit code a rule may give: BenefitDraft accepts only these. */
export type BenefitCode = keyof typeof CODES;

/**
 * By code, in the order results list them. Looked up with codes read from stored results too, which
 * may be of another version: hence a lookup that can miss.
 */
export const BENEFIT_CODES: Readonly<Record<string, BenefitCodeInfo>> = CODES;

export function benefitInfo(code: BenefitCode): BenefitCodeInfo {
  return CODES[code];
}
