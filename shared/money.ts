/**
 * Money and exact arithmetic. Every amount in the project goes through this module: yuan are held as
 * decimal.js values (never binary floats), computed exactly, and rounded half-up to the fen only when
 * a figure is reported.
 */
import DecimalJs from 'decimal.js';

/** Decimal with enough precision that chained products and quotients of money never round internally. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -20, toExpPos: 30 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO: Decimal = new Decimal(0);

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Reads yuan from a JSON number or a decimal string ("1234.5", "0.05"). A JSON number is read through
 * its shortest decimal spelling (what JSON.stringify would print), so 0.1 is exactly 0.1.
 * Returns null for anything that is not a plain decimal (NaN, Infinity, "1e3", "12元", "").
 */
export function parseDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // decimal.js reads a number through its shortest spelling itself; only −0 would keep a sign String() drops
    return value === 0 ? new Decimal(0) : new Decimal(value);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (!DECIMAL_TEXT.test(text)) return null;
    return new Decimal(text);
  }
  return null;
}

/** Number of digits after the decimal point as written (1.50 → 2, 3 → 0). */
export function decimalPlaces(value: Decimal): number {
  return value.decimalPlaces();
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), ZERO);
}

/**
 * −1, 0 or 1 as decimal.js comparedTo gives, read from the digits in place: comparedTo copies its
 * argument into a new Decimal first, and amounts are compared at every step of the rules.
 */
export function compare(a: Decimal, b: Decimal): number {
  const ad = a.d as readonly number[] | null;
  const bd = b.d as readonly number[] | null;
  if (!ad || !bd) return a.comparedTo(b); // NaN, ±Infinity
  if (ad[0] === 0 || bd[0] === 0) return ad[0] !== 0 ? a.s : bd[0] !== 0 ? -b.s : 0;
  if (a.s !== b.s) return a.s;
  const up = a.s > 0 ? 1 : -1;
  if (a.e !== b.e) return a.e > b.e ? up : -up;
  const shorter = Math.min(ad.length, bd.length);
  for (let i = 0; i < shorter; i++) {
    if (ad[i] !== bd[i]) return (ad[i] as number) > (bd[i] as number) ? up : -up;
  }
  return ad.length === bd.length ? 0 : ad.length > bd.length ? up : -up;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) < 0 ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) > 0 ? a : b;
}

/** max(0, value): amounts that cannot go below zero (a deductible larger than the bill, etc.). */
export function atLeastZero(value: Decimal): Decimal {
  return value.isNegative() ? ZERO : value;
}

/** Rounded half-up to the fen: the only rounding in the project, applied when a figure is reported. */
export function roundFen(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Adds one to a string of decimal digits ("0999" → "1000"). */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
}

const ZEROS = '0000000';

/**
 * The value × 10^shift, rounded half-up (ties away from zero) to `places` (≤ 7) decimals, as its integer
 * and fraction digit strings. Reads the Decimal's documented read-only fields (d: base-1e7 words,
 * e: exponent, s: sign) instead of building rounded copies: every reported figure passes through here,
 * so it builds as few intermediate strings as it can.
 */
function roundedDigits(value: Decimal, shift: number, places: number): { integer: string; fraction: string } {
  const words = value.d as number[];
  let digits = String(words[0]);
  for (let i = 1; i < words.length; i++) {
    const word = String(words[i]);
    digits += word.length === 7 ? word : ZEROS.slice(word.length) + word;
  }
  // digits before the point; the first word has no leading zeros, so only a zero value starts with one
  const integerLength = value.e + 1 + shift;
  let kept: string;
  let roundUp: boolean;
  if (integerLength <= 0) {
    // 0.00…ddd with `lead` zeros after the point
    const lead = -integerLength;
    const fraction = ZEROS.slice(0, Math.min(lead, places)) + digits.slice(0, Math.max(0, places - lead));
    kept = `0${fraction}${ZEROS.slice(0, places - fraction.length)}`;
    roundUp = lead <= places && digits.length > places - lead && digits.charCodeAt(places - lead) >= 53; // '5'
  } else {
    const end = integerLength + places;
    kept = end <= digits.length ? digits.slice(0, end) : digits + '0'.repeat(end - digits.length);
    roundUp = digits.length > end && digits.charCodeAt(end) >= 53; // '5'
  }
  if (roundUp) kept = incrementDigits(kept);
  const cut = kept.length - places;
  let integer = kept.slice(0, cut);
  // only a zero value shifted left has leading zeros (0 → "000")
  if (integer.length > 1 && integer.charCodeAt(0) === 48) integer = integer.replace(/^0+(?=\d)/, '');
  return { integer, fraction: kept.slice(cut) };
}

/** 10^0 … 10^15, exact (a table: `10 ** n` with a variable n goes through floating-point pow) */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, n) => Number(`1e${n}`));

/**
 * |value| in whole fen, rounded half-up, as a number — or -1 when the value is too large to be held
 * exactly (≥ 10^12 yuan; never an amount of this project, but then the digit strings are used).
 * Reads the leading base-1e7 words only as far as the digit that decides the rounding, without
 * building a string: every reported figure and every amount in a step passes through here.
 */
function wholeFen(value: Decimal): number {
  const words = value.d as number[];
  // digits of |value| × 1000 before its point: the fen and the digit that rounds them
  const needed = value.e + 4;
  if (needed > 15) return -1;
  if (needed <= 0) return 0;
  const first = words[0] as number;
  let length = first < 10 ? 1 : first < 100 ? 2 : first < 1000 ? 3 : first < 10000 ? 4 : first < 100000 ? 5 : first < 1000000 ? 6 : 7;
  let n = 0;
  let have = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as number;
    if (i > 0) length = 7;
    const take = needed - have;
    if (length >= take) {
      n = n * (POWERS_OF_TEN[take] as number) + Math.floor(word / (POWERS_OF_TEN[length - take] as number));
      have = needed;
      break;
    }
    n = n * (POWERS_OF_TEN[length] as number) + word;
    have += length;
  }
  if (have < needed) n *= POWERS_OF_TEN[needed - have] as number;
  // n is beyond the small integers V8 computes `%` on directly: split it by division instead
  const fen = Math.floor(n / 10);
  return n - fen * 10 >= 5 ? fen + 1 : fen;
}

/** Whole fen (≥ 0) as "13212.50". */
function fenDigits(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen - whole * 100;
  return `${whole}.${cents < 10 ? `0${cents}` : cents}`;
}

/**
 * The contract's amount string: two decimals, no separators ("13212.50"), rounded half-up. Agrees
 * with decimal.js toFixed(2, ROUND_HALF_UP) (tests/unit/core/money.test.ts checks it on random values).
 */
export function toFen(value: Decimal): string {
  if (!value.d) return value.toFixed(2, Decimal.ROUND_HALF_UP); // NaN or ±Infinity
  const fen = wholeFen(value);
  let text: string;
  if (fen >= 0) text = fenDigits(fen);
  else {
    const { integer, fraction } = roundedDigits(value, 0, 2);
    text = `${integer}.${fraction}`;
  }
  // as decimal.js does: negative zero prints unsigned, a negative amount that rounds to zero keeps its sign
  return value.s < 0 && value.d[0] !== 0 ? `-${text}` : text;
}

/**
 * A reported amount ("13212.50", "-0.05": toFen's output) as whole fen. Totals add reported amounts,
 * and whole fen add exactly without parsing a Decimal per amount.
 */
export function fenOf(amount: string): bigint {
  const point = amount.length - 3;
  if (amount[point] !== '.') throw new RangeError(`不是到分的金额：${amount}`);
  return BigInt(amount.slice(0, point) + amount.slice(point + 1));
}

/** Whole fen as toFen writes them: "13212.50", "0.05", "-0.05". */
export function fenText(fen: bigint): string {
  const negative = fen < 0n;
  const digits = String(negative ? -fen : fen).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Thousands separators in a run of digits: "10320" → "10,320". */
function groupDigits(digits: string): string {
  let head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (; head < digits.length; head += 3) text += `,${digits.slice(head, head + 3)}`;
  return text;
}

/** Thousands separators in the whole part of a plain number: "10320.5" → "10,320.5", "-1200" → "-1,200". */
export function groupThousands(text: string): string {
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (point < 0 ? '' : text.slice(point));
}

/** For people: thousands separators and the unit ("1,234.50 元"). */
export function formatYuan(value: Decimal | string, unit = ' 元'): string {
  if (typeof value !== 'string' && value.d) {
    const fen = wholeFen(value);
    if (fen >= 0) {
      const whole = Math.floor(fen / 100);
      const cents = fen - whole * 100;
      const integer = whole < 1000 ? String(whole) : groupDigits(String(whole));
      const sign = value.s < 0 && value.d[0] !== 0 ? '-' : '';
      return `${sign}${integer}.${cents < 10 ? `0${cents}` : cents}${unit}`;
    }
  }
  const fixed = typeof value === 'string' ? new Decimal(value).toFixed(2) : toFen(value);
  return `${groupThousands(fixed)}${unit}`;
}

/** A plain number for steps: no trailing zeros beyond what is needed ("0.7", "18875", "633.33"). */
export function formatPlain(value: Decimal, places = 2): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString();
}

/** A rate as a percentage for steps and labels: 0.7 → "70%", 0.065 → "6.5%" (at most 4 decimals). */
export function formatPercent(rate: Decimal): string {
  if (!rate.d) return `${rate.toString()}%`;
  const { integer, fraction } = roundedDigits(rate, 2, 4);
  const trimmed = fraction.replace(/0+$/, '');
  const text = trimmed === '' ? integer : `${integer}.${trimmed}`;
  return rate.s < 0 && text !== '0' ? `-${text}%` : `${text}%`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP = ['', '拾', '佰', '仟'] as const;
const GROUP_UNITS = ['', '万', '亿', '万'] as const;

/**
 * Whole yuan in capitals. Digits are read from the top; a run of zeros between two non-zero digits is
 * read as one 零 (1001 → 壹仟零壹, 100500 → 壹拾万零伍佰), and 万/亿 close every group of four digits
 * that holds a non-zero digit. 10–19 keep their 壹 (壹拾), as payment instruments require.
 */
function integerCapital(digits: string): string {
  let text = '';
  let pendingZero = false;
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const place = digits.length - 1 - i;
    const digit = Number(digits[i]);
    if (digit === 0) {
      if (text !== '') pendingZero = true;
    } else {
      if (pendingZero) text += '零';
      pendingZero = false;
      text += `${DIGITS[digit] ?? ''}${IN_GROUP[place % 4] ?? ''}`;
      groupHasDigit = true;
    }
    if (place % 4 === 0 && place > 0) {
      if (groupHasDigit) {
        text += GROUP_UNITS[(place / 4) % 4] ?? '';
        // zeros closing a group are not read before a 仟 digit (107000 → 壹拾万柒仟); a wholly empty
        // group still is (100001000 → 壹亿零壹仟)
        pendingZero = false;
      }
      groupHasDigit = false;
    }
  }
  return text;
}

/**
 * The capital form written on receipts and on the 明白纸, following the 《支付结算办法》 practice:
 * 1234.50 → 壹仟贰佰叁拾肆元伍角整; 10 → 壹拾元整; 100000.10 → 壹拾万元零壹角整;
 * 1001.01 → 壹仟零壹元零壹分; 0.05 → 伍分; 0 → 零元整; 107000.53 → 壹拾万柒仟元零伍角叁分 (the
 * rules' own example). A zero 元 digit before a non-zero 角 and a zero 角 before a non-zero 分 are
 * written as 零 so that nothing can be inserted by hand.
 */
export function toChineseCapital(value: Decimal | string): string {
  const rounded = roundFen(typeof value === 'string' ? new Decimal(value) : value);
  if (rounded.isNegative()) return `负${toChineseCapital(rounded.negated())}`;
  const fen = rounded.times(100).toFixed(0);
  const integerText = fen.length > 2 ? fen.slice(0, -2) : '0';
  const jiao = Number(fen.length >= 2 ? fen[fen.length - 2] : '0');
  const fenDigit = Number(fen[fen.length - 1]);

  const integerPart = integerCapital(integerText.replace(/^0+(?=\d)/, ''));

  const hasInteger = integerPart !== '';
  const unitsDigitZero = integerText.endsWith('0');
  let text = hasInteger ? `${integerPart}元` : '';
  if (jiao === 0 && fenDigit === 0) return hasInteger ? `${text}整` : '零元整';
  if (jiao !== 0) {
    if (hasInteger && unitsDigitZero) text += '零';
    text += `${DIGITS[jiao]}角`;
  } else if (hasInteger) {
    text += '零';
  }
  if (fenDigit !== 0) text += `${DIGITS[fenDigit]}分`;
  else text += '整';
  return text;
}
