/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';
import type { ScreeningDeclarations } from '../screeningItem';

/** 农村危房改造 (renovation.ts). */
export const HOUSING_BENEFITS = {
  'housing.renovation': {
    label: '农村危房改造补助',
    group: 'housing',
    payment: '竣工验收后发放至“一卡通”',
    delivery: 'oneOff',
    card: '危房改造补助',
    sentence: '重点对象的住房经鉴定为危房的，按改造方式给予农村危房改造补助。',
  },
} as const satisfies BenefitDeclarations;

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const HOUSING_SCREENING = {
  'housing.safetyAssessment': '农村房屋安全鉴定',
} as const satisfies ScreeningDeclarations;
