/**
 * The 入户发放 · 村级批量 part of the API: a household roster read from a file, mapped, checked and
 * imported; the village computed again on the recalculation workers; the table by 村 and 组 and its
 * export. What the page sends (zod schemas) and what it gets back; the channels are in contract.ts.
 */
import { z } from 'zod';
import { AREAS, DISABILITY_KINDS, STAGES, STATUSES, type Status } from '../household/codes';
import { RELATIONS } from '../household/schema';
import { isIsoDate } from '../dates';
import type { RosterProblem, SkippedHousehold } from '../roster/check';
import { ROSTER_FIELDS, type ColumnMapping } from '../roster/fields';
import type { RosterWords } from '../roster/words';
import type { RecalcStatus } from './packApi';

const isoDate = z.string().refine(isIsoDate, { message: '应为有效日期（YYYY-MM-DD）' });
const id = z.string().trim().min(1).max(64);

/** The largest roster file sent (base64 of 20 MB stays under the web host's 32 MiB body). */
export const MAX_ROSTER_FILE_BYTES = 20 * 1024 * 1024;

export const rosterReadSchema = z.strictObject({
  fileName: z.string().trim().min(1, { message: '请选择名册文件' }).max(255),
  base64: z
    .string()
    .min(1, { message: '文件是空的' })
    .max(Math.ceil((MAX_ROSTER_FILE_BYTES * 4) / 3) + 4, { message: '名册文件超过 20 MB，请按乡镇或村分成几个文件导入' }),
  /** read a CSV in this encoding (after being told what was detected); absent: detected */
  encoding: z.enum(['utf-8', 'gb18030']).optional(),
});

export const columnMappingSchema = z
  .array(z.strictObject({ column: z.number().int().min(0).max(199), field: z.enum(ROSTER_FIELDS) }))
  .max(200);

export const rosterCheckSchema = z.strictObject({
  sessionId: id,
  /** index of the sheet in the workbook */
  sheet: z.number().int().min(0).max(255),
  /** the header row, as Excel numbers rows */
  headerRow: z.number().int().min(1).max(100),
  mapping: columnMappingSchema,
  /** 城乡类别 of a household whose roster says neither (a village roster: 农村) */
  defaultArea: z.enum(AREAS),
  /** the date new and changed households are computed on (the campaign's); absent: today */
  asOf: isoDate.optional(),
});

export const rosterImportSchema = z.strictObject({ planId: id });

export const presetSaveSchema = z.strictObject({
  presetName: z.string().trim().min(1, { message: '请填写方案名称' }).max(40, { message: '方案名称不能超过40个字' }),
  columns: z.array(z.strictObject({ header: z.string().max(100), field: z.enum(ROSTER_FIELDS) })).min(1, { message: '还没有指定任何列' }).max(200),
  defaultArea: z.enum(AREAS),
});

const wordNote = z.string().trim().min(1, { message: '请写明这个用语的含义或出处' }).max(200, { message: '说明不能超过200个字' });
const wordKey = z.string().trim().min(1).max(30, { message: '用语不能超过30个字' });
export const localWordsSaveSchema = z.strictObject({
  status: z.record(wordKey, z.strictObject({ status: z.enum(STATUSES), area: z.enum(AREAS).optional(), formerlyRegisteredPoor: z.boolean().optional(), note: wordNote })),
  disability: z.record(wordKey, z.strictObject({ kind: z.enum(DISABILITY_KINDS), note: wordNote })),
  stage: z.record(wordKey, z.strictObject({ stage: z.enum(STAGES).nullable(), note: wordNote })),
  relation: z.record(wordKey, z.strictObject({ relation: z.enum(RELATIONS), note: wordNote })),
});

export const villageStartSchema = z.strictObject({
  batchId: id,
  /** one assessment date for every household (the campaign's); null: each case's own */
  asOf: isoDate.nullable(),
});

export const villageFilterSchema = z.strictObject({
  batchId: id,
  /** "乡镇 村" as listed in the table's villages */
  village: z.string().trim().max(90).optional(),
  group: z.string().trim().max(20).optional(),
  status: z.enum(STATUSES).optional(),
  /** 户主 name (or part), 拼音首字母, or the last digits of the 户主's ID number */
  text: z.string().trim().max(40).optional(),
});

/** One sheet of the file as read, for the mapping step. */
export interface RosterFileSheet {
  index: number;
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** rows with anything in them */
  rowCount: number;
  /** the row that looks like the header (1-based) */
  headerRow: number;
  /** the first rows as written (up to 40 rows, 60 columns) */
  rows: string[][];
  /** the mapping the header names suggest */
  suggested: ColumnMapping[];
}

export interface RosterFile {
  sessionId: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  /** CSV: the encoding used and why, and the other one it is also valid in */
  encoding: { name: string; label: string; statement: string; alternative: string | null } | null;
  sheets: RosterFileSheet[];
  /** the sheet suggested (the first visible one whose header reads best) */
  sheet: number;
  /** said before anything is mapped: hidden sheets, the encoding */
  notices: string[];
}

export interface PlannedChange {
  key: string;
  headName: string;
  /** "乡镇 村 组" */
  place: string;
  action: 'new' | 'update' | 'same';
  caseNo: string | null;
  /** what changes, in Chinese (update) */
  what: string[];
  /** members the case has that the roster does not list: kept */
  kept: string[];
}

export interface RosterCheckReply {
  planId: string;
  sheetName: string;
  headerRow: number;
  rowsRead: number;
  households: number;
  /** households that will be written or are already up to date */
  importable: number;
  errors: number;
  notices: number;
  /** sorted by row; the first MAX_LISTED (problemsTotal counts all) */
  problems: RosterProblem[];
  problemsTotal: number;
  skipped: SkippedHousehold[];
  skippedTotal: number;
  plan: { created: number; updated: number; unchanged: number };
  /** new and updated households first, then unchanged (the first MAX_LISTED) */
  changes: PlannedChange[];
  pack: { id: string; version: string; title: string };
  /** the date the households are computed on (today) */
  asOf: string;
}

export interface RosterBatchSummary {
  id: string;
  fileName: string;
  sheetName: string;
  importedAt: string;
  operator: string;
  packId: string;
  packVersion: string;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  households: number;
  villages: string[];
}

export interface RosterImportReply {
  batch: RosterBatchSummary;
}

export interface RosterWordsReply {
  /** in force: the pack's with the office's own over it */
  words: RosterWords;
  pack: RosterWords;
  local: RosterWords;
  /** the pack the table comes from */
  packTitle: string;
}

export interface VillageJobStatus extends RecalcStatus {
  batchId: string;
}

export interface SplitAmounts {
  households: number;
  cash: string;
  settlement: string;
  waiver: string;
  oneOff: string;
}

export interface VillageRow extends SplitAmounts {
  caseNo: string;
  revision: number;
  township: string;
  village: string;
  /** as written ("3", "三组"); '' when none */
  group: string;
  headName: string;
  headIdMasked: string;
  members: number;
  status: Status | '';
  /** 到手现金 a month (cash / 12, to the fen) */
  cashMonthly: string;
  asOf: string;
  packVersion: string;
  voided: boolean;
  /** the latest revision failed its checksum: no amounts */
  damaged: boolean;
}

export interface VillageSubtotal extends SplitAmounts {
  /** "乡镇 村" */
  village: string;
  /** null: the village's total */
  group: string | null;
}

export interface VillageTable {
  batch: RosterBatchSummary;
  /** the rows of the filter, in print order: 村, then 组 by number, then 户主 (拼音) */
  rows: VillageRow[];
  subtotals: VillageSubtotal[];
  total: SplitAmounts;
  /** for the pickers: every village and 组 of the batch */
  villages: string[];
  groups: string[];
  /** 案卷编号 of the rows, in print order: what 打印本村明白卡 prints (voided and damaged cases left out) */
  selection: string[];
}

/** Lists in a reply stop here; the totals count everything. */
export const MAX_LISTED = 2000;
