/**
 * The output of the calculation contract. Amounts are strings with two decimals, rounded half-up to
 * the fen from exact values. Fields beyond the contract's (group, payment, items, byGroup, screening
 * items, parameter notes, the warnings' kind/key/label) are the project's own additions; no contract
 * field changes meaning.
 */
import type { Basis } from '../packs/types';
import type { BenefitGroup } from './benefitCodes';
import type { Delivery } from './delivery';

export interface BenefitResult {
  code: string;
  /** null for benefits of the whole household */
  memberId: string | null;
  label: string;
  annual: string;
  monthly: string | null;
  /** ㎡: on housing.renovation for a rebuild or new build */
  minArea: string | null;
  steps: string[];
  basis: Basis[];
  group: BenefitGroup;
  /** how it is paid (一卡通, 医院一站式结算, 学校…): for the 明白纸 */
  payment: string;
  /**
   * how it reaches the family: cash, settled by the hospital, a fee not charged, a one-time grant.
   * Results saved before 2026-12 lack it: read them through deliveryOf() (delivery.ts).
   */
  delivery: Delivery;
}

export interface MedicalItemResult {
  kind: 'inpatient' | 'outpatient';
  /** position within its kind in the input */
  index: number;
  label: string;
  total: string;
  policyScope: string;
  basic: string;
  critical: string;
  assistance: string;
  selfPay: string;
  basicEstimated: boolean;
  criticalEstimated: boolean;
}

export interface MemberMedicalResult {
  total: string;
  policyScope: string;
  basic: string;
  critical: string;
  assistance: string;
  selfPay: string;
  /** the 身份 whose rules gave the 医疗救助 (most favourable), or null */
  assistanceStatus: string | null;
  items: MedicalItemResult[];
}

export type DibaoScreeningResult = 'eligible' | 'edge' | 'ineligible' | 'unknown';

export interface ScreeningItem {
  /** a benefit code, or a screening code such as "dibao.singlePerson" */
  code: string;
  memberId: string | null;
  label: string;
  /** apply: needs an application; assess: needs an assessment (school, 民政, 残联…); info: to know */
  action: 'apply' | 'assess' | 'info';
  reason: string;
  /** where to apply */
  where: string;
  /** an estimated annual amount when one can be given, else null */
  annual: string | null;
  basis: Basis[];
}

export interface Screening {
  dibao: {
    result: DibaoScreeningResult;
    perCapitaIncome: string | null;
    standard: string | null;
    edgeLine: string | null;
    steps: string[];
  };
  items: ScreeningItem[];
}

/** The alerts the rules raise (rules/medical/chain.ts, rules/monitoring/line.ts). */
export const ALERT_CODES = ['medical.highCost', 'monitoring.belowLine'] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export interface Alert {
  code: AlertCode;
  memberId: string | null;
  message: string;
}

export type WarningKind = 'carriedOver' | 'unverified' | 'reviewedThrough' | 'notComputed';

/**
 * A note on the calculation. Values the result rests on are listed one by one (`kind` carriedOver or
 * unverified, with the parameter's `key` and `label` and the `value` used) so that screens and
 * printouts can mark the line that uses each; warnings saved before 2026-12 have no kind.
 */
export interface ResultWarning {
  message: string;
  path: string;
  kind?: WarningKind;
  key?: string;
  label?: string;
  value?: string;
  /** carriedOver: the year the value is from */
  year?: number;
}

/** The year's amount, and the same split by how it reaches the family (cash + settlement + waiver + oneOff = annual). */
export interface Totals extends Record<Delivery, string> {
  annual: string;
  byGroup: Record<BenefitGroup, string>;
}

export interface CalcResult {
  policy: { id: string; version: string; asOf: string; overrides: string[] };
  benefits: BenefitResult[];
  medical: Record<string, MemberMedicalResult>;
  screening: Screening;
  alerts: Alert[];
  totals: Totals;
  warnings: ResultWarning[];
}
