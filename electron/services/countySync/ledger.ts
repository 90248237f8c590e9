/**
 * 上报县级, on the office's own database: which revisions a county server has acknowledged (table
 * county_acks, migration 6), and the revisions it has not, read as stored (codec and bytes untouched)
 * for a bundle. The store's tables are read through these few statements only.
 */
import type { Connection } from '../store/connection';
import { formatCaseNumber } from '../store/caseNumber';
import type { RevisionRow } from '../store/rows';
import type { RevisionCodec } from '../store/revisionCodec';
import { decodeVerified, PREVIOUS_CHECKSUM, previousChecksum } from '../store/verifiedRevision';
import type { BundleRevision, BundleRevisionKind } from '../../../county/protocol/bundle';

/** a stored revision with its case's year and sequence (the 案卷编号) */
interface PendingRow extends Omit<RevisionRow, 'kind'> {
  year: number;
  sequence: number;
  kind: BundleRevisionKind;
}

export interface PendingBatch {
  /** the dictionaries the revisions name, in bundle order */
  dictionaries: Buffer[];
  revisions: BundleRevision[];
  /** revisions whose checksum does not hold (案卷编号 第N版): never sent, so the county never holds altered data */
  damaged: string[];
  /** the last revision id looked at (sent or damaged): the next batch starts after it */
  lastId: number;
}

const asBytes = (stored: Buffer | string) => (typeof stored === 'string' ? Buffer.from(stored, 'utf8') : stored);

export class CountyLedger {
  constructor(
    private readonly conn: Connection,
    private readonly codec: RevisionCodec,
  ) {}

  counts(serverFingerprint: string): { revisions: number; acknowledged: number; conflicts: number } {
    const total = this.conn.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number };
    const acked = this.conn
      .prepare('SELECT count(*) AS n, coalesce(sum(conflict), 0) AS c FROM county_acks WHERE server_fingerprint = ?')
      .get(serverFingerprint) as { n: number; c: number };
    return { revisions: total.n, acknowledged: acked.n, conflicts: acked.c };
  }

  /** Up to `limit` revisions the server has not acknowledged, oldest first, after revision id `afterId`. */
  pending(serverFingerprint: string, limit: number, afterId = 0): PendingBatch {
    const rows = this.conn
      .prepare(
        `SELECT r.id, r.case_id, c.year, c.sequence, r.revision, r.kind, r.saved_at, r.operator, r.pack_id, r.pack_version, r.void_reason,
                r.codec, r.dictionary_id, r.input, r.result, r.checksum
         FROM revisions r JOIN cases c ON c.id = r.case_id
         WHERE r.id > ? AND NOT EXISTS (SELECT 1 FROM county_acks a WHERE a.server_fingerprint = ? AND a.revision_id = r.id)
         ORDER BY r.id LIMIT ?`,
      )
      .all(afterId, serverFingerprint, limit) as PendingRow[];
    const dictionaryIndex = new Map<number, number>();
    const dictionaries: Buffer[] = [];
    const previous = this.conn.prepare(PREVIOUS_CHECKSUM);
    const damaged: string[] = [];
    // each revision is checked as any reader checks it (verifiedRevision.ts) before it may leave the office
    const sound = rows.filter((row) => {
      const caseNo = formatCaseNumber(row.year, row.sequence);
      const checked = decodeVerified((stored) => this.codec.decode(stored), row, caseNo, previousChecksum(previous, row.case_id, row.revision));
      if (!checked.ok) damaged.push(`${caseNo} 第${row.revision}版`);
      return checked.ok;
    });
    const revisions = sound.map((row): BundleRevision => {
      let dictionary: number | null = null;
      if (row.dictionary_id !== null) {
        dictionary = dictionaryIndex.get(row.dictionary_id) ?? null;
        if (dictionary === null) {
          const stored = this.conn.prepare('SELECT bytes FROM dictionaries WHERE id = ?').get(row.dictionary_id) as { bytes: Buffer };
          dictionary = dictionaries.push(stored.bytes) - 1;
          dictionaryIndex.set(row.dictionary_id, dictionary);
        }
      }
      return {
        id: row.id,
        caseNo: formatCaseNumber(row.year, row.sequence),
        revision: row.revision,
        kind: row.kind,
        savedAt: row.saved_at,
        operator: row.operator,
        packId: row.pack_id,
        packVersion: row.pack_version,
        reason: row.void_reason,
        codec: row.codec,
        dictionary,
        input: asBytes(row.input),
        result: asBytes(row.result),
      };
    });
    return { dictionaries, revisions, damaged, lastId: rows.at(-1)?.id ?? afterId };
  }

  /** Records a receipt's ids (once each; ids this database does not hold are ignored). Returns how many were new. */
  acknowledge(serverFingerprint: string, accepted: readonly number[], conflicts: readonly number[], at: string): number {
    const insert = this.conn.prepare(
      `INSERT OR IGNORE INTO county_acks (server_fingerprint, revision_id, acked_at, conflict)
       SELECT ?, id, ?, ? FROM revisions WHERE id = ?`,
    );
    return this.conn.write(() => {
      let added = 0;
      for (const id of accepted) added += insert.run(serverFingerprint, at, 0, id).changes;
      for (const id of conflicts) added += insert.run(serverFingerprint, at, 1, id).changes;
      return added;
    });
  }
}
