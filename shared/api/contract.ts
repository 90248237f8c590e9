/**
 * The renderer↔main API, defined once: for each channel, the schema its payload must pass and the type
 * of what it returns. The preload, the Electron IPC handlers, the `npm run web` host and the renderer's
 * client all take their types from here, and both transports dispatch through one handler table.
 */
import { z } from 'zod';
import type { Result } from '../errors';
import type { RawPack } from '../packs/types';
import { HANDOUT_DOCUMENTS } from '../print/documents';
import type { PackDiff } from '../packs/packDiff';
import type { CalcResult } from '../result/types';
import type { Channel } from './channels';
import { campaignLoadSchema, campaignPdfSchema, campaignPrintSchema, campaignRecordSchema, type CampaignLoadItem, type CampaignPrinted } from './campaignApi';
import { countyConnectSchema, countyTrustSchema, receiptImportSchema, type CountySyncStatus, type ReceiptOutcome } from './countySyncApi';
import {
  keyAddSchema,
  keyRemoveSchema,
  packDiffRequestSchema,
  packExportSchema,
  packImportSchema,
  packRefSchema,
  recalcStartSchema,
  reportExportSchema,
  reportPageSchema,
  saveLocalPackSchema,
  type ChangeReportHead,
  type ChangeReportPage,
  type CountyKey,
  type GeneratedKey,
  type PackImportOutcome,
  type PackListing,
  type PackSummary,
  type RecalcStatus,
} from './packApi';
import {
  localWordsSaveSchema,
  presetSaveSchema,
  rosterCheckSchema,
  rosterImportSchema,
  rosterReadSchema,
  villageFilterSchema,
  villageStartSchema,
  type RosterBatchSummary,
  type RosterCheckReply,
  type RosterFile,
  type RosterWordsReply,
  type VillageJobStatus,
  type VillageTable,
} from './rosterApi';
import type { RosterPreset } from '../roster/fields';

/** A program that holds (or held) a data folder for writing. */
export interface FolderHolder {
  /** 桌面版 / 浏览器版（npm run web）/ … */
  program: string;
  host: string;
  pid: number;
  /** ISO with offset */
  since: string;
}

/** Whether this program may write its data folder (one writer per folder), and if not why: the banner. */
export interface DataAccess {
  writable: boolean;
  /** why nothing can be saved, in Chinese (null when writable) */
  reason: string | null;
  /** the program holding the folder, when that is why */
  holder: FolderHolder | null;
  /** a holder that did not close cleanly (killed, crashed) and whose lock this program took over */
  takenOver: FolderHolder | null;
  /** read-only from a copy taken when the program opened (a write-protected folder) */
  snapshot: boolean;
}

export interface AppInfo {
  productName: string;
  version: string;
  transport: 'electron' | 'web';
  platform: string;
  dataDir: string;
  databasePath: string;
  portable: boolean;
  pack: { id: string; version: string; title: string; validFrom: string; source: 'shipped' | 'local' };
  access: DataAccess;
}

export const SETTING_KEYS = [
  'operatorName',
  'officeName',
  'officePhone',
  'supervisionHotline',
  'fontScale',
  'backupDir',
  'backupRetentionDays',
  'autoBackup',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** What each setting holds; the schema is the one check for both the UI form and the API. */
export const settingSchemas = {
  operatorName: z.string().trim().max(20, { message: '经办人姓名不能超过20个字' }),
  officeName: z.string().trim().max(40, { message: '单位名称不能超过40个字' }),
  officePhone: z.string().trim().max(30, { message: '联系电话不能超过30个字符' }),
  supervisionHotline: z.string().trim().max(30, { message: '监督电话不能超过30个字符' }),
  fontScale: z.number().min(0.9, { message: '字号比例不能小于0.9' }).max(1.6, { message: '字号比例不能大于1.6' }),
  backupDir: z.string().trim().max(400, { message: '备份文件夹路径过长' }),
  backupRetentionDays: z.number().int({ message: '保留天数应为整数' }).min(1, { message: '至少保留1天' }).max(3650, { message: '保留天数不能超过3650天' }),
  autoBackup: z.boolean(),
} satisfies Record<SettingKey, z.ZodType>;

export type Settings = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };

/** One setting changed: the API's settings.set and the settings store check it with this one schema. */
export const settingChangeSchema = z.union(
  SETTING_KEYS.map((key) => z.strictObject({ key: z.literal(key), value: settingSchemas[key] })) as unknown as [
    z.ZodType,
    z.ZodType,
    ...z.ZodType[],
  ],
);

const none = z.undefined().or(z.strictObject({}));

/** 案卷编号 as printed (2026-000001): the one name the API, the store and the handouts use for a case */
const caseNo = z.string().trim().min(1, { message: '缺少案卷编号' }).max(64, { message: '案卷编号过长' });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '应为日期（YYYY-MM-DD）' });

/** One saved revision as listed in a case's history (without its input and result). */
export interface RevisionSummary {
  revision: number;
  kind: 'save' | 'void' | 'recalc';
  savedAt: string;
  operator: string;
  packId: string;
  packVersion: string;
  reason: string | null;
  /** '' when the revision is damaged */
  totalAnnual: string;
  /** true: the revision failed its checksum (此版本数据已损坏): nothing of it is shown but when and by whom */
  damaged?: boolean;
}

/** A revision with everything saved in it. */
export interface RevisionDetail extends RevisionSummary {
  caseNo: string;
  /** the case input exactly as it was entered */
  input: unknown;
  result: CalcResult;
  /**
   * set when the revision was stored by 重新测算 without its explanation steps and they could not be
   * computed again (the pack is gone, or the result differs): why, to show beside the stored amounts
   */
  stepsNote?: string | null;
}

export interface CaseDetail {
  caseNo: string;
  createdAt: string;
  voided: boolean;
  revisions: RevisionSummary[];
  latest: RevisionDetail;
  prints: { revision: number; document: PrintDocument; operator: string; printedAt: string }[];
}

export interface CaseRow {
  caseNo: string;
  headName: string;
  memberNames: string[];
  /** first 6 and last 4 digits only */
  maskedIds: string[];
  township: string | null;
  village: string | null;
  status: string;
  revision: number;
  updatedAt: string;
  asOf: string;
  totalAnnual: string;
  voided: boolean;
}

export const caseSearchSchema = z.strictObject({
  /** a name (head or member), a part of one, or its 拼音首字母 (zs → 张三) */
  text: z.string().trim().max(40, { message: '查找内容过长' }).optional(),
  /** a full ID number, or its last 4–6 digits */
  idDigits: z.string().trim().regex(/^(\d{3}[\dXx]|\d{4,5}[\dXx]|\d{17}[\dXx])$/, { message: '请输入身份证号码后4至6位或完整18位' }).optional(),
  township: z.string().trim().max(40).optional(),
  village: z.string().trim().max(40).optional(),
  status: z.string().trim().max(40).optional(),
  /** saved between these days (inclusive) */
  from: isoDay.optional(),
  to: isoDay.optional(),
  /** cases whose latest result includes this benefit code (in the year below, if given) */
  benefit: z.string().trim().max(60).optional(),
  benefitYear: z.number().int().min(2000).max(2100).optional(),
  includeVoided: z.boolean().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});
export type CaseSearch = z.input<typeof caseSearchSchema>;

export interface CaseSearchPage {
  total: number;
  page: number;
  pageSize: number;
  rows: CaseRow[];
}

export const PRINT_DOCUMENTS = ['sheet', 'card', 'cardA6', 'pdf'] as const;
export type PrintDocument = (typeof PRINT_DOCUMENTS)[number];
export const PRINT_DOCUMENT_LABELS: Record<PrintDocument, string> = { sheet: '明白纸', card: '明白卡', cardA6: '明白卡（A6）', pdf: 'PDF' };

/** A printer the desktop app can print to (webContents.getPrintersAsync). */
export interface PrinterChoice {
  /** the system's name, passed back to print.run */
  name: string;
  displayName: string;
  description: string;
}

const handoutRequest = {
  caseNo,
  revision: z.number().int().min(1),
  document: z.enum(HANDOUT_DOCUMENTS),
};

/** A file for the user to keep: the renderer saves it (download in the browser, save dialog on the desktop). */
export interface FilePayload {
  fileName: string;
  mime: string;
  base64: string;
}

export interface BackupInfo {
  /** the name in the backup folder: what restore takes */
  fileName: string;
  /** the full path */
  path: string;
  /** when it was finished (file time, ISO with offset) */
  createdAt: string;
  bytes: number;
  kind: 'auto' | 'manual';
}

/** A revision saved after the backup that 恢复 brought back from the database it set aside. */
export interface MergedRevision {
  caseNo: string;
  revision: number;
  kind: 'save' | 'void' | 'recalc';
  savedAt: string;
  operator: string;
  headName: string;
}

/** What 恢复 did: the database, and the policy packs folder the backup carries (local packs, county keys, change reports). */
export interface RestoreReply {
  restoredFrom: string;
  /** the database that was live before, kept aside (null when there was none) */
  keptAside: string | null;
  /** 'manifest': every byte of the backup checked against its manifest; 'legacy': made before manifests (its revisions were still checked) */
  verification: 'manifest' | 'legacy';
  /** revisions of the backup checked against their checksums */
  revisionsChecked: number;
  /** revisions saved after the backup, merged back from the database set aside (the first ones; mergedCount counts all) */
  merged: MergedRevision[];
  mergedCount: number;
  /** revisions of the set-aside database that could not be merged (they stay in it), with why */
  unmerged: { caseNo: string; revision: number; reason: string }[];
  unmergedCount: number;
  /** the next new case number (this year): above every number this folder ever issued */
  nextCaseNo: string;
  /** the backup carried the packs folder and it was put in place (false: an older backup without it; the live one is unchanged) */
  packsRestored: boolean;
  /** the packs folder that was live before, kept aside */
  packsKeptAside: string | null;
  /** what could not be done though the database was restored (Chinese) */
  warnings: string[];
}

/** 设置 · 数据检查: the file, every revision against its checksum, the search index rebuilt. */
export interface DataCheckReply {
  checkedAt: string;
  /** SQLite's quick_check: 'ok' or the problems */
  fileCheck: string;
  cases: number;
  revisions: number;
  /** damaged revisions (the first ones; damagedCount counts all) */
  damaged: { caseNo: string; revision: number }[];
  damagedCount: number;
  /** cases indexed again (null: read-only, the index was left as it is) */
  reindexed: number | null;
  /** when the database was upgraded at this start: revisions that got their checksum then */
  sealedAtUpgrade: number;
  /** revisions 重新测算 stored without their steps whose steps cannot be computed again (the first ones; the count covers all), with why */
  stepsUnavailable: { caseNo: string; revision: number; reason: string }[];
  stepsUnavailableCount: number;
}

export interface BackupStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** 0–1 while running */
  progress: number;
  message: string | null;
  last: BackupInfo | null;
  /** where backups are written (the 备份文件夹 setting, or "backups" in the data folder) */
  folder: string;
}

/** Declares a channel: its payload schema and (as a type only) its result: channel<Result>()(schema). */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const apiContract = {
  'app.info': channel<AppInfo>()(none),
  'packs.active': channel<RawPack>()(none),
  /** the authoritative result, computed by the main process with the pack in force */
  'calc.compute': channel<CalcResult>()(z.strictObject({ case: z.unknown(), overrides: z.record(z.string(), z.unknown()).optional() })),
  'settings.get': channel<Settings>()(none),
  'settings.set': channel<Settings>()(settingChangeSchema),
  /** a new case (no caseNo) or a new revision of one; main validates and computes the authoritative result */
  'cases.save': channel<CaseDetail>()(z.strictObject({ caseNo: caseNo.optional(), input: z.unknown() })),
  'cases.get': channel<CaseDetail>()(z.strictObject({ caseNo })),
  'cases.revision': channel<RevisionDetail>()(z.strictObject({ caseNo, revision: z.number().int().min(1) })),
  /** 作废: a revision that records the reason; the history stays */
  'cases.void': channel<CaseDetail>()(
    z.strictObject({ caseNo, reason: z.string().trim().min(2, { message: '请填写作废原因（至少2个字）' }).max(200, { message: '作废原因不能超过200个字' }) }),
  ),
  'cases.search': channel<CaseSearchPage>()(caseSearchSchema),
  'cases.export': channel<FilePayload>()(
    z.strictObject({ from: isoDay, to: isoDay, format: z.enum(['xlsx', 'csv']), unmasked: z.boolean().optional() }),
  ),
  'backup.now': channel<BackupInfo>()(none),
  'backup.list': channel<BackupInfo[]>()(none),
  'backup.status': channel<BackupStatus>()(none),
  /** restore from a listed backup (by file name) after an integrity check; the replaced file and packs folder are kept aside */
  'backup.restore': channel<RestoreReply>()(z.strictObject({ fileName: z.string().trim().min(1).max(255) })),
  /** 设置 · 数据检查: every revision checked against its checksum, the search index rebuilt from them */
  'data.check': channel<DataCheckReply>()(none),
  /** a read-only window tries again to become the folder's writer (the other program may have closed) */
  'data.reopen': channel<AppInfo>()(none),
  /** the printing of a revision, for the case history */
  'print.record': channel<CaseDetail>()(z.strictObject({ caseNo, revision: z.number().int().min(1), document: z.enum(PRINT_DOCUMENTS) })),
  /** the printers of this computer (desktop app only; the browser chooses in its own print dialog) */
  'print.printers': channel<PrinterChoice[]>()(none),
  /** prints the handout on screen in the window, on its paper, then records the printing */
  'print.run': channel<CaseDetail>()(
    z.strictObject({
      ...handoutRequest,
      /** a printer from print.printers; absent: the system print dialog */
      deviceName: z.string().trim().min(1).max(300).optional(),
      copies: z.number().int({ message: '份数应为整数' }).min(1, { message: '至少打印1份' }).max(20, { message: '一次最多打印20份' }).default(1),
    }),
  ),
  /** the handout on screen as a PDF file (printToPDF), recorded as a PDF export (recorded false: a read-only window could not record it) */
  'print.pdf': channel<{ file: FilePayload; detail: CaseDetail; recorded: boolean }>()(z.strictObject(handoutRequest)),
  /** 入户发放打印 (campaignApi.ts): the latest revisions of a selection, a batch at a time */
  'campaign.load': channel<{ items: CampaignLoadItem[] }>()(campaignLoadSchema),
  /** prints what the page laid out (the campaign's cards, 明白纸 or 签收表) on A4, then records it in each case */
  'campaign.print': channel<CampaignPrinted>()(campaignPrintSchema),
  /** what the page laid out as a PDF file (printToPDF), recorded as a PDF export */
  'campaign.pdf': channel<CampaignPrinted & { file: FilePayload }>()(campaignPdfSchema),
  /** the browser's print dialog printed it: record it in each case */
  'campaign.record': channel<CampaignPrinted>()(campaignRecordSchema),
  /** 政策参数 (packApi.ts): shipped and local packs, editing, signed export/import, county keys */
  'packs.list': channel<PackListing>()(none),
  'packs.get': channel<RawPack>()(packRefSchema),
  'packs.diff': channel<PackDiff>()(packDiffRequestSchema),
  'packs.saveLocal': channel<PackSummary>()(saveLocalPackSchema),
  'packs.activate': channel<PackListing>()(packRefSchema),
  'packs.export': channel<FilePayload & { fingerprint: string }>()(packExportSchema),
  'packs.import': channel<PackImportOutcome>()(packImportSchema),
  'keys.list': channel<CountyKey[]>()(none),
  'keys.add': channel<CountyKey[]>()(keyAddSchema),
  'keys.remove': channel<CountyKey[]>()(keyRemoveSchema),
  'keys.generate': channel<GeneratedKey>()(none),
  /** 重新测算 of every stored case in the background; poll recalc.status */
  'recalc.start': channel<RecalcStatus>()(recalcStartSchema),
  'recalc.status': channel<RecalcStatus | null>()(none),
  'recalc.cancel': channel<RecalcStatus>()(none),
  'recalc.reports': channel<ChangeReportHead[]>()(none),
  'recalc.report': channel<ChangeReportPage>()(reportPageSchema),
  'recalc.exportReport': channel<FilePayload>()(reportExportSchema),
  /** 上报县级 (countySyncApi.ts): this office's key, the county link, what is pending and sent */
  'countySync.status': channel<CountySyncStatus>()(none),
  'countySync.connect': channel<CountySyncStatus & { offered: { fingerprint: string; name: string } }>()(countyConnectSchema),
  'countySync.trust': channel<CountySyncStatus>()(countyTrustSchema),
  'countySync.send': channel<CountySyncStatus>()(none),
  'countySync.exportBundle': channel<FilePayload & { revisions: number }>()(none),
  'countySync.importReceipt': channel<ReceiptOutcome>()(receiptImportSchema),
  /** the pack the county published, as a file for packs.import (checked and compared there before it is saved) */
  'countySync.fetchPack': channel<{ fileName: string; base64: string }>()(none),
  /** 入户发放 · 村级批量 (rosterApi.ts): a roster file read (every sheet; a CSV's encoding said), nothing stored */
  'roster.read': channel<RosterFile>()(rosterReadSchema),
  /** every problem of the roster under a mapping, and what the import would do; nothing written */
  'roster.check': channel<RosterCheckReply>()(rosterCheckSchema),
  /** what the check planned, in one transaction (refused in a read-only window) */
  'roster.import': channel<RosterBatchSummary>()(rosterImportSchema),
  'roster.presets': channel<RosterPreset[]>()(none),
  'roster.savePreset': channel<RosterPreset[]>()(presetSaveSchema),
  'roster.deletePreset': channel<RosterPreset[]>()(z.strictObject({ presetName: z.string().trim().min(1).max(40) })),
  /** 名册用语对照表: the pack's, the office's own, and the two together */
  'roster.words': channel<RosterWordsReply>()(none),
  'roster.saveWords': channel<RosterWordsReply>()(localWordsSaveSchema),
  'roster.batches': channel<RosterBatchSummary[]>()(none),
  /** the households of one import computed again with the pack in force, on the recalculation workers; poll village.status */
  'village.start': channel<VillageJobStatus>()(villageStartSchema),
  'village.status': channel<VillageJobStatus | null>()(none),
  'village.cancel': channel<VillageJobStatus>()(none),
  /** the households of one import by 村 and 组 with the split totals, filtered */
  'village.table': channel<VillageTable>()(villageFilterSchema),
  'village.export': channel<FilePayload>()(villageFilterSchema),
} satisfies Record<Channel, { input: z.ZodType; output: unknown }>;

export type ApiInput<C extends Channel> = z.input<(typeof apiContract)[C]['input']>;
export type ApiParsedInput<C extends Channel> = z.output<(typeof apiContract)[C]['input']>;
export type ApiOutput<C extends Channel> = (typeof apiContract)[C]['output'];
export type ApiResponse<C extends Channel> = Result<ApiOutput<C>>;

/** The one object the preload puts on `window.api` (Electron); the browser client has the same shape. */
export interface WindowApi {
  transport: 'electron' | 'web';
  invoke<C extends Channel>(channel: C, input: ApiInput<C>): Promise<ApiResponse<C>>;
  /** menu commands from the application menu (Electron); returns an unsubscribe function */
  onMenu(listener: (command: string) => void): () => void;
}
