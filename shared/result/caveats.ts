/**
 * The values a result rests on that a family must not take as final (handouts.md, "Caveats where they
 * are seen"): yearly values carried over from an earlier year (沿用往年) and values 待核实. The result
 * lists each as a warning with its parameter key; a benefit is marked when its working used one of
 * them, or cites a source that is not verified. Screens and printouts read them from here.
 */
import type { BenefitResult, CalcResult, ResultWarning } from './types';

export type CaveatKind = 'carriedOver' | 'unverified';

export const CAVEAT_LABELS: Record<CaveatKind, string> = { carriedOver: '沿用往年', unverified: '待核实' };

export interface Caveats {
  carriedOver: ResultWarning[];
  unverified: ResultWarning[];
  /** other notes on the calculation (the pack's review date, benefits not computed …) */
  other: ResultWarning[];
  count: number;
}

/** The result's warnings sorted into the two kinds of caveat and the rest (old results: all "other"). */
export function caveatsOf(result: Pick<CalcResult, 'warnings'>): Caveats {
  const carriedOver = result.warnings.filter((w) => w.kind === 'carriedOver');
  const unverified = result.warnings.filter((w) => w.kind === 'unverified');
  const other = result.warnings.filter((w) => w.kind !== 'carriedOver' && w.kind !== 'unverified');
  return { carriedOver, unverified, other, count: carriedOver.length + unverified.length };
}

/** The caveats of one benefit: 沿用往年 when it used a carried-over value, 待核实 when it used an unverified one. */
export function benefitCaveats(benefit: Pick<BenefitResult, 'basis'>, caveats: Caveats): CaveatKind[] {
  const params = new Set(benefit.basis.map((b) => b.param).filter((p): p is string => p !== undefined));
  const kinds: CaveatKind[] = [];
  if (caveats.carriedOver.some((w) => w.key !== undefined && params.has(w.key))) kinds.push('carriedOver');
  if (caveats.unverified.some((w) => w.key !== undefined && params.has(w.key)) || benefit.basis.some((b) => !b.verified)) kinds.push('unverified');
  return kinds;
}

/** The one line that opens the results: "本次测算用到 3 项沿用往年的数值、12 项待核实的数值". */
export function caveatSummary(caveats: Caveats): string {
  const parts: string[] = [];
  if (caveats.carriedOver.length > 0) parts.push(`${caveats.carriedOver.length} 项沿用往年的数值`);
  if (caveats.unverified.length > 0) parts.push(`${caveats.unverified.length} 项待核实的数值`);
  return parts.length === 0 ? '' : `本次测算用到${parts.join('、')}，以各部门正式核定为准`;
}
