/**
 * Large type at 1366×768 (issue 15): the browser at 150 % zoom (a 911×512 CSS-pixel page drawn at 1.5
 * device pixels per pixel) and the app's 特大 字号 (24 px type at 1366×768). On every page: a screenshot,
 * the sidebar collapsed to icons, and what must stay in sight — on 新建测算 the split bar (sticky while
 * the form scrolls) and the 保存 button, the form and the results in one column; in 历史记录 and the case
 * page each table's key columns, with no name broken one character per line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, screenshot } from './support/browser';
import { invoke, setOffice } from './support/printPages';
import { startWebHost, type WebHost } from '../support/webHostProcess';
import { SMALL_HOUSEHOLD } from '../support/printHouseholds';

let host: WebHost;
let browser: Browser;
let caseNo = '';

beforeAll(async () => {
  host = await startWebHost('huimin-e2e-large-', { build: false });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.waitForSelector('nav[aria-label="主导航"]');
  await setOffice(page);
  caseNo = (await invoke(page, 'cases.save', { input: { ...SMALL_HOUSEHOLD, members: SMALL_HOUSEHOLD.members.map((m, i) => (i === 0 ? { ...m, name: '欧阳建国' } : m)) } })).caseNo;
  await page.close();
});
afterAll(async () => {
  await browser?.close();
  host?.stop();
});

/** Fully inside the window (what a user sees without scrolling). */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 0.5 && r.right <= window.innerWidth + 0.5;
  });
}

/** Cells whose text is broken into one character per line: taller than wide by several lines. */
async function charPerLine(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((cells) =>
    cells
      .filter((cell) => {
        const text = (cell.textContent ?? '').trim();
        const lineHeight = Number.parseFloat(getComputedStyle(cell).lineHeight) || 20;
        return text.length >= 2 && cell.getBoundingClientRect().height > lineHeight * 2.5 && cell.getBoundingClientRect().width < lineHeight * 2;
      })
      .map((cell) => (cell.textContent ?? '').trim()),
  );
}

const MODES = [
  { name: 'zoom150', viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5, fontScale: 1 },
  { name: 'xlarge', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, fontScale: 1.5 },
] as const;

describe.each(MODES)('$name', ({ name, viewport, deviceScaleFactor, fontScale }) => {
  let page: Page;
  beforeAll(async () => {
    const context = await browser.newContext({ viewport, deviceScaleFactor, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    await page.goto(host.url);
    await page.waitForSelector('nav[aria-label="主导航"]');
    await invoke(page, 'settings.set', { key: 'fontScale', value: fontScale });
    await page.reload();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-path') === 'household.area');
  });
  afterAll(async () => {
    await invoke(page, 'settings.set', { key: 'fontScale', value: 1 });
    await page.context().close();
  });

  it('新建测算: sidebar as icons, one column, the split bar and 保存 in sight while the form scrolls', async () => {
    expect(await page.evaluate(() => document.documentElement.classList.contains('compact-layout'))).toBe(true);
    expect(await page.locator('.sidebar').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(viewport.width * 0.1);
    expect(await page.locator('.nav-label').first().isVisible()).toBe(false);
    await page.keyboard.press('Tab');
    await page.keyboard.press('2');
    await page.locator('[data-path="members[0].name"]').fill('张建国');
    await page.locator('[data-path="members[0].birthDate"]').fill('1978-03-15');
    await page.locator('[data-testid="total-bar"]').waitFor();
    const [form, results] = await Promise.all(['.form-column', '.results-column'].map((s) => page.locator(s).evaluate((el) => el.getBoundingClientRect().left)));
    expect(Math.abs((form as number) - (results as number))).toBeLessThan(2);
    expect(await inView(page, '[data-testid="bar-total-cash"]')).toBe(true);
    expect(await inView(page, '.toolbar button.primary')).toBe(true);
    await screenshot(page, `large-${name}-intake`);
    // scrolled down to the members: the bar and the head stay
    await page.locator('[data-path="members.add"]').scrollIntoViewIfNeeded();
    expect(await inView(page, '[data-testid="bar-total-cash"]')).toBe(true);
    expect(await inView(page, '.toolbar button.primary')).toBe(true);
    await screenshot(page, `large-${name}-intake-scrolled`);
  });

  it('历史记录 and the case page: key columns in sight, no name broken a character per line', async () => {
    await page.evaluate(() => (window.location.hash = '#/history'));
    await page.locator('[data-testid="search-results"] tbody tr').first().waitFor();
    for (const header of ['案卷号', '户主']) expect(await inView(page, `[data-testid="search-results"] th:text-is("${header}")`)).toBe(true);
    expect(await charPerLine(page, '[data-testid="search-results"] td')).toEqual([]);
    expect(await page.locator('[data-testid="head-name"]').first().innerText()).toBe('欧阳建国');
    await screenshot(page, `large-${name}-history`);

    await page.evaluate((id) => (window.location.hash = `#/history/${id}`), caseNo);
    await page.locator('[data-testid="case-benefits"]').waitFor();
    await page.locator('[data-testid="revisions"]').scrollIntoViewIfNeeded();
    for (const header of ['版本', '时间']) expect(await inView(page, `[data-testid="revisions"] th:text-is("${header}")`)).toBe(true);
    expect(await charPerLine(page, '[data-testid="revisions"] td, [data-testid="case-benefits"] td')).toEqual([]);
    await screenshot(page, `large-${name}-case`);
  });

  it.each([
    ['packs', '政策参数', 'table.grid th'],
    ['settings', '设置', '#operatorName'],
    ['about', '关于惠民政策测算台', 'main h1'],
  ])('%s opens readable', async (route, heading, key) => {
    await page.evaluate((hash) => (window.location.hash = hash), `#/${route}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe(heading);
    await page.locator(key).first().waitFor();
    expect(await inView(page, key)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, `large-${name}-${route}`);
  });

  it('the print preview keeps its print button in sight', async () => {
    await page.evaluate((id) => (window.location.hash = `#/print/${id}/1?doc=sheet`), caseNo);
    await page.locator('[data-testid="print-ready"]').waitFor();
    expect(await inView(page, '[data-testid="print"]')).toBe(true);
    await screenshot(page, `large-${name}-print`);
  });
});
