/**
 * What 重新测算 needs of the case store, with the store's refusals turned into one kind of failure:
 * the job stops there and says why (the database closed, a restore replaced it, a write failed).
 */
import type { Result } from '../../../shared/errors';
import type { Store, StoredLatest } from '../store';

export class StoreFailure extends Error {}

export type StoreAccess = () => Result<Store>;

/** The store, or a StoreFailure saying why it cannot be used. */
export function openedStore(access: StoreAccess): Store {
  const store = access();
  if (!store.ok) throw new StoreFailure(store.errors[0]?.message ?? '案卷数据库已关闭');
  return store.value;
}

/** Up to `limit` latest revisions of the cases after `after`, in case order (none: every case read). */
export function readStored(store: Store, after: number, limit: number): StoredLatest[] {
  const read = store.batch.latestStored({ afterCaseRowId: after, limit });
  if (!read.ok) throw new StoreFailure(read.errors[0]?.message ?? '');
  return read.value;
}
