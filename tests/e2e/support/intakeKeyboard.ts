/**
 * Typing a household into 新建测算 the way staff do: with the keyboard only. Boxes are reached with
 * Tab (never clicked); pickers are chosen by typing the digit of their numbered option; choices move
 * with the arrow keys. Each box carries a data-path, which says where the caret is.
 */
import type { Page } from 'playwright-core';

/** The data path of the focused box ('' when none). */
export function focusedPath(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-path') ?? '');
}

/** Presses Tab (or Shift+Tab) until the caret is in the box with this path. */
export async function tabTo(page: Page, path: string, options: { back?: boolean; limit?: number } = {}): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < (options.limit ?? 80); i++) {
    const here = await focusedPath(page);
    if (here === path) return;
    visited.push(here);
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${path}; passed: ${visited.join(' → ')}`);
}

/** Replaces whatever the focused box holds with the text, typed key by key. */
export async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tab to a box and type into it. */
export async function fill(page: Page, path: string, text: string): Promise<void> {
  await tabTo(page, path);
  await typeOver(page, text);
}

/** Tab to a picker and choose its numbered option by typing the digit. */
export async function pick(page: Page, path: string, digit: string): Promise<void> {
  await tabTo(page, path);
  await page.keyboard.press(digit);
}

/** Ctrl+N; when the current case is unsaved, confirm in the dialog (Tab to 不保存，新建, Enter). */
export async function startNewCase(page: Page): Promise<void> {
  await page.keyboard.press('Control+N');
  // the key's handler and Vue's update have run by the time the next command reaches the page
  if (await page.evaluate(() => document.querySelector('dialog.confirm') !== null)) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-path') === 'household.area');
}

/** One member's figure in the 三重保障 list ("13,212.50 元"). */
export function chainFigure(page: Page, memberId: string, field: 'total' | 'basic' | 'critical' | 'assistance' | 'selfPay'): Promise<string> {
  return page.locator(`[data-testid="medical-chain"][data-member="${memberId}"] [data-field="${field}"]`).innerText();
}

/** A benefit's yearly amount as shown ("13,212.50 元"). */
export function benefitFigure(page: Page, code: string, memberId: string | null): Promise<string> {
  return page.locator(`[data-testid="benefit"][data-code="${code}"][data-member="${memberId ?? 'household'}"] [data-testid="benefit-annual"]`).innerText();
}
