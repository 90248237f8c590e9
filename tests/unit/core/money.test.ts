import { describe, expect, it } from 'vitest';
import { Decimal, formatPercent, formatYuan, parseDecimal, roundFen, sum, toChineseCapital, toFen } from '../../../shared/money';

describe('parseDecimal: yuan from JSON numbers and decimal strings', () => {
  it('reads numbers through their shortest decimal spelling, so 0.1 + 0.2 is exactly 0.3', () => {
    const a = parseDecimal(0.1) as Decimal;
    const b = parseDecimal(0.2) as Decimal;
    expect(a.plus(b).toString()).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3); // what binary floats would have given
  });
  it('reads decimal strings exactly', () => {
    expect(parseDecimal('100000.10')?.toFixed(2)).toBe('100000.10');
    expect(parseDecimal(' 1001.01 ')?.toString()).toBe('1001.01');
  });
  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['', '1e3', '12元', 'abc', '1,000', NaN, Infinity, null, undefined, true, {}]) {
      expect(parseDecimal(bad)).toBeNull();
    }
  });
});

describe('roundFen / toFen: half-up to the fen, only when reported', () => {
  it.each([
    ['0.005', '0.01'],
    ['0.004', '0.00'],
    ['2.675', '2.68'], // 2.675 in binary floats rounds to 2.67; exactly it is half-up 2.68
    ['1.045', '1.05'],
    ['6971.0025', '6971.00'],
    ['5391.425', '5391.43'],
    ['-1.005', '-1.01'],
    ['10', '10.00'],
  ])('%s → %s', (input, expected) => {
    expect(toFen(new Decimal(input))).toBe(expected);
  });
  it('sums exactly before rounding', () => {
    const thirds = [new Decimal(1).dividedBy(3), new Decimal(1).dividedBy(3), new Decimal(1).dividedBy(3)];
    expect(roundFen(sum(thirds)).toFixed(2)).toBe('1.00');
  });
});

describe('formatYuan: thousands separators and the unit', () => {
  it.each([
    ['1234.5', '1,234.50 元'],
    ['0.05', '0.05 元'],
    ['10.00', '10.00 元'],
    ['100000.10', '100,000.10 元'],
    ['1001.01', '1,001.01 元'],
    ['1234567.891', '1,234,567.89 元'],
    ['-1234.5', '-1,234.50 元'],
  ])('%s → %s', (input, expected) => {
    expect(formatYuan(new Decimal(input))).toBe(expected);
  });
});

describe('toChineseCapital: the receipt form (《支付结算办法》 practice)', () => {
  it.each([
    ['1234.50', '壹仟贰佰叁拾肆元伍角整'],
    ['0.05', '伍分'],
    ['10.00', '壹拾元整'],
    ['100000.10', '壹拾万元零壹角整'],
    ['1001.01', '壹仟零壹元零壹分'],
    ['0', '零元整'],
    ['0.50', '伍角整'],
    ['15', '壹拾伍元整'],
    ['1680.32', '壹仟陆佰捌拾元零叁角贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    ['107000.53', '壹拾万柒仟元零伍角叁分'], // the rules' own example
    ['100001000', '壹亿零壹仟元整'],
    ['100500', '壹拾万零伍佰元整'],
    ['100010000', '壹亿零壹万元整'],
    ['13212.50', '壹万叁仟贰佰壹拾贰元伍角整'],
    ['6864', '陆仟捌佰陆拾肆元整'],
    ['20000000', '贰仟万元整'],
    ['10001000.01', '壹仟万壹仟元零壹分'],
  ])('%s → %s', (input, expected) => {
    expect(toChineseCapital(input)).toBe(expected);
  });
  it('rounds half-up to the fen first (0.005 → 壹分)', () => {
    expect(toChineseCapital('0.005')).toBe('壹分');
  });
});

describe('toFen agrees with decimal.js toFixed(2, ROUND_HALF_UP) on any value', () => {
  it('random values of every size and sign, and the edges', async () => {
    const fc = (await import('fast-check')).default;
    const reference = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
    for (const edge of ['0', '-0', '0.005', '-0.005', '9.995', '99.995', '-99.995', '0.0049999', '1e-30', '123456789012345.675', '10000000', '9999999.995', '0.1', '-0.001']) {
      expect(toFen(new Decimal(edge)), edge).toBe(reference(new Decimal(edge)));
    }
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (units, places) => {
        const d = new Decimal(units.toString()).dividedBy(new Decimal(10).pow(places));
        expect(toFen(d)).toBe(reference(d));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 97 }), (a, b) => {
        const d = new Decimal(a).dividedBy(b); // non-terminating quotients at full precision
        expect(toFen(d)).toBe(reference(d));
        expect(toFen(d.negated())).toBe(reference(d.negated()));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatPercent', () => {
  it.each([
    ['0.7', '70%'],
    ['0.65', '65%'],
    ['0.065', '6.5%'],
    ['0.05', '5%'],
    ['0', '0%'],
    ['1', '100%'],
    ['0.123456', '12.3456%'],
    ['0.1234567', '12.3457%'],
    ['1.5', '150%'],
  ])('%s → %s', (rate, expected) => {
    expect(formatPercent(new Decimal(rate))).toBe(expected);
  });
  it('agrees with ×100 rounded to 4 places on random rates', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 9 }), (units, places) => {
        const rate = new Decimal(units).dividedBy(new Decimal(10).pow(places));
        expect(formatPercent(rate)).toBe(`${rate.times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString()}%`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatYuan agrees with decimal.js toFixed(2, ROUND_HALF_UP) and thousands separators on any value', () => {
  it('random values of every size and sign, and the edges', async () => {
    const fc = (await import('fast-check')).default;
    const reference = (d: Decimal) => `${d.toFixed(2, Decimal.ROUND_HALF_UP).replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','))} 元`;
    for (const edge of ['0', '-0', '0.005', '-0.005', '999.995', '-999.995', '0.0049999', '1e-30', '999999999999.995', '1000000000000', '123456789012345.675', '0.1', '-0.001']) {
      expect(formatYuan(new Decimal(edge)), edge).toBe(reference(new Decimal(edge)));
    }
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (units, places) => {
        const d = new Decimal(units.toString()).dividedBy(new Decimal(10).pow(places));
        expect(formatYuan(d)).toBe(reference(d));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 97 }), (a, b) => {
        const d = new Decimal(a).dividedBy(b);
        expect(formatYuan(d)).toBe(reference(d));
        expect(formatYuan(d.negated())).toBe(reference(d.negated()));
      }),
      { numRuns: 2000 },
    );
  });
});
