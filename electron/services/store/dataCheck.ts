/**
 * 设置 · 数据检查: SQLite's own check of the file, every revision against its checksum and chain, and
 * the search index rebuilt from the revisions (so a damaged index never hides a family). The revisions
 * are read on a connection of their own, in batches with the event loop turning between them, so the
 * desk keeps working while a large folder is checked; the index is rebuilt in one transaction at the end.
 */
import type { Connection } from './connection';
import { openReadOnly } from './db';
import { isoWithOffset } from './localTime';
import { auditRevisions, type DamagedRevision } from './revisionAudit';
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
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runDataCheck(conn: Connection, path: string, writable: boolean, now: () => Date): Promise<DataCheckReport> {
  const reader = openReadOnly(path);
  let fileCheck: string;
  let audit;
  try {
    const problems = (reader.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check);
    fileCheck = problems.join('；');
    audit = await auditRevisions(reader, turn);
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
  };
}
