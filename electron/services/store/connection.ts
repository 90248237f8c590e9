/**
 * The one read-write connection of the store, with its prepared statements. Restoring a backup closes
 * the file and opens another one, so services ask this holder for the current connection on every call
 * and never keep a Database or a Statement of their own.
 */
import { statSync } from 'node:fs';
import type { Db, Statement } from './db';

/** Which file is at a path (device and inode / file index): tells a file replaced under us from the one we opened. */
export function fileIdentity(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** Thrown inside a write when the live file is no longer the one this connection has open. */
export class ReplacedDatabaseError extends Error {
  readonly code = 'HUIMIN_REPLACED';
  constructor() {
    super('the database file was replaced by another program');
  }
}

/**
 * Commits between WAL checkpoints. A checkpoint copies the WAL into the database file and, with
 * synchronous=FULL, syncs it: tens of milliseconds that would land inside whichever save crossed
 * SQLite's own threshold. Instead it runs right after a save has answered (setImmediate), off the
 * desk's critical path; SQLite's automatic checkpoint (db.ts) stays as the backstop.
 */
const WRITES_PER_CHECKPOINT = 32;

export class Connection {
  private current: Db | null;
  private statements = new Map<string, Statement>();
  private writesSinceCheckpoint = 0;
  private checkpointQueued = false;
  /** bumped whenever a different file is opened: caches of its content (compression dictionaries) check it */
  generation = 0;
  /** the file this connection opened (null: not checked, e.g. a private copy) */
  private identity: string | null;

  constructor(
    readonly path: string,
    db: Db,
  ) {
    this.current = db;
    this.identity = fileIdentity(path);
  }

  /** The live file is not the one open here any more (another program restored or replaced it). */
  get replacedUnderneath(): boolean {
    return this.identity !== null && fileIdentity(this.path) !== this.identity;
  }

  get db(): Db {
    if (!this.current) throw new Error('case store is closed');
    return this.current;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** A cached prepared statement (SQL text is always a constant of the code: values are bound, never spliced). */
  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * BEGIN IMMEDIATE: take the write lock first, so a second process never makes us fail half-way. Inside
   * it, the file is checked to still be the live one: a save must never be acknowledged when it went
   * to a file another program has set aside (folderLock.ts keeps other writers out; this is the backstop).
   */
  write<T>(work: () => T): T {
    const result = this.db
      .transaction(() => {
        if (this.replacedUnderneath) throw new ReplacedDatabaseError();
        return work();
      })
      .immediate();
    this.writesSinceCheckpoint += 1;
    if (this.writesSinceCheckpoint >= WRITES_PER_CHECKPOINT && !this.checkpointQueued) {
      this.checkpointQueued = true;
      setImmediate(() => this.checkpointSoon());
    }
    return result;
  }

  private checkpointSoon(): void {
    this.checkpointQueued = false;
    this.writesSinceCheckpoint = 0;
    if (!this.current || this.current.inTransaction) return;
    try {
      this.current.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // a busy or failing checkpoint is retried by the next one (or by SQLite's own)
    }
  }

  /**
   * Closes the file after folding the WAL back into it (so the .sqlite3 alone is the whole database)
   * and, when no other program has it open, leaving WAL mode: a file in rollback mode can be read
   * from a write-protected USB stick, where SQLite cannot create the -shm a WAL file needs.
   */
  close(): void {
    if (!this.current) return;
    try {
      if (!this.current.readonly) {
        this.current.pragma('wal_checkpoint(TRUNCATE)');
        try {
          this.current.pragma('journal_mode = DELETE');
        } catch {
          // another program reads it (SQLITE_BUSY): the file stays in WAL mode, which is fine
        }
      }
    } finally {
      this.statements.clear();
      this.current.close();
      this.current = null;
    }
  }

  /** After a restore: the same path now holds another database. */
  replace(db: Db): void {
    if (this.current) throw new Error('close the connection before replacing it');
    this.current = db;
    this.statements.clear();
    this.generation += 1;
    this.identity = fileIdentity(this.path);
  }
}
