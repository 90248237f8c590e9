/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 育儿补贴 (subsidy.ts). */
export const CHILDCARE_BENEFITS = {
  'childcare.subsidy': {
    label: '育儿补贴',
    group: 'childcare',
    payment: '父母或监护人向婴幼儿户籍所在地申领，按年发放',
    delivery: 'cash',
    card: '育儿补贴',
    sentence: '不满3周岁的婴幼儿按月计算享受育儿补贴，由父母或监护人向婴幼儿户籍所在地申领，每年发放；育儿补贴不计入低保、特困认定的家庭收入。',
  },
} as const satisfies BenefitDeclarations;
