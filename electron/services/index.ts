/**
 * The Node-side services behind the API, created once per process (Electron main or the web host) for
 * one data folder. Plain Node modules: nothing here imports Electron.
 */
import { join } from 'node:path';
import packageJson from '../../package.json';
import type { AppInfo, DataAccess } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/errors';
import { scheduleBackups, type BackupSchedule } from './backupSchedule';
import { localToday } from './clock';
import { COUNTY_LINK_FOLDER, verifyRestoredCountyLink } from './countySync/link';
import { CountySync } from './countySync';
import type { PrintService } from './printService';
import { PACKS_FOLDER } from './packs/localPacks';
import { PackRegistry } from './packs/packRegistry';
import { RecalcService } from './packs/recalcService';
import { verifyRestoredPacks } from './packs/restoredPacks';
import {
  claimFolder,
  DATABASE_FILE_NAME,
  defaultBackupFolder,
  listBackupsIn,
  openStore,
  restoreDataFolder,
  type BackupInfo,
  type FolderClaim,
  type RestoreOutcome,
  type Store,
  type StoreOptions,
} from './store';
import { ensurePrivateFolder } from './store/privateFiles';

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
  /** 重新测算 of this folder's cases and its change reports (packs/recalcService.ts) */
  readonly recalc: RecalcService;
  /** null where the page must use the browser's own print (npm run web) */
  readonly print: PrintService | null;
  /**
   * The case store, or why it could not be opened (a damaged file, one from a newer version): the
   * app still starts, shows the reason, and offers restore from a backup.
   */
  store(): Result<Store>;
  /** whether this program writes the folder, and if not why (another program holds it, a write-protected folder) */
  access(): DataAccess;
  /** a read-only program tries again to take the folder (the one holding it may have closed) */
  reopen(): DataAccess;
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

/** The program's name in the note other programs read when it holds a folder (folderLock.ts). */
const PROGRAM: Record<AppInfo['transport'], string> = { electron: '桌面版', web: '浏览器版（npm run web）' };

export function createServices(options: ServiceOptions): Services {
  try {
    ensurePrivateFolder(options.dataDir);
  } catch {
    // a write-protected medium: the folder is opened read-only below
  }
  const log = options.log ?? ((message: string) => console.warn(message));
  // local packs and county keys live in the data folder's packs/ (localPacks.ts)
  const packs = new PackRegistry(undefined, { dataDir: options.dataDir });
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  const program = PROGRAM[options.transport];
  const now = options.store?.now ?? (() => new Date());
  // every backup carries packs/ too: restored cases are computed again with the packs they had; a
  // restored packs/ is verified before it replaces the live one (restoredPacks.ts). And county-link/:
  // a restored office keeps the key its revisions are known by at the county (countySync/link.ts).
  const storeOptions = (claim: FolderClaim): StoreOptions => ({
    carriedFolders: [PACKS_FOLDER, COUNTY_LINK_FOLDER],
    verifyCarriedFolder: (folder, staged) =>
      folder === PACKS_FOLDER ? verifyRestoredPacks(staged) : folder === COUNTY_LINK_FOLDER ? verifyRestoredCountyLink(staged) : ok([]),
    program,
    // a revision 重新测算 stored without its steps gets them back from the pack it names (omittedSteps.ts)
    packFor: (id, version) => packs.find({ id, version })?.pack ?? null,
    ...options.store,
    ...(claim.lock ? { lock: claim.lock } : { readOnly: claim.readOnly }),
  });

  let claim: FolderClaim = claimFolder(options.dataDir, program, now);
  let opened: Result<Store> = fail('案卷数据库尚未打开');
  let schedule: BackupSchedule | null = null;
  const open = () => {
    opened = openStore(options.dataDir, storeOptions(claim));
    if (!opened.ok) {
      log(`案卷数据库未能打开：${opened.errors.map((error) => error.message).join('；')}`);
      return;
    }
    const store = opened.value;
    if (store.access.takenOver) log(`上次使用此数据文件夹的程序未正常关闭（${store.access.takenOver.program}，进程 ${store.access.takenOver.pid}），已接管`);
    if (store.opened.sealed > 0) log(`数据库已升级：为升级前保存的 ${store.opened.sealed} 个修订补算了校验值（升级前的副本：${store.opened.upgradeCopy ?? '无'}）`);
    for (const note of store.opened.notes) log(note);
    if (store.access.writable && options.scheduleBackups !== false) schedule = scheduleBackups(store, log);
  };
  const shut = () => {
    schedule?.stop();
    schedule = null;
    if (opened.ok) opened.value.close();
  };
  open();
  let closed = false;
  const store = () => (closed ? fail<Store>('程序正在退出，本次操作未完成') : opened);

  const access = (): DataAccess => {
    if (opened.ok) {
      const { writable, reason, holder, takenOver, snapshot } = opened.value.access;
      return { writable, reason, holder, takenOver, snapshot };
    }
    return claim.lock
      ? { writable: true, reason: null, holder: null, takenOver: claim.lock.takenOver, snapshot: false }
      : { writable: false, reason: claim.readOnly.reason, holder: claim.readOnly.holder, takenOver: null, snapshot: false };
  };

  const countySync = new CountySync({
    dataDir: options.dataDir,
    store,
    access,
    officeName: () => (opened.ok ? opened.value.settings.get().officeName : ''),
  });

  return {
    options,
    packs,
    countySync,
    recalc: new RecalcService(options.dataDir, store),
    print: options.print ?? null,
    store,
    access,
    reopen: () => {
      if (closed || claim.lock) return access();
      const again = claimFolder(options.dataDir, program, now);
      if (!again.lock && opened.ok) return access();
      shut();
      claim = again;
      open();
      // the packs folder may have changed while another program held it
      packs.refresh();
      return access();
    },
    listUnopenedBackups: () => listBackupsIn(defaultBackupFolder(options.dataDir)),
    restoreUnopened: async (fileName) => {
      if (opened.ok) return fail('案卷数据库已正常打开，请在“设置 · 备份与恢复”中恢复');
      if (!claim.lock) return fail(claim.readOnly.reason, 'fileName');
      const restored = await restoreDataFolder(options.dataDir, { fileName }, storeOptions(claim));
      if (!restored.ok) return restored;
      open();
      if (!opened.ok) return opened;
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
        access: access(),
      };
    },
    close: () => {
      if (closed) return;
      closed = true;
      shut();
      claim.lock?.release();
      opened = fail('程序正在退出');
    },
  };
}
