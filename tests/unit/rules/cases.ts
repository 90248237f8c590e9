/**
 * Plain-JSON cases for the rule tests: every case goes through `calculate` with the shipped pack (via
 * tests/support/calc.ts), so validation runs exactly as in the app.
 */
import type { CalcResult, ScreeningItem } from '../../../shared/result/types';

export { benefitOf, compute, errorsOf, pack } from '../../support/calc';

export type Json = Record<string, unknown>;

/** A member born on `birthDate` with the given extra fields. */
export const person = (id: string, name: string, birthDate: string, extra: Json = {}): Json => ({ id, name, birthDate, ...extra });

/** A case: household fields over a rural 一般户, the members, and the date. */
export function caseOf(householdFields: Json, members: Json[], asOf = '2023-09-01', extra: Json = {}): Json {
  return { asOf, household: { area: 'rural', status: 'ordinary', ...householdFields }, members, ...extra };
}

/** The codes of the result's benefits, as "code@member" (member "-" for the household). */
export const codes = (result: CalcResult): string[] => result.benefits.map((b) => `${b.code}@${b.memberId ?? '-'}`);

export const itemOf = (result: CalcResult, code: string, memberId: string | null = null): ScreeningItem | undefined =>
  result.screening.items.find((item) => item.code === code && item.memberId === memberId);

/** The clauses a benefit or item cites, as "clause" strings. */
export const clausesOf = (entry: { basis: { clause: string }[] } | undefined): string[] => (entry?.basis ?? []).map((b) => b.clause);
