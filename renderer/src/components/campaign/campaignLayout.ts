/**
 * What the campaign lays out for print, built from the loaded revisions in campaign order (组, then
 * 户主, village by village): the imposed card sheets, the 明白纸 one household after another, or the
 * 签收表 pages. Each is drawn by CampaignOutput.vue a chunk at a time; `units` counts the chunks' parts
 * (card sheets, households, pages) and `readyPer` how many `ready` events each part sends once its
 * QR codes are drawn.
 */
import type { RevisionDetail, Settings } from '@shared/api/contract';
import { campaignEntry, orderCampaign, type CampaignEntry, type CampaignVillage } from '@shared/print/campaign/campaignOrder';
import { imposeCards, type ImposedSheet } from '@shared/print/campaign/imposition';
import { receiptPages, type Delivered, type ReceiptPage } from '@shared/print/campaign/receiptSheet';
import { buildHandout, type HandoutModel, type HandoutOptions } from '@shared/print/handoutModel';
import type { CampaignOutput } from '@shared/api/campaignApi';

export interface PrintedHousehold extends CampaignEntry {
  model: HandoutModel;
}

export interface CardSheetsLayout {
  kind: 'cards';
  sheets: ImposedSheet<PrintedHousehold>[];
  /** each sheet's village, for the note in its margin */
  villages: string[];
}

export interface HandoutSheetsLayout {
  kind: 'sheets';
  households: PrintedHousehold[];
}

export interface ReceiptsLayout {
  kind: 'receipts';
  pages: ReceiptPage[];
  delivered: Delivered;
}

export type CampaignLayout = CardSheetsLayout | HandoutSheetsLayout | ReceiptsLayout;

/** the campaign order of the loaded revisions, by village */
export function orderedVillages(revisions: readonly RevisionDetail[]): CampaignVillage<CampaignEntry & { detail: RevisionDetail }>[] {
  return orderCampaign(revisions.map((detail) => ({ ...campaignEntry(detail), detail })));
}

/** the printed households of each village, their handout models built a slice at a time (yielding between slices) */
export async function buildModels(
  villages: CampaignVillage<CampaignEntry & { detail: RevisionDetail }>[],
  settings: Settings,
  options: HandoutOptions,
  step: (done: number) => Promise<void>,
): Promise<CampaignVillage<PrintedHousehold>[]> {
  const built: CampaignVillage<PrintedHousehold>[] = [];
  let done = 0;
  for (const village of villages) {
    const entries: PrintedHousehold[] = [];
    for (const { detail, ...entry } of village.entries) {
      entries.push({ ...entry, model: buildHandout(detail, settings, options) });
      done += 1;
      if (done % 50 === 0) await step(done);
    }
    built.push({ ...village, entries });
  }
  await step(done);
  return built;
}

export function layoutOf(kind: Exclude<CampaignOutput, 'receipts'>, villages: CampaignVillage<PrintedHousehold>[]): CampaignLayout {
  if (kind === 'cards') {
    const sheets = imposeCards(villages.map((v) => v.entries));
    return { kind, sheets, villages: sheets.map((sheet) => villages[sheet.group]?.label ?? '') };
  }
  return { kind, households: villages.flatMap((v) => v.entries) };
}

export function receiptsLayout(villages: CampaignVillage[], delivered: Delivered, officeName: string): ReceiptsLayout {
  return { kind: 'receipts', pages: receiptPages(villages, { delivered, officeName }), delivered };
}

/** parts drawn per chunk and ready events per part */
export function chunking(layout: CampaignLayout): { units: number; perChunk: number; readyPer: (unit: number) => number } {
  switch (layout.kind) {
    case 'cards':
      // each card: the front's QR code, and the back (ready at once)
      return { units: layout.sheets.length, perChunk: 5, readyPer: (unit) => 2 * (layout.sheets[unit]?.front.slots.length ?? 0) };
    case 'sheets':
      return { units: layout.households.length, perChunk: 10, readyPer: () => 1 };
    case 'receipts':
      return { units: layout.pages.length, perChunk: 50, readyPer: () => 0 };
  }
}
