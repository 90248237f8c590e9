/**
 * 入户发放打印 (issue 18 item 4): the part of the API that prints a selection of stored cases — reading
 * their latest revisions in batches (so the page can show progress and stop), printing or saving as
 * PDF what the page has laid out (desktop), and recording the printing in every case's history. The
 * channels are declared in contract.ts with the others.
 */
import { z } from 'zod';
import type { RevisionDetail } from './contract';

/** cases read per campaign.load call: small enough that progress moves and 取消 answers quickly */
export const CAMPAIGN_LOAD_BATCH = 100;
/** cases one campaign may print (a large village has a few hundred households) */
export const CAMPAIGN_MAX_CASES = 5000;

export const CAMPAIGN_OUTPUTS = ['cards', 'sheets', 'receipts'] as const;
export type CampaignOutput = (typeof CAMPAIGN_OUTPUTS)[number];
export const CAMPAIGN_OUTPUT_LABELS: Record<CampaignOutput, string> = { cards: '明白卡', sheets: '明白纸', receipts: '签收表' };

const caseNo = z.string().trim().min(1, { message: '缺少案卷编号' }).max(64, { message: '案卷编号过长' });

export const campaignLoadSchema = z.strictObject({
  caseNos: z
    .array(caseNo)
    .min(1, { message: '没有选择案卷' })
    .max(CAMPAIGN_LOAD_BATCH, { message: `一次最多读取${CAMPAIGN_LOAD_BATCH}户` }),
});

/** a case of the selection: its latest revision, or why it is not printed (作废, damaged, not found) */
export type CampaignLoadItem = { caseNo: string; revision: RevisionDetail } | { caseNo: string; problem: string };

const printedItems = z
  .array(z.strictObject({ caseNo, revision: z.number().int().min(1) }))
  .min(1, { message: '没有要打印的案卷' })
  .max(CAMPAIGN_MAX_CASES, { message: `一次最多打印${CAMPAIGN_MAX_CASES}户` });

/** what was printed: the output, the revisions it shows, and a name for the file (the village) */
const printedJob = {
  output: z.enum(CAMPAIGN_OUTPUTS),
  items: printedItems,
  /** "马山口镇马山口村" or "3个村": only for the PDF's file name */
  label: z.string().trim().max(60, { message: '名称过长' }).optional(),
};

export const campaignPrintSchema = z.strictObject({
  ...printedJob,
  /** a printer from print.printers; absent: the system print dialog */
  deviceName: z.string().trim().min(1).max(300).optional(),
  copies: z.number().int({ message: '份数应为整数' }).min(1, { message: '至少打印1份' }).max(5, { message: '入户发放一次最多打印5份' }).default(1),
});

export const campaignPdfSchema = z.strictObject(printedJob);

/** the browser's print dialog printed (or saved) it: record it */
export const campaignRecordSchema = z.strictObject({
  ...printedJob,
  /** true: saved as PDF in the browser's dialog (recorded as PDF) */
  pdf: z.boolean().optional(),
});

/** recorded: how many cases' histories got this printing; null when nothing is recorded (a 签收表, or a read-only window) */
export interface CampaignPrinted {
  recorded: number | null;
  /** why nothing was recorded, when it was not (read-only window), in Chinese */
  note: string | null;
}
