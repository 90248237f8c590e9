/** Puts the caret in the box for a data path (the chosen option of a choice), scrolled into view. */
export function focusPath(path: string, root: ParentNode = document): boolean {
  const escaped = path.replace(/["\\]/g, '\\$&');
  const element =
    root.querySelector<HTMLElement>(`input[type="radio"][data-path="${escaped}"]:checked`) ??
    root.querySelector<HTMLElement>(`[data-path="${escaped}"]`);
  if (!element) return false;
  const target = element.matches('input, select, button, textarea') ? element : element.querySelector<HTMLElement>('input, select, button') ?? element;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}
