/**
 * The data folder holds more than the case database: packs/ keeps the county's local policy packs,
 * which one is in force, the county public keys and the change reports. A backup that carried only the
 * database would, after a dead disk, bring the cases back but compute new ones with the shipped pack.
 * So each backup file also carries those folders, as rows of one extra table inside the copy: a backup
 * stays one file that staff can carry on a USB stick. On 恢复 the folders are unpacked beside the live
 * ones, the table is dropped from the copy before it becomes the live database, and the live folders
 * are kept aside under a timestamped name, as the live database is.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '../../../shared/errors';
import { databaseOptions, type Db } from './db';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from './privateFiles';

export const FOLDER_TABLE = 'backup_data_folders';
/** a row with this path marks a folder as carried (so an empty or missing folder is restored as such) */
const FOLDER_MARK = '.';
/** folder names a backup may bring back: plain names in the data folder, nothing else */
const SAFE_FOLDER = /^[a-z][a-z0-9-]*$/;

/** Copies each named folder of the data folder into the backup copy (temporary *.tmp files are skipped). */
export function embedFolders(copy: Db, dataDir: string, folders: readonly string[]): void {
  if (folders.length === 0) return;
  copy.exec(`CREATE TABLE ${FOLDER_TABLE} (folder TEXT NOT NULL, path TEXT NOT NULL, content BLOB NOT NULL, PRIMARY KEY (folder, path)) WITHOUT ROWID`);
  const insert = copy.prepare(`INSERT INTO ${FOLDER_TABLE} (folder, path, content) VALUES (?, ?, ?)`);
  copy.transaction(() => {
    for (const folder of folders) {
      insert.run(folder, FOLDER_MARK, Buffer.alloc(0));
      const root = join(dataDir, folder);
      for (const path of filesUnder(root)) insert.run(folder, path, readFileSync(join(root, ...path.split('/'))));
    }
  })();
}

/** Relative paths (with "/") of the files under a folder; none when it does not exist. */
function filesUnder(root: string, prefix = ''): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesUnder(join(root, entry.name), path));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) found.push(path);
  }
  return found;
}

export interface StagedFolder {
  folder: string;
  /** where the backup's copy was unpacked, beside the live folder */
  staged: string;
}

/**
 * Unpacks the folders a backup carries next to the live ones (`<folder>.restoring-<stamp>`) and drops
 * the table from the copy. A backup made before folders were carried has none: nothing is staged and
 * the live folders stay as they are. A path that would leave its folder refuses the whole backup.
 */
export function stageFolders(candidate: string, dataDir: string, allowed: readonly string[], stamp: string): Result<StagedFolder[]> {
  let db: Db | undefined;
  const staged: StagedFolder[] = [];
  try {
    db = new Database(candidate, databaseOptions({ fileMustExist: true }));
    const present = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(FOLDER_TABLE);
    if (!present) return ok([]);
    const rows = db.prepare(`SELECT folder, path, content FROM ${FOLDER_TABLE} ORDER BY folder, path`).all() as { folder: string; path: string; content: Buffer }[];
    for (const row of rows) {
      if (!SAFE_FOLDER.test(row.folder) || !allowed.includes(row.folder)) continue;
      let entry = staged.find((item) => item.folder === row.folder);
      if (!entry) {
        entry = { folder: row.folder, staged: join(dataDir, `${row.folder}.restoring-${stamp}`) };
        rmSync(entry.staged, { recursive: true, force: true });
        ensurePrivateFolder(entry.staged);
        staged.push(entry);
      }
      if (row.path === FOLDER_MARK) continue;
      const target = resolve(entry.staged, ...row.path.split('/'));
      if (isAbsolute(row.path) || row.path.includes('\\') || !target.startsWith(entry.staged + sep)) {
        discardStaged(staged);
        return fail(`备份文件中的「${row.folder}/${row.path}」路径不正确，此备份不能用于恢复；现有数据未改动`, 'file');
      }
      ensurePrivateFolder(dirname(target));
      writeFileSync(target, row.content, { mode: PRIVATE_FILE_MODE });
    }
    db.exec(`DROP TABLE ${FOLDER_TABLE}`);
    return ok(staged);
  } catch (error) {
    discardStaged(staged);
    return fail(`备份中的政策参数包等文件未能取出（${(error as Error).message}）；现有数据未改动`, 'file');
  } finally {
    db?.close();
  }
}

export function discardStaged(staged: readonly StagedFolder[]): void {
  for (const entry of staged) rmSync(entry.staged, { recursive: true, force: true });
}

export interface SwappedFolders {
  restored: string[];
  keptAside: string[];
  /** folders that could not be put in place (their unpacked copy is left beside them), in Chinese */
  problems: string[];
}

/** Puts the staged folders in place, keeping each live one aside as `<folder>.replaced-<stamp>`. */
export function swapFolders(dataDir: string, staged: readonly StagedFolder[], stamp: string): SwappedFolders {
  const outcome: SwappedFolders = { restored: [], keptAside: [], problems: [] };
  for (const entry of staged) {
    const live = join(dataDir, entry.folder);
    const aside = `${live}.replaced-${stamp}`;
    const hadLive = existsSync(live) && statSync(live).isDirectory();
    try {
      if (hadLive) renameSync(live, aside);
    } catch (error) {
      outcome.problems.push(`「${entry.folder}」文件夹正被占用，未能恢复，原文件夹未改动，备份中的内容已放在「${entry.staged}」（${(error as Error).message}）`);
      continue;
    }
    try {
      renameSync(entry.staged, live);
    } catch (error) {
      // put the live folder back where it was rather than leave none
      if (hadLive) renameSync(aside, live);
      outcome.problems.push(`「${entry.folder}」文件夹未能恢复，原文件夹未改动，备份中的内容已放在「${entry.staged}」（${(error as Error).message}）`);
      continue;
    }
    outcome.restored.push(entry.folder);
    if (hadLive) outcome.keptAside.push(aside);
  }
  return outcome;
}
