/**
 * The benefits this family gives, as the contract names them: label, group, how the family is paid,
 * its delivery (the contract's classification), and for paper the 明白卡 short label and the 明白纸's
 * plain sentence (no figures: the amounts come from the result). shared/rules/benefits.ts lists every
 * family's codes; a new benefit of this family is declared here and nowhere else in code.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

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
