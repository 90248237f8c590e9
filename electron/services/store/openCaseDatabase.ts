/**
 * Opens the case database at a path, whatever state it is in: creates a new one (0600, privateFiles.ts),
 * upgrades an older one (after copying it aside), refuses a file that is not ours or comes from a newer
 * version (left untouched), computes the checksum of revisions written before checksums existed
 * (revisionAudit.ts), and rebuilds the derived search index when its version differs from the code's.
 */
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors';
import { openReadOnly, openReadWrite, type Db, type OpenOptions } from './db';
import { inspectDatabaseFile } from './databaseCheck';
import { localClock, localDay } from './localTime';
import { migrate, SCHEMA_VERSION } from './migrations';
import { createPrivateFile, makePrivate } from './privateFiles';
import { sealUnsealedRevisions } from './revisionAudit';
import { rebuildSearchIndex, searchIndexIsCurrent } from './searchIndex';

export interface OpenedDatabase {
  db: Db;
  /** schema version found in the file (0: new) */
  previousVersion: number;
  /** the copy made before an upgrade, or null */
  upgradeCopy: string | null;
  /** cases indexed when the search index was rebuilt, or null when it was current */
  reindexed: number | null;
  /** revisions written before checksums existed that got theirs now (an upgrade from version 4 or older) */
  sealed: number;
}

export function openCaseDatabase(path: string, options: OpenOptions & { now: () => Date }): Result<OpenedDatabase> {
  const inspected = inspectDatabaseFile(path);
  if (!inspected.ok) return inspected;
  const previousVersion = inspected.value.state === 'database' ? inspected.value.version : 0;

  let upgradeCopy: string | null = null;
  if (previousVersion > 0 && previousVersion < SCHEMA_VERSION) {
    // an upgrade is the one moment old data is rewritten: keep the file as it was
    const time = options.now();
    upgradeCopy = join(dirname(path), `${basename(path)}.v${previousVersion}-before-upgrade-${localDay(time)}-${localClock(time)}`);
    const reader = openReadOnly(path);
    try {
      createPrivateFile(upgradeCopy);
      reader.prepare('VACUUM INTO ?').run(upgradeCopy);
    } catch (error) {
      return fail(`升级数据库前备份失败（${(error as Error).message}），未做任何改动；请检查数据文件夹所在磁盘的剩余空间`);
    } finally {
      reader.close();
    }
  }

  let db: Db;
  try {
    if (previousVersion === 0) createPrivateFile(path);
    else makePrivate(path);
    db = openReadWrite(path, options);
  } catch (error) {
    return fail(`无法打开数据库「${basename(path)}」：${(error as Error).message}`);
  }
  try {
    migrate(db);
    const sealed = db.transaction(() => sealUnsealedRevisions(db)).immediate();
    let reindexed: number | null = null;
    if (!searchIndexIsCurrent(db)) reindexed = db.transaction(() => rebuildSearchIndex(db)).immediate();
    return ok({ db, previousVersion, upgradeCopy, reindexed, sealed });
  } catch (error) {
    db.close();
    return fail(`数据库升级未完成（${(error as Error).message}）${upgradeCopy ? `；升级前的副本在「${upgradeCopy}」` : ''}`);
  }
}
