/**
 * A second program on a data folder, through the handler table as the app calls it: app.info says it
 * is read-only and why; everything that would write the folder — a case, a setting, a print record, a
 * backup or restore, a recalculation, a pack, a county key — is refused with that reason, and nothing
 * in the folder changes; reading, searching and the data check work. When the first program closes,
 * data.reopen makes it the writer.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppInfo, BackupInfo, CaseDetail, DataCheckReply } from '../../shared/api/contract';
import type { GeneratedKey } from '../../shared/api/packApi';
import { call, closeOffices, openOffice, snapshotFolder, value } from '../support/apiOffice';
import { BASE, dibaoDraft } from '../support/packDrafts';

afterAll(closeOffices);

const household = { input: { household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name: '张三', birthDate: '1970-01-01' }] } };

describe('a read-only window', { timeout: 60_000 }, () => {
  it('refuses every write with the reason, changes nothing, reads and checks; takes over once the writer closes', async () => {
    const first = openOffice({ prefix: 'huimin-read-only-', store: { durability: 'normal' } });
    await value(first.table, 'settings.set', { key: 'operatorName', value: '李经办' });
    const saved = await value<CaseDetail>(first.table, 'cases.save', household);
    const backup = await value<BackupInfo>(first.table, 'backup.now', undefined);
    const key = await value<GeneratedKey>(first.table, 'keys.generate', undefined);

    const second = openOffice({ dir: first.dir, store: { durability: 'normal' } });
    const info = await value<AppInfo>(second.table, 'app.info', undefined);
    expect(info.access).toMatchObject({ writable: false, holder: { program: '浏览器版（npm run web）', pid: process.pid } });
    const reason = info.access.reason as string;
    const before = snapshotFolder(join(first.dir, 'packs'));

    const writes: [string, unknown][] = [
      ['cases.save', household],
      ['cases.void', { caseNo: saved.caseNo, reason: '重复录入' }],
      ['settings.set', { key: 'officeName', value: '城关镇' }],
      ['print.record', { caseNo: saved.caseNo, revision: 1, document: 'sheet' }],
      ['backup.now', undefined],
      ['backup.restore', { fileName: backup.fileName }],
      ['recalc.start', { id: BASE.id, version: BASE.version, asOf: null }],
      ['packs.saveLocal', { base: { id: BASE.id, version: BASE.version }, draft: dibaoDraft() }],
      ['packs.activate', { id: BASE.id, version: BASE.version }],
      ['keys.add', { name: '县民政局', publicKey: key.publicKeyPem }],
    ];
    for (const [channel, payload] of writes) {
      const refused = await call(second.table, channel, payload);
      expect(refused.ok, channel).toBe(false);
      if (!refused.ok) expect(refused.errors[0]?.message, channel).toBe(reason);
    }
    expect(snapshotFolder(join(first.dir, 'packs'))).toEqual(before);
    // 入户发放打印: the cases are read and printed (the browser's dialog printed them), but not recorded, and it says so
    expect(await value<{ items: unknown[] }>(second.table, 'campaign.load', { caseNos: [saved.caseNo] })).toMatchObject({ items: [{ caseNo: saved.caseNo, revision: { revision: 1 } }] });
    expect(await value(second.table, 'campaign.record', { output: 'cards', items: [{ caseNo: saved.caseNo, revision: 1 }] })).toEqual({
      recorded: null,
      note: '本窗口只读（见页面顶部的说明），本次打印未记入案卷打印记录',
    });
    // reading, searching and checking work
    expect((await value<CaseDetail>(second.table, 'cases.get', { caseNo: saved.caseNo })).prints).toEqual([]);
    expect(await value<{ total: number }>(second.table, 'cases.search', { text: 'zs' })).toMatchObject({ total: 1 });
    expect(await value<DataCheckReply>(second.table, 'data.check', undefined)).toMatchObject({ revisions: 1, damagedCount: 0, reindexed: null });
    // while the first program runs, 重新检查 changes nothing
    expect((await value<AppInfo>(second.table, 'data.reopen', undefined)).access.writable).toBe(false);

    first.services.close();
    const reopened = await value<AppInfo>(second.table, 'data.reopen', undefined);
    expect(reopened.access).toMatchObject({ writable: true, reason: null, takenOver: null });
    expect((await call(second.table, 'cases.save', household)).ok).toBe(true);
  });
});
