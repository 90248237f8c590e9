/**
 * 案卷编号: the year the case was opened and its running number in that year, "2026-000123". Staff
 * read it over the phone and write it on paper, so it is short, never reused, and sorts by year.
 */

const CASE_NUMBER = /^(\d{4})-(\d{6,9})$/;

export function formatCaseNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseCaseNumber(text: string): { year: number; sequence: number } | null {
  const match = CASE_NUMBER.exec(text.trim());
  if (!match) return null;
  const sequence = Number(match[2]);
  if (sequence < 1) return null;
  return { year: Number(match[1]), sequence };
}
