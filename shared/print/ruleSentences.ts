/**
 * Each benefit's rule in one plain sentence for the family (the 明白纸's "怎么算的"). No figures here:
 * the standard and the amounts printed beside it come from the result, so a new pack never leaves a
 * stale number on paper. Declared by each family beside its codes (shared/rules/<family>/codes.ts);
 * a code this version does not know (a stored result of another) falls back to the result's first step.
 */
import { BENEFIT_CODES } from '../result/benefitCodes';

export function ruleSentence(code: string, steps: readonly string[]): string {
  return BENEFIT_CODES[code]?.sentence ?? steps[0] ?? '';
}
