/**
 * The benefits this family gives, as the contract names them: label, group, how the family is paid,
 * its delivery (the contract's classification), and for paper the 明白卡 short label and the 明白纸's
 * plain sentence (no figures: the amounts come from the result). shared/rules/benefits.ts lists every
 * family's codes; a new benefit of this family is declared here and nowhere else in code.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

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
