/**
 * 导出: the cases a filter selects (the same filter as the search), as .xlsx (two sheets: 案卷 and
 * 待遇明细, written with exceljs's streaming writer so a hundred thousand cases never sit in memory) or
 * as CSV (one table, UTF-8 with BOM so Excel reads the Chinese). ID numbers are masked unless the
 * operator asked for them in full. The export reads from its own read-only connection inside one read
 * transaction: a consistent snapshot, while the desk keeps saving on the main connection.
 */
import { createWriteStream, renameSync, statSync, unlinkSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fail, ok, type Result } from '../../../shared/errors';
import { STATUS_SHORT, type Status } from '../../../shared/household/codes';
import { maskIdNumber } from '../../../shared/household/idNumber';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import { CaseSearch } from './caseSearch';
import { Connection } from './connection';
import { openReadOnly } from './db';
import { localClock, localDay } from './localTime';
import { DictionaryCache, type StoredDocuments } from './revisionCodec';
import type { CaseSearchRow } from './rows';
import { exportRequestSchema, parseRequest } from './schemas';
import { deriveSearchFields } from './searchFields';
import { amountColumn, csvSink, idNumberColumn, sheetSink, streamingWorkbook, textColumn, type Cell, type Column, type TableSink } from './tableSinks';

export interface ExportOutcome {
  format: 'xlsx' | 'csv';
  /** a name to offer when saving (browser download) */
  fileName: string;
  mime: string;
  /** where the file was written, or null when the bytes are returned */
  path: string | null;
  data: Buffer | null;
  caseCount: number;
  benefitCount: number;
  bytes: number;
}

/** the columns both tables start with and end with */
const CASE_NO = textColumn('案卷编号', 14);
const HEAD = textColumn('户主姓名', 10);
const AS_OF = textColumn('测算日期', 11);
const STATE = textColumn('状态', 8);

const CASE_COLUMNS: Column[] = [
  CASE_NO,
  HEAD,
  idNumberColumn('户主身份证号', 21),
  textColumn('家庭人数', 8),
  textColumn('乡镇（街道）', 12),
  textColumn('村（社区）', 12),
  textColumn('家庭身份', 10),
  textColumn('家庭及成员身份', 20),
  AS_OF,
  amountColumn('年度待遇合计（元）', 16),
  textColumn('待遇项目', 40),
  textColumn('经办人', 10),
  textColumn('最后保存时间', 26),
  textColumn('修订版本', 8),
  STATE,
  textColumn('政策参数包', 22),
];

const BENEFIT_COLUMNS: Column[] = [
  CASE_NO,
  HEAD,
  textColumn('成员姓名', 10),
  idNumberColumn('成员身份证号', 21),
  textColumn('待遇代码', 28),
  textColumn('待遇名称', 24),
  amountColumn('年度金额（元）', 14),
  amountColumn('月金额（元）', 12),
  AS_OF,
  STATE,
];

const BATCH = 500;

/** case_search's row (its columns but kind, ids_masked, year) with the latest revision's documents */
type CaseRow = Omit<CaseSearchRow, 'kind' | 'ids_masked' | 'year'> & StoredDocuments;

const statusWord = (code: string) => STATUS_SHORT[code as Status] ?? code;
const benefitLabel = (code: string) => BENEFIT_CODES[code]?.label ?? code;
const stateWord = (voided: number) => (voided === 1 ? '已作废' : '有效');

export class CaseExporter {
  constructor(
    private readonly databasePath: string,
    private readonly now: () => Date,
  ) {}

  async export(request: unknown): Promise<Result<ExportOutcome>> {
    const parsed = parseRequest(exportRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { format, filter = {}, unmasked = false, path } = parsed.value;
    const table = format === 'xlsx' ? 'both' : (parsed.value.table ?? 'cases');

    const reader = new Connection(this.databasePath, openReadOnly(this.databasePath));
    const partial = path === undefined ? null : `${path}.partial`;
    try {
      const search = new CaseSearch(reader);
      const planned = search.plan(filter);
      if (!planned.ok) return planned;
      const dictionaries = new DictionaryCache(() => reader.db);
      reader.db.exec('BEGIN'); // one snapshot for every pass

      const chunks: Buffer[] = [];
      let out: Writable;
      if (partial) {
        out = createWriteStream(partial);
        await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
      } else {
        const collector = new PassThrough();
        collector.on('data', (chunk: Buffer) => chunks.push(chunk));
        out = collector;
      }

      const pass = async (sink: TableSink, kind: 'cases' | 'benefits'): Promise<number> => {
        let rows = 0;
        for (const plan of planned.value) {
          for (const ids of search.scan(plan, BATCH)) {
            for (const row of this.load(reader, ids, kind === 'benefits' || unmasked)) {
              if (kind === 'cases') {
                sink.row(caseCells(row, unmasked, dictionaries));
                rows += 1;
              } else {
                for (const cells of benefitCells(row, unmasked, dictionaries)) {
                  sink.row(cells);
                  rows += 1;
                }
              }
            }
            await sink.pause();
          }
        }
        await sink.end();
        return rows;
      };

      let caseCount = 0;
      let benefitCount = 0;
      if (format === 'csv') {
        if (table === 'benefits') benefitCount = await pass(csvSink(out, BENEFIT_COLUMNS), 'benefits');
        else caseCount = await pass(csvSink(out, CASE_COLUMNS), 'cases');
      } else {
        const workbook = streamingWorkbook(out);
        caseCount = await pass(sheetSink(workbook, '案卷', CASE_COLUMNS), 'cases');
        benefitCount = await pass(sheetSink(workbook, '待遇明细', BENEFIT_COLUMNS), 'benefits');
        await workbook.commit();
        if (!out.writableFinished) await finished(out);
      }
      reader.db.exec('COMMIT');

      const time = this.now();
      const fileName = `${table === 'benefits' ? '待遇明细' : '案卷'}导出-${localDay(time)}-${localClock(time)}.${format}`;
      const mime = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
      if (partial && path !== undefined) {
        renameSync(partial, path);
        return ok({ format, fileName, mime, path, data: null, caseCount, benefitCount, bytes: statSync(path).size });
      }
      const data = Buffer.concat(chunks);
      return ok({ format, fileName, mime, path: null, data, caseCount, benefitCount, bytes: data.length });
    } catch (error) {
      if (partial) {
        try {
          unlinkSync(partial);
        } catch {
          // not created
        }
      }
      return fail(`导出未完成（${(error as Error).message}）。如果保存到U盘，请检查U盘是否插好、空间是否足够`, 'path');
    } finally {
      reader.close();
    }
  }

  private load(reader: Connection, ids: number[], withDocuments: boolean): CaseRow[] {
    const rows = reader
      .prepare(
        `SELECT s.case_id, s.case_no, s.revision, s.voided, s.saved_at, s.operator, s.head_name, s.head_id_masked, s.member_names,
                s.member_count, s.township, s.village, s.household_status, s.statuses, s.as_of, s.total_annual, s.benefits,
                s.pack_id, s.pack_version, r.codec, r.dictionary_id, ${withDocuments ? 'r.input, r.result' : "'' AS input, '' AS result"}
         FROM case_search s JOIN revisions r ON r.id = s.revision_id
         WHERE s.case_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as CaseRow[];
    const byId = new Map(rows.map((row) => [row.case_id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}

function caseCells(row: CaseRow, unmasked: boolean, dictionaries: DictionaryCache): Cell[] {
  let headId = row.head_id_masked;
  if (unmasked) {
    const { inputJson } = dictionaries.decode(row);
    headId = deriveSearchFields(JSON.parse(inputJson), null).headIdNumber;
  }
  const benefits = JSON.parse(row.benefits) as [string, string][];
  return [
    row.case_no,
    row.head_name,
    headId,
    row.member_count,
    row.township,
    row.village,
    statusWord(row.household_status),
    row.statuses === '' ? '' : row.statuses.split(',').map(statusWord).join('、'),
    row.as_of,
    row.total_annual,
    benefits.map(([code]) => benefitLabel(code)).join('、'),
    row.operator,
    row.saved_at,
    row.revision,
    stateWord(row.voided),
    `${row.pack_id} ${row.pack_version}`,
  ];
}

function benefitCells(row: CaseRow, unmasked: boolean, dictionaries: DictionaryCache): Cell[][] {
  const { inputJson, resultJson } = dictionaries.decode(row);
  const input = JSON.parse(inputJson) as { members?: { id?: string; name?: string; idNumber?: string }[] };
  const result = JSON.parse(resultJson) as { benefits?: { code: string; memberId: string | null; label?: string; annual: string; monthly: string | null }[] };
  const members = new Map((input.members ?? []).map((member) => [member.id, member]));
  return (result.benefits ?? []).map((benefit) => {
    const member = benefit.memberId === null ? undefined : members.get(benefit.memberId);
    const idNumber = member?.idNumber ? member.idNumber.trim().toUpperCase() : null;
    return [
      row.case_no,
      row.head_name,
      benefit.memberId === null ? '（全户）' : (member?.name ?? benefit.memberId),
      idNumber === null ? null : unmasked ? idNumber : maskIdNumber(idNumber),
      benefit.code,
      benefit.label ?? benefitLabel(benefit.code),
      benefit.annual,
      benefit.monthly,
      row.as_of,
      stateWord(row.voided),
    ];
  });
}
