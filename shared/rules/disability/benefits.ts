/**
 * The benefits this family gives, as the contract names them: label, group, how the family is paid,
 * its delivery (the contract's classification), and for paper the 明白卡 short label and the 明白纸's
 * plain sentence (no figures: the amounts come from the result). shared/rules/benefits.ts lists every
 * family's codes; a new benefit of this family is declared here and nowhere else in code.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 残疾人两项补贴 (subsidies.ts). */
export const DISABILITY_BENEFITS = {
  'disability.living': {
    label: '困难残疾人生活补贴',
    group: 'assistance',
    payment: '按月发放至“一卡（折）通”',
    delivery: 'cash',
    card: '残疾人生活补贴',
    sentence: '低保家庭等困难家庭中的残疾人，按月享受困难残疾人生活补贴。',
  },
  'disability.care': {
    label: '重度残疾人护理补贴',
    group: 'assistance',
    payment: '按月发放至“一卡（折）通”',
    delivery: 'cash',
    card: '残疾人护理补贴',
    sentence: '持一、二级残疾人证的重度残疾人，按月享受护理补贴。',
  },
} as const satisfies BenefitDeclarations;
