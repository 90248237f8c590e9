/**
 * Opens the case database with the settings every connection of the app must share. One read-write
 * connection per process (the main process, or the `npm run web` host); export and backup checks open
 * extra read-only ones.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode NORMAL already survives a crash of the program,
 * but a power cut can lose the last commits; township offices do lose power, and staff are told that a
 * saved case is kept. FULL costs one fsync of the WAL per save (≈1 ms here, see tests/bench), which is
 * well inside the save budget. 'normal' exists for bulk imports and benchmarks that want to compare.
 */
import Database from 'better-sqlite3';

export type Db = Database.Database;
export type Statement = Database.Statement;

/** The file inside the data folder (the same name electron/services/index.ts reports as databasePath). */
export const DATABASE_FILE_NAME = 'huimin.sqlite3';

/** PRAGMA application_id "HMC1": tells our database from any other SQLite file someone picks. */
export const APPLICATION_ID = 0x484d4331;

export type Durability = 'full' | 'normal';

export interface OpenOptions {
  durability?: Durability;
  /** SQLite page cache per connection, in MiB (default 64: the hot part of the search index) */
  cacheMiB?: number;
}

/**
 * The better-sqlite3 addon this process loads (undefined: node_modules' own). The desktop app run from
 * a checkout sets it once at start to the Electron-ABI build scripts/start.ts keeps outside
 * node_modules, whose build stays Node's for the tests. Process-wide, so every connection (read-only
 * checks, exports, backup copies) loads the same addon.
 */
let nativeBinding: string | undefined;

export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** better-sqlite3 options with the addon this process uses. */
export function databaseOptions(options: Database.Options = {}): Database.Options {
  return nativeBinding === undefined ? options : { ...options, nativeBinding };
}

/** How long a writer waits for another process's write to finish before SQLITE_BUSY (the web host and the app may share a folder). */
export const BUSY_TIMEOUT_MS = 5000;

export function openReadWrite(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, databaseOptions({ timeout: BUSY_TIMEOUT_MS }));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    // temp_store stays FILE: a staged index rebuild sorts tens of millions of rows (searchIndex.ts)
    // the backstop only: connection.ts checkpoints after every few saves, outside them
    db.pragma('wal_autocheckpoint = 8192');
    // after a checkpoint the WAL is cut back, so a bulk import does not leave a huge -wal behind
    db.pragma('journal_size_limit = 67108864');
    // no mmap: the data folder may be on a USB stick, and an I/O error on a mapped page kills the process
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** A read-only connection: never writes, never creates a journal (when the file is not in WAL mode). */
export function openReadOnly(path: string): Db {
  const db = new Database(path, databaseOptions({ readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS }));
  db.pragma('cache_size = -16384');
  return db;
}
