/**
 * The benefits this family gives, as the contract names them: label, group, how the family is paid,
 * its delivery (the contract's classification), and for paper the 明白卡 short label and the 明白纸's
 * plain sentence (no figures: the amounts come from the result). shared/rules/benefits.ts lists every
 * family's codes; a new benefit of this family is declared here and nowhere else in code.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 低保: 补差 (income.ts). */
export const DIBAO_BENEFITS = {
  'dibao.allowance': {
    label: '最低生活保障金（低保补差）',
    group: 'assistance',
    payment: '按月发放至“一卡（折）通”',
    delivery: 'cash',
    card: '低保金',
    sentence: '家庭月人均收入低于当地低保标准的，按“标准减去人均收入”的差额乘以家庭人数，按月发放低保金。',
  },
} as const satisfies BenefitDeclarations;

/** 小额临时救助, which the 低保 hints point to (hints.ts). Listed after the 残疾人 codes, where it has always been. */
export const TEMPORARY_ASSISTANCE_BENEFITS = {
  'temporaryAssistance.smallMax': {
    label: '小额临时救助（最高额度）',
    group: 'assistance',
    payment: '乡镇（街道）直接审批发放',
    delivery: 'oneOff',
    card: '临时救助',
    sentence: '因突发事件、意外事故、重大疾病等导致基本生活暂时困难的，可由乡镇（街道）直接审批小额临时救助。',
  },
} as const satisfies BenefitDeclarations;
