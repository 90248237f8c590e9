/**
 * The schema, as numbered steps. PRAGMA user_version records the last step applied; each step runs in
 * its own transaction together with the version bump, so a crash leaves the file at one version or the
 * next, never between. A released step is never edited: a change is a new step. Every version has a
 * fixture builder in tests/integration/store/fixtures/schemaVersions.ts (its DDL as it was) and is
 * upgraded to the latest in the tests.
 *
 * Steps hold DDL only. What the derived search tables contain is versioned apart
 * (SEARCH_INDEX_VERSION in searchIndex.ts) and rebuilt with the current code after the steps, so an
 * old step never runs code written for a newer schema.
 *
 * Versions 1–4 are the order in which the schema was first built, kept as steps so the upgrade path is
 * exercised (with data) from the start; 5 adds revision checksums (issue 14); 7 marks the revisions whose
 * result is stored without its explanation steps (重新测算, issue 16).
 */
import type { Db } from './db';
import { APPLICATION_ID } from './db';

export interface Migration {
  version: number;
  /** what the step adds, for the upgrade log */
  title: string;
  up(db: Db): void;
}

/** Append-only tables refuse UPDATE and DELETE in the database itself, whatever code runs against it. */
function appendOnly(table: string, label: string): string {
  return `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${label}只能追加，不能修改'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${label}只能追加，不能删除'); END;`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    title: '案卷与修订记录',
    up(db) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(`
        CREATE TABLE cases (
          id INTEGER PRIMARY KEY,
          year INTEGER NOT NULL,
          sequence INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (year, sequence)
        );
        CREATE TABLE revisions (
          id INTEGER PRIMARY KEY,
          case_id INTEGER NOT NULL REFERENCES cases(id),
          revision INTEGER NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('save', 'void', 'recalc')),
          saved_at TEXT NOT NULL,
          operator TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          pack_version TEXT NOT NULL,
          void_reason TEXT,
          input TEXT NOT NULL,
          result TEXT NOT NULL,
          UNIQUE (case_id, revision),
          CHECK ((kind = 'void') = (void_reason IS NOT NULL))
        );
        ${appendOnly('cases', '案卷登记')}
        ${appendOnly('revisions', '案卷修订记录')}
      `);
    },
  },
  {
    version: 2,
    title: '设置与打印记录',
    up(db) {
      db.exec(`
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE print_log (
          id INTEGER PRIMARY KEY,
          revision_id INTEGER NOT NULL REFERENCES revisions(id),
          document TEXT NOT NULL,
          operator TEXT NOT NULL,
          printed_at TEXT NOT NULL
        );
        CREATE INDEX print_log_revision ON print_log (revision_id);
        ${appendOnly('print_log', '打印记录')}
      `);
    },
  },
  {
    version: 3,
    title: '修订内容压缩（预置字典）',
    up(db) {
      // rows written before this step keep codec 0 (JSON text) and are read as such
      db.exec(`
        CREATE TABLE dictionaries (
          id INTEGER PRIMARY KEY,
          pack_id TEXT NOT NULL,
          pack_version TEXT NOT NULL,
          created_at TEXT NOT NULL,
          bytes BLOB NOT NULL
        );
        ${appendOnly('dictionaries', '压缩字典')}
        ALTER TABLE revisions ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE revisions ADD COLUMN dictionary_id INTEGER REFERENCES dictionaries(id);
      `);
    },
  },
  {
    version: 4,
    title: '检索索引',
    up(db) {
      db.exec(`
        CREATE TABLE case_search (
          case_id INTEGER PRIMARY KEY,
          case_no TEXT NOT NULL,
          revision_id INTEGER NOT NULL,
          revision INTEGER NOT NULL,
          kind TEXT NOT NULL,
          voided INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          saved_at TEXT NOT NULL,
          operator TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          pack_version TEXT NOT NULL,
          head_name TEXT NOT NULL,
          head_id_masked TEXT,
          ids_masked TEXT NOT NULL,
          member_names TEXT NOT NULL,
          member_initials TEXT NOT NULL,
          member_count INTEGER NOT NULL,
          township TEXT NOT NULL,
          village TEXT NOT NULL,
          household_status TEXT NOT NULL,
          statuses TEXT NOT NULL,
          as_of TEXT NOT NULL,
          year INTEGER,
          total_annual TEXT NOT NULL,
          benefits TEXT NOT NULL,
          terms TEXT NOT NULL
        );
        CREATE TABLE search_terms (
          term TEXT NOT NULL,
          updated_at INTEGER NOT NULL,
          case_id INTEGER NOT NULL,
          facets INTEGER NOT NULL,
          PRIMARY KEY (term, updated_at, case_id)
        ) WITHOUT ROWID;
        CREATE TABLE places (
          township TEXT NOT NULL,
          village TEXT NOT NULL,
          PRIMARY KEY (township, village)
        ) WITHOUT ROWID;
        CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      `);
      // no index version recorded yet: openStore fills the index from the revisions (searchIndex.ts)
    },
  },
  {
    version: 5,
    title: '修订校验值与编号下限',
    up(db) {
      // Revisions saved before this step get their checksum once, when the file is opened
      // (revisionAudit.ts sealUnsealedRevisions): the one UPDATE the database allows is filling a
      // missing checksum, every other column unchanged. New revisions must carry one.
      // number_floors: case ids, revision ids and case numbers are issued above these (numberFloors.ts).
      db.exec(`
        ALTER TABLE revisions ADD COLUMN checksum BLOB;
        DROP TRIGGER revisions_no_update;
        CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
        WHEN NOT (
          OLD.checksum IS NULL AND length(NEW.checksum) = 32 AND typeof(NEW.checksum) = 'blob'
          AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.revision = OLD.revision AND NEW.kind = OLD.kind
          AND NEW.saved_at = OLD.saved_at AND NEW.operator = OLD.operator AND NEW.pack_id = OLD.pack_id
          AND NEW.pack_version = OLD.pack_version AND NEW.void_reason IS OLD.void_reason AND NEW.codec = OLD.codec
          AND NEW.dictionary_id IS OLD.dictionary_id AND NEW.input = OLD.input AND NEW.result = OLD.result
        )
        BEGIN SELECT RAISE(ABORT, '案卷修订记录只能追加，不能修改'); END;
        CREATE TRIGGER revisions_need_checksum BEFORE INSERT ON revisions
        WHEN typeof(NEW.checksum) <> 'blob' OR length(NEW.checksum) <> 32
        BEGIN SELECT RAISE(ABORT, '案卷修订记录缺少校验值'); END;
        CREATE TABLE number_floors (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 6,
    title: '县级回执',
    up(db) {
      // 上报县级: which revisions the county server (by its key fingerprint) confirmed it holds (countySync/ledger.ts)
      db.exec(`
        CREATE TABLE county_acks (
          server_fingerprint TEXT NOT NULL,
          revision_id INTEGER NOT NULL REFERENCES revisions(id),
          acked_at TEXT NOT NULL,
          conflict INTEGER NOT NULL CHECK (conflict IN (0, 1)),
          PRIMARY KEY (server_fingerprint, revision_id)
        ) WITHOUT ROWID;
        ${appendOnly('county_acks', '县级回执')}
      `);
    },
  },
  {
    version: 7,
    title: '重新测算的修订不存计算明细',
    up(db) {
      // steps_omitted = 1: the revision's result was stored without its explanation steps (a 重新测算
      // writes it so; a 作废 of such a revision copies it). Reading one computes the steps again from
      // its input and the pack it names (omittedSteps.ts). Every earlier revision keeps 0. The update
      // trigger is the v5 one with the new column among those a sealing must leave unchanged.
      db.exec(`
        ALTER TABLE revisions ADD COLUMN steps_omitted INTEGER NOT NULL DEFAULT 0 CHECK (steps_omitted IN (0, 1));
        DROP TRIGGER revisions_no_update;
        CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
        WHEN NOT (
          OLD.checksum IS NULL AND length(NEW.checksum) = 32 AND typeof(NEW.checksum) = 'blob'
          AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.revision = OLD.revision AND NEW.kind = OLD.kind
          AND NEW.saved_at = OLD.saved_at AND NEW.operator = OLD.operator AND NEW.pack_id = OLD.pack_id
          AND NEW.pack_version = OLD.pack_version AND NEW.void_reason IS OLD.void_reason AND NEW.codec = OLD.codec
          AND NEW.dictionary_id IS OLD.dictionary_id AND NEW.input = OLD.input AND NEW.result = OLD.result
          AND NEW.steps_omitted = OLD.steps_omitted
        )
        BEGIN SELECT RAISE(ABORT, '案卷修订记录只能追加，不能修改'); END;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every step above the file's version, each in its own transaction. Returns the steps applied. */
export function migrate(db: Db, steps: readonly Migration[] = MIGRATIONS): Migration[] {
  const applied: Migration[] = [];
  for (const migration of steps) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration);
  }
  return applied;
}
