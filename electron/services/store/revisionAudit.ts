/**
 * Every revision of a database, case by case in revision order, checked against its checksum and the
 * chain (revisionChecksum.ts): the verification pass of 设置 · 数据检查 and of every restore. Also
 * the one-time sealing of revisions written before checksums existed (schema version 5): their
 * checksum is computed from what they hold at the upgrade, so it vouches for the content from then on.
 */
import { formatCaseNumber } from './caseNumber';
import type { Db } from './db';
import { documentDigests, factsOf, revisionChecksum, sameChecksum } from './revisionChecksum';
import { DictionaryCache } from './revisionCodec';
import type { StoredRevision } from './verifiedRevision';

export interface WalkedRevision extends StoredRevision {
  case_id: number;
  /** 1 when stored without its explanation steps (omittedSteps.ts) */
  steps_omitted: number;
  year: number | null;
  sequence: number | null;
}

/** A revision the audit found intact, with its documents as decoded and verified (so a caller need not decode it again). */
export interface IntactRevision {
  row: WalkedRevision;
  caseNo: string;
  inputJson: string;
  resultJson: string;
}

const BATCH = 500;

/** The revisions after (caseRowId, revision), in case and revision order. */
function batchAfter(db: Db): (caseRowId: number, revision: number) => WalkedRevision[] {
  const statement = db.prepare(
    `SELECT r.id, r.case_id, r.revision, r.kind, r.saved_at, r.operator, r.pack_id, r.pack_version, r.void_reason,
            r.codec, r.dictionary_id, r.input, r.result, r.checksum, r.steps_omitted, c.year, c.sequence
     FROM revisions r LEFT JOIN cases c ON c.id = r.case_id
     WHERE (r.case_id, r.revision) > (?, ?) ORDER BY r.case_id, r.revision LIMIT ${BATCH}`,
  );
  return (caseRowId, revision) => statement.all(caseRowId, revision) as WalkedRevision[];
}

/** One revision's place in its case's chain: what it is checked against. */
interface ChainState {
  caseRowId: number;
  revision: number;
  checksum: Buffer | null;
}

interface Walked {
  row: WalkedRevision;
  /** the revision before it in the walk: its case's previous one when the chain is whole */
  before: ChainState | null;
  /** the checksum this revision now carries (as stored; the sealer sets the one it writes) */
  next: { checksum: Buffer | null };
}

/** Every revision in case and revision order; 'batch' after each batch read (where an audit may pause). */
function* walk(db: Db): Generator<Walked | 'batch'> {
  const nextBatch = batchAfter(db);
  let before: ChainState | null = null;
  let at = { caseRowId: 0, revision: 0 };
  for (;;) {
    const rows = nextBatch(at.caseRowId, at.revision);
    if (rows.length === 0) return;
    for (const row of rows) {
      const next = { checksum: Buffer.isBuffer(row.checksum) ? row.checksum : null };
      yield { row, before, next };
      before = { caseRowId: row.case_id, revision: row.revision, checksum: next.checksum };
      at = { caseRowId: row.case_id, revision: row.revision };
    }
    yield 'batch';
  }
}

interface Expected {
  checksum: Buffer;
  caseNo: string;
  inputJson: string;
  resultJson: string;
}

/** The checksum this revision should carry with the documents it was computed from, or null when it cannot be computed (documents that do not decode, no case, a gap). */
function expectedChecksum(row: WalkedRevision, before: ChainState | null, dictionaries: DictionaryCache): Expected | null {
  if (row.year === null || row.sequence === null) return null;
  const first = row.revision === 1;
  const previous = first ? null : before && before.caseRowId === row.case_id && before.revision === row.revision - 1 ? before.checksum : null;
  if (!first && previous === null) return null;
  try {
    const caseNo = formatCaseNumber(row.year, row.sequence);
    const { inputJson, resultJson } = dictionaries.decode(row);
    return { checksum: revisionChecksum(factsOf(row, caseNo), documentDigests(inputJson, resultJson), previous), caseNo, inputJson, resultJson };
  } catch {
    return null;
  }
}

export interface DamagedRevision {
  caseNo: string;
  revision: number;
  revisionId: number;
}

export interface AuditReport {
  revisions: number;
  cases: number;
  /** the damaged revisions, the first ones (see damagedCount for all) */
  damaged: DamagedRevision[];
  damagedCount: number;
}

/** How many damaged revisions a report lists by name (the count covers them all). */
export const LISTED_DAMAGE = 200;

/**
 * Checks every revision. Async and in batches: `pause` runs between batches (the app yields to the
 * desk there; a restore's candidate file may simply continue). `intact`, when given, sees each revision
 * that passed with its decoded documents (数据检查 recomputes the steps-omitted ones from them); it may
 * return a promise (to pause for the desk itself when its own work is heavy), which is awaited.
 */
export async function auditRevisions(
  db: Db,
  pause: () => Promise<void> = () => Promise.resolve(),
  intact?: (revision: IntactRevision) => void | Promise<void>,
): Promise<AuditReport> {
  const dictionaries = new DictionaryCache(() => db);
  const report: AuditReport = { revisions: 0, cases: 0, damaged: [], damagedCount: 0 };
  // each revision is checked against the one before it as stored
  for (const walked of walk(db)) {
    if (walked === 'batch') {
      await pause();
      continue;
    }
    const { row, before, next } = walked;
    if (row.revision === 1 || before?.caseRowId !== row.case_id) report.cases += 1;
    const expected = expectedChecksum(row, before, dictionaries);
    if (expected !== null && sameChecksum(next.checksum, expected.checksum)) {
      const visited = intact?.({ row, caseNo: expected.caseNo, inputJson: expected.inputJson, resultJson: expected.resultJson });
      if (visited) await visited;
    } else {
      report.damagedCount += 1;
      if (report.damaged.length < LISTED_DAMAGE) {
        report.damaged.push({ caseNo: row.year === null || row.sequence === null ? `（案卷记录缺失，内部编号 ${row.case_id}）` : formatCaseNumber(row.year, row.sequence), revision: row.revision, revisionId: row.id });
      }
    }
    report.revisions += 1;
  }
  return report;
}

/**
 * Computes the checksum of every revision that has none (written before schema version 5), in case
 * and revision order, inside the caller's transaction. A revision whose documents no longer decode
 * keeps none (and so do the ones after it in its case): it reads as damaged. Returns the revisions sealed.
 */
export function sealUnsealedRevisions(db: Db): number {
  if (!db.prepare('SELECT 1 FROM revisions WHERE checksum IS NULL LIMIT 1').get()) return 0;
  const dictionaries = new DictionaryCache(() => db);
  const seal = db.prepare('UPDATE revisions SET checksum = ? WHERE id = ?');
  let sealed = 0;
  for (const walked of walk(db)) {
    if (walked === 'batch') continue;
    const { row, before, next } = walked;
    if (next.checksum !== null) continue;
    next.checksum = expectedChecksum(row, before, dictionaries)?.checksum ?? null;
    if (next.checksum === null) continue;
    seal.run(next.checksum, row.id);
    sealed += 1;
  }
  return sealed;
}
