import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultBackupFolder, listBackupsIn, openStore, restoreDataFolder, type Store } from '../../../electron/services/store/index';
import { withoutManifest } from '../../support/backupFiles';
import { integrityOf, openTestStore, removeTempDirs, tempDataDir, TestClock } from './fixtures/storeTestKit';
import { householdFactory } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function saveMany(store: Store, count: number, seed = 1): string[] {
  const factory = householdFactory(seed, 8);
  const caseNos: string[] = [];
  for (let i = 0; i < count; i++) {
    const saved = store.cases.save(factory.next());
    if (!saved.ok) throw new Error(saved.errors[0]?.message);
    caseNos.push(saved.value.caseNo);
  }
  return caseNos;
}

function caseCount(store: Store): number {
  const page = store.search.search({ voided: 'include' });
  if (!page.ok) throw new Error(page.errors[0]?.message);
  return page.value.total;
}

describe('backups', () => {
  it('makes today’s automatic backup once, keeps N days of them, and leaves manual ones', async () => {
    const dir = tempDataDir();
    const clock = new TestClock(new Date(2026, 2, 1, 8, 0, 0).getTime());
    const store = openTestStore(dir, { now: clock.now });
    store.settings.set({ key: 'backupRetentionDays', value: 3 });
    saveMany(store, 5);
    const manual = await store.backups.backupNow();
    expect(manual.ok && manual.value.kind).toBe('manual');
    for (let day = 0; day < 6; day++) {
      const made = await store.backups.ensureDailyBackup();
      expect(made.ok && made.value?.day).toBe(`2026-03-0${day + 1}`);
      expect(await store.backups.ensureDailyBackup()).toEqual({ ok: true, value: null }); // already there
      clock.advance(24 * 3600 * 1000);
    }
    const listed = store.backups.list();
    expect(listed.ok && listed.value.map((backup) => `${backup.kind} ${backup.day}`).sort()).toEqual([
      'auto 2026-03-04',
      'auto 2026-03-05',
      'auto 2026-03-06',
      'manual 2026-03-01',
    ]);
    expect(store.backups.folder()).toBe(join(dir, 'backups'));
    expect(readdirSync(join(dir, 'backups')).filter((name) => !name.endsWith('.sqlite3'))).toEqual([]); // no .partial, no -wal
    store.settings.set({ key: 'autoBackup', value: false });
    expect(await store.backups.ensureDailyBackup()).toEqual({ ok: true, value: null });
    store.close();
  });

  it('reports progress, writes to the configured folder, and a finished backup is a standalone database', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { backupPagesPerStep: 8 });
    saveMany(store, 60);
    const folder = join(dir, 'usb', '惠民备份');
    store.settings.set({ key: 'backupDir', value: folder });
    const seen: number[] = [];
    const running = store.backups.backupNow();
    expect(store.backups.status().state).toBe('running');
    expect(await store.backups.backupNow()).toMatchObject({ ok: false }); // one at a time
    while (store.backups.status().state === 'running') {
      seen.push(store.backups.status().pagesDone);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const made = await running;
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const status = store.backups.status();
    expect(status).toMatchObject({ state: 'done', kind: 'manual', file: made.value.path, progress: 1, last: made.value });
    expect(status.pagesDone).toBe(status.pagesTotal);
    expect(status.bytesTotal).toBeGreaterThan(0);
    expect(new Set(seen).size).toBeGreaterThan(2); // it moved in steps
    expect(made.value.path.startsWith(folder)).toBe(true);
    expect(integrityOf(made.value.path)).toBe('ok');
    const copy = new Database(made.value.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(folder).filter((name) => /-(wal|shm)$/.test(name))).toEqual([]);
    store.close();
  });

  it('answers an unusable backup folder in Chinese', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir);
    saveMany(store, 2);
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    store.settings.set({ key: 'backupDir', value: join(dir, 'not-a-folder', 'backups') });
    const made = await store.backups.backupNow();
    expect(made.ok).toBe(false);
    expect(!made.ok && made.errors[0]?.message).toContain('备份文件夹');
    expect(store.backups.status()).toMatchObject({ state: 'failed' });
    expect(store.settings.set({ key: 'backupDir', value: 'relative/path' })).toMatchObject({ ok: false });
    store.close();
  });

  it('takes a consistent backup while cases are being saved, and restores it', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { backupPagesPerStep: 4 });
    const before = saveMany(store, 150, 1);
    const factory = householdFactory(2, 8);
    const during: string[] = [];
    const backup = store.backups.backupNow();
    // the desk keeps saving while the backup copies pages
    while (store.backups.status().state === 'running') {
      const saved = store.cases.save(factory.next());
      if (saved.ok) during.push(saved.value.caseNo);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const made = await backup;
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(during.length).toBeGreaterThan(5);
    const after = saveMany(store, 5, 3);
    expect(integrityOf(made.value.path)).toBe('ok');

    expect(await store.backups.restore({ fileName: '../huimin.sqlite3' })).toMatchObject({ ok: false, errors: [{ path: 'fileName' }] });
    const restored = await store.backups.restore({ fileName: made.value.fileName });
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(existsSync(restored.value.keptAside as string)).toBe(true);
    expect(integrityOf(restored.value.keptAside as string)).toBe('ok');
    // everything committed before the backup started is there, and the store works on the restored file
    for (const caseNo of before) expect(store.cases.get({ caseNo }).ok, caseNo).toBe(true);
    // saves on the same connection during the backup are carried into it
    for (const caseNo of during) expect(store.cases.get({ caseNo }).ok, caseNo).toBe(true);
    // cases saved after the backup are not in it, but in the file kept aside: the restore merged them back
    for (const caseNo of after) expect(store.cases.get({ caseNo }).ok, caseNo).toBe(true);
    expect(restored.value.merge).toMatchObject({ mergedCount: 5, unmergedCount: 0 });
    expect(restored.value.merge?.merged.map((revision) => revision.caseNo)).toEqual(after);
    const search = store.search.search({ voided: 'include' });
    expect(search.ok && search.value.total).toBe(before.length + during.length + after.length);
    // numbering goes on above every number issued
    const next = store.cases.save(factory.next());
    expect(next.ok && next.value.caseNo).toBe(`${new Date().getFullYear()}-${String(before.length + during.length + after.length + 1).padStart(6, '0')}`);
    store.close();
    expect(integrityOf(join(dir, 'huimin.sqlite3'))).toBe('ok');
  });

  it('refuses a corrupt, truncated, foreign or newer file and changes nothing', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir);
    saveMany(store, 40);
    const good = await store.backups.backupNow();
    if (!good.ok) throw new Error(good.errors[0]?.message);
    saveMany(store, 3, 9);
    let count = caseCount(store);
    const bad = join(dir, 'bad');
    mkdirSync(bad);

    const random = join(bad, 'random.sqlite3');
    writeFileSync(random, randomBytes(64 * 1024));
    const truncated = join(bad, 'truncated.sqlite3');
    writeFileSync(truncated, readFileSync(good.value.path).subarray(0, Math.floor(readFileSync(good.value.path).length / 2)));
    const corruptPages = join(bad, 'corrupt-pages.sqlite3');
    const bytes = Buffer.from(readFileSync(good.value.path));
    randomBytes(8192).copy(bytes, 4096 * 3); // damage pages inside a valid-looking file
    writeFileSync(corruptPages, bytes);
    const foreign = join(bad, 'foreign.sqlite3');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    const newer = join(bad, 'newer.sqlite3');
    copyFileSync(good.value.path, newer);
    withoutManifest(newer); // a newer version's backup as this version would see one without a manifest it knows
    const bump = new Database(newer);
    bump.pragma('user_version = 999');
    bump.close();
    const text = join(bad, 'notes.txt');
    writeFileSync(text, '这不是数据库');

    for (const file of [random, truncated, corruptPages, foreign, newer, text, join(bad, 'missing.sqlite3')]) {
      const hashBefore = existsSync(file) ? sha(file) : null;
      const result = await store.backups.restore({ file });
      expect(result.ok, file).toBe(false);
      if (result.ok) continue;
      expect(result.errors[0]?.message, file).toMatch(/[\u4e00-\u9fff]/);
      expect(result.errors[0]?.path).toBe('file');
      if (hashBefore) expect(sha(file), file).toBe(hashBefore); // the chosen file is only read
      expect(caseCount(store), file).toBe(count); // the live database is the same and still works
      expect(store.cases.save(householdFactory(5, 4).next()).ok).toBe(true);
      count += 1;
      expect(caseCount(store)).toBe(count);
    }
    expect(readdirSync(dir).filter((name) => /replaced|restoring/.test(name))).toEqual([]);
    const restoreNewer = await store.backups.restore({ file: newer });
    expect(!restoreNewer.ok && restoreNewer.errors[0]?.message).toContain('更新版本');
    expect(await store.backups.restore({ file: join(dir, 'huimin.sqlite3') })).toMatchObject({ ok: false, errors: [{ path: 'file' }] });
    store.close();
    expect(integrityOf(join(dir, 'huimin.sqlite3'))).toBe('ok');
  });

  it('brings back a folder whose database file is damaged, before any store can open', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir);
    const saved = saveMany(store, 20);
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    store.close();
    const live = join(dir, 'huimin.sqlite3');
    const bytes = readFileSync(live);
    bytes.fill(0x5a, 0, 100); // the header is gone
    writeFileSync(live, bytes);
    const refused = openStore(dir);
    expect(refused.ok).toBe(false);

    const listed = listBackupsIn(defaultBackupFolder(dir));
    expect(listed.ok && listed.value.map((entry) => entry.path)).toEqual([backup.value.path]);
    const restored = await restoreDataFolder(dir, { file: backup.value.path });
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(readFileSync(restored.value.keptAside as string).subarray(0, 100)).toEqual(Buffer.alloc(100, 0x5a)); // kept aside as it was
    const reopened = openTestStore(dir);
    for (const caseNo of saved) expect(reopened.cases.get({ caseNo }).ok).toBe(true);
    reopened.close();
  });
});
