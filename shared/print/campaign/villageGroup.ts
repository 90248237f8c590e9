/**
 * 村民小组 (组) of a household, for sorting a village's cards and its 签收表 "by 组 then 户主". A roster
 * import keeps the 组 in household.group; a household typed at the window has it, if at all, inside
 * its 详细地址 ("三组12号", "第3村民小组"). Both are read the same way: the number, in figures or in
 * Chinese numerals, is what sorts (2组 before 10组); the words stay as written for the paper.
 */

export interface VillageGroup {
  /** as printed: "三组", "3组" */
  label: string;
  /** for sorting; null when the 组 has no number ("新村组") */
  number: number | null;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 (and 一百 …) to a number; null when the text is not a Chinese numeral. */
export function chineseNumeral(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  let digit: number | null = null;
  for (const char of text) {
    // 一百零五: 零 only holds the place of the missing 十
    if ((char === '零' || char === '〇') && digit === null && total > 0) continue;
    if (char in DIGITS) {
      if (digit !== null) return null; // 三四: not a numeral
      digit = DIGITS[char] as number;
    } else if (char === '十') {
      total += (digit ?? 1) * 10;
      digit = null;
    } else if (char === '百') {
      if (digit === null) return null;
      total += digit * 100;
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

/** Full-width digits (０-９) as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NUMBER = '([0-9０-９]+|[零〇一二两三四五六七八九十百]+)';
/** "3组", "三组", "第三组", "第3村民小组", "3 组", "十一村民组" */
const IN_ADDRESS = new RegExp(`(?:第)?${NUMBER}\\s*(?:村民小组|村民组|小组|组)`);

function numberOf(text: string): number | null {
  const ascii = asciiDigits(text);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return chineseNumeral(text);
}

/** A 组 as given in its own column: "3", "三组", "第3村民小组", "新村组". */
export function parseGroupField(value: string): VillageGroup | null {
  const text = value.trim();
  if (text === '') return null;
  const bare = numberOf(text);
  if (bare !== null) return { label: `${text}组`, number: bare };
  const found = IN_ADDRESS.exec(text);
  if (found && found.index === 0 && found[0].length === text.length) return { label: text, number: numberOf(found[1] as string) };
  return { label: text, number: null };
}

/** The 组 named inside an address, or null. */
export function groupInAddress(address: string): VillageGroup | null {
  const found = IN_ADDRESS.exec(address);
  if (!found) return null;
  return { label: found[0].replace(/\s+/g, ''), number: numberOf(found[1] as string) };
}

/** The household's 组 from a saved input (its own field first, else its 详细地址). */
export function villageGroupOf(household: { group?: unknown; address?: unknown } | undefined): VillageGroup | null {
  if (!household) return null;
  if (typeof household.group === 'string' && household.group.trim() !== '') return parseGroupField(household.group);
  if (typeof household.group === 'number' && Number.isInteger(household.group)) return { label: `${household.group}组`, number: household.group };
  return typeof household.address === 'string' ? groupInAddress(household.address) : null;
}
