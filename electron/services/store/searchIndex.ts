/**
 * Keeps the derived search tables in step with each case's latest revision: case_search (one row per
 * case: what the list shows), search_terms (the term index, searchTerms.ts) and places (乡镇/村 for
 * the pickers). These tables are derived, never history: they are replaced freely, and can be rebuilt
 * from the revisions at any time (rebuildSearchIndex).
 */
import { createHash } from 'node:crypto';
import { maskIdNumber } from '../../../shared/household/idNumber';
import type { Db, Statement } from './db';
import { DictionaryCache } from './revisionCodec';
import { revisionColumns, type CaseRevisionRow } from './rows';
import { decodeVerified, PREVIOUS_CHECKSUM, previousChecksum } from './verifiedRevision';
import { deriveSearchFields, type SearchFields } from './searchFields';
import { caseFacets, caseTerms, FACET_LAYOUT } from './searchTerms';
import { formatCaseNumber } from './caseNumber';

export const REVISION_KINDS = ['save', 'void', 'recalc'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/**
 * What the index holds and how it is derived. Bump it when caseTerms, caseFacets, deriveSearchFields
 * or the case_search columns change meaning: the next open rebuilds the index from the revisions. The
 * facet layout (statuses and benefit codes of shared/) is added to it, so a new code rebuilds too.
 */
/**
 * 2: names are indexed by their full pinyin too ("zhangsan"); 3: the assessment year is no longer a
 * facet on every row (searchTerms.ts: a new date rewrote every row of every case). Older indexes are rebuilt.
 */
export const SEARCH_INDEX_VERSION = 3;
const INDEX_VERSION_TAG = `${SEARCH_INDEX_VERSION}:${createHash('sha256').update(FACET_LAYOUT).digest('hex').slice(0, 16)}`;

/** Separates member names (and initials) in one column; substring checks never cross it. */
export { LIST_SEPARATOR } from './searchFields';
import { LIST_SEPARATOR } from './searchFields';

export interface SearchEntry {
  caseRowId: number;
  caseNo: string;
  revisionId: number;
  revision: number;
  kind: RevisionKind;
  updatedAt: number;
  savedAt: string;
  operator: string;
  packId: string;
  packVersion: string;
  fields: SearchFields;
}

export interface Preparer {
  prepare(sql: string): Statement;
}

/** case_search's columns, case_id first, in the order caseRowValues gives them. */
const CASE_COLUMNS = [
  'case_id', 'case_no', 'revision_id', 'revision', 'kind', 'voided', 'updated_at', 'saved_at', 'operator', 'pack_id', 'pack_version',
  'head_name', 'head_id_masked', 'ids_masked', 'member_names', 'member_initials', 'member_count', 'township', 'village',
  'household_status', 'statuses', 'as_of', 'year', 'total_annual', 'benefits', 'terms',
] as const;

const UPSERT_CASE = `INSERT OR REPLACE INTO case_search (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`;
const UPDATE_CASE = `UPDATE case_search SET ${CASE_COLUMNS.slice(1).map((column) => `${column} = ?`).join(', ')} WHERE case_id = ?`;

/** The values of CASE_COLUMNS for a case's entry. */
function caseRowValues(entry: SearchEntry, terms: readonly string[]): (string | number | null)[] {
  const { fields } = entry;
  return [
    entry.caseRowId,
    entry.caseNo,
    entry.revisionId,
    entry.revision,
    entry.kind,
    entry.kind === 'void' ? 1 : 0,
    entry.updatedAt,
    entry.savedAt,
    entry.operator,
    entry.packId,
    entry.packVersion,
    fields.headName,
    fields.headIdNumber === null ? null : maskIdNumber(fields.headIdNumber),
    fields.members.flatMap((member) => (member.idNumber ? [maskIdNumber(member.idNumber)] : [])).join(LIST_SEPARATOR),
    fields.members.map((member) => member.name).join(LIST_SEPARATOR),
    fields.members.flatMap((member) => member.initials).join(LIST_SEPARATOR),
    fields.members.length,
    fields.township,
    fields.village,
    fields.householdStatus,
    fields.statuses.join(','),
    fields.asOf,
    fields.year,
    fields.totalAnnual,
    JSON.stringify(fields.benefits.map((benefit) => [benefit.code, benefit.annual])),
    terms.join(LIST_SEPARATOR),
  ];
}

/**
 * Writes index entries. Live (the desk): each save replaces its case's rows in search_terms at once.
 * Staged (a rebuild, a bulk import): term rows are appended to a temporary table and put into
 * search_terms in key order at the end (finishStagedTerms) — one sorted pass instead of millions of
 * inserts scattered over the index.
 */
export class SearchIndexWriter {
  constructor(
    private readonly statements: Preparer,
    private readonly staged = false,
  ) {}

  /** Replaces what the index holds for one case with its revision `entry` (inside the caller's transaction). */
  write(entry: SearchEntry): void {
    const { statements } = this;
    const { fields } = entry;
    const previous = statements.prepare('SELECT updated_at, terms FROM case_search WHERE case_id = ?').get(entry.caseRowId) as
      | { updated_at: number; terms: string }
      | undefined;
    const terms = caseTerms(fields, entry.kind === 'void');
    const facets = caseFacets(fields);
    if (previous && !this.staged && previous.updated_at === entry.updatedAt) {
      // the case keeps its time (a 重新测算 does not move it among the desk's latest): only the terms
      // that changed are replaced, and the facets rewritten in place when they changed
      this.rewriteInPlace(entry.caseRowId, entry.updatedAt, previous.terms.split(LIST_SEPARATOR), terms, facets);
    } else {
      if (previous) {
        const remove = statements.prepare('DELETE FROM search_terms WHERE term = ? AND updated_at = ? AND case_id = ?');
        for (const term of previous.terms.split(LIST_SEPARATOR)) remove.run(term, previous.updated_at, entry.caseRowId);
      }
      if (this.staged) {
        const stage = statements.prepare('INSERT INTO temp.staged_terms (term, updated_at, case_id, facets, revision_id) VALUES (?, ?, ?, ?, ?)');
        for (const term of terms) stage.run(term, entry.updatedAt, entry.caseRowId, facets, entry.revisionId);
      } else {
        const insert = statements.prepare('INSERT INTO search_terms (term, updated_at, case_id, facets) VALUES (?, ?, ?, ?)');
        for (const term of terms) insert.run(term, entry.updatedAt, entry.caseRowId, facets);
      }
    }

    this.upsertCase(entry, terms);
  }

  /**
   * 重新测算's batch, inside the caller's transaction: each case's entry replaced by its new revision's,
   * the case keeping its time in the index (its last save or void at the desk: a county-wide run does
   * not flood the desk's "latest" list). Only the term rows that change are written — the terms a case
   * no longer has deleted, its new ones inserted, the facets of the rest rewritten only when they
   * changed (a new year, a benefit gained or lost) — and the whole batch's row changes are applied in
   * key order, each statement walking the index forwards instead of jumping about it case by case.
   * `fallbackTime`: the time of a case the index does not hold (then indexed as a save would be).
   */
  writeKeepingTime(entries: readonly Omit<SearchEntry, 'updatedAt'>[], fallbackTime: number): void {
    const { statements } = this;
    const previousOf = statements.prepare('SELECT updated_at, terms FROM case_search WHERE case_id = ?');
    const facetsOf = statements.prepare('SELECT facets FROM search_terms WHERE term = ? AND updated_at = ? AND case_id = ?');
    /** [term, updated_at, case_id, facets, a new row (else its facets rewritten)] */
    const removed: TermRow[] = [];
    const written: TermRow[] = [];
    const replaced: { entry: SearchEntry; terms: string[] }[] = [];
    for (const entry of entries) {
      const previous = previousOf.get(entry.caseRowId) as { updated_at: number; terms: string } | undefined;
      if (!previous || this.staged) {
        this.write({ ...entry, updatedAt: previous?.updated_at ?? fallbackTime });
        continue;
      }
      const updatedAt = previous.updated_at;
      const oldTerms = previous.terms.split(LIST_SEPARATOR);
      const terms = caseTerms(entry.fields, entry.kind === 'void');
      const facets = caseFacets(entry.fields);
      const kept = new Set(terms);
      const before = new Set(oldTerms);
      for (const term of oldTerms) if (!kept.has(term)) removed.push([term, updatedAt, entry.caseRowId, 0, false]);
      const old = facetsOf.get(oldTerms[0], updatedAt, entry.caseRowId) as { facets: number } | undefined;
      const facetsChanged = old !== undefined && old.facets !== facets;
      for (const term of terms) {
        if (!before.has(term)) written.push([term, updatedAt, entry.caseRowId, facets, true]);
        else if (facetsChanged) written.push([term, updatedAt, entry.caseRowId, facets, false]);
      }
      replaced.push({ entry: { ...entry, updatedAt }, terms });
    }
    const remove = statements.prepare('DELETE FROM search_terms WHERE term = ? AND updated_at = ? AND case_id = ?');
    for (const [term, updatedAt, caseRowId] of removed.sort(byKey)) remove.run(term, updatedAt, caseRowId);
    const insert = statements.prepare('INSERT INTO search_terms (term, updated_at, case_id, facets) VALUES (?, ?, ?, ?)');
    const update = statements.prepare('UPDATE search_terms SET facets = ? WHERE term = ? AND updated_at = ? AND case_id = ?');
    for (const [term, updatedAt, caseRowId, facets, isNew] of written.sort(byKey)) {
      if (isNew) insert.run(term, updatedAt, caseRowId, facets);
      else update.run(facets, term, updatedAt, caseRowId);
    }
    for (const { entry, terms } of replaced) this.updateCase(entry, terms);
  }

  /**
   * The case's row in case_search rewritten in place (writeKeepingTime: the row exists), the same
   * columns upsertCase writes, bound by position: a REPLACE deletes and inserts the row again.
   */
  private updateCase(entry: SearchEntry, terms: readonly string[]): void {
    const { statements } = this;
    const values = caseRowValues(entry, terms);
    statements.prepare(UPDATE_CASE).run(...values.slice(1), values[0]);
    this.notePlace(entry.fields);
  }

  /** The case's row in case_search (what the list shows) and its place for the pickers. */
  private upsertCase(entry: SearchEntry, terms: readonly string[]): void {
    this.statements.prepare(UPSERT_CASE).run(...caseRowValues(entry, terms));
    this.notePlace(entry.fields);
  }

  /** The case's 乡镇 and 村 among the places the pickers offer. */
  private notePlace({ township, village }: SearchFields): void {
    if (township !== '' || village !== '') this.statements.prepare('INSERT OR IGNORE INTO places (township, village) VALUES (?, ?)').run(township, village);
  }

  /** Rewrites one case's rows in place: the case kept its time (a 重新测算 of a single case through write()). */
  private rewriteInPlace(caseRowId: number, updatedAt: number, oldTerms: readonly string[], terms: readonly string[], facets: number): void {
    const { statements } = this;
    const kept = new Set(terms);
    const before = new Set(oldTerms);
    const remove = statements.prepare('DELETE FROM search_terms WHERE term = ? AND updated_at = ? AND case_id = ?');
    for (const term of oldTerms) if (!kept.has(term)) remove.run(term, updatedAt, caseRowId);
    const old = statements.prepare('SELECT facets FROM search_terms WHERE term = ? AND updated_at = ? AND case_id = ?').get(oldTerms[0], updatedAt, caseRowId) as
      | { facets: number }
      | undefined;
    if (old && old.facets !== facets) {
      const update = statements.prepare('UPDATE search_terms SET facets = ? WHERE term = ? AND updated_at = ? AND case_id = ?');
      for (const term of terms) if (before.has(term)) update.run(facets, term, updatedAt, caseRowId);
    }
    const insert = statements.prepare('INSERT INTO search_terms (term, updated_at, case_id, facets) VALUES (?, ?, ?, ?)');
    for (const term of terms) if (!before.has(term)) insert.run(term, updatedAt, caseRowId, facets);
  }
}

type TermRow = [term: string, updatedAt: number, caseRowId: number, facets: number, isNew: boolean];

/**
 * The index's key order (term, updated_at, case_id). Terms compare as JavaScript strings (UTF-16),
 * SQLite's as UTF-8 bytes: they differ only around characters outside the BMP, which costs at most a
 * jump in the index, never a wrong row.
 */
function byKey(a: TermRow, b: TermRow): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1] || a[2] - b[2];
}

/** Starts a staged index build: term rows go to a temporary table (temp_store is FILE: it may hold tens of millions of rows). */
export function beginStagedTerms(db: Db): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS staged_terms (term TEXT NOT NULL, updated_at INTEGER NOT NULL, case_id INTEGER NOT NULL, facets INTEGER NOT NULL, revision_id INTEGER NOT NULL)');
}

/**
 * Moves the staged rows of each case's latest revision into search_terms, sorted by key (rows of
 * revisions superseded during the build are dropped), and ends the staged build.
 */
export function finishStagedTerms(db: Db): number {
  const moved = db
    .prepare(
      `INSERT OR IGNORE INTO search_terms (term, updated_at, case_id, facets)
       SELECT s.term, s.updated_at, s.case_id, s.facets FROM temp.staged_terms s JOIN case_search c ON c.case_id = s.case_id AND c.revision_id = s.revision_id
       ORDER BY s.term, s.updated_at, s.case_id`,
    )
    .run().changes;
  db.exec('DROP TABLE temp.staged_terms');
  return moved;
}

interface LatestRevisionRow extends CaseRevisionRow {
  /** the latest revision's that is not a recalculation */
  desk_saved_at: string | null;
}

export function searchIndexIsCurrent(db: Db): boolean {
  const row = db.prepare("SELECT value FROM store_meta WHERE key = 'searchIndexVersion'").get() as { value: string } | undefined;
  return row?.value === INDEX_VERSION_TAG;
}

const REVISION_COLUMNS = revisionColumns('r');

/** What indexing a case from its revisions needs: statements, dictionaries, and the writer to use. */
interface CaseIndexer {
  writer: SearchIndexWriter;
  dictionaries: DictionaryCache;
  previous: Statement;
  older: Statement;
}

function caseIndexer(db: Db, writer: SearchIndexWriter): CaseIndexer {
  return {
    writer,
    dictionaries: new DictionaryCache(() => db),
    previous: db.prepare(PREVIOUS_CHECKSUM),
    older: db.prepare(`SELECT ${REVISION_COLUMNS} FROM revisions r WHERE r.case_id = ? AND r.revision < ? ORDER BY r.revision DESC`),
  };
}

/**
 * Indexes one case from its latest revision, or from its newest intact one when the latest fails its
 * checksum (`onDamaged` hears of it); false when no revision of the case is intact (left out).
 */
function indexNewestIntact(indexer: CaseIndexer, latest: LatestRevisionRow, onDamaged?: (caseNo: string, revision: number) => void): boolean {
  const caseNo = formatCaseNumber(latest.year, latest.sequence);
  const verify = (row: LatestRevisionRow) =>
    decodeVerified((stored) => indexer.dictionaries.decode(stored), row, caseNo, previousChecksum(indexer.previous, row.case_id, row.revision));
  let row = latest;
  let checked = verify(row);
  if (!checked.ok) {
    onDamaged?.(caseNo, row.revision);
    for (const candidate of indexer.older.all(row.case_id, row.revision) as LatestRevisionRow[]) {
      const older = { ...candidate, year: latest.year, sequence: latest.sequence, desk_saved_at: candidate.kind === 'recalc' ? null : candidate.saved_at };
      checked = verify(older);
      if (checked.ok) {
        row = older;
        break;
      }
    }
  }
  if (!checked.ok) return false;
  indexer.writer.write({
    caseRowId: row.case_id,
    caseNo,
    revisionId: row.id,
    revision: row.revision,
    kind: row.kind,
    // a case's time is its last save or void at the desk: a 重新测算 keeps it (caseBatch.ts)
    updatedAt: Date.parse(row.desk_saved_at ?? row.saved_at),
    savedAt: row.saved_at,
    operator: row.operator,
    packId: row.pack_id,
    packVersion: row.pack_version,
    fields: deriveSearchFields(JSON.parse(checked.inputJson), JSON.parse(checked.resultJson)),
  });
  return true;
}

const LATEST_OF_CASES = `
    SELECT ${REVISION_COLUMNS}, c.year, c.sequence,
           (SELECT d.saved_at FROM revisions d WHERE d.case_id = c.id AND d.kind <> 'recalc' ORDER BY d.revision DESC LIMIT 1) AS desk_saved_at
    FROM cases c JOIN revisions r ON r.case_id = c.id
    WHERE r.revision = (SELECT max(revision) FROM revisions WHERE case_id = c.id)`;

function statementCache(db: Db): Preparer {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql) {
      let statement = cache.get(sql);
      if (!statement) cache.set(sql, (statement = db.prepare(sql)));
      return statement;
    },
  };
}

/**
 * Empties the derived tables and fills them again from every case's latest revision, then records the
 * index version (call inside one transaction: a crash half-way leaves the old index and no new mark).
 * Only revisions that pass their checksum are indexed: a case whose latest revision is damaged is
 * indexed from its newest intact one (so the family is still found), and `onDamaged` hears of it; a
 * case with no intact revision is left out. Returns the cases indexed.
 */
export function rebuildSearchIndex(db: Db, onProgress?: (done: number) => void, onDamaged?: (caseNo: string, revision: number) => void): number {
  db.exec('DELETE FROM search_terms; DELETE FROM case_search; DELETE FROM places;');
  const indexer = caseIndexer(db, new SearchIndexWriter(statementCache(db), true));
  beginStagedTerms(db);
  const batch = db.prepare(`${LATEST_OF_CASES} AND c.id > ? ORDER BY c.id LIMIT 500`);
  let lastCaseRowId = 0;
  let done = 0;
  for (;;) {
    const rows = batch.all(lastCaseRowId) as LatestRevisionRow[];
    if (rows.length === 0) break;
    for (const latest of rows) {
      lastCaseRowId = latest.case_id;
      if (indexNewestIntact(indexer, latest, onDamaged)) done += 1;
    }
    onProgress?.(done);
  }
  finishStagedTerms(db);
  db.prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('searchIndexVersion', ?)").run(INDEX_VERSION_TAG);
  return done;
}

/** Indexes some cases again from their revisions (cases a restore merged revisions into), inside the caller's transaction. */
export function reindexCases(db: Db, caseRowIds: Iterable<number>): void {
  const indexer = caseIndexer(db, new SearchIndexWriter(statementCache(db)));
  const latestOf = db.prepare(`${LATEST_OF_CASES} AND c.id = ?`);
  for (const caseRowId of caseRowIds) {
    const latest = latestOf.get(caseRowId) as LatestRevisionRow | undefined;
    if (latest) indexNewestIntact(indexer, latest);
  }
}
