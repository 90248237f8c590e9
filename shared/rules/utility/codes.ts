/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 电费减免 (electricity.ts). */
export const UTILITY_BENEFITS = {
  'utility.electricity': {
    label: '低保/特困户电费减免',
    group: 'assistance',
    payment: '供电公司每月直接减免',
    delivery: 'waiver',
    card: '电费减免',
    sentence: '低保户、特困户每月减免一定电量的电费，由供电公司直接减免。',
  },
} as const satisfies BenefitDeclarations;
