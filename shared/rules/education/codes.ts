/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { BenefitDeclarations } from '../../result/benefitCodes';
import type { ScreeningDeclarations } from '../screeningItem';

/** 教育: 学前 to 高等教育 aid and 雨露计划 职业教育补助 (aid.ts). */
export const EDUCATION_BENEFITS = {
  'education.preschool.living': {
    label: '学前教育生活补助',
    group: 'education',
    payment: '幼儿园发放',
    delivery: 'cash',
    card: '学前生活补助',
    sentence: '在普惠性幼儿园就读的家庭经济困难儿童，每年享受学前教育生活补助。',
  },
  'education.preschool.fee': {
    label: '学前教育保教费资助',
    group: 'education',
    payment: '幼儿园直接减免',
    delivery: 'waiver',
    card: '学前保教费资助',
    sentence: '家庭经济困难儿童按规定减免幼儿园保教费。',
  },
  'education.preschool.freeYear': {
    label: '免除学前一年保育教育费',
    group: 'education',
    payment: '幼儿园直接免收',
    delivery: 'waiver',
    card: '学前一年免保教费',
    sentence: '在公办幼儿园就读学前最后一年（大班）的幼儿免除保育教育费，由幼儿园直接免收；伙食费等仍按规定收取。',
  },
  'education.compulsory.nutrition': {
    label: '省定营养改善计划',
    group: 'education',
    payment: '学校以膳食补助形式落实',
    delivery: 'waiver',
    card: '营养改善计划',
    sentence: '义务教育阶段学生由学校以膳食补助的形式享受营养改善计划。',
  },
  'education.compulsory.living': {
    label: '义务教育生活补助',
    group: 'education',
    payment: '学校发放至学生资助卡',
    delivery: 'cash',
    card: '义教生活补助',
    sentence: '义务教育阶段家庭经济困难学生每年享受生活补助，寄宿生与非寄宿生标准不同。',
  },
  'education.senior.grant': {
    label: '普通高中国家助学金',
    group: 'education',
    payment: '学校发放至学生资助卡',
    delivery: 'cash',
    card: '高中助学金',
    sentence: '普通高中家庭经济困难学生享受国家助学金，按学校评定的档次发放。',
  },
  'education.senior.feeWaiver': {
    label: '普通高中免学费、住宿费',
    group: 'education',
    payment: '学校直接免除',
    delivery: 'waiver',
    card: '高中免学费住宿费',
    sentence: '家庭经济困难的普通高中学生免除学费、住宿费，由学校直接免除。',
  },
  'education.vocational.grant': {
    label: '中职国家助学金',
    group: 'education',
    payment: '学校发放至学生资助卡',
    delivery: 'cash',
    card: '中职助学金',
    sentence: '中等职业学校家庭经济困难学生享受国家助学金。',
  },
  'education.vocational.feeWaiver': {
    label: '中职免学费',
    group: 'education',
    payment: '学校直接免除',
    delivery: 'waiver',
    card: '中职免学费',
    sentence: '中等职业学校全日制学历教育在校生免除学费。',
  },
  'education.higher.grant': {
    label: '国家助学金（高等教育）',
    group: 'education',
    payment: '高校发放',
    delivery: 'cash',
    card: '大学助学金',
    sentence: '高等教育阶段家庭经济困难学生享受国家助学金，由高校评定发放。',
  },
  'yulu.vocational': {
    label: '雨露计划职业教育补助',
    group: 'education',
    payment: '户籍地乡村振兴部门审核后“一卡（折）通”直补到户',
    delivery: 'cash',
    card: '雨露计划职教补助',
    sentence: '脱贫家庭（含监测对象家庭）子女接受中、高等职业教育的，每年享受雨露计划补助。',
  },
} as const satisfies BenefitDeclarations;

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const EDUCATION_SCREENING = {
  'education.hardshipAssessment': '家庭经济困难学生认定',
} as const satisfies ScreeningDeclarations;
