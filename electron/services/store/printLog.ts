/**
 * 打印记录: which revision of a case was printed, as which document, by whom and when — so a family's
 * 明白纸 can always be matched to the figures it showed. Append-only like the revisions.
 */
import { fail, ok, type Result } from '../../../shared/errors';
import { formatCaseNumber, parseCaseNumber } from './caseNumber';
import type { Connection } from './connection';
import { isoWithOffset } from './localTime';
import { parseRequest, printListRequestSchema, printRecordManyRequestSchema, printRecordRequestSchema, type PrintDocument } from './schemas';
import type { CaseStore } from './caseStore';
import type { SettingsStore } from './settingsStore';

export interface PrintRecord {
  caseNo: string;
  revision: number;
  document: PrintDocument;
  operator: string;
  printedAt: string;
}

export class PrintLog {
  constructor(
    private readonly conn: Connection,
    private readonly settings: SettingsStore,
    private readonly now: () => Date,
    private readonly cases: Pick<CaseStore, 'get'>,
  ) {}

  /**
   * Whether a revision may be printed, asked before anything reaches the printer (a printing that could
   * not be recorded afterwards must not happen): it exists and reads, it is not a 作废 record, and a
   * 经办人 is set to record the printing under.
   */
  printable(caseNo: string, revision: number): Result<true> {
    const found = this.cases.get({ caseNo, revision });
    if (!found.ok) return found;
    if (found.value.kind === 'void') return fail(`第${revision}版是作废记录，不能打印`, 'revision');
    const operator = this.settings.operator(undefined, '，打印记录需要写明经办人');
    return operator.ok ? ok(true) : operator;
  }

  private caseRowId(caseNo: string): number | undefined {
    const number = parseCaseNumber(caseNo);
    if (!number) return undefined;
    const row = this.conn.prepare('SELECT id FROM cases WHERE year = ? AND sequence = ?').get(number.year, number.sequence) as { id: number } | undefined;
    return row?.id;
  }

  record(request: unknown): Result<PrintRecord> {
    const parsed = parseRequest(printRecordRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { caseNo, revision, document } = parsed.value;
    const operatorFor = this.settings.operator(parsed.value.operator);
    if (!operatorFor.ok) return operatorFor;
    const operator = operatorFor.value;
    const caseRowId = this.caseRowId(caseNo);
    if (caseRowId === undefined) return fail(`找不到案卷 ${caseNo}`, 'caseNo');
    const target = this.conn
      .prepare(
        revision === undefined
          ? 'SELECT id, revision FROM revisions WHERE case_id = ? ORDER BY revision DESC LIMIT 1'
          : 'SELECT id, revision FROM revisions WHERE case_id = ? AND revision = ?',
      )
      .get(...(revision === undefined ? [caseRowId] : [caseRowId, revision])) as { id: number; revision: number } | undefined;
    if (!target) return fail(`案卷 ${caseNo} 没有第${revision}版`, 'revision');
    const printedAt = isoWithOffset(this.now());
    this.conn.prepare('INSERT INTO print_log (revision_id, document, operator, printed_at) VALUES (?, ?, ?, ?)').run(target.id, document, operator, printedAt);
    const number = parseCaseNumber(caseNo) as { year: number; sequence: number };
    return ok({ caseNo: formatCaseNumber(number.year, number.sequence), revision: target.revision, document, operator, printedAt });
  }

  /** The stored revisions of these items, or the first that does not exist. */
  private revisionIds(items: readonly { caseNo: string; revision: number }[]): Result<number[]> {
    const find = this.conn.prepare('SELECT r.id FROM revisions r JOIN cases c ON c.id = r.case_id WHERE c.year = ? AND c.sequence = ? AND r.revision = ?');
    const ids: number[] = [];
    for (const [i, item] of items.entries()) {
      const number = parseCaseNumber(item.caseNo) as { year: number; sequence: number };
      const row = find.get(number.year, number.sequence, item.revision) as { id: number } | undefined;
      if (!row) return fail(`找不到案卷 ${item.caseNo} 第${item.revision}版`, `items[${i}]`);
      ids.push(row.id);
    }
    return ok(ids);
  }

  /** Before a campaign is sent to the printer: every revision it shows exists (a restore may have removed one). */
  checkMany(request: unknown): Result<true> {
    const parsed = parseRequest(printRecordManyRequestSchema, request);
    if (!parsed.ok) return parsed;
    const ids = this.revisionIds(parsed.value.items);
    return ids.ok ? ok(true) : ids;
  }

  /**
   * One printing of many revisions (a village's cards, 入户发放): every item is found first, then all
   * are written in one transaction with one time, so the log never holds half a campaign.
   */
  recordMany(request: unknown): Result<{ recorded: number; printedAt: string }> {
    const parsed = parseRequest(printRecordManyRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { items, document } = parsed.value;
    const operatorFor = this.settings.operator(parsed.value.operator);
    if (!operatorFor.ok) return operatorFor;
    const operator = operatorFor.value;
    const printedAt = isoWithOffset(this.now());
    const insert = this.conn.prepare('INSERT INTO print_log (revision_id, document, operator, printed_at) VALUES (?, ?, ?, ?)');
    return this.conn.write((): Result<{ recorded: number; printedAt: string }> => {
      const ids = this.revisionIds(items);
      if (!ids.ok) return ids;
      for (const id of ids.value) insert.run(id, document, operator, printedAt);
      return ok({ recorded: ids.value.length, printedAt });
    });
  }

  /** Every print of a case, oldest first. */
  list(request: unknown): Result<PrintRecord[]> {
    const parsed = parseRequest(printListRequestSchema, request);
    if (!parsed.ok) return parsed;
    const caseRowId = this.caseRowId(parsed.value.caseNo);
    if (caseRowId === undefined) return fail(`找不到案卷 ${parsed.value.caseNo}`, 'caseNo');
    const rows = this.conn
      .prepare(
        `SELECT c.year, c.sequence, r.revision, p.document, p.operator, p.printed_at
         FROM print_log p JOIN revisions r ON r.id = p.revision_id JOIN cases c ON c.id = r.case_id
         WHERE r.case_id = ? ORDER BY p.id`,
      )
      .all(caseRowId) as { year: number; sequence: number; revision: number; document: PrintDocument; operator: string; printed_at: string }[];
    return ok(
      rows.map((row) => ({
        caseNo: formatCaseNumber(row.year, row.sequence),
        revision: row.revision,
        document: row.document,
        operator: row.operator,
        printedAt: row.printed_at,
      })),
    );
  }
}
