/**
 * Debian's Chromium driven by playwright-core, with the flags this machine needs (no sandbox as root,
 * no background networking: the network is closed) and a fresh empty profile each run. Records every
 * request and console error so tests can assert that nothing leaves 127.0.0.1.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../../scripts/chromium';
import { startWebHost } from '../../support/webHostProcess';

export { CHROMIUM_FLAGS, CHROMIUM_PATH };

export const ARTIFACTS = join(__dirname, '../../../artifacts');

export interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openApp(url: string, viewport = { width: 1366, height: 768 }): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'huimin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('nav[aria-label="主导航"]');
  return { context, page, requests, consoleErrors, close: () => context.close() };
}

export interface OwnSession extends Session {
  /** the address of this file's own host */
  url: string;
}

/**
 * The app on a web host and data folder of the test file's own (serving the renderer the global
 * setup's `npm run web` built), so no file depends on what another one saved or set, whatever order
 * they run in. close() stops the host and removes the folder.
 */
export async function openAppOnOwnFolder(name: string): Promise<OwnSession> {
  const host = await startWebHost(`huimin-e2e-${name}-`, { build: false });
  try {
    const session = await openApp(host.url);
    return {
      ...session,
      url: host.url,
      close: async () => {
        await session.close();
        host.stop();
      },
    };
  } catch (error) {
    host.stop();
    throw error;
  }
}

/** Every request went to the web host (or stayed inside the page: data:, blob:). */
export function foreignRequests(requests: readonly string[], url: string): string[] {
  const origin = new URL(url).origin;
  return requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('data:') && !r.startsWith('blob:'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Chinese is really drawn (not tofu boxes): two different characters in the page's font must give
 * different pixels. With no CJK font both would be the same "missing glyph" box.
 */
export async function rendersChinese(page: Page, a = '惠', b = '民'): Promise<boolean> {
  return page.evaluate(
    ([x, y]) => {
      const font = getComputedStyle(document.body).fontFamily;
      const draw = (text: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        ctx.font = `48px ${font}`;
        ctx.fillText(text, 4, 52);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
      };
      const first = draw(x as string);
      return first !== draw(y as string) && first !== draw('\uFFFF');
    },
    [a, b],
  );
}
