/**
 * `--brief` (calc-contract.md "Command line"): for batches, each benefit without `steps` and with
 * `basis` as `{doc, clause}` only; everything else exactly as the full result.
 */
import type { BenefitResult, CalcResult } from '../../shared/result/types';

export type BriefBenefit = Omit<BenefitResult, 'steps' | 'basis'> & { basis: { doc: string; clause: string }[] };
export type BriefResult = Omit<CalcResult, 'benefits'> & { benefits: BriefBenefit[] };

export function briefResult(result: CalcResult): BriefResult {
  return {
    ...result,
    benefits: result.benefits.map(({ steps: _steps, basis, ...benefit }) => ({ ...benefit, basis: basis.map(({ doc, clause }) => ({ doc, clause })) })),
  };
}
