/** 备份与恢复: the API's backup.* over the store's backup service. */
import { basename } from 'node:path';
import type { BackupInfo, BackupStatus, RestoreReply } from '../../shared/api/contract';
import { formatCaseNumber } from '../services/store/caseNumber';
import { fail, ok, type Result } from '../../shared/errors';
import { PACKS_FOLDER } from '../services/packs/localPacks';
import type { Services } from '../services';
import type { BackupInfo as StoreBackupInfo, Store } from '../services/store';
import type { Handlers } from './index';
import { villageRunning } from '../services/roster';

const toInfo = ({ fileName, path, createdAt, bytes, kind }: StoreBackupInfo): BackupInfo => ({ fileName, path, createdAt, bytes, kind });

export function backupHandlers(services: Services): Handlers<'backup.now' | 'backup.list' | 'backup.status' | 'backup.restore'> {
  const withStore = <T>(run: (store: Store) => Result<T> | Promise<Result<T>>): Result<T> | Promise<Result<T>> => {
    const store = services.store();
    return store.ok ? run(store.value) : store;
  };
  return {
    'backup.now': () =>
      withStore(async (store) => {
        const taken = await store.backups.backupNow();
        return taken.ok ? ok(toInfo(taken.value)) : taken;
      }),
    'backup.list': () => {
      // a damaged or newer database: the backups can still be listed (and restored) from the default folder
      const store = services.store();
      const listed = store.ok ? store.value.backups.list() : services.listUnopenedBackups();
      return listed.ok ? ok(listed.value.map(toInfo)) : listed;
    },
    'backup.status': () =>
      withStore((store): Result<BackupStatus> => {
        const { state, progress, message, last } = store.backups.status();
        return ok({ state, progress, message, last: last === null ? null : toInfo(last), folder: store.backups.folder() });
      }),
    'backup.restore': async (request) => {
      if (services.recalc.running()) return fail('正在重新测算，请等它完成或取消后再恢复', 'fileName');
      if (villageRunning(services)) return fail('正在计算本村（入户发放），请等它完成或取消后再恢复', 'fileName');
      const store = services.store();
      const restored = store.ok ? await store.value.backups.restore({ fileName: request.fileName }) : await services.restoreUnopened(request.fileName);
      if (!restored.ok) return restored;
      const { restoredFrom, keptAside, foldersRestored, foldersKeptAside, folderProblems, merge, mergeProblem, issued } = restored.value;
      const packsRestored = foldersRestored.includes(PACKS_FOLDER);
      // the pack in force and the local packs are read again from the restored folder
      if (packsRestored) services.packs.refresh();
      const year = new Date().getFullYear();
      const reply: RestoreReply = {
        restoredFrom,
        keptAside,
        verification: restored.value.verification,
        revisionsChecked: restored.value.revisionsChecked,
        merged: merge?.merged ?? [],
        mergedCount: merge?.mergedCount ?? 0,
        unmerged: merge?.unmerged ?? [],
        unmergedCount: merge?.unmergedCount ?? 0,
        nextCaseNo: formatCaseNumber(year, (issued.sequences[String(year)] ?? 0) + 1),
        packsRestored,
        packsKeptAside: foldersKeptAside.find((folder) => basename(folder).startsWith(`${PACKS_FOLDER}.replaced-`)) ?? null,
        warnings: [...(mergeProblem ? [mergeProblem] : []), ...folderProblems],
      };
      return ok(reply);
    },
  };
}
