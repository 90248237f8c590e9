/**
 * What staff actually type, made into what the contract reads: full-width digits from a Chinese input
 * method, "1,200 元", "2023.9.1" or "19930501". Used both live (so the calculation follows the typing)
 * and when a field is left (so the box then shows the clean form).
 */

const FULL_WIDTH = /[０-９．，－]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** "１，２００ 元" → "1200"; anything else is left for the validation to word. */
export function cleanMoney(text: string): string {
  return halfWidth(text).replace(/[,\s元]/g, '');
}

/** "12 天" → "12". */
export function cleanInteger(text: string): string {
  return halfWidth(text).replace(/[\s天个月年]/g, '');
}

/** Spaces dropped, x upper-cased (the check character). */
export function cleanIdNumber(text: string): string {
  return halfWidth(text).replace(/\s/g, '').toUpperCase();
}

const LOOSE_DATE = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/;

/** "19930501", "1993.5.1", "1993年5月1日" → "1993-05-01"; other text is left as typed. */
export function cleanDate(text: string): string {
  const value = halfWidth(text).trim();
  if (/^\d{8}$/.test(value)) return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  const match = LOOSE_DATE.exec(value);
  if (match) return `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`;
  return value;
}

/** A whole number for the schema's integer fields, or the text itself so validation can name it. */
export function integerOrText(text: string): number | string {
  const value = cleanInteger(text);
  return /^\d{1,6}$/.test(value) ? Number(value) : value;
}
