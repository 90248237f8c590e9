/**
 * The order of a village campaign, the same on the table, in its Excel export and for the cards it
 * sends to print: 乡镇 and 村, then 组 by its number (2组 before 10组; "三组" is 3; a household without
 * a 组 after those with one), then 户主 in 拼音 order, then 案卷编号, so the order never depends on how
 * the cases were selected.
 */
import { chineseNumeral } from '../print/campaign/villageGroup';

export interface CampaignPlace {
  township: string;
  village: string;
  group: string;
  headName: string;
  caseNo: string;
}

/** The number of a 组 ("3", "3组", "三组", "第三村民小组", "０３"), null when it has none ("新村组"). */
export function groupNumber(group: string): number | null {
  const text = group.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const found = /^第?\s*([0-9]+|[零〇一二两三四五六七八九十百]+)\s*(?:村民小组|村民组|小组|组)?$/.exec(text);
  if (!found) return null;
  const digits = found[1] as string;
  return /^\d+$/.test(digits) ? Number(digits) : chineseNumeral(digits);
}

const collator = new Intl.Collator('zh-Hans-CN', { usage: 'sort', sensitivity: 'variant', numeric: true });
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function compareGroups(a: string, b: string): number {
  if ((a === '') !== (b === '')) return a === '' ? 1 : -1;
  const na = groupNumber(a);
  const nb = groupNumber(b);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  if ((na === null) !== (nb === null)) return na === null ? 1 : -1;
  return compareText(a, b);
}

export function compareCampaign(a: CampaignPlace, b: CampaignPlace): number {
  const noVillage = (place: CampaignPlace) => (place.village === '' ? 1 : 0);
  return (
    noVillage(a) - noVillage(b) ||
    compareText(a.township, b.township) ||
    compareText(a.village, b.village) ||
    compareGroups(a.group, b.group) ||
    compareText(a.headName, b.headName) ||
    compareText(a.caseNo, b.caseNo)
  );
}
