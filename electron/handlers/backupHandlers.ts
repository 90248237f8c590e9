/** 备份与恢复: the API's backup.* over the store's backup service. */
import type { BackupInfo, BackupStatus } from '../../shared/api/contract';
import { ok, type Result } from '../../shared/errors';
import type { Services } from '../services';
import type { BackupInfo as StoreBackupInfo, Store } from '../services/store';
import type { Handlers } from './index';

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
      const store = services.store();
      const restored = store.ok ? await store.value.backups.restore({ fileName: request.fileName }) : await services.restoreUnopened(request.fileName);
      return restored.ok ? ok({ restoredFrom: restored.value.restoredFrom, keptAside: restored.value.keptAside }) : restored;
    },
  };
}
