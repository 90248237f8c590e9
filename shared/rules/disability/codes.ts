/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';
import type { ScreeningDeclarations } from '../screeningItem';

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

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const DISABILITY_SCREENING = {
  'disability.assessment': '残疾评定（办理残疾人证）',
} as const satisfies ScreeningDeclarations;
