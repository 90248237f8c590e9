/**
 * Bulk access for 重新测算: the latest revision of many cases read in one query, in case order, and
 * many 'recalc' revisions appended in one transaction. Like every save, a recalc only appends: the
 * revision it follows stays as it was. Each batch is its own transaction, so a job stopped between
 * batches leaves every case with either its old latest revision or its new recalc revision.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/errors';
import { formatCaseNumber } from './caseNumber';
import type { Connection } from './connection';
import { isoWithOffset } from './localTime';
import type { RevisionCodec } from './revisionCodec';
import { operatorSchema, parseRequest } from './schemas';
import { CODEC_DEFLATE_DICTIONARY, RECALC_DEFLATE_LEVEL, type EncodedRevision } from './revisionCodec';
import { nextRevisionId, type IssuedNumbers } from './numberFloors';
import { damagedRevisionMessage, documentDigests, factsOf, revisionChecksum, type DocumentDigests, type RevisionFacts } from './revisionChecksum';
import { revisionColumns, type CaseRevisionRow } from './rows';
import { checksumBefore, decodeVerified, PREVIOUS_CHECKSUM, previousChecksum } from './verifiedRevision';
import { deriveSearchFields, type SearchFields } from './searchFields';
import { SearchIndexWriter, type RevisionKind, type SearchEntry } from './searchIndex';

export interface LatestRevision {
  caseRowId: number;
  caseNo: string;
  revision: number;
  kind: RevisionKind;
  packId: string;
  packVersion: string;
  inputJson: string;
  resultJson: string;
}

export const latestBatchRequestSchema = z.strictObject({
  /** cases with a larger internal id than this (0: from the start) */
  afterCaseRowId: z.number().int().min(0),
  limit: z.number().int().min(1).max(5000),
  /** only these cases (a village's households computed again, rosterVillage.ts); absent: every case */
  caseRowIds: z.array(z.number().int().min(1)).max(200_000).optional(),
});

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: '应为二进制内容' });

export const recalcBatchRequestSchema = z.strictObject({
  operator: operatorSchema,
  items: z
    .array(
      z.strictObject({
        caseRowId: z.number().int().min(1),
        /** the revision the recalculation read: a newer one saved meanwhile wins and this item is skipped */
        expectedRevision: z.number().int().min(1),
        packId: z.string().min(1).max(60),
        packVersion: z.string().min(1).max(30),
        inputJson: z.string().min(2).optional(),
        resultJson: z.string().min(2).optional(),
        /** inputJson and resultJson already parsed, when the caller has them (saves parsing them again) */
        parsed: z.strictObject({ input: z.unknown(), result: z.unknown() }).optional(),
        /** or: the documents already compressed with the pack's own dictionary (a worker did it); fields: their search fields, if derived already */
        encoded: z
          .strictObject({ codec: z.literal(CODEC_DEFLATE_DICTIONARY), dictionaryId: z.number().int().min(1), input: bytes, result: bytes })
          .optional(),
        fields: z.custom<SearchFields>((value) => typeof value === 'object' && value !== null && Array.isArray((value as SearchFields).members)).optional(),
        /** true: the result is stored without its explanation steps (withoutSteps(); omittedSteps.ts), as 重新测算 writes it */
        stepsOmitted: z.literal(true).optional(),
        /** SHA-256 of the two documents' JSON, when computed already (revisionChecksum.ts); required with `encoded` */
        digests: z.strictObject({ input: z.string().regex(/^[0-9a-f]{64}$/), result: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
      }).refine((item) => (item.encoded !== undefined && item.fields !== undefined && item.digests !== undefined) || (item.inputJson !== undefined && item.resultJson !== undefined), {
        message: '缺少修订内容',
      }),
    )
    .max(5000),
});

export type LatestBatchRequest = z.input<typeof latestBatchRequestSchema>;
export type RecalcBatchRequest = z.input<typeof recalcBatchRequestSchema>;

/** What the search index holds for a case's latest revision (case_search), so a recalculation need not derive it again. */
export interface IndexedFacts {
  asOf: string;
  /** [code, annual] by benefit (JSON) */
  benefits: string;
  /** the members' names and their spellings as indexed (LIST_SEPARATOR-joined, searchIndex.ts) */
  names: string;
  initials: string;
}

/** A latest revision as stored, not yet decoded (for decoding in a worker thread). */
export interface StoredLatest {
  /** what the search index holds for this revision: its assessment date and [code, annual] by benefit (JSON); null when the index row is of another revision */
  indexed: IndexedFacts | null;
  caseRowId: number;
  caseNo: string;
  revision: number;
  kind: RevisionKind;
  codec: number;
  dictionaryId: number | null;
  input: Buffer | string;
  result: Buffer | string;
  /** what the revision's checksum covers besides its documents, its checksum and the one before it (null: revision 1; undefined: missing) */
  facts: RevisionFacts;
  checksum: Buffer;
  previous: Buffer | null | undefined;
  /** its result is stored without the explanation steps (omittedSteps.ts) */
  stepsOmitted: boolean;
}

export interface RecalcBatchOutcome {
  written: number;
  /** case ids skipped because a newer revision was saved after the batch was read */
  stale: number[];
}

interface LatestRow extends CaseRevisionRow {
  checksum: Buffer;
  indexed_revision_id?: number | null;
  indexed_as_of?: string | null;
  indexed_benefits?: string | null;
  indexed_names?: string | null;
  indexed_initials?: string | null;
  previous_checksum?: unknown;
}

// the UNIQUE (case_id, revision) index answers the max() per case
const REVISION = revisionColumns('r', ['case_id']);
const LATEST = `
  SELECT c.id AS case_id, c.year, c.sequence, ${REVISION}
  FROM cases c JOIN revisions r ON r.case_id = c.id
   AND r.revision = (SELECT max(revision) FROM revisions WHERE case_id = c.id)
  WHERE c.id > ? ORDER BY c.id LIMIT ?`;

/**
 * LATEST with what the search index holds for each case (the amounts before, without decoding the
 * result), and the checksum of the revision before it (what previousChecksum reads, in the same query
 * instead of one more statement a case).
 */
const LATEST_WITH_INDEX = `
  SELECT c.id AS case_id, c.year, c.sequence, ${REVISION},
         s.revision_id AS indexed_revision_id, s.as_of AS indexed_as_of, s.benefits AS indexed_benefits,
         s.member_names AS indexed_names, s.member_initials AS indexed_initials,
         p.checksum AS previous_checksum
  FROM cases c JOIN revisions r ON r.case_id = c.id
   AND r.revision = (SELECT max(revision) FROM revisions WHERE case_id = c.id)
  LEFT JOIN case_search s ON s.case_id = c.id
  LEFT JOIN revisions p ON p.case_id = c.id AND p.revision = r.revision - 1
  WHERE c.id > ? ORDER BY c.id LIMIT ?`;

/** LATEST_WITH_INDEX for a list of cases (a JSON array of ids). */
const LATEST_OF_CASES = LATEST_WITH_INDEX.replace('WHERE c.id > ?', 'WHERE c.id > ? AND c.id IN (SELECT value FROM json_each(?))');

interface Prepared {
  item: z.output<typeof recalcBatchRequestSchema>['items'][number];
  fields: SearchFields;
  encoded: EncodedRevision;
  digests: DocumentDigests;
}

export class CaseBatch {
  constructor(
    private readonly conn: Connection,
    private readonly codec: RevisionCodec,
    private readonly now: () => Date,
    private readonly index = new SearchIndexWriter(conn),
    private readonly issued: (issued: IssuedNumbers) => void = () => {},
  ) {}

  countCases(): number {
    return (this.conn.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  }

  /** The latest revisions, checked (a damaged one is refused: nothing may be computed again from altered data). */
  latest(request: unknown): Result<LatestRevision[]> {
    const parsed = parseRequest(latestBatchRequestSchema, request);
    if (!parsed.ok) return parsed;
    const rows = this.conn.prepare(LATEST).all(parsed.value.afterCaseRowId, parsed.value.limit) as LatestRow[];
    const previous = this.conn.prepare(PREVIOUS_CHECKSUM);
    const latest: LatestRevision[] = [];
    for (const row of rows) {
      const caseNo = formatCaseNumber(row.year, row.sequence);
      const checked = decodeVerified((stored) => this.codec.decode(stored), row, caseNo, previousChecksum(previous, row.case_id, row.revision));
      if (!checked.ok) return fail(damagedRevisionMessage(caseNo, row.revision), 'caseNo');
      const { inputJson, resultJson } = checked;
      latest.push({ caseRowId: row.case_id, caseNo, revision: row.revision, kind: row.kind, packId: row.pack_id, packVersion: row.pack_version, inputJson, resultJson });
    }
    return ok(latest);
  }

  /** As latest(), without decoding the documents. */
  latestStored(request: unknown): Result<StoredLatest[]> {
    const parsed = parseRequest(latestBatchRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { afterCaseRowId, limit, caseRowIds } = parsed.value;
    const rows = (
      caseRowIds === undefined
        ? this.conn.prepare(LATEST_WITH_INDEX).all(afterCaseRowId, limit)
        : this.conn.prepare(LATEST_OF_CASES).all(afterCaseRowId, JSON.stringify(caseRowIds), limit)
    ) as LatestRow[];
    return ok(
      rows.map((row) => ({
        indexed:
          row.indexed_revision_id === row.id &&
          typeof row.indexed_as_of === 'string' &&
          typeof row.indexed_benefits === 'string' &&
          typeof row.indexed_names === 'string' &&
          typeof row.indexed_initials === 'string'
            ? { asOf: row.indexed_as_of, benefits: row.indexed_benefits, names: row.indexed_names, initials: row.indexed_initials }
            : null,
        caseRowId: row.case_id,
        caseNo: formatCaseNumber(row.year, row.sequence),
        revision: row.revision,
        kind: row.kind,
        codec: row.codec,
        dictionaryId: row.dictionary_id,
        input: row.input,
        result: row.result,
        facts: factsOf(row, formatCaseNumber(row.year, row.sequence)),
        checksum: row.checksum,
        previous: checksumBefore(row.revision, row.previous_checksum),
        stepsOmitted: row.steps_omitted === 1,
      })),
    );
  }

  /**
   * Appends a 'recalc' revision for each item, all in one transaction. The caller computed each result
   * from its input with calculate() (which validated the input), so neither is checked again here.
   */
  recalc(request: unknown): Result<RecalcBatchOutcome> {
    const parsed = parseRequest(recalcBatchRequestSchema, request);
    if (!parsed.ok) return parsed;
    const { operator, items } = parsed.value;
    const time = this.now();
    const savedAt = isoWithOffset(time);
    const prepared: Prepared[] = [];
    for (const item of items) {
      if (item.encoded && item.fields) {
        // compressed elsewhere: only with this pack's own dictionary, so it decodes like the codec's own
        const own = this.codec.ownDictionary(item.packId, item.packVersion);
        if (!own || own.id !== item.encoded.dictionaryId) return fail('重新测算的修订内容所用的压缩字典与参数包不符', 'items');
        const { input, result } = item.encoded;
        const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        prepared.push({
          item,
          fields: item.fields,
          encoded: { codec: item.encoded.codec, dictionaryId: own.id, input: toBuffer(input), result: toBuffer(result) },
          digests: item.digests as DocumentDigests,
        });
        continue;
      }
      const inputJson = item.inputJson as string;
      const resultJson = item.resultJson as string;
      const fields =
        item.fields ??
        deriveSearchFields(item.parsed ? item.parsed.input : (JSON.parse(inputJson) as unknown), item.parsed ? item.parsed.result : (JSON.parse(resultJson) as unknown));
      const signature = `${fields.householdStatus}|${fields.benefits.map((benefit) => benefit.code).join(',')}`;
      prepared.push({
        item,
        fields,
        encoded: this.codec.encode(item.packId, item.packVersion, inputJson, resultJson, signature, RECALC_DEFLATE_LEVEL),
        digests: item.digests ?? documentDigests(inputJson, resultJson),
      });
    }
    // A batch commits with synchronous=NORMAL: in WAL mode that is still atomic and consistent, and a
    // power cut can only lose the last batches (the case keeps its old latest revision; running again
    // redoes them), while saving an fsync per batch. The desk's saves keep the store's setting.
    const synchronous = this.conn.db.pragma('synchronous', { simple: true }) as number;
    this.conn.db.pragma('synchronous = NORMAL');
    let written: Result<RecalcBatchOutcome & { lastRevisionId: number }>;
    try {
      written = this.writeBatch(prepared, operator, time, savedAt);
    } finally {
      this.conn.db.pragma(`synchronous = ${synchronous}`);
    }
    if (!written.ok) return written;
    const { lastRevisionId, ...outcome } = written.value;
    this.issued({ caseRowId: 0, revisionId: lastRevisionId, sequences: {} });
    return ok(outcome);
  }

  /** The pack's own compression dictionary once made (for workers to compress with), and any stored one by id. */
  ownDictionary(packId: string, packVersion: string): { id: number; bytes: Buffer } | null {
    return this.codec.ownDictionary(packId, packVersion);
  }

  dictionary(id: number): Buffer {
    return this.codec.dictionary(id);
  }

  private writeBatch(
    prepared: Prepared[],
    operator: string,
    time: Date,
    savedAt: string,
  ): Result<RecalcBatchOutcome & { lastRevisionId: number }> {
    return this.conn.write((): Result<RecalcBatchOutcome & { lastRevisionId: number }> => {
      const stale: number[] = [];
      let lastRevisionId = 0;
      const latestOf = this.conn.prepare(
        'SELECT c.year, c.sequence, r.revision, r.checksum FROM cases c JOIN revisions r ON r.case_id = c.id WHERE c.id = ? ORDER BY r.revision DESC LIMIT 1',
      );
      const insert = this.conn.prepare(
        `INSERT INTO revisions (id, case_id, revision, kind, saved_at, operator, pack_id, pack_version, void_reason, codec, dictionary_id, input, result, checksum, steps_omitted)
         VALUES (?, ?, ?, 'recalc', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
      );
      const entries: Omit<SearchEntry, 'updatedAt'>[] = [];
      // the batch's revisions take the next ids one after another (nextRevisionId once: the floor does not move inside the transaction)
      let nextId = prepared.length > 0 ? nextRevisionId(this.conn) : 0;
      for (const { item, fields, encoded, digests } of prepared) {
        const latest = latestOf.get(item.caseRowId) as { year: number; sequence: number; revision: number; checksum: Buffer } | undefined;
        if (!latest || latest.revision !== item.expectedRevision) {
          stale.push(item.caseRowId);
          continue;
        }
        const revision = item.expectedRevision + 1;
        const caseNo = formatCaseNumber(latest.year, latest.sequence);
        const revisionId = nextId++;
        const checksum = revisionChecksum(
          { id: revisionId, caseNo, revision, kind: 'recalc', savedAt, operator, packId: item.packId, packVersion: item.packVersion, voidReason: null },
          digests,
          latest.checksum,
        );
        insert.run(revisionId, item.caseRowId, revision, savedAt, operator, item.packId, item.packVersion, encoded.codec, encoded.dictionaryId, encoded.input, encoded.result, checksum, item.stepsOmitted ? 1 : 0);
        lastRevisionId = revisionId;
        entries.push({ caseRowId: item.caseRowId, caseNo, revisionId, revision, kind: 'recalc', savedAt, operator, packId: item.packId, packVersion: item.packVersion, fields });
      }
      // a recalculation keeps the case's time in the index (its last save or void at the desk): the
      // desk's "latest" list, date filters and date-range exports are not flooded by a county-wide run
      this.index.writeKeepingTime(entries, time.getTime());
      return ok({ written: prepared.length - stale.length, stale, lastRevisionId });
    });
  }
}
