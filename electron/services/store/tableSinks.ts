/**
 * Writes one table of an export, row by row: as CSV lines (UTF-8 with BOM, CRLF, RFC 4180 quoting) or
 * into a sheet of exceljs's streaming workbook. Amount columns become numbers in Excel so they sum;
 * ID-number columns never become numbers; a cell that a spreadsheet would run as a formula is
 * neutralized (CSV injection).
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';

export type Cell = string | number | null;
export interface Column {
  header: string;
  width: number;
  /** amounts: a number in Excel (so it sums), two-decimal text in CSV */
  amount?: boolean;
  /** ID numbers: never turned into a number by Excel */
  idNumber?: boolean;
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

