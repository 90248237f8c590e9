/**
 * Two programs on one data folder, as an office runs them: two `npm run web` hosts started at the same
 * moment on one folder. One writes; the other shows a read-only banner naming it, reads and searches
 * what it saves, and saves nothing. The writer restores a backup (twice in a row, as fast as it can):
 * every acknowledged save survives and no case number is given twice. Then the writer is killed
 * (SIGKILL): the other takes the folder over with 重新检查, says whose lock it took, and numbers on
 * above everything issued. Checked over the API and in Chromium.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AppInfo, BackupInfo, CaseDetail, CaseSearchPage, RestoreReply } from '../../shared/api/contract';
import type { Result } from '../../shared/errors';
import { startWebHost, type WebHost } from '../support/webHostProcess';
import { openApp, screenshot, type Session } from './support/browser';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'huimin-e2e-two-hosts-'));
const hosts: WebHost[] = [];
let session: Session | undefined;

afterAll(async () => {
  await session?.close();
  for (const host of hosts) host.stop();
  rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

type Call = <T>(channel: string, payload?: unknown) => Promise<Result<T>>;

function caller(url: string): Call {
  const address = new URL(url);
  const token = address.searchParams.get('token') as string;
  return async <T>(channel: string, payload?: unknown) => {
    const response = await fetch(`${address.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Huimin-Token': token },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
    return (await response.json()) as Result<T>;
  };
}

async function value<T>(call: Call, channel: string, payload?: unknown): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const NAMES = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十', '褚一', '卫二', '蒋三', '沈四', '韩五', '杨六'];
const household = (name: string) => ({ input: { household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name, birthDate: '1962-03-04' }] } });

describe('two hosts on one data folder', () => {
  /** case number → the name of the household it was given to, for every acknowledged save */
  const acknowledged = new Map<string, string>();
  let writer: { host: WebHost; call: Call };
  let reader: { host: WebHost; call: Call };

  async function save(call: Call, name: string): Promise<string> {
    const saved = await value<CaseDetail>(call, 'cases.save', household(name));
    expect(acknowledged.has(saved.caseNo), `${saved.caseNo} given twice`).toBe(false);
    acknowledged.set(saved.caseNo, name);
    return saved.caseNo;
  }

  /** Every acknowledged case number still opens the household it was given to. */
  async function expectAllThere(call: Call): Promise<void> {
    for (const [caseNo, name] of acknowledged) {
      const detail = await value<CaseDetail>(call, 'cases.get', { caseNo });
      expect((detail.latest.input as { members: { name: string }[] }).members[0]?.name, caseNo).toBe(name);
    }
    expect((await value<CaseSearchPage>(call, 'cases.search', { pageSize: 200 })).total).toBe(acknowledged.size);
  }

  it('started at the same moment, one host writes and the other is read-only and names it', async () => {
    const started = await Promise.all([startWebHost('', { build: false, dataDir: folder }), startWebHost('', { build: false, dataDir: folder })]);
    hosts.push(...started);
    const infos = await Promise.all(started.map((host) => value<AppInfo>(caller(host.url), 'app.info')));
    expect(infos.filter((info) => info.access.writable)).toHaveLength(1);
    const writing = infos.findIndex((info) => info.access.writable);
    writer = { host: started[writing] as WebHost, call: caller((started[writing] as WebHost).url) };
    reader = { host: started[1 - writing] as WebHost, call: caller((started[1 - writing] as WebHost).url) };
    const readOnly = infos[1 - writing] as AppInfo;
    expect(readOnly.access).toMatchObject({ writable: false, holder: { program: '浏览器版（npm run web）' } });
    expect(readOnly.access.reason).toContain('此数据文件夹正由另一个程序使用（浏览器版（npm run web），电脑「');
    expect(reader.host.output).toContain('只读：');

    await value(writer.call, 'settings.set', { key: 'operatorName', value: '李经办' });
    for (const name of NAMES.slice(0, 5)) await save(writer.call, name);
    // the reader reads and searches what the writer saves, and saves nothing
    await expectAllThere(reader.call);
    const refused = await reader.call('cases.save', household('不该保存'));
    expect(refused).toMatchObject({ ok: false, errors: [{ message: readOnly.access.reason }] });
    expect((await reader.call('backup.now')).ok).toBe(false);
  });

  it('the reader shows a banner saying who holds the folder, and still finds the cases', async () => {
    session = await openApp(reader.host.url);
    const banner = session.page.getByTestId('read-only-banner');
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toContain('只读');
    expect(await banner.innerText()).toContain('浏览器版（npm run web）');
    await session.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '历史记录', exact: true }).click();
    await expect.poll(() => session?.page.getByText('赵一').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(session.page, 'two-hosts-read-only');
  });

  it('a restore in the writer loses no acknowledged save and gives no number twice, even twice in a row', async () => {
    const backup = await value<BackupInfo>(writer.call, 'backup.now');
    for (const name of NAMES.slice(5, 8)) await save(writer.call, name);
    const first = await value<RestoreReply>(writer.call, 'backup.restore', { fileName: backup.fileName });
    expect(first.mergedCount).toBe(3);
    expect(first.merged.map((revision) => revision.headName)).toEqual(NAMES.slice(5, 8));
    await save(writer.call, NAMES[8] as string);
    const second = await value<RestoreReply>(writer.call, 'backup.restore', { fileName: backup.fileName });
    expect(second.mergedCount).toBe(4);
    expect(second.keptAside).not.toBe(first.keptAside);
    await expectAllThere(writer.call);
    // the reader follows the restored file
    await expectAllThere(reader.call);
    const next = await save(writer.call, NAMES[9] as string);
    expect(next.slice(-6)).toBe('000010');
  });

  it('the writer killed, the reader takes the folder over with 重新检查 and numbers on above everything issued', async () => {
    await writer.host.kill('SIGKILL');
    const page = (session as Session).page;
    await page.getByTestId('read-only-banner').getByRole('button', { name: '重新检查' }).click();
    await expect.poll(() => page.getByTestId('read-only-banner').count(), { timeout: 30_000 }).toBe(0);
    const info = await value<AppInfo>(reader.call, 'app.info');
    expect(info.access).toMatchObject({ writable: true, takenOver: { program: '浏览器版（npm run web）' } });
    await value(reader.call, 'settings.set', { key: 'operatorName', value: '王经办' });
    for (const name of NAMES.slice(10, 12)) await save(reader.call, name);
    await expectAllThere(reader.call);
    expect([...acknowledged.keys()].at(-1)?.slice(-6)).toBe('000012');
    // a third program now finds the folder held by the reader
    const third = await startWebHost('', { build: false, dataDir: folder });
    hosts.push(third);
    const thirdInfo = await value<AppInfo>(caller(third.url), 'app.info');
    expect(thirdInfo.access.writable).toBe(false);
  });
});
