/**
 * Every spreadsheet the office gets (案卷导出, the 变动报告) is written here, one table at a time, row by
 * row: as CSV lines (UTF-8 with BOM, CRLF, RFC 4180 quoting) or into a sheet of exceljs's streaming
 * workbook. Amount columns become numbers in Excel so they sum; ID-number columns never become numbers;
 * a cell that a spreadsheet would run as a formula is neutralized (CSV injection).
 */
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;
export interface Column {
  header: string;
  width: number;
  /** amounts: a number in Excel (so it sums), two-decimal text in CSV */
  amount?: boolean;
  /** ID numbers: never turned into a number by Excel */
  idNumber?: boolean;
}

/** A text column. */
export const textColumn = (header: string, width: number): Column => ({ header, width });
/** An amount column (a number in Excel, so it sums). */
export const amountColumn = (header: string, width: number): Column => ({ header, width, amount: true });
/** An ID-number column (kept as text). */
export const idNumberColumn = (header: string, width: number): Column => ({ header, width, idNumber: true });

/** A workbook streamed to `out` as its sheets are written (no shared strings: rows leave as they come). */
export function streamingWorkbook(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '惠民政策测算台';
  return workbook;
}

/** A workbook's bytes: `write` adds its sheets (sheetSink), then the workbook is finished. */
export async function workbookBytes(write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = streamingWorkbook(out);
  await write(workbook);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** One table being written: CSV lines or an Excel sheet. */
export interface TableSink {
  row(cells: Cell[]): void;
  /** lets the output drain (and the app answer the desk) between batches */
  pause(): Promise<void>;
  end(): Promise<void>;
}

/** A spreadsheet program must not run a name as a formula (CSV injection). */
function neutralized(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvSink(out: Writable, columns: Column[]): TableSink {
  const field = (cell: Cell, column: Column): string => {
    if (cell === null) return '';
    let text = String(cell);
    if (column.idNumber && /^\d{17}[\dX]$/.test(text)) text = `\t${text}`; // Excel keeps a tab-led number as text
    else if (!column.amount) text = neutralized(text);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  let ok = true;
  const write = (cells: Cell[]) => {
    ok = out.write(`${cells.map((cell, index) => field(cell, columns[index] as Column)).join(',')}\r\n`) && ok;
  };
  out.write('\uFEFF');
  write(columns.map((column) => column.header));
  return {
    row: write,
    async pause() {
      if (!ok) await new Promise((resolve) => out.once('drain', resolve));
      else await new Promise((resolve) => setImmediate(resolve));
      ok = true;
    },
    async end() {
      out.end();
      await finished(out);
    },
  };
}

export function sheetSink(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]): TableSink {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    key: String(index),
    header: column.header,
    width: column.width,
    style: column.amount ? { numFmt: '#,##0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    row(cells) {
      sheet.addRow(cells.map((cell, index) => (columns[index]?.amount && typeof cell === 'string' ? Number(cell) : cell))).commit();
    },
    pause: () => new Promise((resolve) => setImmediate(resolve)),
    async end() {
      sheet.commit();
    },
  };
}

