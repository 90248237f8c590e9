/**
 * The case history store, for the main process and the `npm run web` host: one call opens the data
 * folder's database and returns every service. Plain Node (no Electron), synchronous better-sqlite3 on
 * one connection per process; backup, restore and export are async because they run long.
 *
 * Every method taking a request validates it with the zod schemas in schemas.ts and answers
 * Result<T>: problems an operator can cause come back as Chinese messages with a path; only bugs throw.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../../shared/api/contract';
import { fail, ok, type Result } from '../../../shared/errors';
import { BACKUP_FOLDER, BackupService, listBackupFiles, type BackupInfo, type BackupStatus } from './backups';
import { CaseBatch, type LatestRevision, type RecalcBatchOutcome, type StoredLatest } from './caseBatch';
import { CaseExporter, type ExportOutcome } from './caseExport';
import { CaseSearch, type CasePage } from './caseSearch';
import { CaseStore, type CaseRecord, type RevisionSummary, type SavedRevision } from './caseStore';
import { Connection } from './connection';
import { CountyLedger } from '../countySync/ledger';
import { DATABASE_FILE_NAME, type Durability } from './db';
import { SCHEMA_VERSION } from './migrations';
import { openCaseDatabase } from './openCaseDatabase';
import { PrintLog, type PrintRecord } from './printLog';
import { restoreDatabaseFile, type RestoreOutcome } from './restore';
import { RevisionCodec } from './revisionCodec';
import { parseRequest, restoreRequestSchema } from './schemas';
import { SettingsStore } from './settingsStore';
import { guarded } from './storageErrors';

export interface StoreOptions {
  /** the clock (tests pass a fixed one); default: the system clock */
  now?: () => Date;
  /** 'full' (default): every save survives a power cut; see db.ts */
  durability?: Durability;
  /** SQLite page cache in MiB (default 64) */
  cacheMiB?: number;
  /** pages a backup copies between two turns of the event loop (default 2048; smaller: finer progress) */
  backupPagesPerStep?: number;
  /** folders of the data folder that every backup carries and 恢复 brings back (backupFolders.ts); default none */
  carriedFolders?: readonly string[];
}

export interface Place {
  township: string;
  village: string;
}

export interface Store {
  readonly dataDir: string;
  readonly databasePath: string;
  /** what opening found: the file's schema version before, the copy kept before an upgrade, a rebuilt index */
  readonly opened: { previousVersion: number; schemaVersion: number; upgradeCopy: string | null; reindexed: number | null };
  readonly cases: {
    save(request: unknown): Result<SavedRevision>;
    void(request: unknown): Result<SavedRevision>;
    get(request: unknown): Result<CaseRecord>;
    history(request: unknown): Result<RevisionSummary[]>;
  };
  /** 重新测算: latest revisions in case order and 'recalc' revisions appended a batch per transaction (caseBatch.ts) */
  readonly batch: {
    countCases(): Result<number>;
    latest(request: unknown): Result<LatestRevision[]>;
    latestStored(request: unknown): Result<StoredLatest[]>;
    recalc(request: unknown): Result<RecalcBatchOutcome>;
    ownDictionary(packId: string, packVersion: string): { id: number; bytes: Buffer } | null;
    dictionary(id: number): Buffer;
  };
  readonly search: {
    search(query: unknown): Result<CasePage>;
    places(): Result<Place[]>;
  };
  readonly backups: {
    folder(): string;
    status(): BackupStatus;
    list(): Result<BackupInfo[]>;
    ensureDailyBackup(): Promise<Result<BackupInfo | null>>;
    backupNow(): Promise<Result<BackupInfo>>;
    restore(request: unknown): Promise<Result<RestoreOutcome>>;
  };
  readonly exports: {
    export(request: unknown): Promise<Result<ExportOutcome>>;
  };
  readonly settings: {
    get(): Settings;
    set(change: unknown): Result<Settings>;
  };
  readonly prints: {
    record(request: unknown): Result<PrintRecord>;
    list(request: unknown): Result<PrintRecord[]>;
  };
  /** 上报县级: what the county acknowledged, and the revisions it has not (countySync/ledger.ts) */
  readonly countyLedger: CountyLedger;
  /** Folds the WAL into the database file; call when idle (e.g. with the hourly backup check). */
  checkpoint(): void;
  close(): void;
}

export function openStore(dataDir: string, options: StoreOptions = {}): Result<Store> {
  const now = options.now ?? (() => new Date());
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    return fail(`无法创建数据文件夹「${dataDir}」：${(error as Error).message}`);
  }
  const databasePath = join(dataDir, DATABASE_FILE_NAME);
  const openOptions = { durability: options.durability, cacheMiB: options.cacheMiB, now };
  const opened = openCaseDatabase(databasePath, openOptions);
  if (!opened.ok) return opened;

  const conn = new Connection(databasePath, opened.value.db);
  const settings = new SettingsStore(conn);
  const codec = new RevisionCodec(conn, now);
  const cases = new CaseStore(conn, codec, settings, now);
  const search = new CaseSearch(conn);
  const batch = new CaseBatch(conn, codec, now);
  const prints = new PrintLog(conn, settings, now);
  const backups = new BackupService(conn, settings, dataDir, now, options.backupPagesPerStep, options.carriedFolders);
  const exporter = new CaseExporter(databasePath, now);

  return ok({
    dataDir,
    databasePath,
    opened: {
      previousVersion: opened.value.previousVersion,
      schemaVersion: SCHEMA_VERSION,
      upgradeCopy: opened.value.upgradeCopy,
      reindexed: opened.value.reindexed,
    },
    cases: {
      save: guarded((request: unknown) => cases.save(request)),
      void: guarded((request: unknown) => cases.void(request)),
      get: guarded((request: unknown) => cases.get(request)),
      history: guarded((request: unknown) => cases.history(request)),
    },
    batch: {
      countCases: guarded(() => ok(batch.countCases())),
      latest: guarded((request: unknown) => batch.latest(request)),
      latestStored: guarded((request: unknown) => batch.latestStored(request)),
      recalc: guarded((request: unknown) => batch.recalc(request)),
      ownDictionary: (packId, packVersion) => batch.ownDictionary(packId, packVersion),
      dictionary: (id) => batch.dictionary(id),
    },
    search: {
      search: guarded((query: unknown) => search.search(query)),
      places: guarded(() => ok(search.places())),
    },
    backups: {
      folder: () => backups.folder(),
      status: () => backups.status(),
      list: () => backups.list(),
      ensureDailyBackup: () => backups.ensureDailyBackup(),
      backupNow: () => backups.backupNow(),
      async restore(request) {
        const parsed = parseRequest(restoreRequestSchema, request);
        if (!parsed.ok) return parsed;
        if (backups.running) return fail('正在备份，请等备份完成后再恢复');
        const file = 'fileName' in parsed.value ? join(backups.folder(), parsed.value.fileName) : parsed.value.file;
        return restoreDatabaseFile(databasePath, file, { release: () => conn.close(), adopt: (db) => conn.replace(db) }, { ...openOptions, carriedFolders: options.carriedFolders });
      },
    },
    exports: { export: (request) => exporter.export(request) },
    settings: { get: () => settings.get(), set: guarded((change: unknown) => settings.set(change)) },
    prints: {
      record: guarded((request: unknown) => prints.record(request)),
      list: guarded((request: unknown) => prints.list(request)),
    },
    countyLedger: new CountyLedger(conn),
    checkpoint: () => {
      conn.db.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => conn.close(),
  });
}

/**
 * For when openStore refused the live file (damaged, or not ours): the backups in a folder (the
 * default one is "backups" in the data folder; the setting cannot be read from a damaged file).
 */
export function listBackupsIn(folder: string): Result<BackupInfo[]> {
  return listBackupFiles(folder);
}

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER);
}

/**
 * For when openStore refused the live file: checks the chosen backup and puts it in place, keeping
 * the refused file aside (renamed with a timestamp); then call openStore again.
 */
export async function restoreDataFolder(dataDir: string, request: unknown, options: StoreOptions = {}): Promise<Result<RestoreOutcome>> {
  const parsed = parseRequest(restoreRequestSchema, request);
  if (!parsed.ok) return parsed;
  const now = options.now ?? (() => new Date());
  const openOptions = { durability: options.durability, cacheMiB: options.cacheMiB, now };
  const file = 'fileName' in parsed.value ? join(defaultBackupFolder(dataDir), parsed.value.fileName) : parsed.value.file;
  return restoreDatabaseFile(join(dataDir, DATABASE_FILE_NAME), file, { release: () => {}, adopt: (db) => db.close() }, { ...openOptions, carriedFolders: options.carriedFolders });
}

export { DATABASE_FILE_NAME } from './db';
export { SCHEMA_VERSION } from './migrations';
export { SETTING_DEFAULTS } from './settingsStore';
export type { BackupInfo, BackupStatus } from './backups';
export type { LatestBatchRequest, LatestRevision, RecalcBatchOutcome, RecalcBatchRequest, StoredLatest } from './caseBatch';
export type { ExportOutcome } from './caseExport';
export type { CasePage, CaseSummary } from './caseSearch';
export type { CaseRecord, RevisionSummary, SavedRevision } from './caseStore';
export type { PrintRecord } from './printLog';
export type { RestoreOutcome } from './restore';
export * from './schemas';
