/**
 * 重新测算: recomputes every stored case (its latest revision, voided cases left alone) under a chosen
 * pack, in the background. The main process reads batches of stored revisions and writes the results;
 * the computing (decode, calculate, compare, compress, search fields) runs in worker threads
 * (recalcWorkers.ts), or here in slices between turns of the event loop when workers are not
 * available or before the pack's compression dictionary exists. Either way the desk's own calls are
 * answered between batches and the progress (polled by the page) moves several times a second.
 *
 * Each batch's revisions are written in one transaction; a cancel takes effect between batches (work
 * in flight is dropped), so the store is always consistent: every case has its old latest revision
 * or its new recalc revision. A case gets a revision only when its result changed in anything it
 * shows (amounts, steps, citations, warnings); the policy block (pack and date) alone is not a
 * change. Its input is stored with the assessment date used (asOf) made explicit, so every recalc
 * revision can be recomputed from itself.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import type { RecalcStatus } from '../../../shared/api/packApi';
import type { IsoDate } from '../../../shared/dates';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Pack } from '../../../shared/packs/loadPack';
import type { Store, StoredLatest } from '../store';
import type { RecalcBatchRequest } from '../store/caseBatch';
import { ChangeReportBuilder, type ChangeReport } from './changeReport';
import { isoWithOffset } from '../store/localTime';
import { RecalcComputer, type ComputedRow } from './recalcCompute';
import { RecalcWorkerPool } from './recalcWorkers';

export interface RecalcRequest {
  pack: Pack;
  /** one assessment date for every case; null: each case's own (its latest result's policy.asOf) */
  asOf: IsoDate | null;
  operator: string;
}

export interface RecalcTuning {
  /** the time one batch aims at (default 150 ms: larger batches write the shared index pages fewer times) */
  sliceMs?: number;
  /** cases read in the first batch (default 50; later batches are sized from the measured rate) */
  firstBatch?: number;
  /** worker threads (default: one per CPU, at most 4; 0: compute in the main thread) */
  workers?: number;
  /** wait until the workers have loaded before computing (the tests, to exercise them on a few cases; the app starts at once) */
  waitForWorkers?: boolean;
  /** called after every batch (the benchmark records the gaps) */
  onProgress?: (status: RecalcStatus) => void;
  now?: () => Date;
}

const MAX_PROBLEMS = 50;
const MAX_BATCH = 2000;

class StoreFailure extends Error {}

interface InFlight {
  rows: StoredLatest[];
  computed: Promise<{ rows: ComputedRow[]; ms: number }>;
}

export class RecalcJob {
  readonly id = randomUUID();
  private cancelRequested = false;
  private readonly builder: ChangeReportBuilder;
  private readonly began = performance.now();
  private readonly state: RecalcStatus;
  private finalReport: ChangeReport | null = null;
  /** cases computed in worker threads (the rest in the main thread) */
  computedInWorkers = 0;
  readonly done: Promise<RecalcStatus>;

  constructor(
    private readonly store: () => Result<Store>,
    private readonly request: RecalcRequest,
    private readonly tuning: RecalcTuning = {},
  ) {
    // local time with its offset, as revisions are stamped: the page shows the office's clock
    this.builder = new ChangeReportBuilder(request.pack.deliveries);
    const now = isoWithOffset((tuning.now ?? (() => new Date()))());
    const { meta } = request.pack;
    this.state = {
      jobId: this.id,
      state: 'running',
      pack: { id: meta.id, version: meta.version, title: meta.title },
      asOf: request.asOf,
      total: 0,
      processed: 0,
      recomputed: 0,
      written: 0,
      unchanged: 0,
      voided: 0,
      failed: 0,
      stale: 0,
      startedAt: now,
      finishedAt: null,
      elapsedMs: 0,
      updates: 0,
      message: null,
      problems: [],
    };
    this.done = this.run();
  }

  status(): RecalcStatus {
    return { ...this.state, elapsedMs: this.state.finishedAt ? this.state.elapsedMs : Math.round(performance.now() - this.began), problems: [...this.state.problems] };
  }

  get finished(): boolean {
    return this.state.finishedAt !== null;
  }

  cancel(): void {
    if (this.finished) return;
    this.cancelRequested = true;
    this.state.state = 'cancelling';
  }

  /** The change report so far (final once the job has ended). */
  report(): ChangeReport {
    if (this.finalReport) return this.finalReport;
    return this.builder.build(this.reportMeta('running'));
  }

  private reportMeta(state: ChangeReport['state']) {
    return { jobId: this.id, pack: this.state.pack, asOf: this.request.asOf, startedAt: this.state.startedAt, finishedAt: this.state.finishedAt, state };
  }

  private open(): Store {
    const store = this.store();
    if (!store.ok) throw new StoreFailure(store.errors[0]?.message ?? '案卷数据库已关闭');
    return store.value;
  }

  private read(store: Store, after: number, limit: number): StoredLatest[] {
    const read = store.batch.latestStored({ afterCaseId: after, limit });
    if (!read.ok) throw new StoreFailure(read.errors[0]?.message ?? '');
    return read.value;
  }

  private async run(): Promise<RecalcStatus> {
    let end: 'done' | 'cancelled' | 'failed' = 'done';
    let pool: RecalcWorkerPool | null = null;
    const { meta } = this.request.pack;
    try {
      const first = this.open();
      const counted = first.batch.countCases();
      if (!counted.ok) throw new StoreFailure(counted.errors[0]?.message ?? '');
      this.state.total = counted.value;
      const here = new RecalcComputer(this.request.pack, this.request.asOf, (id) => this.open().batch.dictionary(id));
      const workers = this.tuning.workers ?? Math.min(4, cpus().length);
      const sliceMs = this.tuning.sliceMs ?? 150;
      let batch = this.tuning.firstBatch ?? 50;
      let after = 0;
      let exhausted = false;
      let workersFailed = false;
      const inFlight: InFlight[] = [];
      for (;;) {
        // a turn of the event loop between batches: the desk's calls and the progress polls get in
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.cancelRequested) {
          end = 'cancelled';
          break;
        }
        const store = this.open();
        // workers start at once (they take a moment to load) and are used once the pack's own
        // compression dictionary exists (the first batches, computed here, make it)
        if (!pool && !workersFailed && workers > 0) pool = RecalcWorkerPool.start(workers, this.request.pack.raw, this.request.asOf);
        const target = store.batch.ownDictionary(meta.id, meta.version);
        if (this.tuning.waitForWorkers && target && pool && !pool.broken && pool.size === 0) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        const started = performance.now();
        let computed: ComputedRow[];
        let count: number;
        let local = false;
        if (pool && target && !pool.broken && (pool.size > 0 || inFlight.length > 0)) {
          while (!exhausted && inFlight.length < pool.size * 2) {
            const rows = this.read(store, after, batch);
            if (rows.length === 0) exhausted = true;
            else {
              after = (rows.at(-1) as StoredLatest).caseId;
              inFlight.push({ rows, computed: pool.run(rows, target, (id) => store.batch.dictionary(id)) });
            }
          }
          const next = inFlight.shift();
          if (!next) break;
          const running = pool;
          try {
            const done = await next.computed;
            computed = done.rows;
            this.computedInWorkers += done.rows.length;
            // the next batches take about one slice of a worker's time each
            batch = Math.max(10, Math.min(MAX_BATCH, Math.round(sliceMs / Math.max(done.ms / Math.max(1, done.rows.length), 0.01))));
          } catch (error) {
            // a worker failed: this batch and the rest are computed here instead; batches in flight are read again
            console.error('重新测算的工作线程出错，改在主线程继续', error);
            computed = here.compute(next.rows, null);
            workersFailed = true;
            void running.close();
            pool = null;
            for (const pending of inFlight.splice(0)) {
              pending.computed.catch(() => undefined);
              after = Math.min(after, (pending.rows[0] as StoredLatest).caseId - 1);
              exhausted = false;
            }
          }
          count = next.rows.length;
          if (this.cancelRequested) {
            end = 'cancelled';
            break;
          }
        } else {
          const rows = this.read(store, after, batch);
          if (rows.length === 0) break;
          after = (rows.at(-1) as StoredLatest).caseId;
          computed = here.compute(rows, null);
          count = rows.length;
          local = true;
        }
        this.write(this.open(), computed);
        const spent = performance.now() - started;
        this.state.updates += 1;
        this.state.elapsedMs = Math.round(performance.now() - this.began);
        this.tuning.onProgress?.(this.status());
        // size the next batch from the rate of the last one computed here (a worker computes about as fast)
        if (local) batch = Math.max(10, Math.min(MAX_BATCH, Math.round(sliceMs / Math.max(spent / Math.max(1, count), 0.01))));
      }
    } catch (error) {
      end = 'failed';
      this.state.message = error instanceof StoreFailure ? `重新测算中止：${error.message}` : `重新测算中止：程序内部错误（${(error as Error).message}）`;
      if (!(error instanceof StoreFailure)) console.error(error);
    } finally {
      if (pool) await pool.close();
    }
    this.state.state = end;
    this.state.finishedAt = isoWithOffset((this.tuning.now ?? (() => new Date()))());
    this.state.elapsedMs = Math.round(performance.now() - this.began);
    if (end === 'done') this.state.message = `已完成：${this.state.recomputed} 户重新测算，其中 ${this.state.written} 户结果有变化并已记为新修订`;
    if (end === 'cancelled') this.state.message = `已取消：取消前 ${this.state.written} 户已记为新修订，其余案卷保持原样`;
    this.finalReport = this.builder.build(this.reportMeta(end));
    this.state.updates += 1;
    this.tuning.onProgress?.(this.status());
    return this.status();
  }

  private problem(caseNo: string, message: string): void {
    this.state.failed += 1;
    if (this.state.problems.length < MAX_PROBLEMS) this.state.problems.push({ caseNo, message });
  }

  /** Writes one computed batch in one transaction and counts it. */
  private write(store: Store, computed: ComputedRow[]): void {
    const { meta } = this.request.pack;
    const items: RecalcBatchRequest['items'] = [];
    const pending = new Map<number, Extract<ComputedRow, { outcome: 'changed' }>>();
    for (const row of computed) {
      this.state.processed += 1;
      if (row.outcome === 'void') this.state.voided += 1;
      else if (row.outcome === 'failed') this.problem(row.caseNo, row.message);
      else if (row.outcome === 'unchanged') {
        this.state.recomputed += 1;
        this.state.unchanged += 1;
        this.builder.addEntry(row.caseNo, row.report);
      } else {
        this.state.recomputed += 1;
        const base = { caseId: row.caseId, expectedRevision: row.revision, packId: meta.id, packVersion: meta.version, fields: row.fields, digests: row.digests };
        items.push(row.encoded ? { ...base, encoded: row.encoded } : { ...base, inputJson: row.inputJson as string, resultJson: row.resultJson as string });
        pending.set(row.caseId, row);
      }
    }
    if (items.length === 0) return;
    const written = store.batch.recalc({ operator: this.request.operator, items });
    if (!written.ok) throw new StoreFailure(written.errors[0]?.message ?? '');
    const stale = new Set(written.value.stale);
    this.state.written += written.value.written;
    this.state.stale += stale.size;
    for (const [caseId, row] of pending) if (!stale.has(caseId)) this.builder.addEntry(row.caseNo, row.report);
  }
}

/** The one recalculation a data folder runs at a time, and the reports of those that ran. */
export class RecalcJobs {
  private current: RecalcJob | null = null;

  constructor(
    private readonly store: () => Result<Store>,
    private readonly reports: { save(report: ChangeReport): void },
    private readonly tuning: RecalcTuning = {},
  ) {}

  start(request: RecalcRequest): Result<RecalcStatus> {
    if (this.current && !this.current.finished) return fail('已有一项重新测算正在进行，请等它完成或先取消');
    const job = new RecalcJob(this.store, request, this.tuning);
    this.current = job;
    void job.done.then(() => {
      try {
        this.reports.save(job.report());
      } catch (error) {
        console.error('变动报告未能保存', error);
      }
    });
    return ok(job.status());
  }

  status(): RecalcStatus | null {
    return this.current?.status() ?? null;
  }

  cancel(): Result<RecalcStatus> {
    if (!this.current || this.current.finished) return fail('当前没有正在进行的重新测算');
    this.current.cancel();
    return ok(this.current.status());
  }

  /** The running (or last) job's report, if it is the one asked for. */
  liveReport(jobId?: string): ChangeReport | null {
    if (!this.current) return null;
    if (jobId !== undefined && jobId !== this.current.id) return null;
    return this.current.report();
  }

  job(): RecalcJob | null {
    return this.current;
  }
}
