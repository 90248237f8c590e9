/**
 * Opening the case database for viewing only: when another program writes the folder (folderLock.ts),
 * or the folder cannot be written (a write-protected USB stick). Reading, searching and printing work;
 * nothing is written to the folder.
 *
 * The live file is opened read-only when it can be used as it is. When it cannot — a WAL-mode file on
 * a write-protected stick (SQLite needs to create its -shm beside it), a file from an older version
 * (it would need an upgrade) or one whose search index was built by other code — a copy is taken into
 * a private temporary folder and opened there (upgraded and indexed as usual): what is shown is the
 * folder as it was when it was opened, and the banner says so.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors';
import { APPLICATION_ID, openReadOnly, type Db, type OpenOptions } from './db';
import { SCHEMA_VERSION } from './migrations';
import { openCaseDatabase } from './openCaseDatabase';
import { makePrivate } from './privateFiles';
import { searchIndexIsCurrent } from './searchIndex';

export interface ReadOnlyDatabase {
  db: Db;
  /** the private copy being shown, or null when the live file itself is open */
  copy: string | null;
  /** removes the copy (when there is one) after the connection is closed */
  discard(): void;
}

function openLive(path: string): Db | null {
  try {
    const db = openReadOnly(path);
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      const ours = db.pragma('application_id', { simple: true }) === APPLICATION_ID;
      if (ours && version === SCHEMA_VERSION && searchIndexIsCurrent(db)) return db;
    } catch {
      // not readable in place
    }
    db.close();
  } catch {
    // SQLITE_CANTOPEN / SQLITE_READONLY_DIRECTORY: a WAL file in a folder SQLite cannot write
  }
  return null;
}

export function openReadOnlyDatabase(path: string, options: OpenOptions & { now: () => Date }): Result<ReadOnlyDatabase> {
  if (!existsSync(path) || statSync(path).size === 0) return fail(`数据文件夹中还没有案卷数据库（${basename(path)}），而此文件夹不能写入，无法新建`);
  const live = openLive(path);
  if (live) return ok({ db: live, copy: null, discard: () => {} });

  const folder = mkdtempSync(join(tmpdir(), 'huimin-readonly-'));
  const discard = () => rmSync(folder, { recursive: true, force: true });
  try {
    const copy = join(folder, basename(path));
    copyFileSync(path, copy);
    makePrivate(copy);
    // the last commits may still be in the WAL (the writer is running, or crashed), or a hot journal
    // may undo a write cut short: they come along
    for (const side of ['-wal', '-journal']) {
      if (!existsSync(`${path}${side}`)) continue;
      copyFileSync(`${path}${side}`, `${copy}${side}`);
      makePrivate(`${copy}${side}`);
    }
    // the copy is checked like any file: ours, not from a newer version (openCaseDatabase refuses those)
    const opened = openCaseDatabase(copy, { ...options, durability: 'normal' });
    if (!opened.ok) {
      discard();
      return opened;
    }
    return ok({ db: opened.value.db, copy, discard });
  } catch (error) {
    discard();
    return fail(`无法以只读方式打开数据库（${(error as Error).message}）`);
  }
}
