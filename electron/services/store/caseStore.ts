/**
 * 案卷 and their revisions. Nothing saved is ever changed: a save, a 重新测算 and a 作废 each append a
 * revision (the input exactly as given, the whole result, the pack, the operator, the time — a
 * 重新测算's revision its result without the explanation steps, given back on reading: omittedSteps.ts), and the
 * database refuses UPDATE and DELETE on revisions (triggers, migrations.ts). The service stores; it
 * does not compute: callers pass the result the calculation gave for that input.
 */
import type { CalcResult } from '../../../shared/result/types';
import type { RevisionSummary } from '../../../shared/api/contract';
import { fail, ok, type AppError, type Result } from '../../../shared/errors';
import { describePath, valueLabel } from '../../../shared/household/fieldLabels';
import { fastParseCase } from '../../../shared/household/fastParse';
import { caseInputSchema } from '../../../shared/household/schema';
import { zodIssuesToErrors } from '../../../shared/zodErrors';
import { formatCaseNumber, parseCaseNumber } from './caseNumber';
import type { Connection } from './connection';
import { isoWithOffset } from './localTime';
import { nextCaseRowId, nextRevisionId, nextSequence, type IssuedNumbers } from './numberFloors';
import { damagedRevisionMessage, factsOf, SHA256_SEALER, type DocumentDigests, type FactColumns, type RevisionSealer } from './revisionChecksum';
import type { EncodedRevision, RevisionCodec } from './revisionCodec';
import {
  caseHistoryRequestSchema,
  getCaseRequestSchema,
  MAX_INPUT_BYTES,
  MAX_RESULT_BYTES,
  parseRequest,
  saveCaseRequestSchema,
  voidCaseRequestSchema,
} from './schemas';
import { deriveSearchFields } from './searchFields';
import { SearchIndexWriter, type RevisionKind } from './searchIndex';
import type { SettingsStore } from './settingsStore';
import { revisionColumns, type CasesRow, type RevisionRow } from './rows';
import { decodeVerified, PREVIOUS_CHECKSUM, previousChecksum } from './verifiedRevision';
import { restoreSteps, type PackLookup } from './omittedSteps';

export interface SavedRevision {
  caseNo: string;
  revision: number;
  kind: RevisionKind;
  /** ISO 8601 with the local offset */
  savedAt: string;
  operator: string;
}

/** One revision in a case's history, without its input and result: the shared API's own shape. */
export type { RevisionSummary };

export interface CaseRecord extends RevisionSummary {
  caseNo: string;
  createdAt: string;
  /** the newest revision of the case, and whether it is a void */
  latestRevision: number;
  voided: boolean;
  input: unknown;
  result: CalcResult;
  /**
   * A revision stored without its explanation steps (重新测算, omittedSteps.ts) whose steps could not be
   * computed again: why, in Chinese, for the page to show beside the stored result. null otherwise.
   */
  stepsNote: string | null;
}

const REVISION_COLUMNS = revisionColumns();

/** A save checked and encoded, waiting for its transaction. */
interface PreparedSave {
  caseNo: string | undefined;
  expectedRevision: number | undefined;
  kind: RevisionKind;
  packId: string;
  packVersion: string;
  operator: string;
  fields: ReturnType<typeof deriveSearchFields>;
  encoded: EncodedRevision;
  digests: DocumentDigests;
}

/** Thrown inside saveAll's transaction to roll it back when one save is refused. */
class RefusedBatch extends Error {}

/** Told what a commit issued, once it is committed (the folder's high-water marks, numberMarks.ts). */
export type IssuedListener = (issued: IssuedNumbers) => void;

const notFound = (caseNo: string) => fail<never>(`找不到案卷 ${caseNo}`, 'caseNo');

function underPath(prefix: string, errors: AppError[]): AppError[] {
  return errors.map((error) => ({ ...error, path: error.path === '' ? prefix : `${prefix}${error.path.startsWith('[') ? '' : '.'}${error.path}` }));
}

export class CaseStore {
  constructor(
    private readonly conn: Connection,
    private readonly codec: RevisionCodec,
    private readonly settings: SettingsStore,
    private readonly now: () => Date,
    /** live by default; a bulk import passes a staged writer (searchIndex.ts) */
    private readonly index = new SearchIndexWriter(conn),
    private readonly issued: IssuedListener = () => {},
    private readonly sealer: RevisionSealer = SHA256_SEALER,
    /** the office's packs, to give back the steps of a revision stored without them (omittedSteps.ts) */
    private readonly packs?: PackLookup,
  ) {}

  private operatorFor(given: string | undefined): Result<string> {
    return this.settings.operator(given, '（或保存时注明经办人）');
  }

  private findCase(caseNo: string): CasesRow | undefined {
    const parsed = parseCaseNumber(caseNo);
    if (!parsed) return undefined;
    return this.conn.prepare('SELECT id, year, sequence, created_at FROM cases WHERE year = ? AND sequence = ?').get(parsed.year, parsed.sequence) as
      | CasesRow
      | undefined;
  }

  private latestRevision(caseRowId: number): RevisionRow {
    return this.conn.prepare(`SELECT ${REVISION_COLUMNS} FROM revisions WHERE case_id = ? ORDER BY revision DESC LIMIT 1`).get(caseRowId) as RevisionRow;
  }

  private latestNumber(caseRowId: number): { revision: number; kind: RevisionKind; checksum: Buffer } {
    return this.conn.prepare('SELECT revision, kind, checksum FROM revisions WHERE case_id = ? ORDER BY revision DESC LIMIT 1').get(caseRowId) as {
      revision: number;
      kind: RevisionKind;
      checksum: Buffer;
    };
  }

  /** A revision's documents, checked against its checksum; null when it is damaged. */
  private verified(row: RevisionRow, caseNo: string): { inputJson: string; resultJson: string; digests: DocumentDigests } | null {
    const checked = decodeVerified((stored) => this.codec.decode(stored), row, caseNo, previousChecksum(this.conn.prepare(PREVIOUS_CHECKSUM), row.case_id, row.revision));
    return checked.ok ? checked : null;
  }

  private staleRevision(caseNo: string, expected: number | undefined, latest: number): Result<never> | null {
    if (expected === undefined || expected === latest) return null;
    return fail(`案卷 ${caseNo} 已有更新的修订（第${latest}版，您打开的是第${expected}版），请重新打开后再保存`, 'expectedRevision');
  }

  /** A new case (no caseNo) or a new revision of one: the input exactly as given and the result computed for it. */
  save(request: unknown): Result<SavedRevision> {
    const prepared = this.prepareSave(request);
    if (!prepared.ok) return prepared;
    const time = this.now();
    return this.acknowledge(this.conn.write(() => this.insertSave(prepared.value, time)));
  }

  /**
   * Several saves in one transaction (a roster import): every one is checked first, and then either
   * all are written or, when one cannot be (a case saved meanwhile, a case number gone), none is and
   * the reply says which, by its place in the list ("第N项"). `within` runs inside that transaction
   * once every save is in (a roster import records itself there), and commits or rolls back with them.
   * Every request is checked and compressed before the transaction begins: a compression dictionary
   * made on the way is its own commit (revisionCodec.ts), never one that could be rolled back.
   */
  saveAll(requests: readonly unknown[], within?: (saved: SavedRevision[]) => void): Result<SavedRevision[]> {
    const prepared: PreparedSave[] = [];
    for (const [index, request] of requests.entries()) {
      const one = this.prepareSave(request);
      if (!one.ok) return { ok: false, errors: one.errors.map((error) => ({ ...error, path: `[${index}]${error.path === '' ? '' : `.${error.path}`}` })) };
      prepared.push(one.value);
    }
    return this.writeAll(prepared, within);
  }

  /** The one transaction of saveAll: every prepared save, then `within`; all or none. */
  private writeAll(prepared: readonly PreparedSave[], within?: (saved: SavedRevision[]) => void): Result<SavedRevision[]> {
    const time = this.now();
    let refused: Result<never> | null = null;
    let written: SavedRevision[] = [];
    const issued: IssuedNumbers = { caseRowId: 0, revisionId: 0, sequences: {} };
    try {
      this.conn.write(() => {
        written = [];
        for (const [index, item] of prepared.entries()) {
          const saved = this.insertSave(item, time);
          if (!saved.ok) {
            refused = { ok: false, errors: saved.errors.map((error) => ({ ...error, path: `[${index}]${error.path === '' ? '' : `.${error.path}`}` })) };
            // rolls the whole transaction back
            throw new RefusedBatch();
          }
          const { issued: one, ...revision } = saved.value;
          issued.caseRowId = Math.max(issued.caseRowId, one.caseRowId);
          issued.revisionId = Math.max(issued.revisionId, one.revisionId);
          for (const [year, sequence] of Object.entries(one.sequences)) issued.sequences[year] = Math.max(issued.sequences[year] ?? 0, sequence);
          written.push(revision);
        }
        within?.(written);
      });
    } catch (error) {
      if (error instanceof RefusedBatch && refused) return refused;
      throw error;
    }
    this.issued(issued);
    return ok(written);
  }

  /** Everything about a save that needs no transaction: checks, encoding, digests. */
  private prepareSave(request: unknown): Result<PreparedSave> {
    const checked = this.checkSave(request);
    if (!checked.ok) return checked;
    const { inputJson, resultJson, signature, ...rest } = checked.value;
    return ok({ ...rest, encoded: this.codec.encode(rest.packId, rest.packVersion, inputJson, resultJson, signature) });
  }

  /** The checks of a save and what its revision will hold, apart from the compressed documents. */
  private checkSave(request: unknown): Result<Omit<PreparedSave, 'encoded'> & { inputJson: string; resultJson: string; signature: string }> {
    const parsed = parseRequest(saveCaseRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { caseNo, expectedRevision, packId, packVersion } = parsed.value;
    const kind = parsed.value.kind ?? 'save';
    // what is stored is what the caller gave, not zod's copy of it
    const { input, result } = request as { input: unknown; result: CalcResult };

    // a valid household is confirmed by the hand-written reader (shared/household/fastParse.ts); zod decides the rest
    if (fastParseCase(input) === null && !caseInputSchema.safeParse(input).success) {
      // parsed again keeping the offending values, only to word the messages
      const issues = caseInputSchema.safeParse(input, { reportInput: true }).error?.issues ?? [];
      return { ok: false, errors: underPath('input', zodIssuesToErrors(issues, (path) => describePath(path, input), valueLabel)) };
    }
    if (result.policy.id !== packId || result.policy.version !== packVersion) {
      return fail(
        `测算结果所用的政策参数包（${result.policy.id} ${result.policy.version}）与保存时注明的（${packId} ${packVersion}）不一致`,
        'packVersion',
      );
    }
    const operator = this.operatorFor(parsed.value.operator);
    if (!operator.ok) return operator;
    const inputJson = JSON.stringify(input);
    const resultJson = JSON.stringify(result);
    if (Buffer.byteLength(inputJson) > MAX_INPUT_BYTES) return fail(`家庭信息过大（超过 ${MAX_INPUT_BYTES / 1024} KB），请检查是否误粘贴了大量文字`, 'input');
    if (Buffer.byteLength(resultJson) > MAX_RESULT_BYTES) return fail(`测算结果过大（超过 ${MAX_RESULT_BYTES / 1024 / 1024} MB）`, 'result');

    const fields = deriveSearchFields(input, result);
    const signature = `${fields.householdStatus}|${fields.benefits.map((benefit) => benefit.code).join(',')}`;
    const digests = this.sealer.digests(inputJson, resultJson);
    return ok({ caseNo, expectedRevision, kind, packId, packVersion, operator: operator.value, fields, digests, inputJson, resultJson, signature });
  }

  /**
   * saveAll for thousands (a roster import): the same checks, the documents compressed on the thread
   * pool while the next ones are checked (a turn of the event loop every `slice` saves), then the one
   * transaction. Refused when the database was replaced (restored) while the documents were compressed.
   */
  async saveAllCompressed(requests: readonly unknown[], within?: (saved: SavedRevision[]) => void, slice = 100): Promise<Result<SavedRevision[]>> {
    const generation = this.codec.currentGeneration();
    const pending: { checked: Omit<PreparedSave, 'encoded'>; encoded: Promise<EncodedRevision> }[] = [];
    for (const [index, request] of requests.entries()) {
      if (index > 0 && index % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const checked = this.checkSave(request);
      if (!checked.ok) {
        // the compressing already started is awaited and dropped
        await Promise.allSettled(pending.map((item) => item.encoded));
        return { ok: false, errors: checked.errors.map((error) => ({ ...error, path: `[${index}]${error.path === '' ? '' : `.${error.path}`}` })) };
      }
      const { inputJson, resultJson, signature, ...rest } = checked.value;
      const later = this.codec.encodeLater(rest.packId, rest.packVersion, inputJson, resultJson, signature);
      pending.push({ checked: rest, encoded: later.encoded });
    }
    const encoded = await Promise.all(pending.map((item) => item.encoded));
    if (this.codec.currentGeneration() !== generation) return fail('导入期间数据库被恢复或替换，本次未写入任何一户；请重新检查后再导入');
    return this.writeAll(
      pending.map((item, index) => ({ ...item.checked, encoded: encoded[index] as EncodedRevision })),
      within,
    );
  }

  /** Appends one prepared save (inside the caller's write transaction). */
  private insertSave(prepared: PreparedSave, time: Date): Result<SavedRevision & { issued: IssuedNumbers }> {
    const { caseNo, expectedRevision, kind, packId, packVersion, operator, fields, encoded, digests } = prepared;
    const savedAt = isoWithOffset(time);
    let caseRowId: number;
    let number: string;
    let revision: number;
    let previous: Buffer | null = null;
    const issued: IssuedNumbers = { caseRowId: 0, revisionId: 0, sequences: {} };
    if (caseNo !== undefined) {
      const found = this.findCase(caseNo);
      if (!found) return notFound(caseNo);
      const latest = this.latestNumber(found.id);
      const stale = this.staleRevision(caseNo, expectedRevision, latest.revision);
      if (stale) return stale;
      caseRowId = found.id;
      number = formatCaseNumber(found.year, found.sequence);
      revision = latest.revision + 1;
      previous = latest.checksum;
    } else {
      const year = time.getFullYear();
      const sequence = nextSequence(this.conn, year);
      caseRowId = nextCaseRowId(this.conn);
      this.conn.prepare('INSERT INTO cases (id, year, sequence, created_at) VALUES (?, ?, ?, ?)').run(caseRowId, year, sequence, savedAt);
      number = formatCaseNumber(year, sequence);
      revision = 1;
      issued.caseRowId = caseRowId;
      issued.sequences[String(year)] = sequence;
    }
    const revisionId = nextRevisionId(this.conn);
    issued.revisionId = revisionId;
    const checksum = this.sealer.checksum({ id: revisionId, caseNo: number, revision, kind, savedAt, operator, packId, packVersion, voidReason: null }, digests, previous);
    this.conn
      .prepare(
        `INSERT INTO revisions (id, case_id, revision, kind, saved_at, operator, pack_id, pack_version, void_reason, codec, dictionary_id, input, result, checksum)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      )
      .run(revisionId, caseRowId, revision, kind, savedAt, operator, packId, packVersion, encoded.codec, encoded.dictionaryId, encoded.input, encoded.result, checksum);
    this.index.write({ caseRowId, caseNo: number, revisionId, revision, kind, updatedAt: time.getTime(), savedAt, operator, packId, packVersion, fields });
    return ok({ caseNo: number, revision, kind, savedAt, operator, issued });
  }

  /** After the commit: the marks learn what it issued, and the caller gets the revision. */
  private acknowledge(saved: Result<SavedRevision & { issued: IssuedNumbers }>): Result<SavedRevision> {
    if (!saved.ok) return saved;
    const { issued, ...revision } = saved.value;
    this.issued(issued);
    return ok(revision);
  }

  /** 作废: a revision saying so, with the reason; the case and all its revisions stay. */
  void(request: unknown): Result<SavedRevision> {
    const parsed = parseRequest(voidCaseRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { caseNo, reason, expectedRevision } = parsed.value;
    const operator = this.operatorFor(parsed.value.operator);
    if (!operator.ok) return operator;
    const time = this.now();
    const savedAt = isoWithOffset(time);

    const voided = this.conn.write((): Result<SavedRevision & { issued: IssuedNumbers }> => {
      const found = this.findCase(caseNo);
      if (!found) return notFound(caseNo);
      const number = formatCaseNumber(found.year, found.sequence);
      const latest = this.latestRevision(found.id);
      const stale = this.staleRevision(caseNo, expectedRevision, latest.revision);
      if (stale) return stale;
      if (latest.kind === 'void') return fail(`案卷 ${caseNo} 已于 ${latest.saved_at} 作废`, 'caseNo');
      // the void carries the documents of the revision it voids: a damaged one must not be vouched for again
      const documents = this.verified(latest, number);
      if (!documents) return fail(`${damagedRevisionMessage(number, latest.revision)}；未作废`, 'caseNo');
      const { inputJson, resultJson } = documents;
      const revision = latest.revision + 1;
      const revisionId = nextRevisionId(this.conn);
      const checksum = this.sealer.checksum(
        {
          id: revisionId,
          caseNo: number,
          revision,
          kind: 'void',
          savedAt,
          operator: operator.value,
          packId: latest.pack_id,
          packVersion: latest.pack_version,
          voidReason: reason,
        },
        documents.digests,
        latest.checksum as Buffer,
      );
      // the void revision carries the same input and result (the same stored bytes) as the one it voids
      this.conn
        .prepare(
          `INSERT INTO revisions (id, case_id, revision, kind, saved_at, operator, pack_id, pack_version, void_reason, codec, dictionary_id, input, result, checksum, steps_omitted)
           SELECT ?, case_id, ?, 'void', ?, ?, pack_id, pack_version, ?, codec, dictionary_id, input, result, ?, steps_omitted FROM revisions WHERE id = ?`,
        )
        .run(revisionId, revision, savedAt, operator.value, reason, checksum, latest.id);
      this.index.write({
        caseRowId: found.id,
        caseNo: number,
        revisionId,
        revision,
        kind: 'void',
        updatedAt: time.getTime(),
        savedAt,
        operator: operator.value,
        packId: latest.pack_id,
        packVersion: latest.pack_version,
        fields: deriveSearchFields(JSON.parse(inputJson), JSON.parse(resultJson)),
      });
      return ok({ caseNo: number, revision, kind: 'void', savedAt, operator: operator.value, issued: { caseRowId: 0, revisionId, sequences: {} } });
    });
    return this.acknowledge(voided);
  }

  /** One revision (the latest unless `revision` is given) with its input and result as saved. */
  get(request: unknown): Result<CaseRecord> {
    const parsed = parseRequest(getCaseRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { caseNo, revision } = parsed.value;
    const found = this.findCase(caseNo);
    if (!found) return notFound(caseNo);
    const latest = this.latestNumber(found.id);
    const row = this.conn
      .prepare(`SELECT ${REVISION_COLUMNS} FROM revisions WHERE case_id = ? AND revision = ?`)
      .get(found.id, revision ?? latest.revision) as RevisionRow | undefined;
    if (!row) return fail(`案卷 ${caseNo} 没有第${revision}版（共${latest.revision}版）`, 'revision');
    const number = formatCaseNumber(found.year, found.sequence);
    const documents = this.verified(row, number);
    if (!documents) return fail(damagedRevisionMessage(number, row.revision), 'revision');
    const input = JSON.parse(documents.inputJson) as unknown;
    let result = JSON.parse(documents.resultJson) as CalcResult;
    let stepsNote: string | null = null;
    if (row.steps_omitted === 1) {
      const restored = restoreSteps(this.packs, row.pack_id, row.pack_version, input, documents.resultJson);
      if (restored.ok) result = restored.result;
      else stepsNote = restored.note;
    }
    return ok({
      caseNo: number,
      createdAt: found.created_at,
      latestRevision: latest.revision,
      voided: latest.kind === 'void',
      ...summary(row, result),
      input,
      result,
      stepsNote,
    });
  }

  /** Every revision of a case, oldest first. */
  history(request: unknown): Result<RevisionSummary[]> {
    const parsed = parseRequest(caseHistoryRequestSchema, request);
    if (!parsed.ok) return parsed;
    const found = this.findCase(parsed.value.caseNo);
    if (!found) return notFound(parsed.value.caseNo);
    const number = formatCaseNumber(found.year, found.sequence);
    const rows = this.conn.prepare(`SELECT ${REVISION_COLUMNS} FROM revisions WHERE case_id = ? ORDER BY revision`).all(found.id) as RevisionRow[];
    // each revision checked against the one before it, as stored
    let previous: Buffer | null | undefined = null;
    const summaries: RevisionSummary[] = [];
    for (const row of rows) {
      const checked = decodeVerified((stored) => this.codec.decode(stored), row, number, row.revision === 1 ? null : previous);
      summaries.push(checked.ok ? summary(row, JSON.parse(checked.resultJson) as CalcResult) : damagedSummary(row));
      previous = Buffer.isBuffer(row.checksum) ? row.checksum : undefined;
    }
    return ok(summaries);
  }
}

/** A damaged revision in a history: when and by whom as stored, no amount (it cannot be trusted). */
function damagedSummary(row: RevisionRow): RevisionSummary {
  return { ...summary(row, null), totalAnnual: '', damaged: true };
}

function summary(row: FactColumns, result: CalcResult | null): RevisionSummary {
  const { revision, kind, savedAt, operator, packId, packVersion, voidReason } = factsOf(row, '');
  const totalAnnual = typeof result?.totals?.annual === 'string' ? result.totals.annual : '0.00';
  return { revision, kind, savedAt, operator, packId, packVersion, reason: voidReason, totalAnnual };
}
