/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 雨露计划 短期技能培训补助 (jobs.ts). Listed apart from the 稳岗就业 codes, right after 雨露计划 职业教育: its place in the list of codes (shared/rules/codes.ts) predates this folder. */
export const YULU_TRAINING_BENEFITS = {
  'yulu.shortTraining': {
    label: '雨露计划短期技能培训补助',
    group: 'employment',
    payment: '取得证书后“一卡（折）通”发放',
    delivery: 'oneOff',
    card: '雨露计划培训补助',
    sentence: '脱贫家庭（含监测对象家庭）劳动力参加短期技能培训并取得证书的，按工种类别给予补助。',
  },
} as const satisfies BenefitDeclarations;

/** 稳岗就业 (jobs.ts): codes the project adds to the contract (扩展: 002 第二部分 四、稳岗就业; 003; 004). */
export const EMPLOYMENT_BENEFITS = {
  'employment.startupSubsidy': {
    label: '一次性创业开业补贴',
    group: 'employment',
    payment: '向县人社部门申请，审核后发放',
    delivery: 'oneOff',
    card: '创业开业补贴',
    sentence: '首次自主创业、取得营业执照并正常经营满规定期限的，可申请一次性创业开业补贴。',
    extension: true,
  },
  'employment.incubatorSubsidy': {
    label: '创业孵化（创业服务）补贴',
    group: 'employment',
    payment: '向县人社部门申请，补贴给创办的实体',
    delivery: 'cash',
    card: '创业孵化补贴',
    sentence: '入驻创业孵化基地的创业实体，可按规定申请物管、卫生、房租、水电等费用补贴。',
    extension: true,
  },
  'employment.publicWelfareJob': {
    label: '乡村公益性岗位补贴',
    group: 'employment',
    payment: '按月发放至本人账户',
    delivery: 'cash',
    card: '公益岗位补贴',
    sentence: '在乡村公益性岗位上岗的人员，按月领取岗位补贴。',
    extension: true,
  },
  'employment.trainingLiving': {
    label: '培训期间生活费补贴',
    group: 'employment',
    payment: '随培训补贴一并申请发放',
    delivery: 'cash',
    card: '培训生活费补贴',
    sentence: '参加定点培训机构集中培训的，按培训天数享受生活费补贴。',
    extension: true,
  },
  'employment.trainingTravel': {
    label: '县外省内培训交通费、住宿费补贴',
    group: 'employment',
    payment: '凭交通费、住宿费发票据实补贴',
    delivery: 'cash',
    card: '培训交通住宿补贴',
    sentence: '到县外省内定点机构培训的，交通费、住宿费凭票据在限额内补贴。',
    extension: true,
  },
  'employment.workForTraining': {
    label: '以工代训补贴',
    group: 'employment',
    payment: '补贴给吸纳就业并开展以工代训的企业',
    delivery: 'oneOff',
    card: '以工代训补贴',
    sentence: '企业吸纳就业并开展以工代训的，按人按月给企业补贴。',
    extension: true,
  },
} as const satisfies BenefitDeclarations;
