/**
 * The three printed documents and their paper: 明白纸 on A4 portrait, 明白卡 at bank-card size
 * (85.6×54 mm, front and back as two pages) and the 明白卡 on A6 for offices without card stock.
 * The CSS @page rules (renderer/src/components/print/print.css) use the same sizes; Electron's
 * webContents.print is given them too, because it does not read the page's CSS size.
 */
export const HANDOUT_DOCUMENTS = ['sheet', 'card', 'cardA6'] as const;
export type HandoutDocument = (typeof HANDOUT_DOCUMENTS)[number];

export interface PaperSpec {
  label: string;
  /** the paper named the way print dialogs name it */
  paperLabel: string;
  widthMm: number;
  heightMm: number;
  /** a standard paper name Electron knows, or null for a custom size */
  standard: 'A4' | 'A6' | null;
}

export const PAPER: Record<HandoutDocument, PaperSpec> = {
  sheet: { label: '明白纸', paperLabel: 'A4 纵向', widthMm: 210, heightMm: 297, standard: 'A4' },
  card: { label: '明白卡', paperLabel: '卡片 85.6×54 毫米（正反两面）', widthMm: 85.6, heightMm: 54, standard: null },
  cardA6: { label: '明白卡（A6）', paperLabel: 'A6 纵向', widthMm: 105, heightMm: 148, standard: 'A6' },
};

export function isHandoutDocument(value: unknown): value is HandoutDocument {
  return typeof value === 'string' && (HANDOUT_DOCUMENTS as readonly string[]).includes(value);
}
