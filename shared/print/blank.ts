/** Blanks print as "--", never empty, so nothing can be written in by hand afterwards (handouts.md). */
export const BLANK = '--';

export function orBlank(value: string | null | undefined): string {
  const text = value?.trim() ?? '';
  return text === '' ? BLANK : text;
}
