/**
 * The imposed sheet of 明白卡 (issue 18 item 4), worked out by hand on A4 (210×297 mm):
 * two cards across take 2×85.6 = 171.2 mm, leaving (210 − 171.2)/2 = 19.4 mm each side; five down take
 * 5×54 = 270 mm, leaving (297 − 270)/2 = 13.5 mm top and bottom. The cuts are then at
 * x = 19.4, 105, 190.6 and y = 13.5, 67.5, 121.5, 175.5, 229.5, 283.5. Turned over its long edge, a
 * sheet's left column is behind the right one: the back of the card at (row r, column 0) is printed at
 * x = 105, and that at column 1 at x = 19.4.
 */
import { describe, expect, it } from 'vitest';
import { cardPosition, cropMarks, cutLines, imposeCards, imposedPageCount } from '../../../../shared/print/campaign/imposition';

describe('明白卡 imposed ten to an A4 sheet', () => {
  it('places the cards at the hand-worked positions, fronts left to right and backs mirrored', () => {
    expect(cardPosition(0, 0, 'front')).toEqual({ xMm: 19.4, yMm: 13.5 });
    expect(cardPosition(0, 1, 'front')).toEqual({ xMm: 105, yMm: 13.5 });
    expect(cardPosition(4, 1, 'front')).toEqual({ xMm: 105, yMm: 229.5 });
    expect(cardPosition(0, 0, 'back')).toEqual({ xMm: 105, yMm: 13.5 });
    expect(cardPosition(2, 1, 'back')).toEqual({ xMm: 19.4, yMm: 121.5 });
    expect(cutLines()).toEqual({ xs: [19.4, 105, 190.6], ys: [13.5, 67.5, 121.5, 175.5, 229.5, 283.5] });
  });

  it('keeps every back exactly behind its front when the sheet turns over its long edge', () => {
    const [sheet] = imposeCards([Array.from({ length: 10 }, (_, i) => `卡${i + 1}`)]);
    expect(sheet?.front.slots.map((s) => s.item)).toEqual(['卡1', '卡2', '卡3', '卡4', '卡5', '卡6', '卡7', '卡8', '卡9', '卡10']);
    for (const front of sheet?.front.slots ?? []) {
      const back = sheet?.back.slots.find((s) => s.item === front.item);
      // turning over the long edge: x → 210 − x − 85.6, y unchanged
      expect(back?.xMm).toBeCloseTo(210 - front.xMm - 85.6, 9);
      expect(back?.yMm).toBe(front.yMm);
    }
  });

  it('puts 23 cards on 3 sheets (6 pages), the last with 3 cards, and starts each village on a sheet of its own', () => {
    const sheets = imposeCards([Array.from({ length: 23 }, (_, i) => i)]);
    expect(sheets).toHaveLength(3);
    expect(imposedPageCount([23])).toBe(6);
    expect(sheets[2]?.front.slots.map((s) => [s.item, s.row, s.column, s.xMm, s.yMm])).toEqual([
      [20, 0, 0, 19.4, 13.5],
      [21, 0, 1, 105, 13.5],
      [22, 1, 0, 19.4, 67.5],
    ]);
    expect(sheets[2]?.back.slots.map((s) => [s.item, s.xMm, s.yMm])).toEqual([
      [20, 105, 13.5],
      [21, 19.4, 13.5],
      [22, 105, 67.5],
    ]);
    expect(sheets.map((s) => `${s.number}/${s.of}`)).toEqual(['1/3', '2/3', '3/3']);

    // two villages of 12 and 3: 2 + 1 sheets, not ceil(15/10) = 2
    const two = imposeCards([Array.from({ length: 12 }, (_, i) => `甲${i}`), ['乙0', '乙1', '乙2']]);
    expect(two.map((s) => [s.group, s.front.slots.length])).toEqual([[0, 10], [0, 2], [1, 3]]);
    expect(two[2]?.front.slots[0]).toMatchObject({ item: '乙0', index: 12, row: 0, column: 0 });
    expect(imposedPageCount([12, 3])).toBe(6);
    expect(imposeCards([])).toEqual([]);
  });

  it('draws crop marks on every cut, outside the cards and inside the printable margin', () => {
    const marks = cropMarks();
    // 3 vertical cuts × (top, bottom) + 6 horizontal cuts × (left, right)
    expect(marks).toHaveLength(18);
    expect(marks).toContainEqual({ x1: 19.4, y1: 6.5, x2: 19.4, y2: 11.5 });
    expect(marks).toContainEqual({ x1: 105, y1: 285.5, x2: 105, y2: 290.5 });
    expect(marks).toContainEqual({ x1: 12.4, y1: 67.5, x2: 17.4, y2: 67.5 });
    expect(marks).toContainEqual({ x1: 192.6, y1: 283.5, x2: 197.6, y2: 283.5 });
    for (const m of marks) {
      // none reaches into the block of cards (19.4–190.6 × 13.5–283.5) nor nearer than 6.5 mm to the paper's edge
      const insideBlock = Math.max(m.x1, m.x2) > 19.4 && Math.min(m.x1, m.x2) < 190.6 && Math.max(m.y1, m.y2) > 13.5 && Math.min(m.y1, m.y2) < 283.5;
      expect(insideBlock).toBe(false);
      expect(Math.min(m.x1, m.x2, m.y1, m.y2, 210 - Math.max(m.x1, m.x2), 297 - Math.max(m.y1, m.y2))).toBeGreaterThanOrEqual(6.5);
    }
  });
});
