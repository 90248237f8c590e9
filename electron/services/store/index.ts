/**
 * The case history store, for the main process and the `npm run web` host: one call opens the data
 * folder's database and returns every service. Plain Node (no Electron), synchronous better-sqlite3 on
 * one connection per process; backup, restore and export are async because they run long.
 *
 * Every method taking a request validates it with the zod schemas in schemas.ts and answers
 * Result<T>: problems an operator can cause come back as Chinese messages with a path; only bugs throw.
 */
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
import { runDataCheck, type DataCheckReport } from './dataCheck';
import type { PackLookup } from './omittedSteps';
import { SHA256_SEALER } from './revisionChecksum';
import { DATABASE_FILE_NAME, type Durability } from './db';
import { accessFor, type StoreAccess } from './folderAccess';
import type { FolderLock, LockHolder } from './folderLock';
import { SCHEMA_VERSION } from './migrations';
import { NumberMarks, NUMBERS_FILE_NAME, reconcileNumbers } from './numberMarks';
import { openCaseDatabase } from './openCaseDatabase';
import { PrintLog, type PrintRecord } from './printLog';
import { openReadOnlyDatabase } from './readOnlyDatabase';
import { RosterRecords, type RosterBatch, type RosterPreset } from './rosterRecords';
import type { RosterWords } from '../../../shared/roster/words';
import { restoreDatabaseFile, type RestoreOptions, type RestoreOutcome, type RestoreStep } from './restore';
import { finishInterruptedRestore } from './restoreJournal';
import { RevisionCodec } from './revisionCodec';
import { parseRequest, restoreRequestSchema } from './schemas';
import { SettingsStore } from './settingsStore';
import { guarded, storageFailure } from './storageErrors';
import { isoWithOffset } from './localTime';

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
  /** checks a carried folder a backup brings back before it replaces the live one (the app: packs/, restoredPacks.ts) */
  verifyCarriedFolder?: (folder: string, staged: string) => Result<string[]>;
  /** which program this is, for the note other programs read when the folder is taken (folderLock.ts) */
  program?: string;
  /** the folder's lock when the caller took it already (createServices); otherwise openStore takes it */
  lock?: FolderLock;
  /** why the caller opens the folder read-only (it could not take the lock) */
  readOnly?: { reason: string; holder: LockHolder | null };
  /** told at each step of a restore (tests kill the process there) */
  onRestoreStep?: (step: RestoreStep) => void;
  /**
   * the office's packs by id and version: a revision 重新测算 stored without its explanation steps gets
   * them back when opened, and 数据检查 checks they can be (omittedSteps.ts). Without it such a revision
   * is shown as stored, with a note.
   */
  packFor?: PackLookup;
}

export interface Place {
  township: string;
  village: string;
}

export interface Store {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly access: StoreAccess;
  /** what opening found: the file's schema version before, the copy kept before an upgrade, a rebuilt index, revisions sealed at the upgrade, a restore finished */
  readonly opened: {
    previousVersion: number;
    schemaVersion: number;
    upgradeCopy: string | null;
    reindexed: number | null;
    sealed: number;
    notes: string[];
  };
  readonly cases: {
    save(request: unknown): Result<SavedRevision>;
    /** several saves in one transaction, all or none (a roster import) */
    saveAll(requests: readonly unknown[]): Result<SavedRevision[]>;
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
    /** the 经办人 to record under (the one given, else 设置's), or the one refusal (settingsStore.ts) */
    operator(given?: string, why?: string): Result<string>;
  };
  readonly prints: {
    record(request: unknown): Result<PrintRecord>;
    /** many revisions printed together (入户发放), all recorded or none */
    recordMany(request: unknown): Result<{ recorded: number; printedAt: string }>;
    /** every revision of such a batch exists (checked before printing) */
    checkMany(request: unknown): Result<true>;
    list(request: unknown): Result<PrintRecord[]>;
    /** asked before printing: the revision exists, reads, is not 作废, and a 经办人 is set (printLog.ts) */
    printable(caseNo: string, revision: number): Result<true>;
  };
  /** 入户发放 · 村级批量: mapping presets, the office's own 名册用语, the imports and their cases (rosterRecords.ts) */
  readonly roster: {
    presets(): Result<RosterPreset[]>;
    savePreset(request: unknown): Result<RosterPreset[]>;
    deletePreset(name: string): Result<RosterPreset[]>;
    localWords(): Result<RosterWords>;
    setLocalWords(request: unknown): Result<RosterWords>;
    batches(): Result<RosterBatch[]>;
    /** the live cases of each 户主 ID number */
    casesOfHeads(idNumbers: readonly string[]): Result<Map<string, string[]>>;
    /** the same, and the live cases each number is a member (not the 户主) of */
    casesOfPeople(idNumbers: readonly string[]): Result<{ heads: Map<string, string[]>; members: Map<string, string[]> }>;
    caseRowIds(caseNos: readonly string[]): Result<number[]>;
    latestRevisions(caseNos: readonly string[]): Result<Map<string, { revision: number; voided: boolean }>>;
    /** the saves and the import's record, in one transaction (the documents compressed on the thread pool first) */
    importBatch(requests: readonly unknown[], batch: (saved: SavedRevision[]) => RosterBatch): Promise<Result<{ saved: SavedRevision[]; batch: RosterBatch }>>;
  };
  /** 设置 · 数据检查: every revision checked, the search index rebuilt (dataCheck.ts) */
  check(): Promise<Result<DataCheckReport>>;
  /** 上报县级: what the county acknowledged, and the revisions it has not (countySync/ledger.ts) */
  readonly countyLedger: CountyLedger;
  /** Folds the WAL into the database file; call when idle (e.g. with the hourly backup check). */
  checkpoint(): void;
  close(): void;
}

export function openStore(dataDir: string, options: StoreOptions = {}): Result<Store> {
  const now = options.now ?? (() => new Date());
  let decided: ReturnType<typeof accessFor>;
  try {
    decided = accessFor(dataDir, options, now);
  } catch (error) {
    return fail(`无法打开数据文件夹「${dataDir}」：${(error as Error).message}`);
  }
  const { lock, ownsLock } = decided;
  let access = decided.access;
  const releaseLock = () => {
    if (ownsLock) lock?.release();
  };
  const databasePath = join(dataDir, DATABASE_FILE_NAME);
  const openOptions = { durability: options.durability, cacheMiB: options.cacheMiB, now };

  let conn: Connection;
  let marks: NumberMarks | null = null;
  let discardCopy = () => {};
  let opened: Store['opened'];
  if (access.writable) {
    let notes: string[];
    try {
      notes = finishInterruptedRestore(databasePath);
    } catch (error) {
      releaseLock();
      return fail(`上次恢复被中断，未能完成（${(error as Error).message}）；请检查数据文件夹`);
    }
    const live = openCaseDatabase(databasePath, openOptions);
    if (!live.ok) {
      releaseLock();
      return live;
    }
    conn = new Connection(databasePath, live.value.db);
    try {
      marks = new NumberMarks(join(dataDir, NUMBERS_FILE_NAME));
      notes.push(...reconcileNumbers(conn, marks));
    } catch (error) {
      conn.close();
      releaseLock();
      return fail(`编号记录文件无法使用（${(error as Error).message}）`);
    }
    const { previousVersion, upgradeCopy, reindexed, sealed } = live.value;
    opened = { previousVersion, schemaVersion: SCHEMA_VERSION, upgradeCopy, reindexed, sealed, notes };
  } else {
    const viewed = openReadOnlyDatabase(databasePath, openOptions);
    if (!viewed.ok) return { ok: false, errors: viewed.errors.map((error) => ({ ...error, message: `${error.message}（${access.reason}）` })) };
    conn = new Connection(viewed.value.copy ?? databasePath, viewed.value.db);
    discardCopy = viewed.value.discard;
    if (viewed.value.copy) access = { ...access, snapshot: true, reason: `${access.reason}（显示的是打开程序时的数据）` };
    opened = { previousVersion: SCHEMA_VERSION, schemaVersion: SCHEMA_VERSION, upgradeCopy: null, reindexed: null, sealed: 0, notes: [] };
  }

  const issued = (numbers: Parameters<NumberMarks['record']>[0]) => marks?.record(numbers);
  const settings = new SettingsStore(conn);
  const codec = new RevisionCodec(conn, now);
  const cases = new CaseStore(conn, codec, settings, now, undefined, issued, SHA256_SEALER, options.packFor);
  const search = new CaseSearch(conn);
  const batch = new CaseBatch(conn, codec, now, undefined, issued);
  const prints = new PrintLog(conn, settings, now, cases);
  const roster = new RosterRecords(conn);
  const backups = new BackupService(conn, settings, dataDir, now, options.backupPagesPerStep, options.carriedFolders);
  const exporter = new CaseExporter(conn.path, now);
  let checking = false;

  /** A read-only view of the live file follows it when the program writing the folder restores a backup. */
  const follow = () => {
    if (access.writable || access.snapshot || !conn.replacedUnderneath) return;
    const viewed = openReadOnlyDatabase(databasePath, openOptions);
    if (!viewed.ok || viewed.value.copy) {
      if (viewed.ok) viewed.value.db.close();
      viewed.ok && viewed.value.discard();
      return;
    }
    conn.close();
    conn.replace(viewed.value.db);
  };
  const read = <A extends unknown[], T>(call: (...args: A) => Result<T>) => {
    const safe = guarded(call);
    return (...args: A): Result<T> => {
      follow();
      return safe(...args);
    };
  };
  const refusal = () => fail<never>(access.reason ?? '只读');
  const write = <A extends unknown[], T>(call: (...args: A) => Result<T>) => {
    const safe = guarded(call);
    return (...args: A): Result<T> => (access.writable ? safe(...args) : refusal());
  };

  return ok({
    dataDir,
    databasePath,
    get access() {
      return access;
    },
    opened,
    cases: {
      save: write((request: unknown) => cases.save(request)),
      saveAll: write((requests: readonly unknown[]) => cases.saveAll(requests)),
      void: write((request: unknown) => cases.void(request)),
      get: read((request: unknown) => cases.get(request)),
      history: read((request: unknown) => cases.history(request)),
    },
    batch: {
      countCases: read(() => ok(batch.countCases())),
      latest: read((request: unknown) => batch.latest(request)),
      latestStored: read((request: unknown) => batch.latestStored(request)),
      recalc: write((request: unknown) => batch.recalc(request)),
      ownDictionary: (packId, packVersion) => batch.ownDictionary(packId, packVersion),
      dictionary: (id) => batch.dictionary(id),
    },
    search: {
      search: read((query: unknown) => search.search(query)),
      places: read(() => ok(search.places())),
    },
    backups: {
      folder: () => backups.folder(),
      status: () => backups.status(),
      list: () => backups.list(),
      ensureDailyBackup: async () => (access.writable ? backups.ensureDailyBackup() : ok(null)),
      backupNow: async () => (access.writable ? backups.backupNow() : refusal()),
      async restore(request) {
        if (!access.writable || !marks) return refusal();
        const parsed = parseRequest(restoreRequestSchema, request);
        if (!parsed.ok) return parsed;
        if (backups.running) return fail('正在备份，请等备份完成后再恢复');
        if (checking) return fail('正在进行数据检查，请等检查完成后再恢复');
        const file = 'fileName' in parsed.value ? join(backups.folder(), parsed.value.fileName) : parsed.value.file;
        return restoreDatabaseFile(databasePath, file, { release: () => conn.close(), adopt: (db) => conn.replace(db) }, restoreOptions(options, openOptions, marks));
      },
    },
    exports: { export: (request) => exporter.export(request) },
    settings: { get: () => settings.get(), set: write((change: unknown) => settings.set(change)), operator: (given, why) => settings.operator(given, why) },
    prints: {
      record: write((request: unknown) => prints.record(request)),
      recordMany: write((request: unknown) => prints.recordMany(request)),
      checkMany: read((request: unknown) => prints.checkMany(request)),
      list: read((request: unknown) => prints.list(request)),
      printable: read((caseNo: string, revision: number) => prints.printable(caseNo, revision)),
    },
    roster: {
      presets: read(() => ok(roster.presets())),
      savePreset: write((request: unknown) => roster.savePreset(request, isoWithOffset(now()))),
      deletePreset: write((name: string) => roster.deletePreset(name)),
      localWords: read(() => ok(roster.localWords())),
      setLocalWords: write((request: unknown) => roster.setLocalWords(request)),
      batches: read(() => ok(roster.batches())),
      casesOfHeads: read((idNumbers: readonly string[]) => ok(roster.casesOfHeads(idNumbers))),
      casesOfPeople: read((idNumbers: readonly string[]) => ok(roster.casesOfPeople(idNumbers))),
      caseRowIds: read((caseNos: readonly string[]) => ok(roster.caseRowIds(caseNos))),
      latestRevisions: read((caseNos: readonly string[]) => ok(roster.latestRevisions(caseNos))),
      // the import's record commits with its cases: a batch never lists a case that was not written
      async importBatch(requests, batch) {
        if (!access.writable) return refusal();
        let record: RosterBatch | null = null;
        try {
          const saved = await cases.saveAllCompressed(requests, (written) => {
            record = batch(written);
            roster.addBatch(record);
          });
          return saved.ok ? ok({ saved: saved.value, batch: record as unknown as RosterBatch }) : saved;
        } catch (error) {
          const message = storageFailure(error);
          if (message === null) throw error;
          return fail(message);
        }
      },
    },
    async check() {
      if (checking) return fail('数据检查正在进行');
      checking = true;
      try {
        follow();
        return ok(await runDataCheck(conn, conn.path, access.writable, now, options.packFor));
      } catch (error) {
        return fail(`数据检查未完成（${(error as Error).message}）`);
      } finally {
        checking = false;
      }
    },
    countyLedger: new CountyLedger(conn, codec),
    checkpoint: () => {
      if (access.writable) conn.db.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => {
      try {
        conn.close();
        marks?.close();
      } finally {
        discardCopy();
        releaseLock();
      }
    },
  });
}

function restoreOptions(options: StoreOptions, openOptions: { durability?: Durability; cacheMiB?: number; now: () => Date }, marks: NumberMarks): RestoreOptions {
  return {
    ...openOptions,
    carriedFolders: options.carriedFolders,
    verifyFolder: options.verifyCarriedFolder,
    marks,
    pause: () => new Promise((resolve) => setImmediate(resolve)),
    onStep: options.onRestoreStep,
  };
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
 * the refused file aside (and merging from it what can be read); then call openStore again. The
 * caller holds the folder's lock.
 */
export async function restoreDataFolder(dataDir: string, request: unknown, options: StoreOptions = {}): Promise<Result<RestoreOutcome>> {
  const parsed = parseRequest(restoreRequestSchema, request);
  if (!parsed.ok) return parsed;
  const now = options.now ?? (() => new Date());
  const openOptions = { durability: options.durability, cacheMiB: options.cacheMiB, now };
  const file = 'fileName' in parsed.value ? join(defaultBackupFolder(dataDir), parsed.value.fileName) : parsed.value.file;
  const marks = new NumberMarks(join(dataDir, NUMBERS_FILE_NAME));
  try {
    return await restoreDatabaseFile(join(dataDir, DATABASE_FILE_NAME), file, { release: () => {}, adopt: (db) => db.close() }, restoreOptions(options, openOptions, marks));
  } finally {
    marks.close();
  }
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
export type { RosterBatch, RosterPreset } from './rosterRecords';
export type { RestoreOutcome, RestoreStep } from './restore';
export { RESTORE_STEPS } from './restore';
export type { DataCheckReport } from './dataCheck';
export type { MergeOutcome, MergedRevision, UnmergedRevision } from './restoreMerge';
export { acquireFolderLock, describeHolder, type FolderLock, type LockHolder } from './folderLock';
export { claimFolder, heldElsewhere, type FolderClaim, type StoreAccess } from './folderAccess';
export * from './schemas';
