/**
 * 首次导入 (first load): a whole county's bundles into an empty county database in ONE transaction,
 * with the derived tables' secondary indexes built once at the end instead of entry by entry.
 *
 * Row by row, every revision adds ~24 search words to case_terms' index, its people to two indexes of
 * case_people and its case to five indexes of cases — at a million revisions the largest share of
 * PostgreSQL's work, growing as the indexes outgrow memory. CREATE INDEX over the finished tables sorts
 * each once. Why this is safe:
 * - One transaction under IMPORT_LOCK for the whole load: DROP INDEX, every bundle, CREATE INDEX and
 *   COMMIT together. A crash or a failed statement anywhere rolls all of it back, the dropped indexes
 *   included (DDL is transactional in PostgreSQL): the database is either without the load or with it
 *   whole. Nothing is acknowledged (no receipt signed) before that COMMIT.
 * - The same union semantics: each bundle goes through the same writeBundle as a row-by-row import
 *   (held revisions skipped, conflicts apart, case state from the set of revisions). Only the words
 *   and people of a case replaced during the load are written aside, tagged with the revision showing
 *   that state, and sorted out at the end (only the final state's are kept); the flags of people in
 *   two offices or households are counted once at the end from all people.
 * - Only into a county without revisions (an empty county has empty derived tables): a county already
 *   holding data is refused, since dropping its indexes would stop its pages for the load.
 * - The indexes kept during the load are those the load looks things up by: cases' primary key and
 *   (office, case number), all of revisions' (held revisions, a replaced case's revisions) and totals'.
 *   The others are recreated from their own definitions, read from the catalogue at the start.
 *
 * - Under wal_level minimal (the private cluster started by the first-load command), the tables it fills
 *   are truncated in the transaction, verified empty (FILLED_TABLES): no WAL for their rows.
 *
 * While a first load runs, the county pages wait (the tables are locked until COMMIT), and so do
 * other imports (IMPORT_LOCK): it is for setting a county up, with the server stopped.
 */
import type { Pool, PoolClient } from 'pg';
import { fail, ok, type Result } from '../../shared/errors';
import type { Bundle } from '../protocol/bundle';
import type { FirstLoadTables } from './caseState';
import type { DerivedRevision } from './derive';
import { IMPORT_LOCK, writeBundle, type ImportOutcome } from './importBundle';
import { StatementQueue } from './statementQueue';

/** vacuumed after a first load's COMMIT: what the county pages read (search words, cases, people, flags, totals) */
const VACUUMED_TABLES = ['case_terms', 'cases', 'case_people', 'flagged_people', 'totals'];

/**
 * Every table a first load writes rows into: all empty in a county without revisions. Under wal_level
 * minimal they are truncated in the load's transaction (each verified empty first, under an exclusive
 * lock): PostgreSQL then writes no WAL for their new files — rows, index builds — and syncs the files at
 * COMMIT instead (PostgreSQL manual, 14.4.7 "Populating a Database", wal_level, wal_skip_threshold). A
 * crash before COMMIT leaves the old (empty) files; after it, the synced files. Offices, keys and packs
 * are never among them.
 */
export const FILLED_TABLES = ['bundles', 'dictionaries', 'revisions', 'revision_documents', 'revision_conflicts', 'cases', 'case_terms', 'case_people', 'flagged_people', 'totals'] as const;

/**
 * Under wal_level minimal: truncates the filled tables proven empty (and not referenced by a table that
 * is not truncated); returns those truncated ([] at replica level or above: the load writes WAL as usual).
 */
async function truncateForMinimalWal(client: PoolClient): Promise<string[]> {
  const level = await client.query<{ level: string }>("SELECT current_setting('wal_level') AS level");
  if (level.rows[0]?.level !== 'minimal') return [];
  await client.query(`LOCK TABLE ${FILLED_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const held = await client.query<Record<string, boolean>>(`SELECT ${FILLED_TABLES.map((table) => `EXISTS (SELECT 1 FROM ${table}) AS ${table}`).join(', ')}`);
  const empty = new Set<string>(FILLED_TABLES.filter((table) => held.rows[0]?.[table] === false));
  // TRUNCATE refuses a table referenced by one not truncated with it: such a table stays (and keeps its WAL)
  const references = await client.query<{ referencing: string; referenced: string }>(
    "SELECT conrelid::regclass::text AS referencing, confrelid::regclass::text AS referenced FROM pg_constraint WHERE contype = 'f' AND confrelid = ANY($1::regclass[])",
    [[...FILLED_TABLES]],
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const { referencing, referenced } of references.rows) {
      if (empty.has(referenced) && !empty.has(referencing)) {
        empty.delete(referenced);
        changed = true;
      }
    }
  }
  const truncated = FILLED_TABLES.filter((table) => empty.has(table));
  if (truncated.length > 0) await client.query(`TRUNCATE ${truncated.join(', ')}`);
  return truncated;
}

/** the derived tables whose secondary indexes a first load builds at its end */
export const FIRST_LOAD_TABLES = ['cases', 'case_terms', 'case_people'] as const;

const ignoreLostConnection = (): void => undefined;

interface DeferredIndex {
  name: string;
  drop: string;
  create: string;
}

/**
 * The indexes a first load drops and rebuilds, with the statements for both: every index of the
 * derived tables except cases' own keys (the load finds a case by office and number, and they enforce
 * uniqueness while it writes). An index behind a constraint (a primary key) goes and comes back as
 * that constraint, so it checks uniqueness again when it is built.
 */
export async function deferredIndexes(client: PoolClient | Pool): Promise<DeferredIndex[]> {
  const rows = await client.query<{ name: string; table_name: string; index_def: string; constraint_name: string | null; constraint_def: string | null }>(
    `SELECT ic.relname AS name, t.relname AS table_name, pg_get_indexdef(i.indexrelid) AS index_def, c.conname AS constraint_name,
            pg_get_constraintdef(c.oid) AS constraint_def
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
      WHERE t.oid = ANY($1::regclass[])
        AND NOT (t.relname = 'cases' AND (i.indisprimary OR i.indisunique))
      ORDER BY t.relname, ic.relname`,
    [[...FIRST_LOAD_TABLES]],
  );
  return rows.rows.map((row) => {
    const table = `"${row.table_name}"`;
    if (row.constraint_name && row.constraint_def) {
      return { name: row.name, drop: `ALTER TABLE ${table} DROP CONSTRAINT "${row.constraint_name}"`, create: `ALTER TABLE ${table} ADD CONSTRAINT "${row.constraint_name}" ${row.constraint_def}` };
    }
    return { name: row.name, drop: `DROP INDEX "${row.name}"`, create: row.index_def };
  });
}

/** Everything one bundle of a first load brought, as a row-by-row import reports it. */
export type FirstLoadOutcome = ImportOutcome;

export interface FirstLoadOptions {
  /** maintenance_work_mem for building the indexes at the end (default 1GB: each index sorted in memory where it fits) */
  maintenanceWorkMem?: string;
}

export class FirstLoad {
  private readonly tables: FirstLoadTables = { replaced: 0 };
  private done = false;

  private constructor(
    private readonly client: PoolClient,
    private readonly db: StatementQueue,
    private readonly deferred: DeferredIndex[],
    private readonly options: FirstLoadOptions,
    /** the tables truncated for minimal WAL (empty: the load writes WAL as usual) */
    readonly truncated: readonly string[],
  ) {}

  /** the load's rows and index builds go without WAL (wal_level minimal, its tables truncated) */
  get walSkipped(): boolean {
    return this.truncated.length > 0;
  }

  /**
   * Opens the load's transaction, takes the import lock and drops the deferred indexes; refused (nothing
   * changed) when the county already holds revisions.
   */
  static async begin(pool: Pool, options: FirstLoadOptions = {}): Promise<Result<FirstLoad>> {
    const client = await pool.connect();
    // the connection may be lost while no statement of the load is running (the database restarted):
    // noted here rather than thrown as an unhandled 'error' event; the load's next statement fails
    client.on('error', ignoreLostConnection);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const held = await client.query<{ held: boolean }>('SELECT EXISTS (SELECT 1 FROM revisions) AS held');
      if (held.rows[0]?.held) {
        await client.query('ROLLBACK');
        client.off('error', ignoreLostConnection);
        client.release();
        return fail('县级库中已有上报数据，不能再做首次导入；请逐个导入上报包（npm run county -- import 文件.hmbundle）', 'firstLoad');
      }
      const truncated = await truncateForMinimalWal(client);
      const deferred = await deferredIndexes(client);
      for (const index of deferred) await client.query(index.drop);
      // a replaced case's words and people, with the revision of the state they belong to (caseState.ts)
      await client.query('CREATE TEMP TABLE first_load_replaced (case_id bigint NOT NULL) ON COMMIT DROP');
      await client.query('CREATE TEMP TABLE first_load_terms (term text NOT NULL, updated_at timestamptz NOT NULL, case_id bigint NOT NULL, revision_id bigint NOT NULL) ON COMMIT DROP');
      await client.query(
        'CREATE TEMP TABLE first_load_people (id_number text NOT NULL, case_id bigint NOT NULL, office_id int NOT NULL, household_key text NOT NULL, revision_id bigint NOT NULL) ON COMMIT DROP',
      );
      return ok(new FirstLoad(client, new StatementQueue(client), deferred, options, truncated));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.off('error', ignoreLostConnection);
      client.release(true);
      throw error;
    }
  }

  /** the indexes this load dropped and will build at its end (names) */
  get deferredIndexNames(): string[] {
    return this.deferred.map((index) => index.name);
  }

  /**
   * Adds one bundle (checked and read: readBundle, readRevisions). Its statements may still be running
   * when this returns; a failure of any of them fails the load at finish() (or the next add).
   */
  add(officeId: number, bundle: Bundle, via: 'network' | 'file', revisions: DerivedRevision[]): Promise<FirstLoadOutcome> {
    if (this.done) throw new Error('first load already finished');
    return writeBundle(this.db, officeId, bundle, via, revisions, this.tables);
  }

  /**
   * Sorts out replaced cases' words and people, builds the dropped indexes, counts the flagged people,
   * refreshes the planner's statistics, and commits: the moment the whole load is durable.
   */
  async finish(): Promise<{ indexSeconds: number; commitSeconds: number; vacuumSeconds: number | null }> {
    if (this.done) throw new Error('first load already finished');
    this.done = true;
    const { client } = this;
    let broken: Error | undefined;
    try {
      await this.db.settled();
      if (this.tables.replaced > 0) {
        // a case replaced during the load keeps the words and people of its final state only: the rows staged
        // with the revision its row now shows (a state's words are a function of that revision and the date)
        await client.query('DELETE FROM case_terms t USING (SELECT DISTINCT case_id FROM first_load_replaced) r WHERE t.case_id = r.case_id');
        await client.query(
          `INSERT INTO case_terms (term, updated_at, case_id)
           SELECT s.term, s.updated_at, s.case_id FROM first_load_terms s JOIN cases c ON c.id = s.case_id AND c.revision_id = s.revision_id AND c.updated_at = s.updated_at`,
        );
        await client.query('DELETE FROM case_people p USING (SELECT DISTINCT case_id FROM first_load_replaced) r WHERE p.case_id = r.case_id');
        await client.query(
          `INSERT INTO case_people (id_number, case_id, office_id, household_key)
           SELECT s.id_number, s.case_id, s.office_id, s.household_key FROM first_load_people s JOIN cases c ON c.id = s.case_id AND c.revision_id = s.revision_id AND NOT c.voided`,
        );
      }
      const started = performance.now();
      await client.query(`SET LOCAL maintenance_work_mem = '${(this.options.maintenanceWorkMem ?? '1GB').replace(/[^0-9A-Za-z]/g, '')}'`);
      for (const index of this.deferred) await client.query(index.create);
      const indexSeconds = (performance.now() - started) / 1000;
      // 重复: counted once over all people (the county was empty: every person of the load is touched)
      await client.query(
        `INSERT INTO flagged_people (id_number, offices, households, cases)
         SELECT id_number, count(DISTINCT office_id), count(DISTINCT household_key), count(*) FROM case_people
         GROUP BY id_number HAVING count(DISTINCT office_id) > 1 OR count(DISTINCT household_key) > 1`,
      );
      // the pages' plans need the new tables' statistics at once (autovacuum would take its time)
      await client.query(`ANALYZE revisions, ${FIRST_LOAD_TABLES.join(', ')}, totals, flagged_people`);
      // at wal_level minimal the COMMIT writes the load's files to disk (fsync): its share of the time is reported
      const commitStarted = performance.now();
      await client.query('COMMIT');
      const commitSeconds = (performance.now() - commitStarted) / 1000;
      // Committed: the load is durable. Then VACUUM the tables the pages read: rows written by one
      // transaction that was never vacuumed have no visibility map and no hint bits, so every search
      // word walked costs a heap visit (no index-only scan) — at 1,000,000 cases the search p95 was
      // 448 ms right after a first load against 179 ms after a row-by-row import, whose tables
      // autovacuum had visited while it ran. A VACUUM that fails leaves that to autovacuum (null).
      const vacuumStarted = performance.now();
      const vacuumed = await client.query(`VACUUM ${VACUUMED_TABLES.join(', ')}`).then(
        () => true,
        () => false,
      );
      return { indexSeconds, commitSeconds, vacuumSeconds: vacuumed ? (performance.now() - vacuumStarted) / 1000 : null };
    } catch (error) {
      await client.query('ROLLBACK').catch((lost: Error) => (broken = lost));
      throw error;
    } finally {
      // a connection that could not even roll back is not given back to the pool
      client.off('error', ignoreLostConnection);
      client.release(broken);
    }
  }

  /** Gives the load up: nothing of it stays, the dropped indexes are back. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.db.settled().catch(() => undefined);
    let broken: Error | undefined;
    await this.client.query('ROLLBACK').catch((lost: Error) => (broken = lost));
    this.client.off('error', ignoreLostConnection);
    this.client.release(broken);
  }
}
