/**
 * 编号只增不减: a case number printed on a handout or in a QR code must never open another family's
 * case, and a revision id is how the county server (and a restore's merge) tells one revision from
 * another. So every new case id, case number (per year) and revision id is issued above two things:
 * what the database holds, and a floor (table number_floors) raised whenever this folder is known to
 * have issued more than the file holds — after a restore, the numbers in the database set aside and
 * the high-water marks kept outside the database (numberMarks.ts).
 */
import type { Db } from './db';

/** What has been issued in a folder (a database, a marks file): the highest of each number. */
export interface IssuedNumbers {
  caseRowId: number;
  revisionId: number;
  /** year → highest sequence of that year's 案卷编号 */
  sequences: Record<string, number>;
}

export const NO_NUMBERS: IssuedNumbers = { caseRowId: 0, revisionId: 0, sequences: {} };

/** the floor's row name on disk (number_floors.name), kept as files already hold it */
const CASE_ID = 'caseId';
const REVISION_ID = 'revisionId';
const sequenceKey = (year: number | string) => `sequence:${year}`;

interface Preparer {
  prepare(sql: string): { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
}

function floor(db: Preparer, name: string): number {
  const row = db.prepare('SELECT value FROM number_floors WHERE name = ?').get(name) as { value: number } | undefined;
  return row?.value ?? 0;
}

/** The next case id, case number and revision id (inside the caller's write transaction). */
export function nextCaseRowId(db: Preparer): number {
  const { max } = db.prepare('SELECT coalesce(max(id), 0) AS max FROM cases').get() as { max: number };
  return Math.max(max, floor(db, CASE_ID)) + 1;
}

export function nextSequence(db: Preparer, year: number): number {
  const { max } = db.prepare('SELECT coalesce(max(sequence), 0) AS max FROM cases WHERE year = ?').get(year) as { max: number };
  return Math.max(max, floor(db, sequenceKey(year))) + 1;
}

export function nextRevisionId(db: Preparer): number {
  const { max } = db.prepare('SELECT coalesce(max(id), 0) AS max FROM revisions').get() as { max: number };
  return Math.max(max, floor(db, REVISION_ID)) + 1;
}

/** Everything a database has issued: its rows and its floors (`schema`: main, or an attached file). */
export function issuedIn(db: Db | Preparer, schema = 'main'): IssuedNumbers {
  const cases = db.prepare(`SELECT coalesce(max(id), 0) AS max FROM ${schema}.cases`).get() as { max: number };
  const revisions = db.prepare(`SELECT coalesce(max(id), 0) AS max FROM ${schema}.revisions`).get() as { max: number };
  const issued: IssuedNumbers = { caseRowId: cases.max, revisionId: revisions.max, sequences: {} };
  for (const row of db.prepare(`SELECT year, max(sequence) AS max FROM ${schema}.cases GROUP BY year`).all() as { year: number; max: number }[]) {
    issued.sequences[String(row.year)] = row.max;
  }
  const hasFloors = db.prepare(`SELECT 1 FROM ${schema}.sqlite_schema WHERE type = 'table' AND name = 'number_floors'`).get();
  return hasFloors ? highest(issued, floorsIn(db, schema)) : issued;
}

function floorsIn(db: Preparer, schema: string): IssuedNumbers {
  const floors: IssuedNumbers = { caseRowId: 0, revisionId: 0, sequences: {} };
  for (const row of db.prepare(`SELECT name, value FROM ${schema}.number_floors`).all() as { name: string; value: number }[]) {
    if (row.name === CASE_ID) floors.caseRowId = row.value;
    else if (row.name === REVISION_ID) floors.revisionId = row.value;
    else if (row.name.startsWith('sequence:')) floors.sequences[row.name.slice('sequence:'.length)] = row.value;
  }
  return floors;
}

/** The highest of each number over several records of what was issued. */
export function highest(...all: IssuedNumbers[]): IssuedNumbers {
  const result: IssuedNumbers = { caseRowId: 0, revisionId: 0, sequences: {} };
  for (const issued of all) {
    result.caseRowId = Math.max(result.caseRowId, issued.caseRowId);
    result.revisionId = Math.max(result.revisionId, issued.revisionId);
    for (const [year, sequence] of Object.entries(issued.sequences)) result.sequences[year] = Math.max(result.sequences[year] ?? 0, sequence);
  }
  return result;
}

/** True when `a` holds a number above what `b` holds. */
export function exceeds(a: IssuedNumbers, b: IssuedNumbers): boolean {
  return a.caseRowId > b.caseRowId || a.revisionId > b.revisionId || Object.entries(a.sequences).some(([year, sequence]) => sequence > (b.sequences[year] ?? 0));
}

/** Raises the floors of a database to at least `issued` (inside the caller's write transaction). */
export function raiseFloors(db: Preparer, issued: IssuedNumbers): void {
  const raise = db.prepare('INSERT INTO number_floors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)');
  if (issued.caseRowId > 0) raise.run(CASE_ID, issued.caseRowId);
  if (issued.revisionId > 0) raise.run(REVISION_ID, issued.revisionId);
  for (const [year, sequence] of Object.entries(issued.sequences)) if (sequence > 0) raise.run(sequenceKey(year), sequence);
}
