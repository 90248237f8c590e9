/**
 * 设置 · 数据检查: SQLite's own check of the file, every revision against its checksum and chain, and
 * the search index rebuilt from the revisions (so a damaged index never hides a family). The revisions
 * are read on a connection of their own, in batches with the event loop turning between them, so the
 * desk keeps working while a large folder is checked; the index is rebuilt in one transaction at the end.
 * Revisions 重新测算 stored without their explanation steps are computed again from their input and
 * pack, as opening one does (omittedSteps.ts): those whose steps cannot be given back are listed.
 */
import type { Connection } from './connection';
import { openReadOnly } from './db';
import { isoWithOffset } from './localTime';
import { formatCaseNumber } from './caseNumber';
import type { Db } from './db';
import { restoreSteps, type PackLookup } from './omittedSteps';
import { auditRevisions, LISTED_DAMAGE, type DamagedRevision } from './revisionAudit';
import { DictionaryCache } from './revisionCodec';
import { revisionColumns, type CaseRevisionRow } from './rows';
import { decodeVerified, PREVIOUS_CHECKSUM, previousChecksum } from './verifiedRevision';
import { rebuildSearchIndex } from './searchIndex';

export interface DataCheckReport {
  checkedAt: string;
  /** PRAGMA quick_check: 'ok', or the first problems it names */
  fileCheck: string;
  cases: number;
  revisions: number;
  /** damaged revisions, the first ones by name (damagedCount counts them all) */
  damaged: DamagedRevision[];
  damagedCount: number;
  /** cases indexed again from their revisions (null: the folder is read-only, the index was left as it is) */
  reindexed: number | null;
  /** cases whose latest revision is damaged and that are now found by their newest intact one */
  indexedFromOlder: string[];
  /** intact revisions stored without their steps (重新测算) whose steps were computed again and matched */
  stepsRestored: number;
  /** those whose steps cannot be given back (pack gone, or a different result), the first ones (the count covers all) */
  stepsUnavailable: StepsUnavailable[];
  stepsUnavailableCount: number;
}

export interface StepsUnavailable {
  caseNo: string;
  revision: number;
  /** the note opening it shows (Chinese) */
  reason: string;
}

const OMITTED_BATCH = 200;

/** Every intact revision stored without steps, computed again as opening it would (in batches, the desk served between them). */
async function checkOmittedSteps(db: Db, packs: PackLookup | undefined, pause: () => Promise<void>): Promise<Pick<DataCheckReport, 'stepsRestored' | 'stepsUnavailable' | 'stepsUnavailableCount'>> {
  const found: Pick<DataCheckReport, 'stepsRestored' | 'stepsUnavailable' | 'stepsUnavailableCount'> = { stepsRestored: 0, stepsUnavailable: [], stepsUnavailableCount: 0 };
  const dictionaries = new DictionaryCache(() => db);
  const previous = db.prepare(PREVIOUS_CHECKSUM);
  const batch = db.prepare(
    `SELECT ${revisionColumns('r')}, c.year, c.sequence FROM revisions r JOIN cases c ON c.id = r.case_id
     WHERE r.steps_omitted = 1 AND r.id > ? ORDER BY r.id LIMIT ${OMITTED_BATCH}`,
  );
  let after = 0;
  for (;;) {
    const rows = batch.all(after) as CaseRevisionRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.id;
      const caseNo = formatCaseNumber(row.year, row.sequence);
      // a damaged revision is the audit's finding, not this one's
      const checked = decodeVerified((stored) => dictionaries.decode(stored), row, caseNo, previousChecksum(previous, row.case_id, row.revision));
      if (!checked.ok) continue;
      const restored = restoreSteps(packs, row.pack_id, row.pack_version, JSON.parse(checked.inputJson) as unknown, checked.resultJson);
      if (restored.ok) {
        found.stepsRestored += 1;
        continue;
      }
      found.stepsUnavailableCount += 1;
      if (found.stepsUnavailable.length < LISTED_DAMAGE) found.stepsUnavailable.push({ caseNo, revision: row.revision, reason: restored.note });
    }
    await pause();
  }
  return found;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runDataCheck(conn: Connection, path: string, writable: boolean, now: () => Date, packs?: PackLookup): Promise<DataCheckReport> {
  const reader = openReadOnly(path);
  let fileCheck: string;
  let audit;
  let omitted;
  try {
    const problems = (reader.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check);
    fileCheck = problems.join('；');
    audit = await auditRevisions(reader, turn);
    omitted = await checkOmittedSteps(reader, packs, turn);
  } finally {
    reader.close();
  }
  let reindexed: number | null = null;
  const indexedFromOlder: string[] = [];
  if (writable) {
    reindexed = conn.write(() => rebuildSearchIndex(conn.db, undefined, (caseNo, revision) => indexedFromOlder.push(`${caseNo} 第${revision}版`)));
  }
  return {
    checkedAt: isoWithOffset(now()),
    fileCheck,
    cases: audit.cases,
    revisions: audit.revisions,
    damaged: audit.damaged,
    damagedCount: audit.damagedCount,
    reindexed,
    indexedFromOlder: indexedFromOlder.slice(0, 200),
    ...omitted,
  };
}
