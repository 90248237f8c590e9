/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd for
 * men, even for women) and a check character computed with ISO 7064 MOD 11-2.
 */
import { parseIsoDate, type IsoDate } from '../dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dXx]$/;

export type Sex = 'male' | 'female';

/** The check character for the first 17 digits (of a text of at least 17 digits; the rest is not read). */
export function checkCharacter(first17: string): string {
  let total = 0;
  // callers pass digits (SHAPE): the code unit less '0' is the digit
  for (let i = 0; i < 17; i++) total += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS[total % 11] as string;
}

export interface IdNumberInfo {
  /** upper-case, as it should be stored */
  normalized: string;
  birthDate: IsoDate;
  sex: Sex;
}

/** Either the facts read from the number, or the Chinese reason it is not a valid number. */
export function readIdNumber(text: string): IdNumberInfo | { problem: string } {
  const value = text.trim().toUpperCase();
  if (value.length === 15 && /^\d{15}$/.test(value)) return { problem: '这是15位旧证号码，请改用18位居民身份证号码' };
  if (value.length !== 18) return { problem: `身份证号码应为18位，现为${value.length}位` };
  if (!SHAPE.test(value)) return { problem: '身份证号码前17位应为数字，最后一位为数字或X' };
  // four, two and two digits: the date as parseIsoDate reads it is also how formatIsoDate would write it
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!parseIsoDate(birthDate)) return { problem: `身份证号码中的出生日期 ${value.slice(6, 14)} 不是有效日期` };
  const expected = checkCharacter(value);
  if (value[17] !== expected) return { problem: `身份证号码校验位不正确（按GB 11643计算应为 ${expected}），请核对是否输错` };
  return {
    normalized: value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Shown on printouts and in lists: first 6 and last 4 visible (411323********1237). */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim();
  if (value.length <= 10) return value;
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
