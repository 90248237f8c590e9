/**
 * The Node-side services behind the API, created once per process (Electron main or the web host) for
 * one data folder. Plain Node modules: nothing here imports Electron.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../package.json';
import type { AppInfo } from '../../shared/api/contract';
import { fail, type Result } from '../../shared/errors';
import { scheduleBackups, type BackupSchedule } from './backupSchedule';
import { localToday } from './clock';
import { COUNTY_LINK_FOLDER } from './countySync/link';
import { CountySync } from './countySync';
import type { PrintService } from './printService';
import { PACKS_FOLDER } from './packs/localPacks';
import { PackRegistry } from './packs/packRegistry';
import {
  DATABASE_FILE_NAME,
  defaultBackupFolder,
  listBackupsIn,
  openStore,
  restoreDataFolder,
  type BackupInfo,
  type RestoreOutcome,
  type Store,
  type StoreOptions,
} from './store';

export interface ServiceOptions {
  dataDir: string;
  portable: boolean;
  transport: AppInfo['transport'];
  /** 自动备份 at start and hourly (default true; tests turn it off) */
  scheduleBackups?: boolean;
  store?: StoreOptions;
  log?: (message: string) => void;
  /** printing to a printer or PDF: given by Electron main, absent in the web host */
  print?: PrintService;
}

export interface Services {
  readonly options: ServiceOptions;
  readonly packs: PackRegistry;
  /** 上报县级: sending revisions to the county server, receipts, the county's published pack */
  readonly countySync: CountySync;
  /** null where the page must use the browser's own print (npm run web) */
  readonly print: PrintService | null;
  /**
   * The case store, or why it could not be opened (a damaged file, one from a newer version): the
   * app still starts, shows the reason, and offers restore from a backup.
   */
  store(): Result<Store>;
  /**
   * 恢复 when the store could not be opened: checks the chosen backup (from the default backup folder),
   * puts it in place keeping the refused file aside, and opens the store again.
   */
  restoreUnopened(fileName: string): Promise<Result<RestoreOutcome>>;
  /** the backups in the default folder, for when the store could not be opened */
  listUnopenedBackups(): Result<BackupInfo[]>;
  info(): AppInfo;
  /** the default assessment date */
  today(): string;
  close(): void;
}

export const PRODUCT_VERSION: string = packageJson.version;

export function createServices(options: ServiceOptions): Services {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? ((message: string) => console.warn(message));
  // local packs and county keys live in the data folder's packs/ (localPacks.ts)
  const packs = new PackRegistry(undefined, { dataDir: options.dataDir });
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  // every backup carries packs/ too: restored cases are computed again with the packs they had;
  // and county-link/: a restored office keeps the key its revisions are known by at the county
  const storeOptions: StoreOptions = { carriedFolders: [PACKS_FOLDER, COUNTY_LINK_FOLDER], ...options.store };
  let opened: Result<Store> = openStore(options.dataDir, storeOptions);
  if (!opened.ok) log(`案卷数据库未能打开：${opened.errors.map((error) => error.message).join('；')}`);
  let schedule: BackupSchedule | null = opened.ok && options.scheduleBackups !== false ? scheduleBackups(opened.value, log) : null;
  let closed = false;
  const store = () => (closed ? fail<Store>('程序正在退出，本次操作未完成') : opened);
  const countySync = new CountySync({
    dataDir: options.dataDir,
    store,
    officeName: () => (opened.ok ? opened.value.settings.get().officeName : ''),
  });
  return {
    options,
    packs,
    countySync,
    print: options.print ?? null,
    store,
    listUnopenedBackups: () => listBackupsIn(defaultBackupFolder(options.dataDir)),
    restoreUnopened: async (fileName) => {
      if (opened.ok) return fail('案卷数据库已正常打开，请在“设置 · 备份与恢复”中恢复');
      const restored = await restoreDataFolder(options.dataDir, { fileName }, storeOptions);
      if (!restored.ok) return restored;
      opened = openStore(options.dataDir, storeOptions);
      if (!opened.ok) return opened;
      if (options.scheduleBackups !== false) schedule = scheduleBackups(opened.value, log);
      return restored;
    },
    today: () => localToday(),
    info: () => {
      const active = packs.active();
      return {
        productName: packageJson.productName,
        version: PRODUCT_VERSION,
        transport: options.transport,
        platform: process.platform,
        dataDir: options.dataDir,
        databasePath,
        portable: options.portable,
        pack: {
          id: active.pack.meta.id,
          version: active.pack.meta.version,
          title: active.pack.meta.title,
          validFrom: active.pack.meta.validFrom,
          source: active.source,
        },
      };
    },
    close: () => {
      if (closed) return;
      closed = true;
      schedule?.stop();
      schedule = null;
      if (opened.ok) opened.value.close();
      opened = fail('程序正在退出');
    },
  };
}
