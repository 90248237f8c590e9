/**
 * A backup carries the data folder's packs/ (local policy packs, the pack in force, county public keys,
 * change reports) inside its one file, and 恢复 brings it back with the database, keeping the live
 * folder aside. An older backup without it leaves packs/ alone; a backup whose folder rows point
 * outside the folder is refused and changes nothing; 恢复 waits while a recalculation writes, and the
 * change reports listed afterwards are those of the restored folder.
 * Everything goes through the handler table, as the app calls it.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FOLDER_TABLE } from '../../electron/services/store/backupFolders';
import type { BackupInfo, RestoreReply } from '../../shared/api/contract';
import type { GeneratedKey, PackSummary, RecalcStatus } from '../../shared/api/packApi';
import { call, closeOffices, openOffice, snapshotFolder, value } from '../support/apiOffice';
import { withoutManifest } from '../support/backupFiles';
import { appendManifest } from '../../electron/services/store/backupManifest';
import { BASE, dibaoDraft } from '../support/packDrafts';

afterAll(closeOffices);

const office = () => openOffice({ prefix: 'huimin-backup-packs-', store: { durability: 'normal' } });
const snapshot = snapshotFolder;

const tables = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
};

/** 张三, rural 低保 with no income, one member: the case the recalculation and restore tests save. */
const household = { input: { asOf: '2026-09-01', household: { area: 'rural', status: 'dibao', monthlyIncome: 0 }, members: [{ id: 'm1', name: '张三', idNumber: '411323199305011237' }] } };

/** An office with an operator, a county key, a saved case and the new year's local pack in force. */
async function countyOffice() {
  const county = office();
  await value(county.table, 'settings.set', { key: 'operatorName', value: '李经办' });
  const key = await value<GeneratedKey>(county.table, 'keys.generate', undefined);
  await value(county.table, 'keys.add', { name: '县民政局', publicKey: key.publicKeyPem });
  await value(county.table, 'cases.save', household);
  const pack = await value<PackSummary>(county.table, 'packs.saveLocal', { base: { id: BASE.id, version: BASE.version }, draft: dibaoDraft() });
  await value(county.table, 'packs.activate', { id: pack.id, version: pack.version });
  return { ...county, key, pack };
}

describe('packs/ in backups', () => {
  it('a backup carries packs/, and 恢复 brings it back with the database, keeping the live folder aside', async () => {
    const county = await countyOffice();
    const packsDir = join(county.dir, 'packs');
    const atBackup = snapshot(packsDir);
    expect(Object.keys(atBackup)).toEqual(expect.arrayContaining(['county-keys.json', 'state.json']));
    const backup = await value<BackupInfo>(county.table, 'backup.now', undefined);
    expect(tables(backup.path)).toContain(FOLDER_TABLE);

    // after the backup: the shipped pack is put back in force and the county key removed
    await value(county.table, 'packs.activate', { id: BASE.id, version: BASE.version });
    await value(county.table, 'keys.remove', { fingerprint: county.key.fingerprint });
    expect(county.services.info().pack.version).toBe(BASE.version);
    const afterChanges = snapshot(packsDir);
    expect(afterChanges).not.toEqual(atBackup);

    const restored = await value<RestoreReply>(county.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored.packsRestored).toBe(true);
    expect(restored.warnings).toEqual([]);
    expect(restored.packsKeptAside).toMatch(/packs\.replaced-\d{4}-\d{2}-\d{2}-\d{6}$/);
    // the folder is the backup's, byte for byte; the one it replaced is kept as it was
    expect(snapshot(packsDir)).toEqual(atBackup);
    expect(snapshot(restored.packsKeptAside as string)).toEqual(afterChanges);
    // the app reads the restored folder at once: the local pack is in force again, the key trusted again
    expect(county.services.info().pack).toMatchObject({ version: county.pack.version, source: 'local' });
    const keys = await value<{ fingerprint: string }[]>(county.table, 'keys.list', undefined);
    expect(keys.map((key) => key.fingerprint)).toEqual([county.key.fingerprint]);
    // the live database does not keep the carried files; nothing is left half-unpacked
    expect(tables(join(county.dir, 'huimin.sqlite3'))).not.toContain(FOLDER_TABLE);
    expect(readdirSync(county.dir).filter((name) => name.includes('.restoring-'))).toEqual([]);
    const search = await value<{ total: number }>(county.table, 'cases.search', { text: 'zs' });
    expect(search.total).toBe(1);
  });

  it('a backup from before packs/ was carried restores the database and leaves packs/ as it is', async () => {
    const county = await countyOffice();
    const backup = await value<BackupInfo>(county.table, 'backup.now', undefined);
    // as an older version wrote it: no packs inside, no manifest at the end
    withoutManifest(backup.path);
    const db = new Database(backup.path);
    db.exec(`DROP TABLE ${FOLDER_TABLE}`);
    db.close();
    await value(county.table, 'packs.activate', { id: BASE.id, version: BASE.version });
    const live = snapshot(join(county.dir, 'packs'));

    const restored = await value<RestoreReply>(county.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored).toMatchObject({ packsRestored: false, packsKeptAside: null, warnings: [], verification: 'legacy' });
    expect(snapshot(join(county.dir, 'packs'))).toEqual(live);
    expect(county.services.info().pack.version).toBe(BASE.version);
  });

  it('refuses a backup whose carried files would land outside packs/, and changes nothing', async () => {
    const county = await countyOffice();
    const backup = await value<BackupInfo>(county.table, 'backup.now', undefined);
    // crafted with care: the evil row added and a manifest that matches it, so only the path check can refuse it
    withoutManifest(backup.path);
    const db = new Database(backup.path);
    db.prepare(`INSERT INTO ${FOLDER_TABLE} (folder, path, content) VALUES ('packs', '../../evil.txt', ?)`).run(Buffer.from('x'));
    db.close();
    appendManifest(backup.path, { createdAt: '2026-09-01T09:00:00.000+08:00', schemaVersion: 5, cases: 1, revisions: 1, lastRevisionId: 1, folders: ['packs'] });
    await value(county.table, 'cases.save', { input: { ...household.input, members: [{ id: 'm1', name: '李四', idNumber: '411323197001012012' }] } });
    const live = snapshot(join(county.dir, 'packs'));

    const refused = await call<RestoreReply>(county.table, 'backup.restore', { fileName: backup.fileName });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]).toMatchObject({ path: 'file', message: expect.stringContaining('路径不正确') });
    expect(existsSync(join(dirname(county.dir), 'evil.txt'))).toBe(false);
    expect(readdirSync(county.dir).filter((name) => name.includes('.restoring-') || name.includes('.replaced-'))).toEqual([]);
    expect(snapshot(join(county.dir, 'packs'))).toEqual(live);
    // the case saved after the backup is still there: the live database was not replaced
    const search = await value<{ total: number }>(county.table, 'cases.search', { text: 'ls' });
    expect(search.total).toBe(1);
  });

  it('when packs/ cannot be put in place, the database is still restored and the reply says where the backup\'s copy is', async () => {
    const county = await countyOffice();
    const backup = await value<BackupInfo>(county.table, 'backup.now', undefined);
    // packs/ is taken by a file (a stand-in for a folder Windows will not let go of)
    rmSync(join(county.dir, 'packs'), { recursive: true });
    writeFileSync(join(county.dir, 'packs'), 'not a folder');

    const restored = await value<RestoreReply>(county.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored.packsRestored).toBe(false);
    expect(restored.warnings).toHaveLength(1);
    expect(restored.warnings[0]).toMatch(/「packs」文件夹未能恢复，原文件夹未改动，备份中的内容已放在「.*packs\.restoring-/);
    expect(readFileSync(join(county.dir, 'packs'), 'utf8')).toBe('not a folder');
    const staged = readdirSync(county.dir).find((name) => name.startsWith('packs.restoring-')) as string;
    expect(Object.keys(snapshotFolder(join(county.dir, staged)))).toEqual(expect.arrayContaining(['county-keys.json', 'state.json']));
    const search = await value<{ total: number }>(county.table, 'cases.search', { text: 'zs' });
    expect(search.total).toBe(1);
  });

  it('恢复 waits while a recalculation is writing revisions', async () => {
    const county = await countyOffice();
    const backup = await value<BackupInfo>(county.table, 'backup.now', undefined);
    const started = await value<RecalcStatus>(county.table, 'recalc.start', { id: county.pack.id, version: county.pack.version, asOf: null });
    expect(started.state).toBe('running');
    const refused = await call<RestoreReply>(county.table, 'backup.restore', { fileName: backup.fileName });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toBe('正在重新测算，请等它完成或取消后再恢复');
    let status = started;
    while (status.state === 'running' || status.state === 'cancelling') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await value<RecalcStatus | null>(county.table, 'recalc.status', undefined)) as RecalcStatus;
    }
    expect(status.state).toBe('done');
    const reports = () => value<{ jobId: string }[]>(county.table, 'recalc.reports', undefined);
    while ((await reports()).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await reports()).map((report) => report.jobId)).toEqual([status.jobId]);

    expect((await call<RestoreReply>(county.table, 'backup.restore', { fileName: backup.fileName })).ok).toBe(true);
    // the change report was written after the backup: the restored packs/ has none, and the list says so
    expect(await reports()).toEqual([]);
  });
});
