/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';
import type { ScreeningDeclarations } from '../screeningItem';

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

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const DIBAO_SCREENING = {
  'dibao.apply': '申请最低生活保障（低保）',
  'dibao.edge': '申请低保边缘家庭认定',
  'dibao.singlePerson': '低保边缘家庭重病、重残人员参照“单人户”纳入低保',
  'dibao.taper': '低保渐退期',
  'dibao.individual': '个人纳入低保（补差按个人核定）',
  'dibao.review': '低保家庭收入复核',
} as const satisfies ScreeningDeclarations;
