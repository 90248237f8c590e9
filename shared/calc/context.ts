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
