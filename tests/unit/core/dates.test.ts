/**
 * shared/dates.ts parseIsoDate reads YYYY-MM-DD by hand (every member's dates and ID number pass
 * through it in every calculation). It must accept exactly what the regular expression it replaced
 * accepted, /^(\d{4})-(\d{2})-(\d{2})$/ (ASCII digits only: \d without the u flag), and then exactly
 * the real calendar dates from 1900 on: checked here against that definition, on hand-picked texts
 * and on random texts built from digits, look-alike characters and dashes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, parseIsoDate } from '../../../shared/dates';

/** The definition as it stood before (regular expression, then the calendar). */
function reference(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const days = month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > days) return null;
  return { year, month, day };
}

describe('parseIsoDate', () => {
  it.each([
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2023-02-29', null], // not a leap year
    ['1900-02-29', null], // divisible by 100, not by 400
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2023-04-31', null],
    ['2023-12-31', { year: 2023, month: 12, day: 31 }],
    ['1899-12-31', null],
    ['2023-2-01', null],
    ['2023-02-01\n', null],
    [' 2023-02-01', null],
    ['2023/02/01', null],
    ['２０２３-02-01', null], // full-width digits are not \d
    ['2023-00-10', null],
    ['2023-13-10', null],
    ['2023-01-00', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
    expect(isIsoDate(text)).toBe(expected !== null);
  });

  it('agrees with the regular expression and the calendar on 20,000 random texts', () => {
    const char = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9', '-', '/', ' ', '０', '٣', 'a', '\n');
    const nearDate = fc.tuple(fc.integer({ min: 1850, max: 2150 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 33 })).map(
      ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    const text = fc.oneof(nearDate, fc.array(char, { minLength: 8, maxLength: 12 }).map((chars) => chars.join('')));
    fc.assert(
      fc.property(text, (value) => {
        expect(parseIsoDate(value)).toEqual(reference(value));
      }),
      { numRuns: 20_000, seed: 16 },
    );
  });

  it('ageOn: full years, a 29 February birthday reached on 1 March in a common year', () => {
    expect(ageOn('2012-02-29', '2023-02-28')).toBe(10);
    expect(ageOn('2012-02-29', '2023-03-01')).toBe(11);
    expect(ageOn('1960-05-01', '2025-05-01')).toBe(65);
    expect(() => ageOn('1960-5-1', '2025-05-01')).toThrow(RangeError);
  });
});
