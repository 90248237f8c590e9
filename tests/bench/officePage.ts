/**
 * The browser side of a bench against `npm run web`: a host on a fresh data folder, Chromium as an
 * office window sees the app (1366×768, zh-CN, Asia/Shanghai), the app open and an office set up.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { setOffice } from '../e2e/support/printPages';
import { startWebHost, type WebHost } from '../support/webHostProcess';

/** A browser context the size and locale of an office window. */
export function officeContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** A new page of `context` with the app open at `url`, its navigation shown. */
export async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('nav[aria-label="主导航"]');
  return page;
}

export interface OfficePage {
  host: WebHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** Runs `body` with a host of its own (folder `folderPrefix`…) and a page on it with the office set up; closes both after. */
export async function withOfficePage<T>(folderPrefix: string, body: (office: OfficePage) => Promise<T>): Promise<T> {
  const host = await startWebHost(folderPrefix);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
    const context = await officeContext(browser);
    const page = await openApp(context, host.url);
    await setOffice(page);
    return await body({ host, browser, context, page });
  } finally {
    await browser?.close();
    host.stop();
  }
}
