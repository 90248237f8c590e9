/**
 * Bulk access for 重新测算: the latest revision of many cases read in one query, in case order, and
 * many 'recalc' revisions appended in one transaction. Like every save, a recalc only appends: the
 * revision it follows stays as it was. Each batch is its own transaction, so a job stopped between
 * batches leaves every case with either its old latest revision or its new recalc revision.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/errors';
import { formatCaseNumber } from './caseNumber';
import type { Connection } from './connection';
import { isoWithOffset } from './localTime';
import type { RevisionCodec } from './revisionCodec';
import { operatorSchema, parseRequest } from './schemas';
import { deriveSearchFields } from './searchFields';
import { SearchIndexWriter, type RevisionKind } from './searchIndex';

export interface LatestRevision {
  caseId: number;
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
  afterCaseId: z.number().int().min(0),
  limit: z.number().int().min(1).max(5000),
});

export const recalcBatchRequestSchema = z.strictObject({
  operator: operatorSchema,
  items: z
    .array(
      z.strictObject({
        caseId: z.number().int().min(1),
        /** the revision the recalculation read: a newer one saved meanwhile wins and this item is skipped */
        expectedRevision: z.number().int().min(1),
        inputJson: z.string().min(2),
        resultJson: z.string().min(2),
        packId: z.string().min(1).max(60),
        packVersion: z.string().min(1).max(30),
      }),
    )
    .max(5000),
});

export type LatestBatchRequest = z.input<typeof latestBatchRequestSchema>;
export type RecalcBatchRequest = z.input<typeof recalcBatchRequestSchema>;

export interface RecalcBatchOutcome {
  written: number;
  /** case ids skipped because a newer revision was saved after the batch was read */
  stale: number[];
}

interface LatestRow {
  case_id: number;
  year: number;
  sequence: number;
  revision: number;
  kind: RevisionKind;
  pack_id: string;
  pack_version: string;
  codec: number;
  dictionary_id: number | null;
  input: Buffer | string;
  result: Buffer | string;
}

// the UNIQUE (case_id, revision) index answers the max() per case
const LATEST = `
  SELECT c.id AS case_id, c.year, c.sequence, r.revision, r.kind, r.pack_id, r.pack_version, r.codec, r.dictionary_id, r.input, r.result
  FROM cases c JOIN revisions r ON r.case_id = c.id
   AND r.revision = (SELECT max(revision) FROM revisions WHERE case_id = c.id)
  WHERE c.id > ? ORDER BY c.id LIMIT ?`;

export class CaseBatch {
  constructor(
    private readonly conn: Connection,
    private readonly codec: RevisionCodec,
    private readonly now: () => Date,
    private readonly index = new SearchIndexWriter(conn),
  ) {}

  countCases(): number {
    return (this.conn.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  }

  latest(request: unknown): Result<LatestRevision[]> {
    const parsed = parseRequest(latestBatchRequestSchema, request);
    if (!parsed.ok) return parsed;
    const rows = this.conn.prepare(LATEST).all(parsed.value.afterCaseId, parsed.value.limit) as LatestRow[];
    return ok(
      rows.map((row) => {
        const { inputJson, resultJson } = this.codec.decode(row);
        return {
          caseId: row.case_id,
          caseNo: formatCaseNumber(row.year, row.sequence),
          revision: row.revision,
          kind: row.kind,
          packId: row.pack_id,
          packVersion: row.pack_version,
          inputJson,
          resultJson,
        };
      }),
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
    const prepared = items.map((item) => {
      const input = JSON.parse(item.inputJson) as unknown;
      const result = JSON.parse(item.resultJson) as unknown;
      const fields = deriveSearchFields(input, result);
      const signature = `${fields.householdStatus}|${fields.benefits.map((benefit) => benefit.code).join(',')}`;
      return { item, fields, encoded: this.codec.encode(item.packId, item.packVersion, item.inputJson, item.resultJson, signature) };
    });
    return this.conn.write((): Result<RecalcBatchOutcome> => {
      const stale: number[] = [];
      const latestOf = this.conn.prepare('SELECT c.year, c.sequence, max(r.revision) AS revision FROM cases c JOIN revisions r ON r.case_id = c.id WHERE c.id = ?');
      const insert = this.conn.prepare(
        `INSERT INTO revisions (case_id, revision, kind, saved_at, operator, pack_id, pack_version, void_reason, codec, dictionary_id, input, result)
         VALUES (?, ?, 'recalc', ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
      );
      for (const { item, fields, encoded } of prepared) {
        const latest = latestOf.get(item.caseId) as { year: number | null; sequence: number; revision: number | null };
        if (latest.revision !== item.expectedRevision || latest.year === null) {
          stale.push(item.caseId);
          continue;
        }
        const revision = item.expectedRevision + 1;
        const revisionId = Number(
          insert.run(item.caseId, revision, savedAt, operator, item.packId, item.packVersion, encoded.codec, encoded.dictionaryId, encoded.input, encoded.result)
            .lastInsertRowid,
        );
        this.index.write({
          caseId: item.caseId,
          caseNo: formatCaseNumber(latest.year, latest.sequence),
          revisionId,
          revision,
          kind: 'recalc',
          updatedAt: time.getTime(),
          savedAt,
          operator,
          packId: item.packId,
          packVersion: item.packVersion,
          fields,
        });
      }
      return ok({ written: items.length - stale.length, stale });
    });
  }
}
