/**
 * Calendar dates as ISO strings (YYYY-MM-DD). The core never reads the clock: the caller passes the
 * assessment date (`asOf`), so the same case always computes the same result.
 */

export type IsoDate = string;

/** The value of the ASCII digit at `i`, or -1 (as /\d/ without the u flag: 0–9 only). */
function digitAt(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parts of a real calendar date, or null (2023-02-30 and 2023-2-1 are not dates). The text must be
 * exactly YYYY-MM-DD in ASCII digits; read by hand (every member's dates and ID number pass here in
 * every calculation, and a regular expression's match array cost more than the rest).
 */
export function parseIsoDate(text: string): DateParts | null {
  if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null; // '-'
  const y0 = digitAt(text, 0);
  const y1 = digitAt(text, 1);
  const y2 = digitAt(text, 2);
  const y3 = digitAt(text, 3);
  const m0 = digitAt(text, 5);
  const m1 = digitAt(text, 6);
  const d0 = digitAt(text, 8);
  const d1 = digitAt(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

export function formatIsoDate(parts: DateParts): IsoDate {
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/**
 * The local calendar day of a moment, YYYY-MM-DD: the office's day, not UTC's (a new case's 测算日期,
 * the 打印日期, names of backups and exports). The caller passes the moment: the core reads no clock.
 */
export function localIsoDate(moment: Date): IsoDate {
  return formatIsoDate({ year: moment.getFullYear(), month: moment.getMonth() + 1, day: moment.getDate() });
}

/** Full years of age on `asOf` (a birthday on 29 February is reached on 1 March in common years). */
export function ageOn(birth: IsoDate, asOf: IsoDate): number {
  const b = parseIsoDate(birth);
  const a = parseIsoDate(asOf);
  if (!b || !a) throw new RangeError(`不是有效日期：${birth} / ${asOf}`);
  let age = a.year - b.year;
  if (a.month < b.month || (a.month === b.month && a.day < b.day)) age -= 1;
  return age;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** "2023年9月1日", as dates are written on Chinese documents. */
export function formatChineseDate(date: IsoDate): string {
  const parts = parseIsoDate(date);
  if (!parts) return date;
  return `${parts.year}年${parts.month}月${parts.day}日`;
}
