/**
 * 恢复: replaces the live database with a backup the operator chose. The backup is copied into the
 * data folder first and every check (is it ours, not from a newer version, PRAGMA integrity_check,
 * foreign keys) runs on that copy, so the chosen file — perhaps on a USB stick — is only read. Only a
 * copy that passes replaces the live file; the live file is kept beside it under a timestamped name.
 * A backup from an older version is upgraded as it is opened. The folders a backup carries
 * (backupFolders.ts) are unpacked beside the live ones first and swapped in only once the database is in
 * place; a backup that carries none leaves the live folders as they are.
 */
import { existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors';
import { discardStaged, stageFolders, swapFolders } from './backupFolders';
import { checkDatabaseIntegrity } from './databaseCheck';
import type { Db, OpenOptions } from './db';
import { localClock, localDay } from './localTime';
import { openCaseDatabase } from './openCaseDatabase';

export interface RestoreOutcome {
  restoredFrom: string;
  /** where the database that was live before is kept (null when there was none) */
  keptAside: string | null;
  /** schema version of the backup (upgraded on opening when older) */
  backupVersion: number;
  /** the data-folder folders brought back from the backup (none for a backup that carries none) */
  foldersRestored: string[];
  /** where the folders they replaced are kept */
  foldersKeptAside: string[];
  /** folders that could not be put in place, in Chinese (the database was restored) */
  folderProblems: string[];
}

/** What holds the live file open: let go of it before the swap, take the new one after. */
export interface LiveFileHolder {
  release(): void;
  adopt(db: Db): void;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // not there
  }
}

/** The -wal/-shm a read-only check may leave beside a file (empty: nothing was written). */
function removeSideFiles(file: string): void {
  for (const suffix of SIDE_FILES) removeQuietly(file + suffix);
}

function moveWithSideFiles(from: string, to: string): void {
  renameSync(from, to);
  for (const suffix of SIDE_FILES) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

export async function restoreDatabaseFile(
  live: string,
  backupFile: string,
  holder: LiveFileHolder,
  options: OpenOptions & { now: () => Date; carriedFolders?: readonly string[] },
): Promise<Result<RestoreOutcome>> {
  const source = resolve(backupFile);
  if (source === resolve(live)) return fail('不能用正在使用的数据库文件恢复，请选择备份文件', 'file');
  if (!existsSync(source) || !statSync(source).isFile()) return fail(`找不到备份文件「${source}」`, 'file');

  const time = options.now();
  const stamp = `${localDay(time)}-${localClock(time)}`;
  const candidate = `${live}.restoring-${stamp}`;
  try {
    await copyFile(source, candidate);
  } catch (error) {
    removeQuietly(candidate);
    return fail(`无法读取备份文件「${basename(source)}」（${(error as Error).message}）`, 'file');
  }
  const checked = checkDatabaseIntegrity(candidate);
  removeSideFiles(candidate);
  if (!checked.ok) {
    removeQuietly(candidate);
    return { ok: false, errors: checked.errors.map((error) => ({ message: error.message.replace(basename(candidate), basename(source)), path: 'file' })) };
  }
  const dataDir = dirname(live);
  const staged = stageFolders(candidate, dataDir, options.carriedFolders ?? [], stamp);
  if (!staged.ok) {
    removeQuietly(candidate);
    return staged;
  }

  holder.release();
  const replaced = existsSync(live) ? `${live}.replaced-${stamp}` : null;
  try {
    if (replaced) moveWithSideFiles(live, replaced);
  } catch (error) {
    // Windows will not rename a file another reader holds open (an export in progress)
    removeQuietly(candidate);
    discardStaged(staged.value);
    const reopened = openCaseDatabase(live, options);
    if (reopened.ok) holder.adopt(reopened.value.db);
    return fail(`数据库文件正被占用（如正在导出），未做任何改动，请稍后再恢复（${(error as Error).message}）`, 'file');
  }
  renameSync(candidate, live);

  const opened = openCaseDatabase(live, options);
  if (!opened.ok) {
    // put the previous database back exactly as it was
    removeQuietly(live);
    removeSideFiles(live);
    if (replaced) moveWithSideFiles(replaced, live);
    const reopened = openCaseDatabase(live, options);
    if (reopened.ok) holder.adopt(reopened.value.db);
    discardStaged(staged.value);
    return { ok: false, errors: opened.errors.map((error) => ({ ...error, message: `恢复失败，已保持原数据库不变：${error.message}` })) };
  }
  holder.adopt(opened.value.db);
  const folders = swapFolders(dataDir, staged.value, stamp);
  return ok({
    restoredFrom: source,
    keptAside: replaced,
    backupVersion: checked.value.version,
    foldersRestored: folders.restored,
    foldersKeptAside: folders.keptAside,
    folderProblems: folders.problems,
  });
}
