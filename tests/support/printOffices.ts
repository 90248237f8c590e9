/**
 * Two offices for the printing tests, through the one handler table the app calls: a desktop one whose
 * PrintService records each print job and PDF instead of printing (what the desktop app provides), and
 * a web one with none (the browser prints).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlerTable, dispatch, type HandlerTable } from '../../electron/handlers';
import { createServices, type Services } from '../../electron/services';
import type { PrintJob, PrintService } from '../../electron/services/printService';
import type { ApiInput, ApiOutput, PrinterChoice } from '../../shared/api/contract';
import type { Channel } from '../../shared/api/channels';
import { ok, type Result } from '../../shared/errors';
import type { PaperSpec } from '../../shared/print/documents';

export interface PrintOffices {
  /** what the desktop office printed and exported, in order */
  jobs: PrintJob[];
  pdfs: PaperSpec[];
  /** opens both offices on fresh folders (`prefix`…, `prefix`web-…) */
  open(): { desktopTable: HandlerTable; webTable: HandlerTable };
  close(): void;
}

/** The offices, with the desktop's printers and the text of every PDF it makes. */
export function printOffices(prefix: string, printer: { printers: PrinterChoice[]; pdfText: string }): PrintOffices {
  const jobs: PrintJob[] = [];
  const pdfs: PaperSpec[] = [];
  const recording: PrintService = {
    printers: async () => ok(printer.printers),
    print: async (job) => {
      jobs.push(job);
      return ok(true);
    },
    pdf: async (paper) => {
      pdfs.push(paper);
      return ok(new TextEncoder().encode(printer.pdfText));
    },
  };
  const opened: Services[] = [];
  return {
    jobs,
    pdfs,
    open() {
      const desktop = createServices({ dataDir: mkdtempSync(join(tmpdir(), prefix)), portable: false, transport: 'electron', scheduleBackups: false, print: recording });
      const web = createServices({ dataDir: mkdtempSync(join(tmpdir(), `${prefix}web-`)), portable: false, transport: 'web', scheduleBackups: false });
      opened.push(desktop, web);
      return { desktopTable: createHandlerTable(desktop), webTable: createHandlerTable(web) };
    },
    close() {
      for (const services of opened.splice(0)) services.close();
    },
  };
}

/** A channel's answer, typed by the contract. */
export async function call<C extends Channel>(table: HandlerTable, channel: C, input: ApiInput<C>): Promise<Result<ApiOutput<C>>> {
  return (await dispatch(table, channel, input)) as Result<ApiOutput<C>>;
}

/** The channel's value; a refusal fails the test with its messages. */
export async function value<C extends Channel>(table: HandlerTable, channel: C, input: ApiInput<C>): Promise<ApiOutput<C>> {
  const answer = await call(table, channel, input);
  if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
  return answer.value;
}
