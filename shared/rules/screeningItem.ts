/**
 * One line of the "还可申请" list (outcome.screeningItems): something the household may apply for, have
 * assessed, or should know, with the reason, the office, an estimate when one can be given, and the
 * clauses. A screening item never grants a 身份 and is never counted in the totals.
 */
import { toFen, type Decimal } from '../money';
import type { UsedValue } from '../packs/params';
import type { Basis } from '../packs/types';
import { BENEFIT_CODES, mergedBlocks, type BenefitCode, type CodesOf } from '../result/benefitCodes';
import type { ScreeningItem } from '../result/types';
import { SCREENING_BLOCKS } from './codes';

/** What a family's codes.ts declares for its 还可申请 items that are not benefits: code → label. */
export type ScreeningDeclarations = Readonly<Record<string, string>>;

const LABELS = mergedBlocks<string>(SCREENING_BLOCKS);

/** A 还可申请 code that is not a benefit code: derived from the families' declarations. */
export type ScreeningCode = CodesOf<(typeof SCREENING_BLOCKS)[number]>;

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
