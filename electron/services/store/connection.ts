/**
 * The one read-write connection of the store, with its prepared statements. Restoring a backup closes
 * the file and opens another one, so services ask this holder for the current connection on every call
 * and never keep a Database or a Statement of their own.
 */
import type { Db, Statement } from './db';

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

  constructor(
    readonly path: string,
    db: Db,
  ) {
    this.current = db;
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

  /** BEGIN IMMEDIATE: take the write lock first, so a second process never makes us fail half-way. */
  write<T>(work: () => T): T {
    const result = this.db.transaction(work).immediate();
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

  /** Closes the file after folding the WAL back into it (so the .sqlite3 alone is the whole database). */
  close(): void {
    if (!this.current) return;
    try {
      if (!this.current.readonly) this.current.pragma('wal_checkpoint(TRUNCATE)');
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
  }
}
