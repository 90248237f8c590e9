/**
 * 恢复: replaces the live database with a backup the operator chose, losing nothing saved since.
 *
 *  1. The backup's manifest is checked and its database part copied into the data folder, hashed on the
 *     way (backupManifest.ts): the chosen file — perhaps on a USB stick — is only read, and any damaged
 *     byte refuses the whole file. Then PRAGMA integrity_check and the foreign keys, on the copy.
 *  2. The folders it carries (packs/) are unpacked beside the live ones and verified (a verifier given
 *     by the caller: signed packs against the backup's county keys, which are only trusted because the
 *     backup verified). A folder that fails is not restored; the live one stays.
 *  3. The copy is opened as a case database (an older one is upgraded), every revision is checked
 *     against its checksum and chain (revisionAudit.ts) — one damaged revision refuses the backup — and
 *     the search index is rebuilt from the revisions.
 *  4. Synchronously from here, so no save can come in between: the live database is closed, attached,
 *     and every revision saved after the backup merged into the copy (restoreMerge.ts); the number
 *     floors are raised above everything either file or the folder's high-water marks ever issued.
 *  5. A note says what is about to be renamed (restoreJournal.ts); the live file is set aside under a
 *     name no other restore uses, the copy takes its place, the folders are swapped, the note removed.
 *
 * A restore killed anywhere leaves the live database as it was (before the note) or is finished when
 * the folder is next opened (after it).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors';
import { discardStaged, stageFolders, swapFolders, type StagedFolder } from './backupFolders';
import { copyVerifiedDatabase, readManifest } from './backupManifest';
import { checkDatabaseIntegrity } from './databaseCheck';
import type { Db, OpenOptions } from './db';
import { localClock, localDay } from './localTime';
import { highest, issuedIn, NO_NUMBERS, raiseFloors, type IssuedNumbers } from './numberFloors';
import type { NumberMarks } from './numberMarks';
import { openCaseDatabase } from './openCaseDatabase';
import { createPrivateFile } from './privateFiles';
import { ASIDE, asideIsMergeable, mergeSetAside, type MergeOutcome } from './restoreMerge';
import { moveWithSideFiles, removeRestoreNote, removeWithSideFiles, writeRestoreNote } from './restoreJournal';
import { auditRevisions } from './revisionAudit';
import { rebuildSearchIndex } from './searchIndex';

export interface RestoreOutcome {
  restoredFrom: string;
  /** where the database that was live before is kept (null when there was none) */
  keptAside: string | null;
  /** schema version of the backup (upgraded on opening when older) */
  backupVersion: number;
  /** 'manifest': every byte checked against the backup's manifest; 'legacy': a backup made before manifests (integrity check and revision checksums only) */
  verification: 'manifest' | 'legacy';
  /** revisions of the backup checked against their checksums */
  revisionsChecked: number;
  /** revisions saved after the backup, brought back from the database set aside (null: there was none) */
  merge: MergeOutcome | null;
  /** why the database set aside could not be merged from (damaged, another version), in Chinese */
  mergeProblem: string | null;
  /** the highest numbers ever issued in the folder: new ones start above */
  issued: IssuedNumbers;
  /** the data-folder folders brought back from the backup (none for a backup that carries none) */
  foldersRestored: string[];
  /** where the folders they replaced are kept */
  foldersKeptAside: string[];
  /** folders that were not restored, or not put in place (the database was restored), in Chinese */
  folderProblems: string[];
}

/** What holds the live file open: let go of it before the merge, take the new one after. */
export interface LiveFileHolder {
  release(): void;
  adopt(db: Db): void;
}

/** The points a restore passes, in order (a test kills the process at each one). */
export const RESTORE_STEPS = ['copied', 'verified', 'merging', 'merged', 'noted', 'set-aside', 'swapped', 'done'] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number];

export interface RestoreOptions extends OpenOptions {
  now: () => Date;
  carriedFolders?: readonly string[];
  /** checks a carried folder unpacked at `staged` before it may replace the live one; ok: warnings */
  verifyFolder?: (folder: string, staged: string) => Result<string[]>;
  /** the folder's high-water marks (numberMarks.ts): raised to what the restore found */
  marks: NumberMarks;
  /** between batches of the verification pass (the app yields to the desk there) */
  pause?: () => Promise<void>;
  onStep?: (step: RestoreStep) => void;
}

/** "2026-03-05-090000", or with "-2", "-3"… when a restore in the same second took it. */
function uniqueStamp(live: string, carried: readonly string[], time: Date): string {
  const base = `${localDay(time)}-${localClock(time)}`;
  const dataDir = dirname(live);
  const taken = (stamp: string) =>
    [`${live}.replaced-${stamp}`, `${live}.restoring-${stamp}`, ...carried.flatMap((folder) => [`${dataDir}/${folder}.replaced-${stamp}`, `${dataDir}/${folder}.restoring-${stamp}`])].some(
      (path) => existsSync(path),
    );
  let stamp = base;
  for (let n = 2; taken(stamp); n++) stamp = `${base}-${n}`;
  return stamp;
}

/** Closes a database so that the file alone is the whole of it (no -wal beside it). */
function closeWhole(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

export async function restoreDatabaseFile(live: string, backupFile: string, holder: LiveFileHolder, options: RestoreOptions): Promise<Result<RestoreOutcome>> {
  const source = resolve(backupFile);
  const name = basename(source);
  if (source === resolve(live)) return fail('不能用正在使用的数据库文件恢复，请选择备份文件', 'file');
  if (!existsSync(source) || !statSync(source).isFile()) return fail(`找不到备份文件「${source}」`, 'file');
  const step = options.onStep ?? (() => {});
  const dataDir = dirname(live);
  const carried = options.carriedFolders ?? [];
  const stamp = uniqueStamp(live, carried, options.now());
  const candidate = `${live}.restoring-${stamp}`;

  // 1. the bytes, against the manifest; then SQLite's own checks
  const found = readManifest(source, name);
  if (!found.ok) return found;
  try {
    createPrivateFile(candidate);
  } catch (error) {
    return fail(`数据文件夹不能写入，无法恢复（${(error as Error).message}）`, 'file');
  }
  const copied = await copyVerifiedDatabase(source, candidate, found.value, name);
  if (!copied.ok) {
    removeWithSideFiles(candidate);
    return copied;
  }
  step('copied');
  const checked = checkDatabaseIntegrity(candidate);
  if (!checked.ok) {
    removeWithSideFiles(candidate);
    return { ok: false, errors: checked.errors.map((error) => ({ message: error.message.replace(basename(candidate), name), path: 'file' })) };
  }

  // 2. the carried folders, unpacked and verified
  const stagedResult = stageFolders(candidate, dataDir, carried, stamp);
  if (!stagedResult.ok) {
    removeWithSideFiles(candidate);
    return stagedResult;
  }
  const folderProblems: string[] = [];
  let staged: StagedFolder[] = stagedResult.value;
  if (staged.length > 0 && found.value.kind === 'legacy') {
    discardStaged(staged);
    staged = [];
    folderProblems.push('此备份由较早版本制作，没有校验清单：其中的政策参数包和县级公钥未采用，本机现有的保持不变');
  }
  staged = staged.filter((entry) => {
    const verified = options.verifyFolder?.(entry.folder, entry.staged) ?? ok([]);
    if (verified.ok) {
      folderProblems.push(...verified.value);
      return true;
    }
    discardStaged([entry]);
    folderProblems.push(`备份中的「${entry.folder}」未通过校验，未恢复，本机现有的保持不变：${verified.errors.map((error) => error.message).join('；')}`);
    return false;
  });
  const abandon = () => {
    discardStaged(staged);
    removeWithSideFiles(candidate);
  };

  // 3. every revision checked, the index rebuilt from them
  const opened = openCaseDatabase(candidate, { ...options, durability: 'normal' });
  if (!opened.ok) {
    abandon();
    return { ok: false, errors: opened.errors.map((error) => ({ message: `备份未能打开，不能用于恢复：${error.message}`, path: 'file' })) };
  }
  const db = opened.value.db;
  let audit;
  try {
    audit = await auditRevisions(db, options.pause);
    if (audit.damagedCount > 0) {
      const first = audit.damaged[0] as { caseNo: string; revision: number };
      db.close();
      abandon();
      return fail(`备份「${name}」中有 ${audit.damagedCount} 个修订未通过校验（如案卷 ${first.caseNo} 第${first.revision}版），整份不能用于恢复；现有数据未改动`, 'file');
    }
    db.transaction(() => rebuildSearchIndex(db)).immediate();
  } catch (error) {
    db.close();
    abandon();
    return fail(`备份「${name}」未能通过校验（${(error as Error).message}），不能用于恢复；现有数据未改动`, 'file');
  }
  step('verified');

  // 4. from here synchronously: the live file closed, what it holds beyond the backup merged in
  holder.release();
  const hadLive = existsSync(live);
  let merge: MergeOutcome | null = null;
  let mergeProblem: string | null = null;
  let issued: IssuedNumbers;
  try {
    step('merging');
    let aside: IssuedNumbers = NO_NUMBERS;
    let attached = false;
    if (hadLive) {
      try {
        db.prepare(`ATTACH DATABASE ? AS ${ASIDE}`).run(live);
        attached = true;
      } catch (error) {
        mergeProblem = `原数据库无法读取（${(error as Error).message}），备份之后保存的修订未能并入；原数据库已另存`;
      }
    }
    issued = db.transaction(() => {
      if (attached) {
        try {
          // a savepoint: a set-aside file that fails half-way merges nothing rather than half
          db.transaction(() => {
            if (!asideIsMergeable(db)) throw new Error('原数据库的结构版本与本程序不同');
            aside = issuedIn(db, ASIDE);
            merge = mergeSetAside(db);
          })();
        } catch (error) {
          mergeProblem = `原数据库未能读取完整（${(error as Error).message}），备份之后保存的修订未能并入；原数据库已另存，可交技术人员处理`;
          try {
            aside = issuedIn(db, ASIDE);
          } catch {
            aside = NO_NUMBERS;
          }
        }
      }
      const all = highest(issuedIn(db), aside, options.marks.marks);
      raiseFloors(db, all);
      return all;
    }).immediate();
    step('merged');
    if (attached) db.exec(`DETACH DATABASE ${ASIDE}`);
    options.marks.record(issued);
    options.marks.sync();
    closeWhole(db);
  } catch (error) {
    try {
      db.close();
    } catch {
      // already closed
    }
    abandon();
    return reopenLive(live, holder, options, `恢复未完成，现有数据未改动（${(error as Error).message}）`);
  }

  // 5. the renames, announced first
  const replaced = hadLive ? `${live}.replaced-${stamp}` : null;
  writeRestoreNote(dataDir, {
    stamp,
    candidate: basename(candidate),
    replaced: basename(replaced ?? `${live}.replaced-${stamp}`),
    folders: staged.map((entry) => ({ folder: entry.folder, staged: basename(entry.staged) })),
  });
  step('noted');
  try {
    if (replaced) moveWithSideFiles(live, replaced);
  } catch (error) {
    // Windows will not rename a file another program holds open (an export, a read-only window)
    removeRestoreNote(dataDir);
    abandon();
    return reopenLive(live, holder, options, `数据库文件正被占用（如正在导出，或另一个窗口正在查看），未做任何改动，请关闭后再恢复（${(error as Error).message}）`);
  }
  step('set-aside');
  moveWithSideFiles(candidate, live);
  step('swapped');
  const folders = swapFolders(dataDir, staged, stamp);
  removeRestoreNote(dataDir);

  const reopened = openCaseDatabase(live, options);
  if (!reopened.ok) {
    // cannot happen for a file that just passed every check; if it does, put the previous one back
    removeWithSideFiles(live);
    if (replaced) moveWithSideFiles(replaced, live);
    return reopenLive(live, holder, options, `恢复失败，已保持原数据库不变：${reopened.errors.map((error) => error.message).join('；')}`);
  }
  holder.adopt(reopened.value.db);
  step('done');
  return ok({
    restoredFrom: source,
    keptAside: replaced,
    backupVersion: checked.value.version,
    verification: found.value.kind,
    revisionsChecked: audit.revisions,
    merge,
    mergeProblem,
    issued,
    foldersRestored: folders.restored,
    foldersKeptAside: folders.keptAside,
    folderProblems: [...folderProblems, ...folders.problems],
  });
}

/** After a restore that changed nothing: the live file is opened again and the failure answered. */
function reopenLive(live: string, holder: LiveFileHolder, options: OpenOptions & { now: () => Date }, message: string): Result<never> {
  if (existsSync(live)) {
    const reopened = openCaseDatabase(live, options);
    if (reopened.ok) holder.adopt(reopened.value.db);
  }
  return fail(message, 'file');
}
