/**
 * A roster as read from its file, before anything is interpreted: each sheet's cells as text, row and
 * column numbers as Excel shows them, with what a workbook can hide from the eye — hidden sheets,
 * hidden rows, merged cells, ID numbers stored as numbers — kept so the check can name them.
 */

/** A merged range, 1-based and inclusive as Excel writes "A3:A5". */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface RosterSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** rows[i] is Excel's row i + 1; each cell's text as stored ('' when empty), not trimmed */
  rows: string[][];
  merges: CellRange[];
  /** cells stored as numbers ("row:column", 1-based): an 18-digit ID number typed as a number has lost its last digits */
  numericCells: string[];
  /** rows hidden in Excel (1-based) */
  hiddenRows: number[];
}

export interface RosterWorkbook {
  fileName: string;
  format: 'xlsx' | 'csv';
  sheets: RosterSheet[];
  /** CSV: the encoding used and why, as told to the user */
  encoding: { name: string; label: string; statement: string; alternative: string | null } | null;
}

export const cellKey = (row: number, column: number) => `${row}:${column}`;

/** The row that looks most like a header among the first rows (the most known column names), 1-based; 1 when none does. */
export function findHeaderRow(sheet: RosterSheet, isKnownHeader: (text: string) => boolean, scan = 20): number {
  let best = { row: 1, score: 0 };
  sheet.rows.slice(0, scan).forEach((cells, index) => {
    const score = cells.filter((cell) => cell.trim() !== '' && isKnownHeader(cell)).length;
    if (score > best.score) best = { row: index + 1, score };
  });
  return best.row;
}
