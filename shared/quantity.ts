/**
 * Exact parameter quantities. A value such as 1/3 (特困 全护理 = 1/3 of the minimum wage) is held as a
 * fraction, never as 0.3333, and applied as "× numerator ÷ denominator" so that
 * 2000 × 12 × 1/3 is exactly 8000.
 */
import { Decimal, parseDecimal } from './money';

export interface Quantity {
  num: Decimal;
  den: Decimal;
  /** den is 1: a plain decimal (checked once here rather than on every use) */
  whole: boolean;
  /** as written in the pack ("0.65", "1/3") */
  text: string;
}

const ONE = new Decimal(1);

const FRACTION_TEXT = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;

/** Reads "0.65", "440", 0.65 or "1/3"; null for anything else (a zero denominator included). */
export function parseQuantity(value: unknown): Quantity | null {
  if (typeof value === 'string') {
    const match = FRACTION_TEXT.exec(value);
    if (match) {
      const num = new Decimal(match[1] as string);
      const den = new Decimal(match[2] as string);
      if (den.isZero()) return null;
      return { num, den, whole: den.equals(ONE), text: `${match[1]}/${match[2]}` };
    }
  }
  const decimal = parseDecimal(value);
  if (!decimal) return null;
  return { num: decimal, den: ONE, whole: true, text: decimal.toString() };
}

export function quantityOf(decimal: Decimal): Quantity {
  return { num: decimal, den: ONE, whole: true, text: decimal.toString() };
}

/** x × q, exactly: multiply first, divide last. */
export function times(x: Decimal, q: Quantity): Decimal {
  return q.whole ? x.times(q.num) : x.times(q.num).dividedBy(q.den);
}

/** The quantity as a decimal (exact unless the fraction does not terminate). */
export function toDecimal(q: Quantity): Decimal {
  return q.whole ? q.num : q.num.dividedBy(q.den);
}
