/**
 * Calendar dates as ISO strings (YYYY-MM-DD). The core never reads the clock: the caller passes the
 * assessment date (`asOf`), so the same case always computes the same result.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parts of a real calendar date, or null (2023-02-30 and 2023-2-1 are not dates). */
export function parseIsoDate(text: string): DateParts | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
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
