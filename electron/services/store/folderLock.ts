/**
 * 一个数据文件夹同时只有一个程序写入. The desktop app and `npm run web` may be pointed at the same
 * folder (a USB stick moved between them, two windows on one PC): the first to open it writes, the
 * second opens it read-only and says who holds it since when.
 *
 * The lock is an operating-system file lock, taken through SQLite on a small file of its own
 * (huimin.lock, locking_mode=EXCLUSIVE: the exclusive lock taken by its first write is kept until the
 * connection closes). SQLite uses fcntl() locks on Linux and macOS and LockFileEx() on Windows; both
 * work on local disks and USB sticks (FAT32, exFAT, NTFS, ext4), both exclude other connections in the
 * same process as well, and the operating system drops them when the process ends in any way —
 * including SIGKILL or a power cut — so a crashed program never leaves a lock behind and two programs
 * starting at once cannot both get it. (Network shares are not supported, as for SQLite itself.)
 *
 * Who holds it is written beside it (huimin.lock.json: program, computer, process id, since when), for
 * the message; it is removed on a clean close. Finding it when taking the lock means the previous
 * holder did not close cleanly (killed, crashed, unplugged): the lock is taken over and that is said.
 * The lock file itself is never opened other than through SQLite: closing any other descriptor of it
 * would drop the process's fcntl() locks on it.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseOptions, type Db } from './db';
import { isoWithOffset } from './localTime';
import { createPrivateFile, ensurePrivateFolder, PRIVATE_FILE_MODE } from './privateFiles';

export const LOCK_FILE_NAME = 'huimin.lock';
export const HOLDER_FILE_NAME = 'huimin.lock.json';

export interface LockHolder {
  /** which program, in the words of the message: 桌面版 / 浏览器版（npm run web）/ … */
  program: string;
  host: string;
  pid: number;
  /** when it took the folder (ISO with offset) */
  since: string;
}

export type LockOutcome =
  | { state: 'held'; lock: FolderLock }
  | { state: 'busy'; holder: LockHolder | null }
  | { state: 'readOnly'; reason: string };

const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

function isReadOnlyFailure(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return READ_ONLY_CODES.has(code) || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR');
}

function isBusy(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE_NAME), 'utf8')) as Partial<LockHolder>;
    if (typeof value.program !== 'string' || typeof value.host !== 'string' || typeof value.pid !== 'number' || typeof value.since !== 'string') return null;
    return { program: value.program.slice(0, 40), host: value.host.slice(0, 100), pid: value.pid, since: value.since.slice(0, 40) };
  } catch {
    return null;
  }
}

function writeHolder(dataDir: string, holder: LockHolder): void {
  const path = join(dataDir, HOLDER_FILE_NAME);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(holder, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temp, path);
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export class FolderLock {
  private db: Db | null;

  constructor(
    readonly dataDir: string,
    db: Db,
    readonly holder: LockHolder,
    /** a program that held the folder and did not close cleanly: this lock took over from it */
    readonly takenOver: LockHolder | null,
  ) {
    this.db = db;
  }

  get held(): boolean {
    return this.db !== null;
  }

  /** Lets go of the folder: the holder note first (only if it is still ours), then the lock. */
  release(): void {
    if (!this.db) return;
    const written = readHolder(this.dataDir);
    if (written && written.pid === this.holder.pid && written.since === this.holder.since && written.host === this.holder.host) {
      rmSync(join(this.dataDir, HOLDER_FILE_NAME), { force: true });
    }
    this.db.close();
    this.db = null;
  }
}

/**
 * Takes the folder for writing, or says why not: another program holds it (and which, when known), or
 * the folder cannot be written at all (a write-protected USB stick, no permission).
 */
export function acquireFolderLock(dataDir: string, program: string, now: () => Date = () => new Date()): LockOutcome {
  const path = join(dataDir, LOCK_FILE_NAME);
  let db: Db | null = null;
  try {
    ensurePrivateFolder(dataDir);
    if (!existsSync(path)) createPrivateFile(path);
    // a short wait, not none: programs starting at the same moment each take a SHARED lock on the way to
    // EXCLUSIVE, and with no wait at all both can give up (neither writes); the loser waits this long
    // for a holder that keeps the lock for good, then says who holds it
    db = new Database(path, databaseOptions({ timeout: 500 }));
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS taken (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL)');
    const holder: LockHolder = { program, host: hostname(), pid: process.pid, since: isoWithOffset(now()) };
    db.prepare('INSERT OR REPLACE INTO taken (id, holder) VALUES (1, ?)').run(JSON.stringify(holder));
    db.exec('COMMIT');
    // the exclusive lock stays with this connection from here on (locking_mode = EXCLUSIVE)
    const takenOver = readHolder(dataDir);
    writeHolder(dataDir, holder);
    return { state: 'held', lock: new FolderLock(dataDir, db, holder, takenOver) };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // closing after a failed open
    }
    if (isBusy(error)) return { state: 'busy', holder: holderOfBusyFolder(dataDir) };
    if (isReadOnlyFailure(error)) return { state: 'readOnly', reason: readOnlyReason(error) };
    throw error;
  }
}

/** The note of the program holding the folder; it may be a moment late (the holder writes it just after locking). */
function holderOfBusyFolder(dataDir: string): LockHolder | null {
  for (let attempt = 0; attempt < 10; attempt++) {
    const holder = readHolder(dataDir);
    if (holder) return holder;
    pause(30);
  }
  return null;
}

function readOnlyReason(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'EROFS') return '数据文件夹所在的磁盘或U盘是只读的（可能打开了写保护开关）';
  return '数据文件夹不能写入（U盘写保护，或当前用户没有写入权限）';
}

/** "浏览器版（npm run web），电脑 office-pc，进程 1234，自 2026-03-05 09:00 起" */
export function describeHolder(holder: LockHolder): string {
  const since = holder.since.slice(0, 16).replace('T', ' ');
  return `${holder.program}，电脑「${holder.host}」，进程 ${holder.pid}，自 ${since} 起`;
}
