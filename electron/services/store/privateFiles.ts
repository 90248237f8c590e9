/**
 * The data folder holds ID numbers, names and incomes of whole villages: on Linux and macOS its folders
 * are 0700 and its files 0600, whatever the process's umask (a default umask makes them readable by
 * every account on the machine). Windows keeps %APPDATA% per user and has no modes; a FAT32 / exFAT USB
 * stick has none either — there chmod fails or does nothing, and that is not an error.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** chmod that never fails the caller: a file system without modes keeps its own rules. */
function tighten(path: string, mode: number): void {
  if (!posix) return;
  try {
    chmodSync(path, mode);
  } catch {
    // FAT32 / exFAT, a read-only medium, or not ours to change
  }
}

/** Creates a folder (and its parents) 0700; an existing one is made 0700 as well. */
export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  tighten(path, PRIVATE_FOLDER_MODE);
}

/** An empty file created 0600 (unless it exists), so whatever SQLite or a copy writes into it stays private. */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tighten(path, PRIVATE_FILE_MODE);
}

/** Makes an existing file 0600 (files written by older versions, a copy, a renamed file). */
export function makePrivate(path: string): void {
  tighten(path, PRIVATE_FILE_MODE);
}
