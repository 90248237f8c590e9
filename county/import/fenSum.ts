/**
 * A sum of amounts for the county's totals (汇总), in whole fen as a JavaScript integer while that is
 * exact, in decimal.js otherwise. The amounts a county adds are the reports' "13212.50" (toFen's
 * output, numeric(14, 2) read back): at most two decimals and far below 2^53 fen, so adding integers
 * gives exactly what adding Decimals gave — without parsing a Decimal per amount, which was most of the
 * totals' cost per revision under the import lock. Anything else (more decimals, an exponent, a huge
 * value, a sum leaving the safe integers) switches that sum to decimal.js, exactly as before.
 */
import { Decimal } from '../../shared/money';

/** "-13212.5", "7", "0.05": sign, at most 13 whole digits, at most 2 decimals */
const TWO_PLACES = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** The amount in whole fen, or null when it is not a plain amount of at most two decimals. */
export function plainFen(amount: string): number | null {
  const match = TWO_PLACES.exec(amount);
  if (!match) return null;
  const fraction = match[3];
  const fen = Number(match[2]) * 100 + (fraction === undefined ? 0 : fraction.length === 1 ? Number(fraction) * 10 : Number(fraction));
  return match[1] === '-' ? -fen : fen;
}

export class FenSum {
  private fen = 0;
  /** set once any amount or the sum is not a safe whole number of fen: the sum from then on */
  private exact: Decimal | null = null;

  /** adds `amount` (a decimal text) times `sign` */
  add(amount: string, sign: 1 | -1): void {
    if (this.exact === null) {
      const fen = plainFen(amount);
      if (fen !== null) {
        const next = this.fen + sign * fen;
        if (Number.isSafeInteger(next)) {
          this.fen = next;
          return;
        }
      }
      this.exact = new Decimal(this.fen).dividedBy(100);
    }
    this.exact = this.exact.plus(new Decimal(amount).times(sign));
  }

  isZero(): boolean {
    return this.exact === null ? this.fen === 0 : this.exact.isZero();
  }

  /** as Decimal's toFixed(2) writes the same sum */
  toFixed2(): string {
    if (this.exact !== null) return this.exact.toFixed(2);
    const negative = this.fen < 0;
    const fen = negative ? -this.fen : this.fen;
    const whole = Math.floor(fen / 100);
    const cents = fen - whole * 100;
    return `${negative ? '-' : ''}${whole}.${cents < 10 ? `0${cents}` : cents}`;
  }
}
