import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTING_DEFAULTS } from '../../../electron/services/store/settingsStore';
import { computedCase, openTestStore, removeTempDirs, tempDataDir, TestClock } from './fixtures/storeTestKit';

afterEach(removeTempDirs);

describe('settings', () => {
  it('starts from the defaults and keeps what is set across reopening', () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, {}, '');
    expect(store.settings.get()).toEqual(SETTING_DEFAULTS);
    expect(SETTING_DEFAULTS).toMatchObject({ backupRetentionDays: 30, autoBackup: true, fontScale: 1, backupDir: '' });
    expect(store.settings.set({ key: 'officeName', value: '  城关镇便民服务中心 ' })).toMatchObject({ ok: true, value: { officeName: '城关镇便民服务中心' } });
    expect(store.settings.set({ key: 'fontScale', value: 1.25 }).ok).toBe(true);
    expect(store.settings.set({ key: 'supervisionHotline', value: '0377-12345' }).ok).toBe(true);
    store.close();
    const again = openTestStore(dir, {}, '');
    expect(again.settings.get()).toMatchObject({ officeName: '城关镇便民服务中心', fontScale: 1.25, supervisionHotline: '0377-12345', autoBackup: true });
    again.close();
  });

  it('refuses bad values in Chinese and keeps the old ones', () => {
    const store = openTestStore(tempDataDir(), {}, '');
    for (const change of [
      { key: 'fontScale', value: 5 },
      { key: 'fontScale', value: '1.2' },
      { key: 'backupRetentionDays', value: 0 },
      { key: 'backupRetentionDays', value: 1.5 },
      { key: 'autoBackup', value: 'yes' },
      { key: 'operatorName', value: '经'.repeat(21) },
      { key: 'unknownKey', value: 1 },
      { key: 'backupDir', value: 'relative\\folder' },
      'operatorName=张三',
    ]) {
      const result = store.settings.set(change);
      expect(result.ok, JSON.stringify(change)).toBe(false);
      if (!result.ok) expect(result.errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(store.settings.get()).toEqual(SETTING_DEFAULTS);
    store.close();
  });
});

describe('print log', () => {
  it('records which revision was printed, as what, by whom and when, append-only', () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const store = openTestStore(dir, { now: clock.now }, '王经办');
    const saved = store.cases.save(computedCase({ members: [{ name: '张三' }] }));
    if (!saved.ok) throw new Error(saved.errors[0]?.message);
    const { caseNo } = saved.value;
    clock.advance();
    expect(store.prints.record({ caseNo, document: 'sheet' })).toMatchObject({ ok: true, value: { caseNo, revision: 1, document: 'sheet', operator: '王经办' } });
    store.cases.save({ caseNo, ...computedCase({ members: [{ name: '张三' }, { name: '李四' }] }) });
    clock.advance();
    expect(store.prints.record({ caseNo, document: 'card', operator: '赵主任' }).ok).toBe(true);
    expect(store.prints.record({ caseNo, revision: 1, document: 'pdf' }).ok).toBe(true);
    expect(store.prints.record({ caseNo, document: '通知书' })).toMatchObject({ ok: false, errors: [{ path: 'document' }] });
    expect(store.prints.record({ caseNo, revision: 9, document: 'pdf' })).toMatchObject({ ok: false, errors: [{ path: 'revision' }] });
    expect(store.prints.record({ caseNo: '2026-000404', document: 'pdf' })).toMatchObject({ ok: false, errors: [{ path: 'caseNo' }] });
    const listed = store.prints.list({ caseNo });
    expect(listed.ok && listed.value.map((print) => [print.revision, print.document, print.operator])).toEqual([
      [1, 'sheet', '王经办'],
      [2, 'card', '赵主任'],
      [1, 'pdf', '王经办'],
    ]);
    expect(listed.ok && listed.value[0]?.printedAt).toMatch(/^2026-03-05T09:00:01\.000[+-]\d\d:\d\d$/);
    store.close();
    const db = new Database(join(dir, 'huimin.sqlite3'));
    expect(() => db.prepare('DELETE FROM print_log').run()).toThrow(/只能追加/);
    expect(() => db.prepare("UPDATE print_log SET document = 'pdf'").run()).toThrow(/只能追加/);
    db.close();
  });
});
