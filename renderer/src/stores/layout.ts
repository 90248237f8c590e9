/**
 * Whether the window is "narrow" in the app's own type size: fewer than 64 rem across. That is the case
 * at 150 % zoom (1366 px → 910 CSS px) and at the 特大 字号 (24 px rem) on a 1366×768 screen; the app
 * then collapses the sidebar to icons and lays 新建测算 out in one column (styles/layout.css). Media
 * queries cannot say this: their rem is the browser's default size, not the 字号 setting.
 */
export const COMPACT_BELOW_REM = 64;

export function isCompact(widthPx: number, rootFontPx: number): boolean {
  return widthPx / rootFontPx < COMPACT_BELOW_REM;
}

export function applyCompactLayout(): void {
  const root = document.documentElement;
  const rem = Number.parseFloat(getComputedStyle(root).fontSize) || 16;
  root.classList.toggle('compact-layout', isCompact(window.innerWidth, rem));
}

/** Keeps html.compact-layout up to date as the window or its zoom changes. */
export function watchCompactLayout(): () => void {
  applyCompactLayout();
  window.addEventListener('resize', applyCompactLayout);
  return () => window.removeEventListener('resize', applyCompactLayout);
}
