/**
 * 明白卡 imposed for a village campaign: ten bank-size cards (85.6×54 mm) on an A4 sheet, two across
 * and five down, butted so that one cut serves two cards, the block centred on the sheet, with crop
 * marks in the margin on every cut line. Each sheet is two pages: the fronts, then the backs placed
 * for duplex printing flipped on the long edge — turning an A4 portrait sheet over its long (left–right)
 * edge mirrors it left to right, so the back of the card in column c is printed in column 1 − c of
 * the same row and lands behind its front. Pure geometry, in millimetres from the sheet's top left
 * corner; the print view and the tests both read it.
 */

export const SHEET_MM = { width: 210, height: 297 } as const;
export const CARD_MM = { width: 85.6, height: 54 } as const;
export const COLUMNS = 2;
export const ROWS = 5;
export const CARDS_PER_SHEET = COLUMNS * ROWS;

/** the block of cards, centred: (210 − 2×85.6)/2 = 19.4 mm at the sides, (297 − 5×54)/2 = 13.5 mm top and bottom */
export const BLOCK_MM = {
  left: (SHEET_MM.width - COLUMNS * CARD_MM.width) / 2,
  top: (SHEET_MM.height - ROWS * CARD_MM.height) / 2,
} as const;

/**
 * Crop marks: hairlines on the extension of each cut, kept CROP_OFFSET_MM away from the cards so that
 * a cut a little off still leaves no mark on a card, and CROP_LENGTH_MM long (ending ≥ 6.5 mm from the
 * paper's edge, inside what office printers can print).
 */
export const CROP_OFFSET_MM = 2;
export const CROP_LENGTH_MM = 5;
export const CROP_WIDTH_MM = 0.25;

export type Face = 'front' | 'back';

export interface Slot<T> {
  item: T;
  /** place of the card in the whole run (0-based): the order of the 签收表 */
  index: number;
  row: number;
  column: number;
  /** top left corner of the card on this page */
  xMm: number;
  yMm: number;
}

export interface ImposedPage<T> {
  face: Face;
  slots: Slot<T>[];
}

export interface ImposedSheet<T> {
  /** 1-based among the sheets of its group (a village), and how many that group has */
  number: number;
  of: number;
  /** which group (village) the sheet belongs to */
  group: number;
  front: ImposedPage<T>;
  back: ImposedPage<T>;
}

export interface CropMark {
  /** a line from (x1, y1) to (x2, y2), in mm */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Top left corner of a card in this row and column on its face (the back mirrored left to right). */
export function cardPosition(row: number, column: number, face: Face): { xMm: number; yMm: number } {
  const placed = face === 'front' ? column : COLUMNS - 1 - column;
  return { xMm: round(BLOCK_MM.left + placed * CARD_MM.width), yMm: round(BLOCK_MM.top + row * CARD_MM.height) };
}

/** The cut lines: x of each vertical cut, y of each horizontal one. */
export function cutLines(): { xs: number[]; ys: number[] } {
  const xs = Array.from({ length: COLUMNS + 1 }, (_, i) => round(BLOCK_MM.left + i * CARD_MM.width));
  const ys = Array.from({ length: ROWS + 1 }, (_, i) => round(BLOCK_MM.top + i * CARD_MM.height));
  return { xs, ys };
}

/** Every crop mark of a page (the same on fronts and backs: the layout is symmetric left to right). */
export function cropMarks(): CropMark[] {
  const { xs, ys } = cutLines();
  const top = ys[0] as number;
  const bottom = ys[ys.length - 1] as number;
  const left = xs[0] as number;
  const right = xs[xs.length - 1] as number;
  const marks: CropMark[] = [];
  for (const x of xs) {
    marks.push({ x1: x, y1: round(top - CROP_OFFSET_MM - CROP_LENGTH_MM), x2: x, y2: round(top - CROP_OFFSET_MM) });
    marks.push({ x1: x, y1: round(bottom + CROP_OFFSET_MM), x2: x, y2: round(bottom + CROP_OFFSET_MM + CROP_LENGTH_MM) });
  }
  for (const y of ys) {
    marks.push({ x1: round(left - CROP_OFFSET_MM - CROP_LENGTH_MM), y1: y, x2: round(left - CROP_OFFSET_MM), y2: y });
    marks.push({ x1: round(right + CROP_OFFSET_MM), y1: y, x2: round(right + CROP_OFFSET_MM + CROP_LENGTH_MM), y2: y });
  }
  return marks;
}

/**
 * The sheets for groups of cards (one group per village, each starting on a sheet of its own so a
 * village's cards are cut and bundled apart): cards fill a sheet row by row, left to right.
 */
export function imposeCards<T>(groups: readonly (readonly T[])[]): ImposedSheet<T>[] {
  const sheets: ImposedSheet<T>[] = [];
  let index = 0;
  groups.forEach((cards, group) => {
    const of = Math.ceil(cards.length / CARDS_PER_SHEET);
    for (let number = 1; number <= of; number++) {
      const front: Slot<T>[] = [];
      const back: Slot<T>[] = [];
      cards.slice((number - 1) * CARDS_PER_SHEET, number * CARDS_PER_SHEET).forEach((item, k) => {
        const row = Math.floor(k / COLUMNS);
        const column = k % COLUMNS;
        front.push({ item, index, row, column, ...cardPosition(row, column, 'front') });
        back.push({ item, index, row, column, ...cardPosition(row, column, 'back') });
        index += 1;
      });
      sheets.push({ number, of, group, front: { face: 'front', slots: front }, back: { face: 'back', slots: back } });
    }
  });
  return sheets;
}

/** Pages the imposed PDF has: two per sheet. */
export function imposedPageCount(groupSizes: readonly number[]): number {
  return groupSizes.reduce((pages, size) => pages + 2 * Math.ceil(size / CARDS_PER_SHEET), 0);
}

/** mm to 0.01 mm: 19.4 + 85.6 is 105 on paper, not 104.99999999999999 */
function round(mm: number): number {
  return Math.round(mm * 100) / 100;
}
