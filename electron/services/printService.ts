/**
 * The printing capability behind print.printers / print.run / print.pdf. Only the desktop app has
 * one (electron/main/windowPrinter.ts prints the focused window); the `npm run web` host has none, and
 * the page then uses the browser's own print dialog. Plain types: nothing here imports Electron.
 */
import type { PrinterChoice } from '../../shared/api/contract';
import type { Result } from '../../shared/errors';
import type { PaperSpec } from '../../shared/print/documents';

export interface PrintJob {
  paper: PaperSpec;
  /** absent: show the system print dialog */
  deviceName?: string;
  copies: number;
}

export interface PrintService {
  printers(): Promise<Result<PrinterChoice[]>>;
  /** prints what the window shows (its print styles hide everything but the handout) */
  print(job: PrintJob): Promise<Result<true>>;
  pdf(paper: PaperSpec): Promise<Result<Uint8Array>>;
}
