/**
 * 设置 · 数据检查: SQLite's own check of the file, every revision against its checksum and chain, and
 * the search index rebuilt from the revisions (so a damaged index never hides a family). The revisions
 * are read on a connection of their own, in batches with the event loop turning between them, so the
 * desk keeps working while a large folder is checked; the index is rebuilt in one transaction at the end.
 * Revisions 重新测算 stored without their explanation steps are computed again from their input and
 * pack, as opening one does (omittedSteps.ts), during the same pass: those whose steps cannot be given
 * back are listed, in case order.
 */
import type { Connection } from './connection';
import { openReadOnly } from './db';
import { isoWithOffset } from './localTime';
import { restoreSteps, type PackLookup } from './omittedSteps';
import { auditRevisions, LISTED_DAMAGE, type DamagedRevision, type IntactRevision } from './revisionAudit';
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

/** How many steps-omitted revisions are computed again between two pauses for the desk (each is a whole calculation). */
const OMITTED_PER_PAUSE = 200;

type OmittedFindings = Pick<DataCheckReport, 'stepsRestored' | 'stepsUnavailable' | 'stepsUnavailableCount'>;

/**
 * Every intact revision stored without steps, computed again as opening it would. It is handed the
 * documents the audit has just decoded and verified (decoding and hashing them a second time cost as
 * much again); a damaged revision is the audit's finding, not this one's.
 */
function omittedStepsCheck(packs: PackLookup | undefined, pause: () => Promise<void>): { found: OmittedFindings; visit: (revision: IntactRevision) => Promise<void> | undefined } {
  const found: OmittedFindings = { stepsRestored: 0, stepsUnavailable: [], stepsUnavailableCount: 0 };
  let sincePause = 0;
  const visit = ({ row, caseNo, inputJson, resultJson }: IntactRevision): Promise<void> | undefined => {
    if (row.steps_omitted !== 1) return undefined;
    const restored = restoreSteps(packs, row.pack_id, row.pack_version, JSON.parse(inputJson) as unknown, resultJson);
    if (restored.ok) {
      found.stepsRestored += 1;
    } else {
      found.stepsUnavailableCount += 1;
      if (found.stepsUnavailable.length < LISTED_DAMAGE) found.stepsUnavailable.push({ caseNo, revision: row.revision, reason: restored.note });
    }
    sincePause += 1;
    if (sincePause < OMITTED_PER_PAUSE) return undefined;
    sincePause = 0;
    return pause();
  };
  return { found, visit };
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
    const stepsCheck = omittedStepsCheck(packs, turn);
    audit = await auditRevisions(reader, turn, stepsCheck.visit);
    omitted = stepsCheck.found;
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
