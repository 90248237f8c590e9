/**
 * 设置 · 备份与恢复 in Chromium against `npm run web`: 立即备份 lists the new backup; 恢复 asks first,
 * then says what it restored (the case database and the policy packs folder the backup carries, what
 * was saved since, where numbering goes on) and the app carries on; 数据检查 checks every revision.
 * Screenshot under artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openAppOnOwnFolder, screenshot, type OwnSession } from './support/browser';

let session: OwnSession;

beforeAll(async () => {
  session = await openAppOnOwnFolder('backup');
});
afterAll(async () => {
  await session?.close();
});

describe('备份与恢复', () => {
  it('立即备份, then 恢复 from it after confirming', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置', exact: true }).click();
    const panel = page.locator('section.backup-panel');
    await panel.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toMatch(/^备份完成：huimin-backup-\d{4}-\d{2}-\d{2}-\d{6}-manual\.sqlite3/);
    const made = /huimin-backup-[\d-]+-manual\.sqlite3/.exec(await panel.getByRole('status').innerText())?.[0] as string;
    const row = panel.locator(`tr[data-file="${made}"]`);
    expect(await row.innerText()).toContain('手动');

    await row.getByRole('button', { name: '恢复' }).click();
    const dialog = page.getByRole('alertdialog', { name: '从备份恢复' });
    expect(await dialog.innerText()).toContain('现有数据库和参数包会另存一份');
    await dialog.getByRole('button', { name: '校验并恢复' }).click();
    await expect.poll(() => panel.getByRole('status').innerText(), { timeout: 15_000 }).toContain(`已从「${made}」恢复案卷数据库`);
    const said = await panel.getByRole('status').innerText();
    expect(said).toContain('恢复前的数据库已另存为');
    expect(said).toContain('政策参数包（本地参数包、现行参数包、县级公钥、变动报告）已一并恢复为备份时的状态');
    expect(said).toContain('备份之后没有新保存的版本');
    expect(said).toMatch(/新案卷编号从 \d{4}-\d{6} 起/);
    await screenshot(page, 'settings-backup-restored');

    // 数据检查: every revision checked, the index rebuilt
    const check = page.locator('section.data-check');
    await check.getByRole('button', { name: '开始检查' }).click();
    await expect.poll(() => check.getByRole('status').innerText(), { timeout: 30_000 }).toMatch(/已检查 \d+ 户、\d+ 个版本：全部完好/);
    expect(await check.getByRole('status').innerText()).toContain('查找索引已按各版本重建');

    // the app carries on with the restored database
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '历史记录', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('历史记录');
    expect(await page.locator('main [role="alert"]').count()).toBe(0);
  });

  it('logged no console error and sent no request beyond 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(foreignRequests(session.requests, session.url)).toEqual([]);
  });
});
