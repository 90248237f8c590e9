/**
 * 计算本村: the households of one roster import computed again with the pack in force, on the
 * recalculation workers — the 重新测算 job itself (packs/recalcJob.ts), run through its public interface
 * on a view of the store that holds only those households. So every guarantee of 重新测算 holds here:
 * batches written one transaction each, a revision only where the result changed, a newer save at the
 * desk kept, cancel between batches, voided cases left alone.
 */
import { ok, fail, type Result } from '../../../shared/errors';
import type { VillageJobStatus } from '../../../shared/api/rosterApi';
import type { IsoDate } from '../../../shared/dates';
import type { Pack } from '../../../shared/packs/loadPack';
import { RecalcJob, type RecalcTuning } from '../packs/recalcJob';
import type { Store } from '../store';

/** The store as the job sees it: only these cases are counted and read; everything else is the store's own. */
export function storeOfCases(store: () => Result<Store>, caseRowIds: readonly number[]): () => Result<Store> {
  const ids = [...caseRowIds].sort((a, b) => a - b);
  return () => {
    const opened = store();
    if (!opened.ok) return opened;
    const base = opened.value;
    const batch: Store['batch'] = {
      ...base.batch,
      countCases: () => ok(ids.length),
      latestStored: (request: unknown) => base.batch.latestStored({ ...(request as object), caseRowIds: ids }),
    };
    return ok(Object.assign(Object.create(base) as Store, { batch }));
  };
}

export class VillageJobs {
  private current: { batchId: string; job: RecalcJob } | null = null;

  constructor(
    private readonly store: () => Result<Store>,
    private readonly tuning: RecalcTuning = {},
  ) {}

  /** Starts computing the cases of one import; one village job at a time. */
  start(request: { batchId: string; caseNos: readonly string[]; pack: Pack; asOf: IsoDate | null; operator: string }): Result<VillageJobStatus> {
    if (this.running()) return fail('已有一个村正在计算，请等它完成或先取消');
    const store = this.store();
    if (!store.ok) return store;
    const ids = store.value.roster.caseRowIds(request.caseNos);
    if (!ids.ok) return ids;
    if (ids.value.length === 0) return fail('这次导入的案卷都不在了（可能已从备份恢复到导入之前），请重新导入名册', 'batchId');
    const job = new RecalcJob(storeOfCases(this.store, ids.value), { pack: request.pack, asOf: request.asOf, operator: request.operator }, this.tuning);
    this.current = { batchId: request.batchId, job };
    return ok({ ...job.status(), batchId: request.batchId });
  }

  status(): VillageJobStatus | null {
    return this.current ? { ...this.current.job.status(), batchId: this.current.batchId } : null;
  }

  cancel(): Result<VillageJobStatus> {
    if (!this.current || this.current.job.finished) return fail('当前没有正在进行的计算');
    this.current.job.cancel();
    return ok({ ...this.current.job.status(), batchId: this.current.batchId });
  }

  running(): boolean {
    return this.current !== null && !this.current.job.finished;
  }

  /** The job in progress or last run (the tests and the benchmark wait on its `done`). */
  job(): RecalcJob | null {
    return this.current?.job ?? null;
  }
}
