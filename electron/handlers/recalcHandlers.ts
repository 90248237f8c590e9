/** 重新测算: start, progress, cancel, and the change reports (view a page, export to xlsx), over the recalc service. */
import { fail, ok } from '../../shared/errors';
import type { Services } from '../services';
import { changeReportXlsx } from '../services/packs/changeReportXlsx';
import type { Handlers } from './index';

type RecalcChannels = 'recalc.start' | 'recalc.status' | 'recalc.cancel' | 'recalc.reports' | 'recalc.report' | 'recalc.exportReport';

export function recalcHandlers(services: Services): Handlers<RecalcChannels> {
  return {
    'recalc.start': (request) => {
      const entry = services.packs.find(request);
      if (!entry) return fail(`找不到参数包 ${request.id} 版本 ${request.version}`, 'version');
      return services.recalc.start(entry.pack, request.asOf);
    },
    'recalc.status': () => ok(services.recalc.status()),
    'recalc.cancel': () => services.recalc.cancel(),
    'recalc.reports': () => ok(services.recalc.reports()),
    'recalc.report': (request) => services.recalc.page(request),
    'recalc.exportReport': async (request) => {
      const found = services.recalc.report(request.jobId);
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
