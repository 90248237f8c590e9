/**
 * 县级汇总 in Chromium against `npm run county` (its server step, on the renderer the global setup
 * built, over a database of a private PostgreSQL cluster): the county registers three township offices
 * by their public keys, imports two offices' USB bundles (one twice) and hands back receipts the
 * offices accept; then searches across townships, opens one household's history across both offices,
 * sees the family served at both windows flagged as 重复, the totals with their chart, which office has
 * never reported, and exports the search to Excel. Screenshots under artifacts/screenshots/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOffices, value, type Office } from '../support/apiOffice';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { startCountyHost, type CountyHost } from '../support/webHostProcess';
import { household, idNumber, saveCase, township } from '../county/support/countyKit';
import { foreignRequests, openApp, screenshot, type Session } from './support/browser';

const WANG = { name: '王建国', idNumber: idNumber('19650304', 11) };
const CHILD = { name: '王小明', idNumber: idNumber('20100506', 23) };

let cluster: TestCluster;
let host: CountyHost;
let session: Session;
const files = mkdtempSync(join(tmpdir(), 'huimin-e2e-county-'));
const offices: { name: string; office: Office; bundle: string | null }[] = [];

async function bundleFile(office: Office, name: string): Promise<string> {
  const bundle = await value<{ base64: string; fileName: string }>(office.table, 'countySync.exportBundle', undefined);
  const path = join(files, `${name}${bundle.fileName.slice(bundle.fileName.lastIndexOf('.'))}`);
  writeFileSync(path, Buffer.from(bundle.base64, 'base64'));
  return path;
}

async function saved(download: Promise<Download>): Promise<{ name: string; path: string }> {
  const done = await download;
  const path = join(files, done.suggestedFilename());
  await done.saveAs(path);
  return { name: done.suggestedFilename(), path };
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

beforeAll(async () => {
  cluster = await startTestCluster();
  host = await startCountyHost(cluster.url(await cluster.database('county_e2e')), '某某县');

  // two townships work offline; a third has registered but never reports
  const chengguan = await township('城关镇便民服务中心');
  await saveCase(chengguan, household(WANG, { township: '城关镇', village: '东关村' }, [CHILD]));
  await saveCase(chengguan, household({ name: '赵德福', idNumber: idNumber('19700101', 35) }, { township: '城关镇', village: '东关村' }));
  const angao = await township('安皋镇便民服务中心');
  await saveCase(angao, household(WANG, { township: '安皋镇', village: '前营村' }));
  await saveCase(angao, household({ name: '刘桂英', idNumber: idNumber('19720315', 58) }, { township: '安皋镇', village: '前营村' }, [CHILD]));
  const tongzhaipu = await township('桐寨铺镇便民服务中心');
  offices.push({ name: '城关镇', office: chengguan, bundle: await bundleFile(chengguan, '城关镇') });
  offices.push({ name: '安皋镇', office: angao, bundle: await bundleFile(angao, '安皋镇') });
  offices.push({ name: '桐寨铺镇', office: tongzhaipu, bundle: null });

  session = await openApp(host.url);
}, 240_000);

afterAll(async () => {
  await session?.close();
  host?.stop();
  closeOffices();
  cluster?.stop();
});

describe('县级汇总', () => {
  it('乡镇上报: registers the offices, imports their USB bundles (one twice) and hands back receipts the offices accept', async () => {
    const { page } = session;
    await nav(page, '乡镇上报');
    for (const { name, office } of offices) {
      const key = await value<{ office: { publicKey: string } }>(office.table, 'countySync.status', undefined);
      await page.getByLabel('名称').fill(name);
      await page.getByLabel('公钥').fill(key.office.publicKey);
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await expect.poll(() => page.locator('table.offices').innerText()).toContain(name);
    }
    const status = page.locator('p[aria-live="polite"]');
    for (const [index, expected] of [
      [0, '新增 2 条'],
      [1, '新增 2 条'],
      [0, '新增 0 条'],
    ] as const) {
      const { name, office, bundle } = offices[index] as (typeof offices)[number];
      const receipt = saved(page.waitForEvent('download'));
      await page.getByLabel('上报包文件').setInputFiles(bundle as string);
      const file = await receipt;
      expect(file.name).toMatch(new RegExp(`^县级回执-${name}-.*\\.hmreceipt$`));
      await expect.poll(() => status.innerText()).toContain(`已导入「${name}」的上报包`);
      expect(await status.innerText()).toContain(expected);
      // the receipt goes back to the office on the stick: shown first, recorded once the fingerprint is confirmed
      const base64 = readFileSync(file.path).toString('base64');
      const shown = await value<{ recorded: boolean; server: { fingerprint: string } }>(office.table, 'countySync.importReceipt', { fileName: file.name, base64 });
      expect(shown.server.fingerprint).toBe(host.fingerprint);
      await value(office.table, 'countySync.importReceipt', { fileName: file.name, base64, confirmFingerprint: host.fingerprint });
      expect(await value<{ pending: number }>(office.table, 'countySync.status', undefined)).toMatchObject({ pending: 0 });
    }
    // who has not reported since when: 桐寨铺镇 never has
    await page.reload();
    await page.waitForSelector('table.offices tbody tr');
    const rows = page.locator('table.offices tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.filter({ hasText: '桐寨铺镇' }).innerText()).toContain('从未上报');
    expect(await rows.filter({ hasText: '城关镇' }).innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await screenshot(page, 'county-offices');
  });

  it('案卷查询: finds the cases of both townships, flags the family served at both windows, and opens its history across offices', async () => {
    const { page } = session;
    await nav(page, '案卷查询');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.locator('table.results tbody tr').count()).toBe(4);
    expect(await page.locator('section.card').first().innerText()).toContain('共 4 户');

    await page.getByLabel('姓名 / 拼音首字母 / 身份证号后4位').fill('wjg');
    await page.getByLabel('姓名 / 拼音首字母 / 身份证号后4位').press('Enter');
    const rows = page.locator('table.results tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const text = await page.locator('table.results').innerText();
    expect(text).toContain('城关镇 · 东关村');
    expect(text).toContain('安皋镇 · 前营村');
    for (const row of await rows.all()) expect(await row.locator('.flag').innerText()).toBe('重复');
    // the ID number is never shown whole
    expect(text).not.toContain(WANG.idNumber);
    expect(text).toContain(`${WANG.idNumber.slice(0, 6)}********${WANG.idNumber.slice(-4)}`);
    await screenshot(page, 'county-search');

    await rows.filter({ hasText: '城关镇' }).getByRole('button', { name: '历史' }).click();
    const history = page.getByRole('region', { name: '一户的历史' });
    await expect.poll(() => history.locator('h2').innerText()).toContain('2 个乡镇办理过');
    const cases = await history.locator('.case h3').allInnerTexts();
    expect(cases.map((line) => line.split(' · ')[0]).sort()).toEqual(['城关镇', '安皋镇']);
    await history.getByRole('button', { name: '明细' }).first().click();
    await expect.poll(() => history.locator('.revision').innerText()).toContain('王建国');
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'county-household');
  });

  it('导出 Excel of the search: the rows shown, ID numbers masked', async () => {
    const { page } = session;
    const download = saved(page.waitForEvent('download'));
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const file = await download;
    expect(file.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file.path);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1).map((cell) => String(cell ?? ''));
    expect(values(1).slice(0, 3)).toEqual(['乡镇（上报单位）', '案卷编号', '户主']);
    const body = [2, 3].map(values);
    expect(sheet.rowCount).toBe(3);
    expect(body.map((row) => `${row[0]} ${row[2]}`).sort()).toEqual(['城关镇 王建国', '安皋镇 王建国']);
    for (const row of body) expect(row.join(' ')).not.toContain(WANG.idNumber);
    for (const row of body) expect(row).toContain('有重复');
  });

  it('重复人员 lists the head served at two offices and the child in two households', async () => {
    const { page } = session;
    await nav(page, '重复人员');
    const rows = page.locator('table.duplicates tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // 身份证号 · 姓名 · 乡镇数 · 户数 · 出现在
    const byName = new Map((await Promise.all((await rows.all()).map((row) => row.locator('td').allInnerTexts()))).map((cells) => [cells[1], cells]));
    expect(byName.get('王建国')?.slice(2, 4)).toEqual(['2', '1']);
    expect(byName.get('王小明')?.slice(2, 4)).toEqual(['2', '2']);
    expect(byName.get('王小明')?.[4]).toContain('刘桂英户（成员');
    await screenshot(page, 'county-duplicates');
  });

  it('汇总统计: households and amounts by township, drawn as a chart', async () => {
    const { page } = session;
    await nav(page, '汇总统计');
    const table = page.locator('table.totals');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t').slice(0, 2).join(' ')).sort()).toEqual(['城关镇 2', '安皋镇 2']);
    expect(await table.locator('tfoot').innerText()).toMatch(/^合计\s+4\s+[\d,.]+/);
    // the chart is drawn: one bar per township, labelled
    const chart = page.getByRole('img', { name: /按乡镇的年度金额/ });
    await expect.poll(() => chart.locator('svg text').allTextContents()).toEqual(expect.arrayContaining(['城关镇', '安皋镇']));
    expect(await chart.locator('svg path').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'county-totals');
  });

  it('logged no console error and sent no request beyond the county server', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(foreignRequests(session.requests, host.url)).toEqual([]);
  });
});
