/**
 * The app frame in Chromium against `npm run web`: every page opens from the navigation, renders
 * Chinese, logs no console error and requests nothing outside 127.0.0.1. Screenshots at 1366×768 are
 * kept under artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { foreignRequests, openApp, rendersChinese, screenshot, type Session } from './support/browser';

const url = inject('webUrl');
let session: Session;

beforeAll(async () => {
  session = await openApp(url);
});
afterAll(async () => {
  await session?.close();
});

const PAGES = [
  { link: '新建测算', heading: '新建测算', shot: 'shell-intake' },
  { link: '历史记录', heading: '历史记录', shot: 'shell-history' },
  { link: '入户发放', heading: '入户发放 · 村级批量', shot: 'shell-village' },
  { link: '政策参数', heading: '政策参数', shot: 'shell-packs' },
  { link: '设置', heading: '设置', shot: 'shell-settings' },
  { link: '关于', heading: '关于惠民政策测算台', shot: 'shell-about' },
];

describe('the app shell', () => {
  it.each(PAGES)('opens $link from the navigation', async ({ link, heading, shot }) => {
    const { page } = session;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: link, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe(heading);
    expect(await rendersChinese(page)).toBe(true);
    await screenshot(page, shot);
  });

  it('the about page shows the version, the pack in force and the data folder', async () => {
    const { page } = session;
    await page.getByRole('link', { name: '关于', exact: true }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('软件版本');
    const text = await page.locator('main').innerText();
    expect(text).toContain('河南省·南阳市 惠民政策参数包');
    expect(text).toContain(inject('webDataDir'));
  });

  it('logged no console error and sent no request beyond 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(foreignRequests(session.requests, url)).toEqual([]);
    expect(session.requests.length).toBeGreaterThan(3);
  });
});
