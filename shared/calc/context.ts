/**
 * What every rule receives (the checked case and the parameters in force) and where it writes what it
 * finds. One rule module per benefit family; calculate.ts runs them in order.
 */
import type { NormalizedCase, NormalizedMember } from '../household/validate';
import { STATUS_LABELS, type Status } from '../household/codes';
import type { PolicyParams } from '../packs/params';
import type { Alert, BenefitResult, MemberMedicalResult, ResultWarning, Screening, ScreeningItem } from '../result/types';

export interface CalcContext {
  readonly input: NormalizedCase;
  readonly params: PolicyParams;
}

export class Outcome {
  readonly benefits: BenefitResult[] = [];
  readonly alerts: Alert[] = [];
  readonly warnings: ResultWarning[] = [];
  readonly screeningItems: ScreeningItem[] = [];
  readonly medical: Record<string, MemberMedicalResult> = {};
  dibao: Screening['dibao'] = { result: 'unknown', perCapitaIncome: null, standard: null, edgeLine: null, steps: [] };
}

export type Rule = (context: CalcContext, outcome: Outcome) => void;

/**
 * A family's "还可申请" items, worked out after every rule has run (they read the 低保 income test and
 * the alerts): what the household may apply for, have assessed, or should know. Never a benefit.
 */
export type Hints = (context: CalcContext, outcome: Outcome) => ScreeningItem[];

/**
 * One entry of the rule table (shared/rules/index.ts), declared by its family's folder: the rule, its
 * label in "未能测算" warnings, and the family's hints, if any.
 */
export interface RuleEntry {
  id: string;
  label: string;
  apply: Rule;
  hints?: Hints;
  /** the family's hints open the 还可申请 list (低保: the household's own situation comes first) */
  hintsFirst?: true;
}

/** "张三" or "第2位成员" when unnamed: how a member is named in steps and alerts. */
export function memberName(member: NormalizedMember): string {
  return member.name || `第${member.index + 1}位成员`;
}

/** The statuses of `candidates` the member holds, in the candidates' order (most favourable first). */
export function heldStatuses<S extends Status>(member: NormalizedMember, candidates: readonly S[]): S[] {
  return candidates.filter((status) => member.statuses.has(status));
}

export function statusLabel(status: Status): string {
  return STATUS_LABELS[status];
}
