import { localIsoDate } from '../../shared/dates';

/** The office's calendar date (local time), the default assessment date of a new case. */
export function localToday(now: Date = new Date()): string {
  return localIsoDate(now);
}
