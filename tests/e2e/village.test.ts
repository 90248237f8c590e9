/**
 * 入户发放 · 村级批量 in Chromium against `npm run web`, at 1366×768: a 防返贫监测 workbook with planted
 * problems is picked, read (the hidden sheet said), mapped by its headers, checked with Ctrl+Enter
 * (every planted problem listed by row, column and value), imported with Enter; the village computed
 * on the recalculation workers; the table by 村 and 组 filtered, with 王建国's amounts to the fen, and
 * exported to Excel. A 低保 CSV in GBK is read and its encoding said. Screenshots under
 * artifacts/screenshots/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openAppOnOwnFolder, screenshot, type OwnSession } from './support/browser';
import { dibaoCsv, encodeGbk, fangfanpinXlsx, rosterHouseholds, type PlantedA } from '../support/rosterFixture';

let session: OwnSession;
let workbookPath: string;
let csvPath: string;
let planted: PlantedA;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'huimin-e2e-roster-'));
  const a = await fangfanpinXlsx(rosterHouseholds('a', 120), { plant: true });
  planted = a.planted as PlantedA;
  workbookPath = join(folder, '马山口镇防返贫监测.xlsx');
  writeFileSync(workbookPath, a.bytes);
  csvPath = join(folder, '低保名册.csv');
  writeFileSync(csvPath, encodeGbk(dibaoCsv(rosterHouseholds('b', 30), { plant: false }).text));
  session = await openAppOnOwnFolder('village');
});
afterAll(async () => {
  await session?.close();
});

const text = (testid: string) => session.page.getByTestId(testid).innerText();

describe('入户发放: a roster from import to the village table', () => {
  it('设置: the 经办人 (imports and computed revisions are recorded under that name)', async () => {
    const { page } = session;
    await page.goto(new URL('#/settings', session.url).toString());
    await page.locator('#operatorName').focus();
    await page.keyboard.type('李经办');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('.settings [aria-live="polite"]').first().innerText()).toBe('已保存');
  });

  it('reads the workbook: the hidden sheet is said, the header under the merged title found, the columns mapped', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '入户发放', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('入户发放 · 村级批量');
    await page.getByTestId('roster-file').setInputFiles(workbookPath);
    await expect.poll(() => text('roster-notices')).toContain('工作簿中有隐藏的工作表「原始数据」');
    // the mapping row under the headers: 证件号码 → 身份证号, 监测对象类别 → 身份
    expect(await page.getByLabel('G列「证件号码」对应').inputValue()).toBe('idNumber');
    expect(await page.getByLabel('L列「监测对象类别」对应').inputValue()).toBe('status');
    // the first rows as read: 王建国's number gives his birth date and sex
    expect(await text('roster-mapping')).toContain('→ 1966-03-15 男');
    await page.getByTestId('roster-asof').fill('2026-06-01');
    await screenshot(page, 'village-mapping');
  });

  it('checks with Ctrl+Enter: every planted problem by row, column and value; nothing written yet', async () => {
    const { page } = session;
    await page.getByLabel('G列「证件号码」对应').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => text('roster-check-result'), { timeout: 60_000 }).toContain('可导入 115 户');
    const problems = await text('roster-problems');
    expect(problems).toContain(`${planted.wrongCheckDigit.row}\tG 证件号码\t「${planted.wrongCheckDigit.value}」\t错误：身份证号码校验位不正确`);
    expect(problems).toContain(`${planted.unknownWord.row}\tL 监测对象类别\t「临时困难户」\t错误：不认识的身份用语「临时困难户」`);
    expect(problems).toContain(`${planted.twoHeads.rows[1]}\tH 与户主关系\t「户主」\t错误：同一户有两位户主`);
    expect(problems).toContain('提示：空行，已跳过');
    expect(problems).toContain(`错误：成员不属于任何一户：户编号「${planted.orphan.key}」在名册中没有户主`);
    expect(problems).toContain('提示：身份证号前后有空格，已去掉');
    expect(await text('roster-skipped')).toContain('有两位户主');
    await screenshot(page, 'village-check');
    // the 导入 button has the focus: Enter imports
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('roster-import');
  });

  it('imports with Enter and shows the village table', async () => {
    const { page } = session;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('village-batch').innerText()).toContain('马山口镇防返贫监测.xlsx · 115 户');
    await expect.poll(() => page.getByTestId('village-rows').locator('tbody tr').count()).toBe(100);
  });

  it('computes the village on the recalculation workers and shows 王建国 to the fen', async () => {
    const { page } = session;
    await page.getByTestId('village-asof').fill('2026-06-01');
    await page.getByTestId('village-compute').click();
    await expect.poll(() => text('village-status'), { timeout: 60_000 }).toContain('已完成：115 / 115 户');
    await page.getByTestId('village-filter-village').selectOption('马山口镇 王庄村');
    await page.getByTestId('village-filter-group').selectOption('1组');
    await expect.poll(() => text('village-subtotals')).not.toContain('河西村');
    await expect.poll(async () => (await page.getByTestId('village-head').allInnerTexts()).includes('王建国')).toBe(true);
    const wang = page.getByTestId('village-rows').locator('tr', { hasText: '王建国' });
    const cells = await wang.locator('td').allInnerTexts();
    // 到手现金 6,025.00 (of which 150.00 a month), 医院直接结算 0, 减免 1,187.20, 一次性 0 (tests/integration/roster/villageCompute.test.ts works them out)
    expect(cells.slice(6, 11)).toEqual(['6,025.00', '150.00', '0.00', '1,187.20', '0.00']);
    const subtotals = await text('village-subtotals');
    expect(subtotals).toContain('马山口镇 王庄村\t1组');
    await screenshot(page, 'village-table');
  });

  it('finds a 户主 by 拼音首字母 and exports the table to Excel', async () => {
    const { page } = session;
    await page.getByTestId('village-filter-group').selectOption('');
    await page.getByTestId('village-filter-text').fill('wjg');
    await expect.poll(() => page.getByTestId('village-head').allInnerTexts()).toEqual(['王建国']);
    await page.getByTestId('village-filter-text').fill('');
    const download = page.waitForEvent('download');
    await page.getByTestId('village-export').click();
    expect((await download).suggestedFilename()).toMatch(/^入户发放-马山口镇_王庄村-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('reads a 低保 CSV saved in GBK and says so', async () => {
    const { page } = session;
    await page.getByRole('tab', { name: '导入名册' }).click();
    await page.getByTestId('roster-file').setInputFiles(csvPath);
    await expect.poll(() => text('roster-notices')).toContain('按 GBK（GB18030）编码读取');
    expect(await text('roster-mapping')).toContain('马山口镇');
  });

  it('lays out at 1366×768 without the page scrolling sideways, logs no console error, stays on 127.0.0.1', async () => {
    const { page } = session;
    const overflow = await page.evaluate(() => document.querySelector('main')!.scrollWidth - document.querySelector('main')!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(session.consoleErrors).toEqual([]);
    expect(foreignRequests(session.requests, session.url)).toEqual([]);
  });
});
