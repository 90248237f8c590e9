/**
 * 备份: SQLite's online backup (better-sqlite3 backup()) copies the live database page by page while
 * the desk keeps working; saves made meanwhile on this connection are carried into the copy. A backup
 * is written under a ".partial" name and renamed when complete, so a pulled USB stick or a crash never
 * leaves something that looks like a backup and is not. The copy also carries the data-folder folders
 * the store was told to keep with it (the app: packs/, see backupFolders.ts), and ends with a manifest
 * holding the SHA-256 of all of it (backupManifest.ts); backups are private files (0600 in a 0700
 * folder, privateFiles.ts). The main process calls
 * ensureDailyBackup() at start and hourly; staff can press 立即备份; the UI polls status() for progress.
 */
import { existsSync, readdirSync, renameSync, statSync, statfsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo as ApiBackupInfo } from '../../../shared/api/contract';
import { fail, ok, type Result } from '../../../shared/errors';
import { embedFolders } from './backupFolders';
import { appendManifest } from './backupManifest';
import type { Connection } from './connection';
import { databaseOptions } from './db';
import { isoWithOffset, localClock, localDay } from './localTime';
import { SCHEMA_VERSION } from './migrations';
import { createPrivateFile, ensurePrivateFolder } from './privateFiles';
import type { SettingsStore } from './settingsStore';

export type BackupKind = 'auto' | 'manual';

/** The shared API's BackupInfo (what the backup list shows), plus the day it was taken. */
export interface BackupInfo extends ApiBackupInfo {
  /** the local day it was taken (YYYY-MM-DD) */
  day: string;
}

export interface BackupStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** 0–1 (pagesDone / pagesTotal) */
  progress: number;
  /** the last backup finished since the app started, or null */
  last: BackupInfo | null;
  kind: BackupKind | null;
  file: string | null;
  pagesDone: number;
  pagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** the reason, when failed (Chinese) */
  message: string | null;
}

export const BACKUP_FOLDER = 'backups';
const NAME = /^huimin-backup-(\d{4}-\d{2}-\d{2})(-\d{6}-manual)?\.sqlite3$/;
/** pages copied per step (8 MiB at 4 KiB pages): between steps the app answers the desk */
export const PAGES_PER_STEP = 2048;

const IDLE: BackupStatus = {
  state: 'idle',
  progress: 0,
  last: null,
  kind: null,
  file: null,
  pagesDone: 0,
  pagesTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
  startedAt: null,
  finishedAt: null,
  message: null,
};

export class BackupService {
  private current: BackupStatus = { ...IDLE };

  constructor(
    private readonly conn: Connection,
    private readonly settings: SettingsStore,
    private readonly dataDir: string,
    private readonly now: () => Date,
    private readonly pagesPerStep = PAGES_PER_STEP,
    /** folders of the data folder carried inside each backup (backupFolders.ts) */
    private readonly carriedFolders: readonly string[] = [],
  ) {}

  /** The folder in use: the setting, or "backups" in the data folder. */
  folder(): string {
    const configured = this.settings.get().backupDir.trim();
    return configured === '' ? join(this.dataDir, BACKUP_FOLDER) : configured;
  }

  status(): BackupStatus {
    const { pagesDone, pagesTotal } = this.current;
    return { ...this.current, progress: pagesTotal === 0 ? 0 : pagesDone / pagesTotal };
  }

  get running(): boolean {
    return this.current.state === 'running';
  }

  list(): Result<BackupInfo[]> {
    return listBackupFiles(this.folder());
  }

  /** Today's automatic backup when it is missing (and 自动备份 is on); null when nothing was needed. */
  async ensureDailyBackup(): Promise<Result<BackupInfo | null>> {
    if (!this.settings.get().autoBackup || this.running) return ok(null);
    const today = localDay(this.now());
    if (existsSync(join(this.folder(), `huimin-backup-${today}.sqlite3`))) return ok(null);
    const made = await this.run('auto');
    if (!made.ok) return made;
    this.prune();
    return made;
  }

  /** 立即备份. */
  backupNow(): Promise<Result<BackupInfo>> {
    return this.run('manual');
  }

  private async run(kind: BackupKind): Promise<Result<BackupInfo>> {
    if (this.running) return fail('正在备份，请等当前备份完成后再试');
    const folder = this.folder();
    const time = this.now();
    const name = kind === 'auto' ? `huimin-backup-${localDay(time)}.sqlite3` : `huimin-backup-${localDay(time)}-${localClock(time)}-manual.sqlite3`;
    const file = join(folder, name);
    const partial = `${file}.partial`;
    const pageSize = this.conn.db.pragma('page_size', { simple: true }) as number;
    const pageCount = this.conn.db.pragma('page_count', { simple: true }) as number;
    const last = this.current.last;
    this.current = { ...IDLE, last, state: 'running', kind, file, pagesTotal: pageCount, bytesTotal: pageCount * pageSize, startedAt: isoWithOffset(time) };

    const failed = (message: string): Result<BackupInfo> => {
      this.current = { ...this.current, state: 'failed', finishedAt: isoWithOffset(this.now()), message };
      removeQuietly(partial);
      return fail(message);
    };
    try {
      ensurePrivateFolder(folder);
    } catch (error) {
      return failed(`备份文件夹「${folder}」不可用（${(error as Error).message}）。如果备份到U盘，请检查U盘是否插好，或在“设置”中更换备份文件夹`);
    }
    const needed = pageCount * pageSize;
    try {
      const space = statfsSync(folder);
      const free = space.bavail * space.bsize;
      if (free < needed * 1.1) {
        return failed(`备份文件夹所在磁盘空间不足：需要约 ${mib(needed)} MB，只剩 ${mib(free)} MB`);
      }
    } catch {
      // some file systems cannot say; the copy itself will tell
    }
    removeQuietly(partial);
    try {
      createPrivateFile(partial);
      await this.conn.db.backup(partial, {
        progress: ({ totalPages, remainingPages }) => {
          const done = totalPages - remainingPages;
          this.current = { ...this.current, pagesTotal: totalPages, pagesDone: done, bytesTotal: totalPages * pageSize, bytesDone: done * pageSize };
          return this.pagesPerStep;
        },
      });
      // the copy carries the live file's WAL mark; as a rollback-journal file it opens alone, read-only, from any folder
      const copy = new Database(partial, databaseOptions());
      let counts: { cases: number; revisions: number; lastRevisionId: number };
      try {
        copy.pragma('journal_mode = DELETE');
        embedFolders(copy, this.dataDir, this.carriedFolders);
        counts = copy
          .prepare('SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM revisions) AS revisions, (SELECT coalesce(max(id), 0) FROM revisions) AS lastRevisionId')
          .get() as typeof counts;
      } finally {
        copy.close();
      }
      appendManifest(partial, { createdAt: isoWithOffset(this.now()), schemaVersion: SCHEMA_VERSION, ...counts, folders: [...this.carriedFolders] });
      renameSync(partial, file);
    } catch (error) {
      return failed(`备份未完成（${(error as Error).message}）。如果备份到U盘，请检查U盘是否插好、空间是否足够`);
    }
    const stat = statSync(file);
    const made: BackupInfo = { fileName: name, path: file, createdAt: isoWithOffset(stat.mtime), bytes: stat.size, kind, day: localDay(time) };
    this.current = {
      ...this.current,
      state: 'done',
      pagesDone: this.current.pagesTotal,
      bytesDone: this.current.bytesTotal,
      finishedAt: isoWithOffset(this.now()),
      last: made,
    };
    return ok(made);
  }

  /** 保留天数: automatic backups older than the setting go; backups made by hand stay until removed by hand. */
  private prune(): void {
    const days = this.settings.get().backupRetentionDays;
    const time = this.now();
    const oldestKept = localDay(new Date(time.getFullYear(), time.getMonth(), time.getDate() - (days - 1)));
    const listed = this.list();
    if (!listed.ok) return;
    for (const backup of listed.value) {
      if (backup.kind === 'auto' && backup.day < oldestKept) removeQuietly(backup.path);
    }
  }
}

/** The backups in a folder, newest first (also usable before a store is open, e.g. when the live file is damaged). */
export function listBackupFiles(folder: string): Result<BackupInfo[]> {
  if (!existsSync(folder)) return ok([]);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    return fail(`无法读取备份文件夹「${folder}」：${(error as Error).message}`);
  }
  const backups: BackupInfo[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const file = join(folder, name);
    try {
      const stat = statSync(file);
      backups.push({ fileName: name, path: file, createdAt: isoWithOffset(stat.mtime), bytes: stat.size, kind: match[2] ? 'manual' : 'auto', day: match[1] as string });
    } catch {
      // removed while listing
    }
  }
  return ok(backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName)));
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
