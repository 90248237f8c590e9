/**
 * Signed distribution through the API, as the two offices use it: the county edits and signs a pack,
 * a township with the county's public key imports it. Unsigned, tampered, untrusted and failed
 * imports are refused with a message and change nothing in the data folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackImportOutcome } from '../../../shared/api/packApi';
import type { Result } from '../../../shared/errors';
import type { CalcResult } from '../../../shared/result/types';
import { signPack } from '../../../electron/services/packs/packSigning';
import { call, closeOffices, openOffice, snapshotFolder, value } from '../../support/apiOffice';
import { BASE, builtPack, dibaoDraft } from '../../support/packDrafts';

afterAll(closeOffices);

const office = () => openOffice({ prefix: 'huimin-packs-' });
const snapshot = (dir: string) => snapshotFolder(join(dir, 'packs'));

const ruralOn = (pack: { parameters: Record<string, { values: { from: string; value: unknown }[] }> }, date: string) =>
  pack.parameters['dibao.standard.rural']!.values.filter((v) => v.from <= date).at(-1)?.value;

describe('county → township', async () => {
  const county = office();
  const township = office();
  const key = await value<{ publicKey: string; publicKeyPem: string; fingerprint: string; privateKeyFile: { base64: string } }>(county.table, 'keys.generate', undefined);
  const privateKeyPem = Buffer.from(key.privateKeyFile.base64, 'base64').toString('utf8');
  const saved = await value<{ id: string; version: string; source: string }>(county.table, 'packs.saveLocal', {
    base: { id: BASE.id, version: BASE.version },
    draft: dibaoDraft(),
  });
  const exported = await value<{ base64: string; fingerprint: string }>(county.table, 'packs.export', { id: saved.id, version: saved.version, privateKeyPem });
  const file = Buffer.from(exported.base64, 'base64');
  const importFile = (bytes: Buffer, dryRun = false) => call<PackImportOutcome>(township.table, 'packs.import', { fileName: 'p.json', base64: bytes.toString('base64'), dryRun });

  it('the county saved a local pack; the shipped pack is untouched; the key file is never stored', async () => {
    expect(saved).toMatchObject({ id: BASE.id, version: '2027.1', source: 'local' });
    expect(exported.fingerprint).toBe(key.fingerprint);
    const files = Object.keys(snapshot(county.dir));
    expect(files.some((name) => name.endsWith('.pem'))).toBe(false);
    for (const name of files) expect(readFileSync(join(county.dir, 'packs', name), 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('without the county key configured, the file is refused and nothing changes', async () => {
    const before = snapshot(township.dir);
    const refused = await importFile(file);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toContain(key.fingerprint);
    expect(snapshot(township.dir)).toEqual(before);
  });

  it('with the key: a dry run shows the change and saves nothing; the import saves; a second import is refused', async () => {
    await value(township.table, 'keys.add', { name: '县民政局', publicKey: key.publicKeyPem });
    const before = snapshot(township.dir);
    const preview = await importFile(file, true);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value.imported).toBe(false);
    expect(preview.value.signedBy).toEqual({ name: '县民政局', fingerprint: key.fingerprint });
    expect(preview.value.diff.parameters.map((p) => p.key)).toEqual(['dibao.standard.rural']);
    expect(snapshot(township.dir)).toEqual(before);

    const imported = await importFile(file);
    expect(imported.ok && imported.value.imported).toBe(true);
    const listing = await value<{ packs: { id: string; version: string; source: string }[] }>(township.table, 'packs.list', undefined);
    expect(listing.packs.map((p) => `${p.id}@${p.version}:${p.source}`)).toEqual([`${BASE.id}@${BASE.version}:shipped`, `${BASE.id}@2027.1:local`]);
    expect((await importFile(file)).ok).toBe(false);
  });

  it('activating the imported pack puts it in force for new calculations, with its dated values', async () => {
    expect(township.services.info().pack.version).toBe(BASE.version);
    await value(township.table, 'packs.activate', { id: BASE.id, version: '2027.1' });
    expect(township.services.info().pack).toMatchObject({ version: '2027.1', source: 'local' });
    const active = await value<typeof BASE>(township.table, 'packs.active', undefined);
    expect(ruralOn(active, '2026-12-31')).toBe(ruralOn(BASE, '2026-12-31'));
    expect(ruralOn(active, '2027-01-01')).toBe('480');
    const computed = await value<CalcResult>(township.table, 'calc.compute', {
      case: { asOf: '2027-01-01', household: { area: 'rural', status: 'dibao', monthlyIncome: 0 }, members: [{ id: 'm1', name: '王大', birthDate: '1960-02-01' }] },
    });
    expect(computed.policy.version).toBe('2027.1');
    expect(JSON.stringify(computed.benefits)).toContain('480');
  });

  it('an unsigned pack and a file with a changed byte are refused and change nothing', async () => {
    const before = snapshot(township.dir);
    const unsigned = await importFile(Buffer.from(JSON.stringify(BASE)));
    expect(unsigned.ok).toBe(false);
    if (!unsigned.ok) expect(unsigned.errors[0]?.message).toContain('未签名');
    for (const position of [10, Math.floor(file.length / 3), Math.floor(file.length / 2), file.length - 20]) {
      const bad = Buffer.from(file);
      bad[position] = (bad[position] as number) ^ 0x04;
      expect((await importFile(bad)).ok).toBe(false);
    }
    expect(snapshot(township.dir)).toEqual(before);
  });

  it('an import that cannot be written is refused with a message and leaves the folder as it was', async () => {
    const other = office();
    await value(other.table, 'keys.add', { name: '县民政局', publicKey: key.publicKey });
    // packs/local is taken by a file: the folder for the pack cannot be made
    writeFileSync(join(other.dir, 'packs', 'local'), 'not a folder');
    const before = snapshot(other.dir);
    const failed = await call(other.table, 'packs.import', { fileName: 'p.json', base64: file.toString('base64') });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.errors[0]?.message).toContain('未能保存');
    expect(snapshot(other.dir)).toEqual(before);
    expect((await value<{ packs: unknown[] }>(other.table, 'packs.list', undefined)).packs).toHaveLength(1);
  });

  it('keys: a private key pasted as a public key is refused; keys can be removed', async () => {
    const refused = await call(township.table, 'keys.add', { name: '误贴', publicKey: privateKeyPem });
    expect(refused.ok).toBe(false);
    const removed = await value<unknown[]>(township.table, 'keys.remove', { fingerprint: key.fingerprint });
    expect(removed).toEqual([]);
  });
});

describe('a signed pack whose version is not a plain file name', async () => {
  // 编制新参数包 only makes versions like 2027.1, but a county may sign a pack written by hand: the
  // format allows any version, and the township must store it like any other (it used to crash here)
  const county = office();
  const key = await value<{ publicKeyPem: string; privateKeyFile: { base64: string } }>(county.table, 'keys.generate', undefined);
  const privateKeyPem = Buffer.from(key.privateKeyFile.base64, 'base64').toString('utf8');
  const signed = (version: string) => {
    const done = signPack({ ...builtPack().raw, version }, privateKeyPem, '2026-12-21T09:00:00.000+08:00');
    if (!done.ok) throw new Error(JSON.stringify(done.errors));
    return Buffer.from(done.value.text, 'utf8').toString('base64');
  };

  it('imports "2027年第1版" and "2027/1 ../修订": listed, in force, still there after a restart, and only once', async () => {
    const township = office();
    await value(township.table, 'keys.add', { name: '县民政局', publicKey: key.publicKeyPem });
    for (const version of ['2027年第1版', '2027/1 ../修订']) {
      const imported = await value<PackImportOutcome>(township.table, 'packs.import', { fileName: 'p.json', base64: signed(version) });
      expect(imported.imported).toBe(true);
      expect(imported.pack).toMatchObject({ id: BASE.id, version, source: 'local' });
    }
    // each file inside packs/local, named so that any file system takes it
    const files = Object.keys(snapshot(township.dir)).filter((name) => name.startsWith('local'));
    expect(files).toHaveLength(2);
    for (const name of files) expect(name).toMatch(/^local[\\/][a-z0-9-]+@~[0-9a-f]{24}\.json$/);
    await value(township.table, 'packs.activate', { id: BASE.id, version: '2027年第1版' });
    expect(township.services.info().pack).toMatchObject({ version: '2027年第1版', source: 'local' });

    township.services.close();
    const reopened = openOffice({ dir: township.dir });
    const listing = await value<{ active: { version: string }; packs: { version: string }[] }>(reopened.table, 'packs.list', undefined);
    expect(listing.packs.map((p) => p.version).sort()).toEqual([BASE.version, '2027/1 ../修订', '2027年第1版']);
    expect(listing.active.version).toBe('2027年第1版');
    const again = await call(reopened.table, 'packs.import', { fileName: 'p.json', base64: signed('2027年第1版') });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors[0]?.message).toContain('已在本机');
  });
});
