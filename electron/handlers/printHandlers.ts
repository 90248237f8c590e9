/**
 * 打印: the printers, printing the handout on screen, and 导出PDF. The window's content is printed by
 * the PrintService the desktop app provides; the web host has none and answers with what to do in the
 * browser instead. Each successful print or export is recorded in the case history (print.record's
 * store call), so the history shows who printed which revision, as which document, when.
 */
import type { CaseDetail } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/errors';
import { PAPER, type HandoutDocument } from '../../shared/print/documents';
import type { Services } from '../services';
import type { PrintService } from '../services/printService';
import { caseDetail } from './caseHandlers';
import type { Handlers } from './index';

const NOT_RECORDED = '本窗口只读（见页面顶部的说明），本次打印未记入案卷打印记录';
const BROWSER_PRINT = '浏览器模式下请使用浏览器的打印：按 Ctrl+P（或点“打印”）打开打印对话框，在其中选择打印机；导出PDF时选择“另存为PDF”';

function pdfFileName(caseNo: string, revision: number, document: HandoutDocument): string {
  return `${PAPER[document].label}-${caseNo}-第${revision}版.pdf`;
}

export function printHandlers(services: Services): Handlers<'print.printers' | 'print.run' | 'print.pdf'> {
  const withPrinter = <T>(run: (printer: PrintService) => Promise<Result<T>>): Promise<Result<T>> =>
    services.print ? run(services.print) : Promise.resolve(fail(BROWSER_PRINT));

  /**
   * Records the printing and answers the case as it now stands. A read-only window (another program
   * writes the folder, or it is write-protected) prints without recording, and says so.
   */
  const record = (caseNo: string, revision: number, document: HandoutDocument | 'pdf'): Result<{ detail: CaseDetail; recorded: boolean }> => {
    const store = services.store();
    if (!store.ok) return store;
    if (!store.value.access.writable) {
      const detail = caseDetail(store.value, caseNo);
      return detail.ok ? ok({ detail: detail.value, recorded: false }) : detail;
    }
    const recorded = store.value.prints.record({ caseNo, revision, document });
    if (!recorded.ok) return recorded;
    const detail = caseDetail(store.value, caseNo);
    return detail.ok ? ok({ detail: detail.value, recorded: true }) : detail;
  };

  /** Refuses a revision that may not be printed (printLog.ts) before anything reaches the printer. */
  const printable = (caseNo: string, revision: number): Result<true> => {
    const store = services.store();
    return store.ok ? store.value.prints.printable(caseNo, revision) : store;
  };

  return {
    'print.printers': () => withPrinter((printer) => printer.printers()),
    'print.run': (request) =>
      withPrinter(async (printer) => {
        const allowed = printable(request.caseNo, request.revision);
        if (!allowed.ok) return allowed;
        const printed = await printer.print({
          paper: PAPER[request.document],
          copies: request.copies,
          ...(request.deviceName === undefined ? {} : { deviceName: request.deviceName }),
        });
        if (!printed.ok) return printed;
        const recorded = record(request.caseNo, request.revision, request.document);
        if (!recorded.ok) return recorded;
        return recorded.value.recorded ? ok(recorded.value.detail) : fail(`已送打印机；${NOT_RECORDED}`);
      }),
    'print.pdf': (request) =>
      withPrinter(async (printer) => {
        const allowed = printable(request.caseNo, request.revision);
        if (!allowed.ok) return allowed;
        const pdf = await printer.pdf(PAPER[request.document]);
        if (!pdf.ok) return pdf;
        const recorded = record(request.caseNo, request.revision, 'pdf');
        if (!recorded.ok) return recorded;
        const file = { fileName: pdfFileName(request.caseNo, request.revision, request.document), mime: 'application/pdf', base64: Buffer.from(pdf.value).toString('base64') };
        return ok({ file, ...recorded.value });
      }),
  };
}
