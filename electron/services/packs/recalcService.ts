/**
 * 重新测算 for one data folder: its one job runner (recalcJob.ts) and its change reports (reportStore.ts),
 * made when first asked for, with the rules the recalc channels follow: who may start one, whether one
 * is writing (恢复 and 数据检查 wait for it), which report a page shows and which of its households.
 * The handlers only translate (electron/handlers/recalcHandlers.ts).
 */
import type { IsoDate } from '../../../shared/dates';
import type { ChangeReport, ChangeReportPage, RecalcStatus } from '../../../shared/api/packApi';
import { fail, ok, type Result } from '../../../shared/errors';
import { fenOf } from '../../../shared/money';
import type { Pack } from '../../../shared/packs/loadPack';
import type { Store } from '../store';
import { packsFolder } from './localPacks';
import { RecalcJobs } from './recalcJob';
import { ReportStore } from './reportStore';

export interface ReportPageRequest {
  jobId?: string | undefined;
  filter: 'all' | 'gainers' | 'losers';
  village?: string | undefined;
  page: number;
  pageSize: number;
}

/** A household's change in whole fen: its total delta is an amount to the fen ("-12.30"; a damaged file's: none). */
const deltaFen = (delta: string): bigint => (/^-?\d+\.\d{2}$/.test(delta) ? fenOf(delta) : 0n);

/** Whether a household of the report gains or loses, by the sign of its total change. */
export const gained = (delta: string): boolean => deltaFen(delta) > 0n;
export const lost = (delta: string): boolean => deltaFen(delta) < 0n;

export class RecalcService {
  private made: { jobs: RecalcJobs; reports: ReportStore } | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly store: () => Result<Store>,
  ) {}

  private get parts(): { jobs: RecalcJobs; reports: ReportStore } {
    if (!this.made) {
      const reports = new ReportStore(packsFolder(this.dataDir));
      this.made = { jobs: new RecalcJobs(this.store, reports), reports };
    }
    return this.made;
  }

  /** A recalculation is writing revisions (恢复 must wait: it replaces the database under it). */
  running(): boolean {
    const state = this.made?.jobs.status()?.state;
    return state === 'running' || state === 'cancelling';
  }

  /** Starts one, in a writable folder, recorded under the 经办人 of 设置. */
  start(pack: Pack, asOf: IsoDate | null): Result<RecalcStatus> {
    const store = this.store();
    if (!store.ok) return store;
    if (!store.value.access.writable) return fail(store.value.access.reason ?? '本窗口只读');
    const operator = store.value.settings.operator(undefined, '：重新测算的新修订记在经办人名下');
    if (!operator.ok) return operator;
    return this.parts.jobs.start({ pack, asOf, operator: operator.value });
  }

  status(): RecalcStatus | null {
    return this.parts.jobs.status();
  }

  cancel(): Result<RecalcStatus> {
    return this.parts.jobs.cancel();
  }

  reports(): ReturnType<ReportStore['list']> {
    return this.parts.reports.list();
  }

  /** The report asked for: the running (or last) job's, else a saved one; none asked: the latest. */
  report(jobId: string | undefined): Result<ChangeReport> {
    const { jobs, reports } = this.parts;
    const live = jobs.liveReport(jobId);
    if (live) return ok(live);
    const id = jobId ?? reports.list()[0]?.jobId;
    const saved = id === undefined ? null : reports.load(id);
    return saved ? ok(saved) : fail('还没有变动报告：请先进行一次重新测算', 'jobId');
  }

  /** One page of a report's households: all, those who gain or those who lose, in one village or all. */
  page(request: ReportPageRequest): Result<ChangeReportPage> {
    const found = this.report(request.jobId);
    if (!found.ok) return found;
    const { cases, ...rest } = found.value;
    const selected = cases.filter(
      (row) =>
        (request.filter === 'all' || (request.filter === 'gainers' ? gained(row.delta) : lost(row.delta))) &&
        (request.village === undefined || request.village === '' || row.village === request.village),
    );
    const start = (request.page - 1) * request.pageSize;
    return ok({ ...rest, cases: selected.slice(start, start + request.pageSize), casesTotal: selected.length, page: request.page, pageSize: request.pageSize });
  }
}
