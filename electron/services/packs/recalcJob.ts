/**
 * 重新测算: recomputes every stored case (its latest revision, voided cases left alone) under a chosen
 * pack, in the background of the main process. The work runs in slices sized to take about a tenth of
 * a second, with a turn of the event loop between them, so the desk's own calls are answered and the
 * progress (polled by the page) moves several times a second. Each slice reads one batch and writes
 * its 'recalc' revisions in one transaction; a cancel takes effect between slices, so the store is
 * always consistent: every case has its old latest revision or its new recalc revision.
 *
 * A case gets a revision only when its result changed. Its input is stored with the assessment date
 * used (asOf) made explicit, so every recalc revision can be recomputed from itself.
 */
import { randomUUID } from 'node:crypto';
import type { RecalcStatus } from '../../../shared/api/packApi';
import { calculate } from '../../../shared/calculate';
import type { IsoDate } from '../../../shared/dates';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Pack } from '../../../shared/packs/loadPack';
import type { Store } from '../store';
import type { RecalcBatchRequest } from '../store/caseBatch';
import { ChangeReportBuilder, type ChangeReport } from './changeReport';

export interface RecalcRequest {
  pack: Pack;
  /** one assessment date for every case; null: each case's own (its latest result's policy.asOf) */
  asOf: IsoDate | null;
  operator: string;
}

export interface RecalcTuning {
  /** the time one slice aims at (default 100 ms) */
  sliceMs?: number;
  /** cases read in the first slice (default 50; later slices are sized from the measured rate) */
  firstBatch?: number;
  /** called after every slice (the benchmark records the gaps) */
  onProgress?: (status: RecalcStatus) => void;
  now?: () => Date;
}

const MAX_PROBLEMS = 50;
const MAX_BATCH = 2000;

type Json = Record<string, unknown>;

export class RecalcJob {
  readonly id = randomUUID();
  private cancelRequested = false;
  private readonly builder = new ChangeReportBuilder();
  private readonly began = performance.now();
  private readonly state: RecalcStatus;
  private finalReport: ChangeReport | null = null;
  readonly done: Promise<RecalcStatus>;

  constructor(
    private readonly store: () => Result<Store>,
    private readonly request: RecalcRequest,
    private readonly tuning: RecalcTuning = {},
  ) {
    const now = (tuning.now ?? (() => new Date()))().toISOString();
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
    return {
      jobId: this.id,
      pack: this.state.pack,
      asOf: this.request.asOf,
      startedAt: this.state.startedAt,
      finishedAt: this.state.finishedAt,
      state,
    };
  }

  private problem(caseNo: string, message: string): void {
    this.state.failed += 1;
    if (this.state.problems.length < MAX_PROBLEMS) this.state.problems.push({ caseNo, message });
  }

  private async run(): Promise<RecalcStatus> {
    let end: 'done' | 'cancelled' | 'failed' = 'done';
    try {
      const opened = this.store();
      if (!opened.ok) throw new StoreFailure(opened.errors[0]?.message ?? '案卷数据库未能打开');
      const counted = opened.value.batch.countCases();
      if (!counted.ok) throw new StoreFailure(counted.errors[0]?.message ?? '');
      this.state.total = counted.value;
      let after = 0;
      let batch = this.tuning.firstBatch ?? 50;
      const sliceMs = this.tuning.sliceMs ?? 100;
      for (;;) {
        // a turn of the event loop between slices: the desk's calls and the progress polls get in
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.cancelRequested) {
          end = 'cancelled';
          break;
        }
        const store = this.store();
        if (!store.ok) throw new StoreFailure(store.errors[0]?.message ?? '案卷数据库已关闭');
        const started = performance.now();
        const read = this.slice(store.value, after, batch);
        if (read === null) break;
        after = read;
        const spent = performance.now() - started;
        this.state.updates += 1;
        this.state.elapsedMs = Math.round(performance.now() - this.began);
        this.tuning.onProgress?.(this.status());
        // size the next slice from this one's rate, within bounds
        const perCase = spent / Math.max(1, batch);
        batch = Math.max(10, Math.min(MAX_BATCH, Math.round(sliceMs / Math.max(perCase, 0.01))));
      }
    } catch (error) {
      end = 'failed';
      this.state.message = error instanceof StoreFailure ? `重新测算中止：${error.message}` : `重新测算中止：程序内部错误（${(error as Error).message}）`;
      if (!(error instanceof StoreFailure)) console.error(error);
    }
    this.state.state = end;
    this.state.finishedAt = (this.tuning.now ?? (() => new Date()))().toISOString();
    this.state.elapsedMs = Math.round(performance.now() - this.began);
    if (end === 'done') this.state.message = `已完成：${this.state.recomputed} 户重新测算，其中 ${this.state.written} 户结果有变化并已记为新修订`;
    if (end === 'cancelled') this.state.message = `已取消：取消前 ${this.state.written} 户已记为新修订，其余案卷保持原样`;
    this.finalReport = this.builder.build(this.reportMeta(end));
    this.state.updates += 1;
    this.tuning.onProgress?.(this.status());
    return this.status();
  }

  /** One batch: read, compute, write. Returns the last case id read, or null at the end. */
  private slice(store: Store, after: number, limit: number): number | null {
    const latest = store.batch.latest({ afterCaseId: after, limit });
    if (!latest.ok) throw new StoreFailure(latest.errors[0]?.message ?? '');
    const rows = latest.value;
    if (rows.length === 0) return null;
    const items: RecalcBatchRequest['items'] = [];
    const pending: { caseNo: string; caseId: number; input: unknown; before: unknown; after: unknown }[] = [];
    for (const row of rows) {
      this.state.processed += 1;
      if (row.kind === 'void') {
        this.state.voided += 1;
        continue;
      }
      const input = JSON.parse(row.inputJson) as Json;
      const before = JSON.parse(row.resultJson) as Json;
      const asOf = this.request.asOf ?? (before.policy as Json | undefined)?.asOf;
      if (typeof asOf !== 'string') {
        this.problem(row.caseNo, '原测算结果缺少测算日期，无法按原日期重新测算');
        continue;
      }
      const dated = { ...input, asOf };
      let computed: ReturnType<typeof calculate>;
      try {
        computed = calculate(dated, { pack: this.request.pack, today: asOf });
      } catch (error) {
        this.problem(row.caseNo, `程序内部错误：${(error as Error).message}`);
        continue;
      }
      if (!computed.ok) {
        this.problem(row.caseNo, computed.errors.map((e) => e.message).join('；'));
        continue;
      }
      this.state.recomputed += 1;
      const resultJson = JSON.stringify(computed.value);
      if (resultJson === row.resultJson) {
        this.state.unchanged += 1;
        this.builder.add(row.caseNo, input, before, before);
        continue;
      }
      items.push({
        caseId: row.caseId,
        expectedRevision: row.revision,
        inputJson: JSON.stringify(dated),
        resultJson,
        packId: this.request.pack.meta.id,
        packVersion: this.request.pack.meta.version,
      });
      pending.push({ caseNo: row.caseNo, caseId: row.caseId, input, before, after: computed.value });
    }
    if (items.length > 0) {
      const written = store.batch.recalc({ operator: this.request.operator, items });
      if (!written.ok) throw new StoreFailure(written.errors[0]?.message ?? '');
      const stale = new Set(written.value.stale);
      this.state.written += written.value.written;
      this.state.stale += stale.size;
      for (const entry of pending) {
        if (!stale.has(entry.caseId)) this.builder.add(entry.caseNo, entry.input, entry.before, entry.after);
      }
    }
    return (rows.at(-1) as (typeof rows)[number]).caseId;
  }
}

class StoreFailure extends Error {}

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
