/**
 * A restored packs/ is verified before it replaces the live one (restoredPacks.ts): the pack a
 * township imported keeps its signed file and must verify against the county keys of the backup —
 * which are only trusted because the backup's manifest verified. A backup crafted with a changed pack
 * (and a manifest recomputed to match) restores the cases but not the packs; a backup made before
 * manifests never brings back packs or keys.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { appendManifest } from '../../../electron/services/store/backupManifest';
import { FOLDER_TABLE } from '../../../electron/services/store/backupFolders';
import type { BackupInfo, RestoreReply } from '../../../shared/api/contract';
import type { GeneratedKey, PackSummary } from '../../../shared/api/packApi';
import { closeOffices, openOffice, snapshotFolder, value } from '../../support/apiOffice';
import { withoutManifest } from '../../support/backupFiles';
import { BASE, dibaoDraft } from '../../support/packDrafts';

afterAll(closeOffices);

const office = () => openOffice({ prefix: 'huimin-restored-packs-', store: { durability: 'normal' } });

/** A township that imported the county's signed pack and put it in force, with one case saved. */
async function township() {
  const county = office();
  const key = await value<GeneratedKey>(county.table, 'keys.generate', undefined);
  const privateKeyPem = Buffer.from(key.privateKeyFile.base64, 'base64').toString('utf8');
  const saved = await value<PackSummary>(county.table, 'packs.saveLocal', { base: { id: BASE.id, version: BASE.version }, draft: dibaoDraft() });
  const exported = await value<{ base64: string }>(county.table, 'packs.export', { id: saved.id, version: saved.version, privateKeyPem });
  const town = office();
  await value(town.table, 'settings.set', { key: 'operatorName', value: '李经办' });
  await value(town.table, 'keys.add', { name: '县民政局', publicKey: key.publicKeyPem });
  await value(town.table, 'packs.import', { fileName: 'p.json', base64: exported.base64 });
  await value(town.table, 'packs.activate', { id: saved.id, version: saved.version });
  await value(town.table, 'cases.save', { input: { household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name: '张三', birthDate: '1970-01-01' }] } });
  return { ...town, pack: saved };
}

/** Rewrites a carried file inside a backup and gives the backup a manifest that matches again. */
function craft(backup: string, path: string, change: (text: string) => string): void {
  withoutManifest(backup);
  const db = new Database(backup);
  const row = db.prepare(`SELECT content FROM ${FOLDER_TABLE} WHERE folder = 'packs' AND path = ?`).get(path) as { content: Buffer };
  db.prepare(`DELETE FROM ${FOLDER_TABLE} WHERE folder = 'packs' AND path = ?`).run(path);
  db.prepare(`INSERT INTO ${FOLDER_TABLE} (folder, path, content) VALUES ('packs', ?, ?)`).run(path, Buffer.from(change(row.content.toString('utf8'))));
  db.close();
  appendManifest(backup, { createdAt: '2026-09-01T09:00:00.000+08:00', schemaVersion: 5, cases: 1, revisions: 1, lastRevisionId: 1, folders: ['packs'] });
}

describe('a restored packs/ is verified first', { timeout: 60_000 }, () => {
  it('brings back the imported pack with its signed file, checked against the backup’s county keys', async () => {
    const town = await township();
    const backup = await value<BackupInfo>(town.table, 'backup.now', undefined);
    const atBackup = snapshotFolder(join(town.dir, 'packs'));
    await value(town.table, 'packs.activate', { id: BASE.id, version: BASE.version });
    const restored = await value<RestoreReply>(town.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored).toMatchObject({ packsRestored: true, warnings: [], verification: 'manifest' });
    expect(snapshotFolder(join(town.dir, 'packs'))).toEqual(atBackup);
    expect(town.services.info().pack).toMatchObject({ version: town.pack.version, source: 'local' });
  });

  it('keeps the live packs when a backup carries an imported pack that differs from its signed file, and restores the cases', async () => {
    const town = await township();
    const backup = await value<BackupInfo>(town.table, 'backup.now', undefined);
    const file = `local/${town.pack.id}@${town.pack.version}.json`;
    // the pack kept beside its signed file is changed: a 低保 standard raised by hand
    craft(backup.path, file, (text) => {
      const stored = JSON.parse(text) as { pack: { parameters: Record<string, { values: { value: unknown }[] }> } };
      const values = stored.pack.parameters['dibao.standard.rural']?.values ?? [];
      (values.at(-1) as { value: unknown }).value = '9999';
      return JSON.stringify(stored);
    });
    await value(town.table, 'packs.activate', { id: BASE.id, version: BASE.version });
    const live = snapshotFolder(join(town.dir, 'packs'));
    const restored = await value<RestoreReply>(town.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored.packsRestored).toBe(false);
    expect(restored.warnings.join('')).toContain('未通过校验，未恢复');
    expect(restored.warnings.join('')).toContain('与其签名文件不一致');
    expect(snapshotFolder(join(town.dir, 'packs'))).toEqual(live);
    expect(town.services.info().pack.version).toBe(BASE.version);
    expect(restored.revisionsChecked).toBe(1);
    expect(await value<{ total: number }>(town.table, 'cases.search', { text: '张三' })).toMatchObject({ total: 1 });
  });

  it('keeps the live packs when the backup’s county key file was altered', async () => {
    const town = await township();
    const backup = await value<BackupInfo>(town.table, 'backup.now', undefined);
    craft(backup.path, 'county-keys.json', (text) => text.replace(/"fingerprint": ?"([0-9a-f])/, (_match, first: string) => `"fingerprint":"${first === 'a' ? 'b' : 'a'}`));
    const restored = await value<RestoreReply>(town.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored.packsRestored).toBe(false);
    expect(restored.warnings.join('')).toContain('县级公钥');
  });

  it('never takes packs or county keys from a backup without a manifest', async () => {
    const town = await township();
    const backup = await value<BackupInfo>(town.table, 'backup.now', undefined);
    withoutManifest(backup.path);
    await value(town.table, 'packs.activate', { id: BASE.id, version: BASE.version });
    const live = snapshotFolder(join(town.dir, 'packs'));
    const restored = await value<RestoreReply>(town.table, 'backup.restore', { fileName: backup.fileName });
    expect(restored).toMatchObject({ packsRestored: false, verification: 'legacy' });
    expect(restored.warnings.join('')).toContain('没有校验清单');
    expect(snapshotFolder(join(town.dir, 'packs'))).toEqual(live);
  });
});
