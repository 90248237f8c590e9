/**
 * The desktop app's PrintService, a window printer: prints or saves as PDF what the app window shows. The print page's
 * CSS hides everything but the handout and names its paper (@page), so Chromium lays out the same
 * pages here as in the PDF; webContents.print is given the paper as well, because a printer driver
 * otherwise falls back to its own default size.
 */
import type { BrowserWindow, WebContentsPrintOptions } from 'electron';
import { fail, ok, type Result } from '../../shared/errors';
import type { PaperSpec } from '../../shared/print/documents';
import type { PrintJob, PrintService } from '../services/printService';

const MICRONS_PER_MM = 1000;
const MM_PER_INCH = 25.4;

const FAILURES: Record<string, string> = {
  'Print job canceled': '已取消打印',
  'Invalid printer settings': '打印机设置无效：请换一台打印机，或在系统中检查这台打印机的纸张设置',
  'Print job failed': '打印失败：请检查打印机是否开机、已连接、有纸',
};

function printPageSize(paper: PaperSpec): WebContentsPrintOptions['pageSize'] {
  return paper.standard ?? { width: Math.round(paper.widthMm * MICRONS_PER_MM), height: Math.round(paper.heightMm * MICRONS_PER_MM) };
}

export function electronPrintService(currentWindow: () => BrowserWindow | undefined): PrintService {
  const contents = () => {
    const window = currentWindow();
    return window && !window.isDestroyed() ? window.webContents : undefined;
  };
  return {
    async printers() {
      const target = contents();
      if (!target) return fail('没有打开的程序窗口');
      const list = await target.getPrintersAsync();
      return ok(list.map((printer) => ({ name: printer.name, displayName: printer.displayName || printer.name, description: printer.description })));
    },
    print(job: PrintJob): Promise<Result<true>> {
      const target = contents();
      if (!target) return Promise.resolve(fail('没有打开的程序窗口'));
      return new Promise((resolve) => {
        target.print(
          {
            // a printer chosen on the preview page prints at once; none chosen opens the system dialog
            silent: job.deviceName !== undefined,
            ...(job.deviceName === undefined ? {} : { deviceName: job.deviceName }),
            copies: job.copies,
            pageSize: printPageSize(job.paper),
            // 'default' keeps the margins the page's @page rule gives each document
            margins: { marginType: 'default' },
            printBackground: true,
            landscape: false,
          },
          (success, reason) => resolve(success ? ok(true) : fail(FAILURES[reason] ?? `打印未完成（${reason || '原因不明'}）`)),
        );
      });
    },
    async pdf(paper: PaperSpec): Promise<Result<Uint8Array>> {
      const target = contents();
      if (!target) return fail('没有打开的程序窗口');
      try {
        const data = await target.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          pageSize: paper.standard ?? { width: paper.widthMm / MM_PER_INCH, height: paper.heightMm / MM_PER_INCH },
          // the @page rule gives each document its margins; none are added around them
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        });
        return ok(new Uint8Array(data));
      } catch {
        return fail('导出PDF失败，请重试');
      }
    },
  };
}
