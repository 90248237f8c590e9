/**
 * Times as the store writes them: ISO 8601 in the office's local time with its offset
 * ("2026-03-05T14:03:22.123+08:00"), so a revision says when it was saved without knowing the zone of
 * whoever reads it later; and the local calendar day, which names backups and case-number years.
 */
import { localIsoDate } from '../../../shared/dates';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${localIsoDate(date)}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** YYYY-MM-DD of the local calendar. */
export function localDay(date: Date): string {
  return localIsoDate(date);
}

/** HHMMSS of the local clock, for file names. */
export function localClock(date: Date): string {
  return `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Epoch milliseconds of local midnight starting the given YYYY-MM-DD (a date already checked by the schema). */
export function startOfLocalDay(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).getTime();
}

/** Epoch milliseconds of the last millisecond of the given local day. */
export function endOfLocalDay(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + 1).getTime() - 1;
}
