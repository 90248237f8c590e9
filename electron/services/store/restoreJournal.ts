/**
 * A restore ends with renames: the live database aside, the verified and merged candidate into its
 * place, the carried folders likewise. Killed between two of them, the folder would have no live
 * database (and the next start would make an empty one). So before the first rename the restore writes
 * what it is about to do (huimin.restore.json, synced); opening the folder finishes a restore that was
 * cut short — the candidate was complete when the note was written — and removes the note. Candidates
 * of restores killed before the note are incomplete and are removed.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../packs/atomicFile';
import { swapFolders, type StagedFolder } from './backupFolders';

export const RESTORE_NOTE = 'huimin.restore.json';
const SIDE_FILES = ['-wal', '-shm', '-journal'];

export interface RestoreNote {
  stamp: string;
  /** file names in the data folder */
  candidate: string;
  replaced: string;
  /** carried folders staged beside the live ones (names in the data folder) */
  folders: { folder: string; staged: string }[];
}

export function moveWithSideFiles(from: string, to: string): void {
  renameSync(from, to);
  for (const suffix of SIDE_FILES) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

export function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(file + suffix, { force: true });
}

export function writeRestoreNote(dataDir: string, note: RestoreNote): void {
  writeFileAtomic(join(dataDir, RESTORE_NOTE), `${JSON.stringify(note, null, 2)}\n`);
}

export function removeRestoreNote(dataDir: string): void {
  rmSync(join(dataDir, RESTORE_NOTE), { force: true });
}

function readNote(dataDir: string): RestoreNote | null {
  try {
    const note = JSON.parse(readFileSync(join(dataDir, RESTORE_NOTE), 'utf8')) as RestoreNote;
    const plain = (name: unknown) => typeof name === 'string' && name !== '' && basename(name) === name;
    if (!plain(note.candidate) || !plain(note.replaced) || !Array.isArray(note.folders) || !note.folders.every((entry) => plain(entry.folder) && plain(entry.staged))) return null;
    return note;
  } catch {
    return null;
  }
}

/**
 * Finishes a restore cut short, then removes incomplete candidates of the live database. Call with the
 * folder's lock held, before opening the database. Returns what was done, in Chinese (empty: nothing).
 */
export function finishInterruptedRestore(live: string): string[] {
  const dataDir = dirname(live);
  const notes: string[] = [];
  const note = existsSync(join(dataDir, RESTORE_NOTE)) ? readNote(dataDir) : null;
  if (note) {
    const candidate = join(dataDir, note.candidate);
    const replaced = join(dataDir, note.replaced);
    if (existsSync(candidate)) {
      if (existsSync(live) && !existsSync(replaced)) moveWithSideFiles(live, replaced);
      if (!existsSync(live)) moveWithSideFiles(candidate, live);
    }
    const staged: StagedFolder[] = note.folders.filter((entry) => existsSync(join(dataDir, entry.staged))).map((entry) => ({ folder: entry.folder, staged: join(dataDir, entry.staged) }));
    swapFolders(dataDir, staged, note.stamp);
    notes.push(`上次恢复（${note.stamp}）在完成前被中断，已在本次打开时完成；恢复前的数据库在「${note.replaced}」`);
  }
  removeRestoreNote(dataDir);
  const prefix = `${basename(live)}.restoring-`;
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(prefix)) continue;
    const side = SIDE_FILES.find((suffix) => name.endsWith(suffix));
    removeWithSideFiles(join(dataDir, side ? name.slice(0, -side.length) : name));
  }
  return notes;
}
