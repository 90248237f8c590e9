/** 重新测算: start, progress, cancel, and the change reports (view a page, export to xlsx). */
import type { ChangeReport, ChangeReportPage } from '../../shared/api/packApi';
import { fail, ok, type Result } from '../../shared/errors';
import type { Services } from '../services';
import { packsFolder } from '../services/packs/localPacks';
import { changeReportXlsx } from '../services/packs/changeReportXlsx';
import { RecalcJobs } from '../services/packs/recalcJob';
import { ReportStore } from '../services/packs/reportStore';
import type { Handlers } from './index';

type RecalcChannels = 'recalc.start' | 'recalc.status' | 'recalc.cancel' | 'recalc.reports' | 'recalc.report' | 'recalc.exportReport';

/** one job runner and report folder per data folder (the handler table may be built more than once) */
const perServices = new WeakMap<Services, { jobs: RecalcJobs; reports: ReportStore }>();

function recalcFor(services: Services): { jobs: RecalcJobs; reports: ReportStore } {
  let entry = perServices.get(services);
  if (!entry) {
    const reports = new ReportStore(packsFolder(services.options.dataDir));
    entry = { jobs: new RecalcJobs(() => services.store(), reports), reports };
    perServices.set(services, entry);
  }
  return entry;
}

/** A recalculation is writing revisions (恢复 must wait: it replaces the database under it). */
export function recalcRunning(services: Services): boolean {
  const state = perServices.get(services)?.jobs.status()?.state;
  return state === 'running' || state === 'cancelling';
}

function findReport(services: Services, jobId: string | undefined): Result<ChangeReport> {
  const { jobs, reports } = recalcFor(services);
  const live = jobs.liveReport(jobId);
  if (live) return ok(live);
  const id = jobId ?? reports.list()[0]?.jobId;
  const saved = id === undefined ? null : reports.load(id);
  return saved ? ok(saved) : fail('还没有变动报告：请先进行一次重新测算', 'jobId');
}

export function recalcHandlers(services: Services): Handlers<RecalcChannels> {
  return {
    'recalc.start': (request) => {
      const entry = services.packs.find(request);
      if (!entry) return fail(`找不到参数包 ${request.id} 版本 ${request.version}`, 'version');
      const store = services.store();
      if (!store.ok) return store;
      if (!store.value.access.writable) return fail(store.value.access.reason ?? '本窗口只读');
      const operator = store.value.settings.get().operatorName.trim();
      if (operator === '') return fail('请先在“设置”中填写经办人姓名：重新测算的新修订记在经办人名下', 'operator');
      return recalcFor(services).jobs.start({ pack: entry.pack, asOf: request.asOf, operator });
    },
    'recalc.status': () => ok(recalcFor(services).jobs.status()),
    'recalc.cancel': () => recalcFor(services).jobs.cancel(),
    'recalc.reports': () => ok(recalcFor(services).reports.list()),
    'recalc.report': (request) => {
      const found = findReport(services, request.jobId);
      if (!found.ok) return found;
      const { cases, ...rest } = found.value;
      const selected = cases.filter(
        (row) =>
          (request.filter === 'all' || (request.filter === 'gainers' ? !row.delta.startsWith('-') && row.delta !== '0.00' : row.delta.startsWith('-'))) &&
          (request.village === undefined || request.village === '' || row.village === request.village),
      );
      const start = (request.page - 1) * request.pageSize;
      const page: ChangeReportPage = { ...rest, cases: selected.slice(start, start + request.pageSize), casesTotal: selected.length, page: request.page, pageSize: request.pageSize };
      return ok(page);
    },
    'recalc.exportReport': async (request) => {
      const found = findReport(services, request.jobId);
      if (!found.ok) return found;
      const bytes = await changeReportXlsx(found.value);
      const day = found.value.startedAt.slice(0, 10);
      return ok({
        fileName: `重新测算变动报告-${found.value.pack.id}-${found.value.pack.version}-${day}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: bytes.toString('base64'),
      });
    },
  };
}
