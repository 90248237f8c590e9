/**
 * The benefits this family gives, as the contract names them: label, group, how the family is paid,
 * its delivery (the contract's classification), and for paper the 明白卡 short label and the 明白纸's
 * plain sentence (no figures: the amounts come from the result). shared/rules/benefits.ts lists every
 * family's codes; a new benefit of this family is declared here and nowhere else in code.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';

/** 养老: 代缴 (premium.ts) and 基础养老金. */
export const PENSION_BENEFITS = {
  'pension.premiumSubsidy': {
    label: '城乡居民养老保险代缴',
    group: 'pension',
    payment: '县人社部门按年代缴',
    delivery: 'waiver',
    card: '养老保险代缴',
    sentence: '困难群体参加城乡居民养老保险的，由政府按最低缴费档次代缴部分或全部保费。',
  },
  'pension.basic': {
    label: '城乡居民基础养老金',
    group: 'pension',
    payment: '按月发放至本人社会保障卡',
    delivery: 'cash',
    card: '基础养老金',
    sentence: '参加城乡居民养老保险并按月领取待遇的，每月领取基础养老金（个人账户养老金按本人缴费另计）。',
  },
} as const satisfies BenefitDeclarations;
