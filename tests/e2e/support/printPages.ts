/**
 * Helpers for the printing tests and benchmark: calls to the web host's API from inside the page (with
 * the page's token, as the renderer's client does), opening a revision's print preview, and checks
 * that nothing in a handout overflows its box when laid out for print.
 */
import type { Page } from 'playwright-core';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract';
import type { Channel } from '../../../shared/api/channels';
import type { HandoutDocument } from '../../../shared/print/documents';
import { OFFICE_SETTINGS } from '../../support/officeSettings';

export async function invoke<C extends Channel>(page: Page, channel: C, input: ApiInput<C>): Promise<ApiOutput<C>> {
  const answer = await page.evaluate(
    async ([name, body]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="huimin-token"]')?.content ?? '';
      const response = await fetch(`/api/${encodeURIComponent(name as string)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Huimin-Token': token },
        body: body === undefined ? '' : JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; errors?: { message: string }[] };
    },
    [channel, input] as const,
  );
  if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.errors)}`);
  return answer.value as ApiOutput<C>;
}

/** The office details printed on every handout, and the operator (the store refuses saves without one). */
export async function setOffice(page: Page): Promise<void> {
  for (const key of ['operatorName', 'officeName', 'officePhone', 'supervisionHotline'] as const) {
    await invoke(page, 'settings.set', { key, value: OFFICE_SETTINGS[key] });
  }
}

/** Opens the print preview of a revision as one document and waits until it is drawn (QR included). */
export async function openPreview(page: Page, caseNo: string, revision: number, kind: HandoutDocument): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/print/${caseNo}/${revision}?doc=${kind}`);
  // the household asked for, not the one shown a moment before the address changed
  await page.locator(`[data-testid="print-ready"][data-document="${kind}"][data-case="${caseNo}"][data-revision="${revision}"]`).waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export interface Overflow {
  what: string;
  detail: string;
}

/**
 * Laid out for print: every text box shows all of its content (scroll size within client size), and
 * every element lies inside its page box (the sheet's printable width, each card face, the A6 page).
 */
export async function overflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const found: { what: string; detail: string }[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} «${(el.textContent ?? '').trim().slice(0, 30)}»`;
    const boxes = Array.from(document.querySelectorAll('.handout-sheet, [data-testid="card-face"], .a6-page'));
    for (const box of boxes) {
      const frame = box.getBoundingClientRect();
      if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) {
        // the sheet grows with its content (it runs onto more pages); only its width is fixed
        if (!box.classList.contains('handout-sheet') || box.scrollWidth > box.clientWidth + 1) {
          found.push({ what: describe(box), detail: `scroll ${box.scrollWidth}×${box.scrollHeight} > client ${box.clientWidth}×${box.clientHeight}` });
        }
      }
      for (const el of Array.from(box.querySelectorAll('*'))) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const outside = rect.left < frame.left - 0.5 || rect.right > frame.right + 0.5 || rect.top < frame.top - 0.5 || rect.bottom > frame.bottom + 0.5;
        if (outside) found.push({ what: describe(el), detail: `rect ${Math.round(rect.left)},${Math.round(rect.top)}–${Math.round(rect.right)},${Math.round(rect.bottom)} outside ${Math.round(frame.left)},${Math.round(frame.top)}–${Math.round(frame.right)},${Math.round(frame.bottom)}` });
        const style = getComputedStyle(el);
        if (style.display !== 'inline' && el.clientWidth > 0 && (el.scrollWidth > el.clientWidth + 1 || (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1))) {
          found.push({ what: describe(el), detail: `scroll ${el.scrollWidth}×${el.scrollHeight} > client ${el.clientWidth}×${el.clientHeight}` });
        }
      }
    }
    if (boxes.length === 0) found.push({ what: 'no handout on the page', detail: '' });
    return found;
  });
}
