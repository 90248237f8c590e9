/**
 * How the non-medical rules write numbers into steps: money to the fen with its unit, and a parameter
 * as staff know it ("440 元/月", "30%", "1/3"), flagged when it is a dated change or 待核实.
 */
import type { BenefitDraft } from '../calc/benefitDraft';
import { formatChineseDate } from '../dates';
import { formatPercent, formatYuan, roundFen, type Decimal } from '../money';
import { formatParamValue, type ParamUse, type PolicyParams } from '../packs/params';
import { toDecimal, type Quantity } from '../quantity';
import type { BenefitResult } from '../result/types';

/** "10,320.00 元": one way of writing money on screens, steps and paper (the contract's strings stay "10320.00"). */
export const yuan = (value: Decimal): string => formatYuan(value);

/**
 * A pack's values are written into steps case after case; each is spelt once (keyed by the value, so
 * an override's value, made for one calculation, is forgotten with it).
 */
const PERCENT_TEXT = new WeakMap<Quantity, string>();
const YUAN_TEXT = new WeakMap<Quantity, string>();
const SHOWN_TEXT = new WeakMap<ParamUse, string>();

/** A rate parameter as a percentage: "70%". */
export function percentOf(use: { q: Quantity }): string {
  let text = PERCENT_TEXT.get(use.q);
  if (text === undefined) PERCENT_TEXT.set(use.q, (text = formatPercent(toDecimal(use.q))));
  return text;
}

/** A money parameter as money is written in steps: "1,800.00 元". */
export function yuanOf(use: { q: Quantity }): string {
  let text = YUAN_TEXT.get(use.q);
  if (text === undefined) YUAN_TEXT.set(use.q, (text = formatYuan(toDecimal(use.q))));
  return text;
}

/** The parameter's value as a decimal (exact unless a fraction does not terminate). */
export const valueOf = (use: ParamUse): Decimal => toDecimal(use.q);

/**
 * A pack's whole numbers (ages, months, years) are read case after case, and decimal.js reads a number
 * through its digit string: each is read once per pack value (an override's, made for one case, is read
 * each time: a weak entry per case would cost the collector more than it saves).
 */
const WHOLE = new WeakMap<Quantity, number>();

/** A whole-number parameter (an age, a number of months or years). */
export function wholeOf(use: ParamUse): number {
  if (use.overridden) return toDecimal(use.q).toNumber();
  let n = WHOLE.get(use.q);
  if (n === undefined) WHOLE.set(use.q, (n = toDecimal(use.q).toNumber()));
  return n;
}

/**
 * "2300 元/年（2025年3月1日起执行；待核实）": the value and, when it matters, what picked it (第2档),
 * since when it applies and whether its source is verified.
 */
export function shown(use: ParamUse, params: PolicyParams): string {
  // a pack's own value in force is one shared object for its pack and date (params.ts), so its text is too
  if (use.overridden || use.detail !== undefined) return spellShown(use, params);
  let text = SHOWN_TEXT.get(use);
  if (text === undefined) SHOWN_TEXT.set(use, (text = spellShown(use, params)));
  return text;
}

function spellShown(use: ParamUse, params: PolicyParams): string {
  const notes: string[] = [];
  if (use.detail) notes.push(use.detail);
  if (!use.overridden && use.from > params.pack.meta.validFrom) notes.push(`${formatChineseDate(use.from)}起执行`);
  if (use.overridden) notes.push('本次临时参数');
  else if (!use.basis.verified) notes.push('待核实');
  return `${formatParamValue(use.unit, use.q)}${notes.length > 0 ? `（${notes.join('；')}）` : ''}`;
}

/** Contract: the `annual` of a monthly benefit is the month's amount × 12. */
export const MONTHS_PER_YEAR = 12;

/**
 * Finishes a monthly benefit: adds the "全年" step and reports monthly and annual. The month is paid in
 * fen, so the year is twelve such payments. `exactAnnual` is given where the clause fixes the year
 * itself (2000 × 12 × 1/3 = 8000 while the month reads 666.67; 6864 元/年), with its formula for the step.
 */
export function finishMonthly(draft: BenefitDraft, monthly: Decimal, exactAnnual?: { value: Decimal; formula: () => string }): BenefitResult {
  const annual = exactAnnual?.value ?? roundFen(monthly).times(MONTHS_PER_YEAR);
  // the formula is worded with the step, so not at all without explanations
  draft.step(() => exactAnnual ? `全年 ${exactAnnual.formula()} = ${yuan(annual)}` : `全年 ${yuan(monthly)} × ${MONTHS_PER_YEAR} = ${yuan(annual)}`);
  return draft.finish({ annual, monthly });
}
