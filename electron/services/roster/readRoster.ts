/**
 * Reads a roster file into sheets of cell text (shared/roster/sheet.ts): an Excel workbook (.xlsx,
 * with exceljs: every sheet, hidden ones marked, merged ranges, hidden rows, numbers told from text) or
 * a CSV file in UTF-8 or GBK (textEncoding.ts). Old .xls workbooks, WPS .et files and anything else
 * are refused with a Chinese message naming the file and what to do.
 */
import ExcelJS from 'exceljs';
import { fail, ok, type Result } from '../../../shared/errors';
import { cellKey, type CellRange, type RosterSheet, type RosterWorkbook } from '../../../shared/roster/sheet';
import { parseCsv } from './csv';
import { decodeText, ENCODING_LABELS, type TextEncodingName } from './textEncoding';

/** The largest roster read (a county's 5,000-household workbook is about 1 MB). */
export const MAX_ROSTER_BYTES = 20 * 1024 * 1024;
/** Rows read from one sheet (a township's roster is a few thousand). */
export const MAX_ROSTER_ROWS = 100_000;
const MAX_COLUMNS = 200;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, i) => bytes[i] === byte);

function parseRange(text: string): CellRange | null {
  const found = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(text);
  if (!found) return null;
  const column = (letters: string) => [...letters].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0);
  const top = Number(found[2]);
  const left = column(found[1] as string);
  return { top, left, bottom: found[4] ? Number(found[4]) : top, right: found[3] ? column(found[3]) : left };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell's value as the text a person sees in Excel (a date as YYYY-MM-DD, a formula as its result). */
function cellText(value: ExcelJS.CellValue): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'string') return { text: value, numeric: false };
  if (typeof value === 'number') return { text: Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value), numeric: true };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', numeric: false };
  if (value instanceof Date) {
    // exceljs reads a date cell as UTC midnight of the day written in the sheet
    return { text: `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`, numeric: false };
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return { text: value.richText.map((part) => part.text).join(''), numeric: false };
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return { text: value.text, numeric: false };
    if ('error' in value) return { text: String(value.error), numeric: false };
  }
  return { text: String(value), numeric: false };
}

/** What the parts of a zip file say they unpack to (its central directory), or null when it cannot be read or says more than 4 GB. */
export function zipUnpackedBytes(bytes: Buffer): number | null {
  // the end of central directory record: its signature within the last 64 KB + 22 bytes
  const from = Math.max(0, bytes.length - 65_557);
  let end = -1;
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(at + 24);
    // 0xFFFFFFFF: a ZIP64 size, larger than any roster
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

/** What a roster workbook may unpack to (a 5,000-household workbook: about 12 MB). */
export const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;

async function readXlsx(bytes: Buffer, fileName: string): Promise<Result<RosterWorkbook>> {
  // a workbook is a zip file: one that would unpack to gigabytes is refused before it is opened
  const unpacked = zipUnpackedBytes(bytes);
  if (unpacked === null) return fail(`文件「${fileName}」不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入`, 'file');
  if (unpacked > MAX_UNPACKED_BYTES) return fail(`文件「${fileName}」解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，不像是一份名册；请按乡镇或村分成几个文件导入`, 'file');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return fail(`文件「${fileName}」不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入`, 'file');
  }
  const sheets: RosterSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rowCount = Math.min(worksheet.rowCount, MAX_ROSTER_ROWS);
    if (worksheet.rowCount > MAX_ROSTER_ROWS) return fail(`工作表「${worksheet.name}」超过 ${MAX_ROSTER_ROWS} 行，请按乡镇或村分成几个文件导入`, 'file');
    const columns = Math.min(worksheet.columnCount, MAX_COLUMNS);
    const rows: string[][] = [];
    const numericCells: string[] = [];
    const hiddenRows: number[] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = worksheet.getRow(r);
      if (row.hidden) hiddenRows.push(r);
      const cells: string[] = [];
      for (let c = 1; c <= columns; c++) {
        const cell = row.getCell(c);
        // a cell inside a merged range other than its first shows the first one's value in exceljs: read it as empty, the check decides
        if (cell.type === ExcelJS.ValueType.Merge) {
          cells.push('');
          continue;
        }
        const { text, numeric } = cellText(cell.value);
        if (numeric) numericCells.push(cellKey(r, c));
        cells.push(text);
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    const merges = ((worksheet.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((range): range is CellRange => range !== null);
    const state = worksheet.state === 'hidden' || worksheet.state === 'veryHidden' ? worksheet.state : 'visible';
    sheets.push({ name: worksheet.name, state, rows, merges, numericCells, hiddenRows });
  }
  if (sheets.length === 0) return fail(`工作簿「${fileName}」中没有工作表`, 'file');
  return ok({ fileName, format: 'xlsx', sheets, encoding: null });
}

function readCsv(bytes: Buffer, fileName: string, encoding?: TextEncodingName): Result<RosterWorkbook> {
  const decoded = decodeText(bytes, fileName, encoding);
  if ('problem' in decoded) return fail(decoded.problem, 'file');
  const rows = parseCsv(decoded.text);
  if (rows.length > MAX_ROSTER_ROWS) return fail(`文件「${fileName}」超过 ${MAX_ROSTER_ROWS} 行，请按乡镇或村分成几个文件导入`, 'file');
  const sheet: RosterSheet = { name: fileName.replace(/\.[^.]+$/, ''), state: 'visible', rows: rows.map((row) => row.slice(0, MAX_COLUMNS)), merges: [], numericCells: [], hiddenRows: [] };
  return ok({
    fileName,
    format: 'csv',
    sheets: [sheet],
    encoding: {
      name: decoded.encoding,
      label: ENCODING_LABELS[decoded.encoding],
      statement: decoded.statement,
      alternative: decoded.alternative,
    },
  });
}

/** The roster in a file's bytes; `encoding` forces the reading of a CSV (the user chose it after seeing what was detected). */
export async function readRoster(bytes: Buffer, fileName: string, encoding?: TextEncodingName): Promise<Result<RosterWorkbook>> {
  if (bytes.length === 0) return fail(`文件「${fileName}」是空的`, 'file');
  if (bytes.length > MAX_ROSTER_BYTES) return fail(`文件「${fileName}」超过 ${MAX_ROSTER_BYTES / 1024 / 1024} MB，请按乡镇或村分成几个文件导入`, 'file');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail(`文件「${fileName}」是旧版 Excel 97-2003 工作簿（.xls）或 WPS 表格（.et），本程序读不了这种格式。请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入`, 'file');
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes, fileName);
  if (/\.(xlsx|xlsm|xls|et)$/i.test(fileName)) return fail(`文件「${fileName}」的扩展名是 Excel 工作簿，内容却不是（可能已损坏）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入`, 'file');
  return readCsv(bytes, fileName, encoding);
}
