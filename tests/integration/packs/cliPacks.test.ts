/**
 * The command line reads the same packs as the app: --data-dir gives the folder's pack in force and
 * its local packs (--params/--as-of show their dated values), --pack picks one by name or a signed file
 * checked against the folder's county keys. Without --data-dir nothing changes (cli.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CountyKeys } from '../../../electron/services/packs/countyKeys';
import { LocalPacks, packsFolder } from '../../../electron/services/packs/localPacks';
import { generateSigningKeyPair, signPack } from '../../../electron/services/packs/packSigning';
import { runCli } from '../../support/cliRun';
import { BASE, builtPack, dibaoDraft } from '../../support/packDrafts';

const { raw } = builtPack(dibaoDraft({ version: '2027.1', rural: '480' }));
const dataDir = mkdtempSync(join(tmpdir(), 'huimin-cli-packs-'));
new LocalPacks(packsFolder(dataDir)).save(raw, { kind: 'edited' });
new LocalPacks(packsFolder(dataDir)).setActive({ id: raw.id, version: raw.version });
const key = generateSigningKeyPair();
new CountyKeys(packsFolder(dataDir)).add('县民政局', key.publicKey);
const signed = signPack(raw, key.privateKeyPem, '2026-12-20T08:00:00.000Z');
if (!signed.ok) throw new Error('sign');
const signedFile = join(dataDir, 'signed.json');
writeFileSync(signedFile, signed.value.text);

const dibaoCase = JSON.stringify({ asOf: '2027-03-01', household: { area: 'rural', status: 'dibao', monthlyIncome: 0 }, members: [{ id: 'm1', name: '王大', birthDate: '1960-02-01' }] });

const run = (argv: string[]) =>
  runCli(argv, {
    files: { 'case.json': dibaoCase },
    io: { readText: async (path) => readFileSync(path, 'utf8'), isFile: (path) => path === 'case.json' || path === signedFile },
  });

const rural = (stdout: string) => (JSON.parse(stdout) as { parameters: { key: string; value: unknown; from: string; source: { doc: string; clause: string } }[] }).parameters.find((p) => p.key === 'dibao.standard.rural')!;

describe('calc --data-dir', () => {
  it('--params --as-of shows the pack in force in the folder, value by date, with its source', async () => {
    const before = await run(['--params', '--as-of', '2026-12-31', '--data-dir', dataDir]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).policy.version).toBe('2027.1');
    expect(rural(before.stdout).value).toBe(BASE.parameters['dibao.standard.rural']!.values.filter((v) => v.from <= '2026-12-31').at(-1)!.value);
    const on = await run(['--params', '--as-of=2027-01-01', `--data-dir=${dataDir}`]);
    expect(rural(on.stdout)).toMatchObject({ value: '480', from: '2027-01-01', source: { clause: '第一条' } });
    expect(rural(on.stdout).source.doc).toContain('宛民〔2026〕99号');
    // without --data-dir: the shipped pack, as before
    expect(JSON.parse((await run(['--params', '--as-of', '2027-01-01'])).stdout).policy.version).toBe(BASE.version);
  });

  it('--pack by name picks another pack of the folder or a shipped one', async () => {
    const local = await run(['case.json', '--data-dir', dataDir, '--pack', `${raw.id}@2027.1`]);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.stdout).policy.version).toBe('2027.1');
    const old = await run(['case.json', '--data-dir', dataDir, '--pack', BASE.version]);
    expect(JSON.parse(old.stdout).policy.version).toBe(BASE.version);
    expect(local.stdout).not.toEqual(old.stdout);
    const missing = await run(['case.json', '--pack', `${raw.id}@2027.1`]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error.message).toContain('--data-dir');
  });

  it('--pack with a signed file verifies it against the folder\'s county keys; a changed byte is refused', async () => {
    const good = await run(['case.json', '--data-dir', dataDir, '--pack', signedFile]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).policy.version).toBe('2027.1');
    expect((await run(['case.json', '--pack', signedFile])).code).toBe(2);
    const text = readFileSync(signedFile, 'utf8');
    const tampered = join(dataDir, 'tampered.json');
    writeFileSync(tampered, text.replace('"480"', '"490"'));
    const refused = await run(['case.json', '--data-dir', dataDir, '--pack', tampered]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr).error.message).toContain('签名');
  });

  it('the real npm script reads the data folder (spawned)', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'calc', '--', '--params', '--as-of', '2027-01-01', '--data-dir', dataDir], { cwd: join(__dirname, '../../..') });
    expect(rural(stdout).value).toBe('480');
  });
});
