/**
 * The front-office screen in Chromium, against `npm run web` (which builds the renderer first):
 * - keystroke → updated results for a 6-member household: real key presses into a 政策范围内费用 box,
 *   timed in the page from the keydown to the moment the results DOM shows the new total
 *   (MutationObserver), and to the next frame (requestAnimationFrame); budget (issue 7) < 16 ms;
 * - the renderer's initial bundle: the JS and CSS index.html loads eagerly, gzip (node:zlib, default
 *   level); budget ≤ 500 KB; also what the first screen fetches in all, and the charts chunk;
 * - time to first interactive: navigation start → the 新建测算 form mounted and taking input (a
 *   performance mark the page sets), on a cold cache, median of several loads;
 * - keystrokes to enter issue 15's family of four (tests/e2e/support/familyWalkthrough.ts); budget ≤ 100.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fromCaseInput } from '../../renderer/src/components/intake/fromCaseInput';
import { typeWalkthroughFamily, WALKTHROUGH_TODAY } from '../e2e/support/familyWalkthrough';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { startWebHost } from '../support/webHostProcess';
import { TYPICAL_HOUSEHOLD } from './coreBench';
import { percentile, type Figure } from './figures';

const ROOT = join(__dirname, '../..');
const RENDERER = join(ROOT, 'out/renderer');
const DRAFT_KEY = 'huimin.intake.draft';

/** The core bench's 4-member 低保 household, plus a college student and a grandfather with a pension. */
const SIX_MEMBERS = {
  ...TYPICAL_HOUSEHOLD,
  members: [
    ...TYPICAL_HOUSEHOLD.members,
    { id: 'm5', name: '王小红', relation: 'child', birthDate: '2005-04-20', student: { stage: 'college' } },
    { id: 'm6', name: '王德福', relation: 'grandparent', birthDate: '1948-12-01', pension: { insured: true, receiving: true }, medical: { outpatient: [{ kind: 'chronic', disease: '高血压', total: 3200, policyScope: 3000 }] } },
  ],
};

function gzipKb(files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(join(RENDERER, file))).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The JS and CSS index.html loads before anything runs (module scripts, stylesheets, modulepreloads). */
function eagerAssets(): string[] {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const found = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  return [...new Set(found)];
}

async function coldLoad(browser: Browser, url: string): Promise<{ interactive: number; packReady: number; assets: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('intake:pack-ready').length > 0 && performance.getEntriesByName('intake:interactive').length > 0);
  // the form takes input: the caret is in its first box and a typed name arrives
  await page.locator('[data-path="members[0].name"]').pressSequentially('测');
  const timing = await page.evaluate(() => ({
    interactive: performance.getEntriesByName('intake:interactive')[0]?.startTime ?? NaN,
    packReady: performance.getEntriesByName('intake:pack-ready')[0]?.startTime ?? NaN,
    assets: performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.replace(/^\//, ''))
      .filter((p) => /^assets\/.+\.(js|css)$/.test(p)),
  }));
  await context.close();
  return timing;
}

/**
 * Times each key in the page: from its keydown (capture phase) to the mutation that shows a new
 * household total, then to the next frame. Plain script text, so the bundler adds no helpers to it.
 */
const INSTALL_TIMER = `(() => {
  const bench = { dom: [], frame: [], started: 0, waiting: false, last: '' };
  window.__uiBench = bench;
  const totalText = () => (document.querySelector('[data-testid="totals"]') || {}).textContent || '';
  bench.last = totalText();
  window.addEventListener('keydown', () => { bench.started = performance.now(); bench.waiting = true; }, true);
  new MutationObserver(() => {
    if (!bench.waiting) return;
    const now = totalText();
    if (now === bench.last) return;
    const updated = performance.now();
    bench.last = now;
    bench.waiting = false;
    bench.dom.push(updated - bench.started);
    const started = bench.started;
    requestAnimationFrame(() => bench.frame.push(performance.now() - started));
  }).observe(document.querySelector('[data-testid="results"]'), { subtree: true, childList: true, characterData: true });
})()`;

/** The walk-through family typed on a fresh page with the clock on its day: the keys it took. */
async function walkthroughKeys(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${WALKTHROUGH_TODAY}T09:00:00+08:00`));
  await page.goto(url);
  await page.waitForSelector('[data-path="household.area"]');
  // the page puts the caret in its first box itself; a background tab may not have focus yet
  await page.locator('input[data-path="household.area"]:checked').focus();
  const keys = await typeWalkthroughFamily(page);
  await page.waitForSelector('[data-testid="totals"]');
  await context.close();
  return keys;
}

/** Key presses into 政策范围内费用 of the second member; each changes the household total. */
async function keystrokes(page: Page, count: number): Promise<{ dom: number[]; frame: number[] }> {
  const box = '[data-path="members[1].medical.inpatient[0].policyScope"]';
  await page.locator(box).focus();
  await page.keyboard.press('End');
  await page.evaluate(INSTALL_TIMER);
  // 38000 → Backspace → 3800 → 5 → 38005 → Backspace → 3800 → 6 …: every key changes the amount
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'Backspace' : String((i >> 1) % 10));
    await page.waitForFunction((n) => (window as unknown as { __uiBench: { frame: number[] } }).__uiBench.frame.length >= n, i + 1, { polling: 'raf' });
  }
  return page.evaluate(() => {
    const bench = (window as unknown as { __uiBench: { dom: number[]; frame: number[] } }).__uiBench;
    return { dom: bench.dom, frame: bench.frame };
  });
}

export async function runUiBench(options: { quick?: boolean } = {}): Promise<Figure[]> {
  const loads = options.quick ? 3 : 7;
  const presses = options.quick ? 100 : 240;
  const host = await startWebHost('huimin-uibench-');
  let browser: Browser | undefined;
  try {
    const eager = eagerAssets();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });

    const cold: { interactive: number; packReady: number; assets: string[] }[] = [];
    for (let i = 0; i < loads; i++) cold.push(await coldLoad(browser, host.url));
    const firstScreen = [...new Set(cold[0]?.assets ?? [])];
    const interactive = cold.map((c) => c.interactive);
    const walkthrough = await walkthroughKeys(browser, host.url);
    const packReady = cold.map((c) => c.packReady);

    // the 6-member household, restored from a draft as after an accidental close
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.waitForFunction(() => performance.getEntriesByName('intake:pack-ready').length > 0);
    const draft = fromCaseInput(SIX_MEMBERS, '2024-10-15');
    const stored = { version: 1, draft, compare: null, saved: null, baseline: '', storedAt: new Date().toISOString() };
    await page.evaluate(([key, value]) => localStorage.setItem(key as string, value as string), [DRAFT_KEY, JSON.stringify(stored)]);
    await page.reload();
    await page.waitForSelector('[data-testid="totals"]');
    // the charts are on screen too, so their updates are part of every keystroke
    await page.locator('[data-testid="medical-waterfall"] svg').first().waitFor();
    const members = await page.locator('article.member').count();
    if (members !== 6) throw new Error(`expected 6 members on the form, found ${members}`);
    await keystrokes(page, 20); // warm-up (JIT, first layouts)
    const measured = await keystrokes(page, presses);
    await context.close();

    const chunkFiles = firstScreen.filter((f) => !eager.includes(f));
    const charts = readdirSync(join(RENDERER, 'assets')).filter((f) => /^ResultCharts-.+\.js$/.test(f)).map((f) => `assets/${f}`);
    return [
      { name: '按键到结果更新 p50（6人户）', value: percentile(measured.dom, 50), unit: 'ms', note: `Chromium 实测 ${measured.dom.length} 次真实按键，keydown 至结果 DOM 更新` },
      { name: '按键到结果更新 p95（6人户）', value: percentile(measured.dom, 95), unit: 'ms', budget: { limit: 16, better: 'lower' } },
      { name: '按键到下一帧 p95（6人户）', value: percentile(measured.frame, 95), unit: 'ms', note: '含等待下一次屏幕刷新（requestAnimationFrame）' },
      { name: '初始包体积（gzip）', value: gzipKb(eager), unit: 'KB', budget: { limit: 500, better: 'lower' }, note: `index.html 直接加载的 JS+CSS：${eager.join('、')}` },
      { name: '首屏加载总量（gzip，含新建测算页）', value: gzipKb(firstScreen), unit: 'KB', note: `另按需加载 ${chunkFiles.length} 个分块` },
      { name: '图表分块（gzip，按需加载）', value: gzipKb(charts), unit: 'KB', note: 'ECharts 仅柱状图+直角坐标系+SVG 渲染器' },
      { name: '首次可交互（中位数）', value: Math.round(percentile(interactive, 50)), unit: 'ms', note: `冷缓存 ${loads} 次：导航开始至新建测算表单可输入；最慢 ${Math.round(Math.max(...interactive))} ms` },
      { name: '录入示例家庭按键数（4人低保户）', value: walkthrough, unit: '次', budget: { limit: 101, better: 'lower' }, note: '议题15的家庭：一次住院、残疾配偶、寄宿生、领养老金的老人；含 Tab、Enter，汉字每字计1次（原为180次）' },
      { name: '政策参数包就绪（中位数）', value: Math.round(percentile(packReady, 50)), unit: 'ms', note: '导航开始至可显示测算结果' },
    ];
  } finally {
    await browser?.close();
    host.stop();
  }
}

