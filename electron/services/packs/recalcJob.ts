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
 *
 * The job itself only ties the parts together and keeps the status: recalcSchedule.ts decides which
 * cases are computed next and where, recalcBatchSize.ts how many, recalcWrite.ts writes and counts
 * each batch, recalcCompute.ts is the work on one case.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import type { RecalcStatus } from '../../../shared/api/packApi';
import type { IsoDate } from '../../../shared/dates';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Pack } from '../../../shared/packs/loadPack';
import type { Store } from '../store';
import { isoWithOffset } from '../store/localTime';
import { ChangeReportBuilder, type ChangeReport } from './changeReport';
import { RecalcScheduler } from './recalcSchedule';
import { openedStore, StoreFailure, type StoreAccess } from './recalcStore';
import type { WorkerEntry } from '../workerEntry';
import { RecalcWriter } from './recalcWrite';

export interface RecalcRequest {
  pack: Pack;
  /** one assessment date for every case; null: each case's own (its latest result's policy.asOf) */
  asOf: IsoDate | null;
  operator: string;
}

export interface RecalcTuning {
  /** the time one batch aims at (default 150 ms: larger batches write the shared index pages fewer times) */
  sliceMs?: number;
  /**
   * cases read in the first batch (default 16: computed here while the workers load, and enough to
   * make the pack's compression dictionary the workers then use; later batches are sized from the measured rate)
   */
  firstBatch?: number;
  /** worker threads (default: one per CPU, at most 4; 0: compute in the main thread) */
  workers?: number;
  /** wait until the workers have loaded before computing (the tests, to exercise them on a few cases; the app starts at once) */
  waitForWorkers?: boolean;
  /** the worker threads' script (default: the bundled recalcWorker.js beside the app, or the source through tsx); the benchmark gives a bundle */
  workerEntry?: WorkerEntry;
  /** called after every batch (the benchmark records the gaps) */
  onProgress?: (status: RecalcStatus) => void;
  /** called after every batch is written, just before its progress: what it measured and the size it set (tests of the cadence) */
  onBatch?: (batch: BatchMeasure) => void;
  now?: () => Date;
}

/** One written batch as the scheduler sized the next from it (recalcBatchSize.ts). */
export interface BatchMeasure {
  cases: number;
  /** computed in the main thread (else in a worker thread) */
  local: boolean;
  computeMs: number;
  /** worker threads computing side by side when it came back (1: computed in the main thread) */
  parallel: number;
  writeMs: number;
  /** the size the next batch read will have */
  nextSize: number;
}

/** the first batch: as many results as the store's codec samples before it makes a pack's dictionary (revisionCodec.ts) */
const FIRST_BATCH = 16;

export class RecalcJob {
  readonly id = randomUUID();
  private cancelRequested = false;
  private readonly builder: ChangeReportBuilder;
  private readonly began = performance.now();
  private readonly state: RecalcStatus;
  private finalReport: ChangeReport | null = null;
  private scheduler: RecalcScheduler | null = null;
  readonly done: Promise<RecalcStatus>;

  constructor(
    private readonly store: StoreAccess,
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

  /** cases computed in worker threads (the rest in the main thread) */
  get computedInWorkers(): number {
    return this.scheduler?.computedInWorkers ?? 0;
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

  /** Batches computed (scheduler) and written (writer) one after another, a turn of the event loop between them. */
  private async run(): Promise<RecalcStatus> {
    let end: 'done' | 'cancelled' | 'failed' = 'done';
    const { meta } = this.request.pack;
    try {
      const counted = openedStore(this.store).batch.countCases();
      if (!counted.ok) throw new StoreFailure(counted.errors[0]?.message ?? '');
      this.state.total = counted.value;
      const scheduler = new RecalcScheduler(this.store, this.request, {
        sliceMs: this.tuning.sliceMs ?? 150,
        firstBatch: this.tuning.firstBatch ?? FIRST_BATCH,
        workers: this.tuning.workers ?? Math.min(4, cpus().length),
        waitForWorkers: this.tuning.waitForWorkers ?? false,
        ...(this.tuning.workerEntry ? { workerEntry: this.tuning.workerEntry } : {}),
      });
      this.scheduler = scheduler;
      const writer = new RecalcWriter(meta, this.request.operator, this.state, this.builder);
      for (;;) {
        // a turn of the event loop between batches: the desk's calls and the progress polls get in
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.cancelRequested) {
          end = 'cancelled';
          break;
        }
        const next = await scheduler.next();
        if (next.kind === 'wait') {
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        if (next.kind === 'end') break;
        // a cancel while the batch was computed elsewhere: it is dropped, not written
        if (this.cancelRequested) {
          end = 'cancelled';
          break;
        }
        const writing = performance.now();
        writer.write(openedStore(this.store), next.batch.computed);
        const writeMs = performance.now() - writing;
        const nextSize = scheduler.written(next.batch, writeMs);
        this.tuning.onBatch?.({ cases: next.batch.computed.length, local: next.batch.local, computeMs: next.batch.computeMs, parallel: next.batch.parallel, writeMs, nextSize });
        this.state.updates += 1;
        this.state.elapsedMs = Math.round(performance.now() - this.began);
        this.tuning.onProgress?.(this.status());
      }
    } catch (error) {
      end = 'failed';
      this.state.message = error instanceof StoreFailure ? `重新测算中止：${error.message}` : `重新测算中止：程序内部错误（${(error as Error).message}）`;
      if (!(error instanceof StoreFailure)) console.error(error);
    } finally {
      await this.scheduler?.close();
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
