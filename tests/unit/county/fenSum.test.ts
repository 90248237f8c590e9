/**
 * 汇总 sums in whole fen (county/import/fenSum.ts): exactly what adding the same amounts with decimal.js
 * and writing toFixed(2) gave, for the reports' two-decimal amounts and for anything else (more
 * decimals, exponents, huge values), which go through decimal.js.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FenSum, plainFen } from '../../../county/import/fenSum';
import { Decimal } from '../../../shared/money';

function both(amounts: readonly (readonly [string, 1 | -1])[]): { fen: string; decimal: string; fenZero: boolean; decimalZero: boolean } {
  const sum = new FenSum();
  let decimal = new Decimal(0);
  for (const [amount, sign] of amounts) {
    sum.add(amount, sign);
    decimal = decimal.plus(new Decimal(amount).times(sign));
  }
  return { fen: sum.toFixed2(), decimal: decimal.toFixed(2), fenZero: sum.isZero(), decimalZero: decimal.isZero() };
}

const sign = fc.constantFrom<1 | -1>(1, -1);
const twoPlaces = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 2 })).map(([negative, fen, places]) => {
  const text = (Number(fen) / 100).toFixed(places === 0 ? 0 : 2).replace(/^/, negative ? '-' : '');
  return places === 1 ? text.replace(/\d$/, '') : text;
});
const other = fc.oneof(
  fc.constantFrom('0.005', '1e3', '12.345', '-0.001', '99999999999999999.99', '1.5E-2', '0', '-0', '-0.00', '.5'),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((value) => String(value)),
);

describe('totals in whole fen', () => {
  it('reads two-decimal amounts as fen, and nothing else', () => {
    expect(plainFen('13212.50')).toBe(1321250);
    expect(plainFen('-0.05')).toBe(-5);
    expect(plainFen('7')).toBe(700);
    expect(plainFen('7.5')).toBe(750);
    expect(plainFen('0.005')).toBeNull();
    expect(plainFen('1e3')).toBeNull();
    expect(plainFen('.5')).toBeNull();
    expect(plainFen('12345678901234.00')).toBeNull(); // 14 whole digits: decimal.js
  });

  it('a 低保 household\'s totals added and taken away: 13212.50 + 5160.00 − 13212.50 = 5160.00', () => {
    const sum = new FenSum();
    sum.add('13212.50', 1);
    sum.add('5160.00', 1);
    sum.add('13212.50', -1);
    expect(sum.toFixed2()).toBe('5160.00');
    sum.add('5160', -1);
    expect(sum.isZero()).toBe(true);
    expect(sum.toFixed2()).toBe('0.00');
  });

  it('gives what decimal.js gave, for reported amounts and any other text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(twoPlaces, sign), { maxLength: 40 }), (amounts) => {
        const { fen, decimal, fenZero, decimalZero } = both(amounts);
        expect(fen).toBe(decimal);
        expect(fenZero).toBe(decimalZero);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(twoPlaces, other), sign), { maxLength: 20 }), (amounts) => {
        const { fen, decimal, fenZero, decimalZero } = both(amounts);
        expect(fen).toBe(decimal);
        expect(fenZero).toBe(decimalZero);
      }),
      { numRuns: 2000 },
    );
  });
});
