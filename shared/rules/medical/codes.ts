/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 医疗: 基本医保、大病保险、医疗救助 and 参保资助 (chain.ts). */
export const MEDICAL_BENEFITS = {
  'medical.basic': {
    label: '基本医保报销',
    group: 'medical',
    payment: '定点医院出院时“一站式”直接结算',
    delivery: 'settlement',
    card: '基本医保报销',
    sentence: '住院和门诊慢特病在政策范围内的费用，扣除起付线后，按医院级别对应的比例由基本医保报销。',
  },
  'medical.critical': {
    label: '大病保险报销',
    group: 'medical',
    payment: '定点医院出院时“一站式”直接结算',
    delivery: 'settlement',
    card: '大病保险报销',
    sentence: '基本医保报销后个人负担的政策范围内费用全年累计，超过大病保险起付线的部分再按比例（分段的，费用越高比例越高）由大病保险报销，困难群众起付线降低、比例提高。',
  },
  'medical.assistance': {
    label: '医疗救助',
    group: 'medical',
    payment: '定点医院“一站式”结算，或持票据到县医保经办窗口申请',
    delivery: 'settlement',
    card: '医疗救助',
    sentence: '经基本医保、大病保险报销后仍由个人负担的政策范围内费用，按救助对象身份的比例给予医疗救助，全年有救助限额。',
  },
  'medical.premiumSubsidy': {
    label: '居民医保参保资助',
    group: 'medical',
    payment: '征缴时直接减免个人缴费',
    delivery: 'waiver',
    card: '医保参保资助',
    sentence: '困难群众参加城乡居民医保的个人缴费，按身份由医疗救助资金全额或定额资助。',
  },
} as const satisfies BenefitDeclarations;
