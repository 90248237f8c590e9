/**
 * One line of the "还可申请" list (outcome.screeningItems): something the household may apply for, have
 * assessed, or should know, with the reason, the office, an estimate when one can be given, and the
 * clauses. A screening item never grants a 身份 and is never counted in the totals.
 */
import { toFen, type Decimal } from '../money';
import type { UsedValue } from '../packs/params';
import type { Basis } from '../packs/types';
import { BENEFIT_CODES, type BenefitCode } from '../result/benefitCodes';
import type { ScreeningItem } from '../result/types';

const LABELS = {
  'dibao.apply': '申请最低生活保障（低保）',
  'dibao.edge': '申请低保边缘家庭认定',
  'dibao.singlePerson': '低保边缘家庭重病、重残人员参照“单人户”纳入低保',
  'dibao.taper': '低保渐退期',
  'dibao.individual': '个人纳入低保（补差按个人核定）',
  'dibao.review': '低保家庭收入复核',
  'education.hardshipAssessment': '家庭经济困难学生认定',
  'tekun.apply': '申请特困人员救助供养',
  'tekun.careAssessment': '特困人员生活自理能力评估（照料护理等级）',
  'housing.safetyAssessment': '农村房屋安全鉴定',
  'disability.assessment': '残疾评定（办理残疾人证）',
  'pension.enroll': '参加城乡居民养老保险并享受代缴',
  'monitoring.apply': '申报纳入防止返贫动态监测',
} satisfies Record<string, string>;

/** A 还可申请 code that is not a benefit code. */
export type ScreeningCode = keyof typeof LABELS;

/** What a screening item may be about: one of these, or a benefit (its near miss, its conditions). */
export type HintCode = ScreeningCode | BenefitCode;

/** Codes that are not benefit codes, with their labels (looked up with stored codes too: it can miss). */
export const SCREENING_LABELS: Readonly<Record<string, string>> = LABELS;

/** Where to go, as staff say it. */
export const OFFICES = {
  civilAffairs: '乡镇（街道）便民服务中心（民政）',
  school: '就读学校学生资助部门',
  kindergarten: '就读幼儿园',
  disabledFederation: '县（市、区）残联；评定在指定医院进行',
  humanResources: '县人社部门或乡镇（街道）人社服务窗口',
  housing: '向村委会提出申请，乡镇审核、县住建部门审批',
  village: '村委会（农户自主申报）',
  ruralRevitalization: '户籍所在地乡村振兴部门',
} as const;

export function screeningItem(fields: {
  code: HintCode;
  memberId: string | null;
  action: ScreeningItem['action'];
  reason: string;
  where: string;
  annual?: Decimal | null;
  basis: (UsedValue | Basis | undefined)[];
}): ScreeningItem {
  const basis: Basis[] = [];
  for (const source of fields.basis) {
    if (!source) continue;
    const item = 'basis' in source ? source.basis : source;
    if (!basis.some((b) => b.doc === item.doc && b.clause === item.clause && b.param === item.param)) basis.push(item);
  }
  const label = SCREENING_LABELS[fields.code] ?? BENEFIT_CODES[fields.code]?.label;
  if (!label) throw new Error(`unknown screening code ${fields.code}`);
  return {
    code: fields.code,
    memberId: fields.memberId,
    label,
    action: fields.action,
    reason: fields.reason,
    where: fields.where,
    annual: fields.annual ? toFen(fields.annual) : null,
    basis,
  };
}
