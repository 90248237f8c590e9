/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';
import type { ScreeningDeclarations } from '../screeningItem';

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

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const PENSION_SCREENING = {
  'pension.enroll': '参加城乡居民养老保险并享受代缴',
} as const satisfies ScreeningDeclarations;
