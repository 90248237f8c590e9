/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';
import type { ScreeningDeclarations } from '../screeningItem';

/** 特困: 基本生活费 and 照料护理费 (support.ts). */
export const TEKUN_BENEFITS = {
  'tekun.basic': {
    label: '特困人员基本生活费',
    group: 'assistance',
    payment: '按月发放至“一卡（折）通”',
    delivery: 'cash',
    card: '特困基本生活费',
    sentence: '特困人员按当地特困供养基本生活标准，按月领取基本生活费。',
  },
  'tekun.care': {
    label: '特困人员照料护理费',
    group: 'assistance',
    payment: '按月发放（分散供养）或拨付供养机构',
    delivery: 'cash',
    card: '特困护理费',
    sentence: '特困人员按生活自理能力（全自理、半护理、全护理）享受照料护理费。',
  },
} as const satisfies BenefitDeclarations;

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const TEKUN_SCREENING = {
  'tekun.apply': '申请特困人员救助供养',
  'tekun.careAssessment': '特困人员生活自理能力评估（照料护理等级）',
} as const satisfies ScreeningDeclarations;
