/**
 * Which cases 重新测算 computes next, and where: batches of stored revisions are read in case order and
 * computed in worker threads (recalcWorkers.ts) — a few batches ahead, so the workers compute while
 * the main thread writes — or here, in the main thread, while the workers load, before the pack's
 * own compression dictionary exists (the first batches, computed here, make it), when no worker can
 * run, or after one failed. Batches come back in case order either way.
 *
 * A worker that fails costs nothing: its batch is computed here, the workers are stopped, and the
 * batches they still held are read again and computed here.
 */
import { availableParallelism } from 'node:os';
import type { IsoDate } from '../../../shared/dates';
import type { Pack } from '../../../shared/packs/loadPack';
import type { Store, StoredLatest } from '../store';
import { nextBatchSize } from './recalcBatchSize';
import { RecalcComputer, type ComputedRow } from './recalcCompute';
import { openedStore, readStored, type StoreAccess } from './recalcStore';
import type { WorkerEntry } from '../workerEntry';
import { RecalcWorkerPool } from './recalcWorkers';

export interface SchedulerTuning {
  /** the time one batch aims at */
  sliceMs: number;
  /** cases read in the first batch */
  firstBatch: number;
  /** worker threads (0: compute in the main thread) */
  workers: number;
  /** wait until the workers have loaded before computing (tests) */
  waitForWorkers: boolean;
  /** the workers' script (default: recalcWorkers.ts finds it) */
  workerEntry?: WorkerEntry;
}

export interface ScheduledBatch {
  computed: ComputedRow[];
  /** computed here, in the main thread (else in a worker thread) */
  local: boolean;
  /** the time computing it took (here: reading it too; in a worker: the worker's own time) */
  computeMs: number;
  /** the worker threads computing batches side by side when it came back (1 here) */
  parallel: number;
}

export type Scheduled = { kind: 'batch'; batch: ScheduledBatch } | { kind: 'wait' } | { kind: 'end' };

interface InFlight {
  rows: StoredLatest[];
  computed: Promise<{ rows: ComputedRow[]; ms: number }>;
}

/** the cores the job's threads share (the main thread writing, the workers computing) */
const CORES = availableParallelism();

/**
 * The time between two progress reports a written batch stands for (see RecalcScheduler.written). From
 * workers, at least the slower of the write and the worker's time shared by the workers side by side,
 * and at least the batch's computing and writing shared by the threads there are cores for: two workers
 * and the writer on 2 cores take turns, and sizing as if they ran side by side let gaps of 500–600 ms
 * through on a quiet machine (100,000 cases, tests/bench/README.md「Recalculation, fourth round」).
 */
export function batchIntervalMs(batch: { local: boolean; computeMs: number; parallel: number }, writeMs: number, cores = CORES): number {
  if (batch.local) return batch.computeMs + writeMs;
  const parallel = Math.max(1, batch.parallel);
  return Math.max(batch.computeMs / parallel, writeMs, (batch.computeMs + writeMs) / Math.max(1, Math.min(cores, parallel + 1)));
}

export class RecalcScheduler {
  private pool: RecalcWorkerPool | null = null;
  private workersFailed = false;
  private readonly inFlight: InFlight[] = [];
  /** the last case read */
  private after = 0;
  private exhausted = false;
  /** cases the next batch reads */
  private size: number;
  private readonly here: RecalcComputer;
  /** cases computed in worker threads (the rest in the main thread) */
  computedInWorkers = 0;

  constructor(
    private readonly store: StoreAccess,
    private readonly request: { pack: Pack; asOf: IsoDate | null },
    private readonly tuning: SchedulerTuning,
  ) {
    this.size = tuning.firstBatch;
    this.here = new RecalcComputer(request.pack, request.asOf, (id) => openedStore(store).batch.dictionary(id));
  }

  /** The next batch computed, in case order; 'wait': ask again shortly; 'end': every case has been read. */
  async next(): Promise<Scheduled> {
    const store = openedStore(this.store);
    const { pack, asOf } = this.request;
    // workers start at once (they take a moment to load) and are used once the pack's own
    // compression dictionary exists (the first batches, computed here, make it)
    if (!this.pool && !this.workersFailed && this.tuning.workers > 0) this.pool = RecalcWorkerPool.start(this.tuning.workers, pack.raw, asOf, this.tuning.workerEntry);
    const target = store.batch.ownDictionary(pack.meta.id, pack.meta.version);
    const pool = this.pool;
    if (this.tuning.waitForWorkers && target && pool && !pool.broken && pool.size === 0) return { kind: 'wait' };
    if (pool && target && !pool.broken && (pool.size > 0 || this.inFlight.length > 0)) return this.fromWorkers(store, pool, target);
    return this.fromHere(store);
  }

  /**
   * A batch has been written, in `writeMs`: the next batch is sized (returned) from the time between two
   * progress reports it stands for — computed here: reading, computing and writing it one after the
   * other; computed in a worker: the slower of the write and the worker's time shared by the workers
   * computing side by side (with two workers a batch comes back every half a batch's compute time; a
   * batch the workers compute quickly can still take the main thread long to write, and the progress
   * must move twice a second). Sizing from the worker's whole time made batches half as large as the
   * progress needed, and each batch's commit costs the main thread per page it dirties, not per case.
   */
  written(batch: ScheduledBatch, writeMs: number): number {
    this.size = nextBatchSize(this.tuning.sliceMs, batch.computed.length, batchIntervalMs(batch, writeMs));
    return this.size;
  }

  async close(): Promise<void> {
    this.here.close();
    if (this.pool) await this.pool.close();
  }

  private fromHere(store: Store): Scheduled {
    const started = performance.now();
    const rows = readStored(store, this.after, this.size);
    if (rows.length === 0) return { kind: 'end' };
    this.after = (rows.at(-1) as StoredLatest).caseRowId;
    const computed = this.here.compute(rows, null);
    return { kind: 'batch', batch: { computed, local: true, computeMs: performance.now() - started, parallel: 1 } };
  }

  private async fromWorkers(store: Store, pool: RecalcWorkerPool, target: { id: number; bytes: Uint8Array }): Promise<Scheduled> {
    while (!this.exhausted && this.inFlight.length < pool.size * 2) {
      const rows = readStored(store, this.after, this.size);
      if (rows.length === 0) this.exhausted = true;
      else {
        this.after = (rows.at(-1) as StoredLatest).caseRowId;
        this.inFlight.push({ rows, computed: pool.run(rows, target, (id) => store.batch.dictionary(id)) });
      }
    }
    const next = this.inFlight.shift();
    if (!next) return { kind: 'end' };
    try {
      const done = await next.computed;
      this.computedInWorkers += done.rows.length;
      return { kind: 'batch', batch: { computed: done.rows, local: false, computeMs: done.ms, parallel: Math.max(1, pool.size) } };
    } catch (error) {
      // a worker failed: this batch and the rest are computed here instead; batches in flight are read again
      console.error('重新测算的工作线程出错，改在主线程继续', error);
      const started = performance.now();
      const computed = this.here.compute(next.rows, null);
      const computeMs = performance.now() - started;
      this.workersFailed = true;
      void pool.close();
      this.pool = null;
      for (const pending of this.inFlight.splice(0)) {
        pending.computed.catch(() => undefined);
        this.after = Math.min(this.after, (pending.rows[0] as StoredLatest).caseRowId - 1);
        this.exhausted = false;
      }
      return { kind: 'batch', batch: { computed, local: true, computeMs, parallel: 1 } };
    }
  }
}
