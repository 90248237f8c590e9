/** The local calendar day (YYYY-MM-DD) of a moment: the 打印日期 on paper is the office's day, not UTC's. */
export function localIsoDate(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
