/**
 * 签收表 of a village campaign (入户发放): one table per village, the households in the order of the
 * cards (组, then 户主), each row with room for the 户主's signature or fingerprint and the date; the
 * foot of every page has the 发放人 and the village's 负责人 sign. Rows have a fixed height, so the
 * pages are counted here and each page says "第 n 页，共 m 页" of its own village. Pure.
 */
import { BLANK } from '../blank';
import type { CampaignEntry, CampaignVillage } from './campaignOrder';

/** a row is 11 mm high (room to sign or press a thumb); 18 of them fit under the head on A4 */
export const RECEIPT_ROWS_PER_PAGE = 18;

export interface Delivered {
  /** 明白卡, one per household */
  card: boolean;
  /** 明白纸, one per household */
  sheet: boolean;
}

export interface ReceiptRow {
  /** 序号 within the village */
  number: number;
  /** "3组" (or the 组's own name when it has no number) */
  group: string;
  headName: string;
  caseNo: string;
  status: string;
  /** "明白卡1张、明白纸1份" */
  delivered: string;
}

export interface ReceiptPage {
  township: string;
  village: string;
  /** "2026年度" (or "2025—2026年度" when the households were assessed in different years) */
  year: string;
  officeName: string;
  households: number;
  page: number;
  pages: number;
  rows: ReceiptRow[];
}

export function deliveredText(delivered: Delivered): string {
  const parts = [delivered.card ? '明白卡1张' : '', delivered.sheet ? '明白纸1份' : ''].filter((part) => part !== '');
  return parts.length > 0 ? parts.join('、') : BLANK;
}

function yearText(entries: readonly CampaignEntry[]): string {
  const years = [...new Set(entries.map((e) => e.policyYear).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  if (years.length === 0) return BLANK;
  return years.length === 1 ? `${years[0]}年度` : `${years[0]}—${years[years.length - 1]}年度`;
}

/** Every page of every village's 签收表, villages in the order given. */
export function receiptPages(
  villages: readonly CampaignVillage[],
  options: { delivered: Delivered; officeName: string; rowsPerPage?: number },
): ReceiptPage[] {
  const perPage = options.rowsPerPage ?? RECEIPT_ROWS_PER_PAGE;
  const delivered = deliveredText(options.delivered);
  const pages: ReceiptPage[] = [];
  for (const village of villages) {
    const rows: ReceiptRow[] = village.entries.map((entry, i) => ({
      number: i + 1,
      // one way of writing for the whole list: 一组, 1组 and 第1村民小组 all print as 1组
      group: entry.group ? (entry.group.number !== null ? `${entry.group.number}组` : entry.group.label) : BLANK,
      headName: entry.headName,
      caseNo: entry.caseNo,
      status: entry.statusShort,
      delivered,
    }));
    const count = Math.max(1, Math.ceil(rows.length / perPage));
    for (let page = 1; page <= count; page++) {
      pages.push({
        township: village.township || BLANK,
        village: village.village || BLANK,
        year: yearText(village.entries),
        officeName: options.officeName.trim() || BLANK,
        households: rows.length,
        page,
        pages: count,
        rows: rows.slice((page - 1) * perPage, page * perPage),
      });
    }
  }
  return pages;
}
