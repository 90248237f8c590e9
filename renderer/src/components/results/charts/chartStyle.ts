/**
 * Colours and fill patterns that still tell the bars apart on a grey printout: each part of the
 * medical chain and each benefit group has a pattern as well as a colour, and every bar carries its
 * amount as a label, so nothing depends on colour alone.
 */
import type { BarSeriesOption } from './echarts';

type Decal = NonNullable<NonNullable<BarSeriesOption['itemStyle']>['decal']>;

const WHITE = 'rgba(255, 255, 255, 0.75)';

export const PATTERNS: Record<'solid' | 'diagonal' | 'backDiagonal' | 'dots' | 'vertical' | 'horizontal' | 'grid', Decal | undefined> = {
  solid: undefined,
  diagonal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: WHITE },
  dots: { symbol: 'circle', symbolSize: 0.7, dashArrayX: [[4, 4]], dashArrayY: [4, 4], color: WHITE },
  backDiagonal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: WHITE },
  vertical: { symbol: 'rect', symbolSize: 1, dashArrayX: [2, 4], dashArrayY: [1, 0], color: WHITE },
  horizontal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], color: WHITE },
  grid: { symbol: 'rect', symbolSize: 1, dashArrayX: [[2, 2]], dashArrayY: [2, 2], color: WHITE },
};

/** The medical chain, in order: 总费用 → 基本医保 → 大病保险 → 医疗救助 → 个人自付. */
export const CHAIN_STYLE = [
  { label: '总费用', color: '#3d4a5c', decal: PATTERNS.solid },
  { label: '基本医保', color: '#1d4f91', decal: PATTERNS.diagonal },
  { label: '大病保险', color: '#2b7a6b', decal: PATTERNS.dots },
  { label: '医疗救助', color: '#9a6700', decal: PATTERNS.backDiagonal },
  { label: '个人自付', color: '#b3261e', decal: PATTERNS.vertical },
] as const;

export const GROUP_STYLE = {
  medical: { color: '#1d4f91', decal: PATTERNS.diagonal },
  education: { color: '#2b7a6b', decal: PATTERNS.dots },
  childcare: { color: '#8a4f7d', decal: PATTERNS.grid },
  assistance: { color: '#9a6700', decal: PATTERNS.backDiagonal },
  pension: { color: '#6b4c9a', decal: PATTERNS.horizontal },
  housing: { color: '#3d4a5c', decal: PATTERNS.solid },
  employment: { color: '#b3261e', decal: PATTERNS.vertical },
} as const;

import { useAppStore } from '../../../stores/app';

/** Chart text follows the 字号 setting like the rest of the screen (ECharts sizes are in pixels). */
export function useChartScale(): () => number {
  const app = useAppStore();
  return () => app.settings?.fontScale ?? 1;
}

let font: string | null = null;
/** The page's own font (Chinese labels drawn in the app's typeface); read once, as reading it forces a style pass. */
export function pageFont(): string {
  font ??= (typeof document === 'undefined' ? '' : getComputedStyle(document.body).fontFamily) || 'sans-serif';
  return font;
}

