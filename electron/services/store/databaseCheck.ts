/**
 * Looks at a database file before the store trusts it: is it an SQLite file at all, is it ours
 * (PRAGMA application_id), which schema version is it, is it intact. Reads only: a file that fails a
 * check is left exactly as it was.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors';
import { APPLICATION_ID, databaseOptions, openReadOnly, type Db } from './db';
import { SCHEMA_VERSION } from './migrations';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** the smallest SQLite database file: one page of the smallest page size */
const MIN_DATABASE_BYTES = 512;

export type FileState = { state: 'missing' } | { state: 'empty' } | { state: 'database'; version: number };

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    return header;
  } finally {
    closeSync(fd);
  }
}

const notOurs = (name: string) =>
  `「${name}」不是惠民政策测算台的数据库文件（可能已损坏，或是其他文件），未做任何改动。`;

/** Which kind of file is at `path`; refuses a non-database, another program's database, or a newer schema. */
export function inspectDatabaseFile(path: string): Result<FileState> {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return fail(`「${name}」不是文件，请选择数据库文件。`);
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ state: 'missing' });
    return fail(`无法读取「${name}」：${(error as Error).message}`);
  }
  if (size === 0) return ok({ state: 'empty' });
  if (size < MIN_DATABASE_BYTES || !readHeader(path).subarray(0, 16).equals(SQLITE_MAGIC)) return fail(notOurs(name));

  let db: Db;
  try {
    db = openRecovered(path);
  } catch (error) {
    return fail(`无法打开「${name}」：${(error as Error).message}。文件未做任何改动。`);
  }
  try {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
      if (applicationId === 0 && version === 0 && tables.n === 0) return ok({ state: 'empty' });
      return fail(notOurs(name));
    }
    if (version > SCHEMA_VERSION) {
      return fail(
        `「${name}」由更新版本的惠民政策测算台创建（数据库结构版本 ${version}，本程序最高支持 ${SCHEMA_VERSION}）。` +
          '请安装最新版本后再打开；文件未做任何改动。',
      );
    }
    return ok({ state: 'database', version });
  } catch (error) {
    // SQLITE_NOTADB / SQLITE_CORRUPT while reading the schema
    return fail(`${notOurs(name)}（${(error as Error).message}）`);
  } finally {
    db.close();
  }
}

/**
 * A read-only connection, after letting SQLite roll back a hot journal when there is one: a program
 * killed while it wrote in rollback mode (leaving WAL mode on close, connection.ts) leaves a journal
 * that a read-only connection may not apply. Rolling it back restores the file as it was before that
 * write, which is SQLite's own recovery.
 */
function openRecovered(path: string): Db {
  try {
    return openReadOnly(path);
  } catch (error) {
    if (!existsSync(`${path}-journal`)) throw error;
    const writer = new Database(path, databaseOptions({ fileMustExist: true }));
    try {
      writer.pragma('schema_version');
    } finally {
      writer.close();
    }
    return openReadOnly(path);
  }
}

/** PRAGMA integrity_check and foreign_key_check on a file that inspectDatabaseFile accepted. */
export function checkDatabaseIntegrity(path: string): Result<{ version: number }> {
  const name = basename(path);
  const inspected = inspectDatabaseFile(path);
  if (!inspected.ok) return inspected;
  if (inspected.value.state !== 'database') return fail(`「${name}」是空文件，不是备份。`);
  let db;
  try {
    db = openReadOnly(path);
  } catch (error) {
    return fail(`无法打开「${name}」：${(error as Error).message}`);
  }
  try {
    const problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      return fail(`「${name}」已损坏，完整性检查未通过（${problems.slice(0, 3).join('；')}），不能用于恢复。`);
    }
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) return fail(`「${name}」中有 ${orphans.length} 条记录的关联缺失，不能用于恢复。`);
    return ok({ version: inspected.value.version });
  } catch (error) {
    return fail(`「${name}」已损坏，无法完成完整性检查（${(error as Error).message}），不能用于恢复。`);
  } finally {
    db.close();
  }
}
