/**
 * `--brief` (calc-contract.md "Command line"): for batches, each benefit without `steps` and with
 * `basis` as `{doc, clause}` only. The same reduction applies to the 还可申请 screening (the lead's
 * reading of the contract, 2026-12-05, issue 16): the 低保 screening without its `steps`, each
 * screening item's `basis` as `{doc, clause}` (no quotes, sources or notes). Every result, reason,
 * amount, alert and warning message is kept exactly as in the full result.
 */
import type { Basis } from '../../shared/packs/types';
import type { BenefitResult, CalcResult, Screening, ScreeningItem } from '../../shared/result/types';

export type BriefBasis = Pick<Basis, 'doc' | 'clause'>;
export type BriefBenefit = Omit<BenefitResult, 'steps' | 'basis'> & { basis: BriefBasis[] };
export type BriefScreeningItem = Omit<ScreeningItem, 'basis'> & { basis: BriefBasis[] };
export type BriefScreening = { dibao: Omit<Screening['dibao'], 'steps'>; items: BriefScreeningItem[] };
export type BriefResult = Omit<CalcResult, 'benefits' | 'screening'> & { benefits: BriefBenefit[]; screening: BriefScreening };

const briefBasis = (basis: readonly Basis[]): BriefBasis[] => basis.map(({ doc, clause }) => ({ doc, clause }));

export function briefScreening({ dibao: { steps: _steps, ...dibao }, items }: Screening): BriefScreening {
  return { dibao, items: items.map(({ basis, ...item }) => ({ ...item, basis: briefBasis(basis) })) };
}

export function briefResult(result: CalcResult): BriefResult {
  return {
    ...result,
    benefits: result.benefits.map(({ steps: _steps, basis, ...benefit }) => ({ ...benefit, basis: briefBasis(basis) })),
    screening: briefScreening(result.screening),
  };
}
