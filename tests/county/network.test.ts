/**
 * Offices and the county server over the network: the operator confirms the county server's
 * fingerprint, every pending revision goes up in signed bundles and comes back acknowledged; a second
 * send has nothing to send. The server refuses to listen beyond this computer without TLS, serves TLS
 * with a self-signed certificate that the office accepts only because the server's signed greeting
 * names it, and refuses unsigned or unregistered requests. The pack the county publishes reaches the
 * office's usual verify-and-compare import.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListenRefused, startCountyServer, type CountyServer } from '../../county/server/app';
import { closeOffices, value, type Office } from '../support/apiOffice';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { signPack, generateSigningKeyPair } from '../../electron/services/packs/packSigning';
import { SHIPPED_PACKS } from '../../seeds/index';
import { household, idNumber, openCounty, register, saveCase, township, type County } from './support/countyKit';

let cluster: TestCluster;
let county: County;
let office: Office;
const RENDERER = join(__dirname, '../../out/renderer');

beforeAll(async () => {
  cluster = await startTestCluster();
  county = await openCounty(cluster);
  office = await township('安皋镇便民服务中心');
  await register(county, office, '安皋镇');
  for (let i = 0; i < 5; i++) await saveCase(office, household({ name: `刘桂${'英华明伟芳'[i]}`, idNumber: idNumber(`1960010${i + 1}`, 10 + i) }, { township: '安皋镇', village: '前营村' }));
}, 120_000);

afterAll(async () => {
  closeOffices();
  await county?.close();
  cluster?.stop();
});

function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'huimin-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '30', '-subj', '/CN=county'], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

async function sendAll(): Promise<{ state: string; sent: number; acknowledged: number; message: string | null }> {
  return office.services.countySync.sendAll();
}

describe('listening', () => {
  it('refuses to listen beyond this computer without a certificate', async () => {
    await expect(startCountyServer({ service: county.service, rendererDir: RENDERER, host: '0.0.0.0', port: 0, token: 't' })).rejects.toBeInstanceOf(ListenRefused);
  });
});

describe('sending over http on this computer', () => {
  let server: CountyServer;
  beforeAll(async () => {
    server = await startCountyServer({ service: county.service, rendererDir: RENDERER, port: 0, token: 'county-token' });
  });
  afterAll(() => server.close());

  it('sends nothing before the county server fingerprint is confirmed; then everything, once', async () => {
    const offered = await value<{ offered: { fingerprint: string } }>(office.table, 'countySync.connect', { address: server.officeUrl });
    expect(offered.offered.fingerprint).toBe(county.service.serverKey.fingerprint);
    expect((await office.table['countySync.send'](undefined)).ok).toBe(false);
    await value(office.table, 'countySync.trust', { fingerprint: offered.offered.fingerprint });
    const job = await sendAll();
    expect(job).toMatchObject({ state: 'done', sent: 5, acknowledged: 5 });
    expect(await value<{ pending: number }>(office.table, 'countySync.status', undefined)).toMatchObject({ pending: 0, acknowledged: 5 });
    const again = await sendAll();
    expect(again).toMatchObject({ state: 'done', sent: 0 });
    expect((await county.pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(5);
  });

  it('refuses unsigned and badly signed requests', async () => {
    const unsigned = await fetch(`${server.officeUrl}/office/v1/bundles`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('x') });
    expect(unsigned.status).toBe(403);
    const forged = await fetch(`${server.officeUrl}/office/v1/status`, {
      headers: { 'x-huimin-office': office.services.countySync.link.officeKey().fingerprint, 'x-huimin-time': String(Date.now()), 'x-huimin-signature': '0'.repeat(128) },
    });
    expect(forged.status).toBe(403);
    const page = await fetch(`${server.officeUrl}/api/county.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(page.status).toBe(403);
  });

  it('hands the published pack to the office, which verifies it against its county keys before anything is saved', async () => {
    const pair = generateSigningKeyPair();
    const pack = SHIPPED_PACKS[0] as Parameters<typeof signPack>[0];
    const signed = signPack({ ...pack, version: `${pack.version}.9`, title: '县级测试参数包' }, pair.privateKeyPem, '2026-03-01T09:00:00.000+08:00');
    if (!signed.ok) throw new Error('sign failed');
    expect((await county.service.publishPack(Buffer.from(signed.value.text))).ok).toBe(true);
    const fetched = await value<{ base64: string; fileName: string }>(office.table, 'countySync.fetchPack', undefined);
    expect(Buffer.from(fetched.base64, 'base64').toString('utf8')).toBe(signed.value.text);
    // without the county's key in 设置 · 县级公钥 the usual import refuses it
    expect((await office.table['packs.import']({ fileName: fetched.fileName, base64: fetched.base64, dryRun: true })).ok).toBe(false);
    await value(office.table, 'keys.add', { name: '某某县民政局', publicKey: pair.publicKey });
    const preview = await value<{ imported: boolean; diff: unknown }>(office.table, 'packs.import', { fileName: fetched.fileName, base64: fetched.base64, dryRun: true });
    expect(preview.imported).toBe(false);
    const imported = await value<{ imported: boolean }>(office.table, 'packs.import', { fileName: fetched.fileName, base64: fetched.base64 });
    expect(imported.imported).toBe(true);
  });
});

describe('sending over TLS', () => {
  it('accepts the self-signed certificate the server vouches for, and refuses another server with the same address', async () => {
    const tls = selfSignedCertificate();
    const server = await startCountyServer({ service: county.service, rendererDir: RENDERER, port: 0, token: 'county-token', tls });
    try {
      expect(server.officeUrl.startsWith('https://')).toBe(true);
      await value(office.table, 'countySync.connect', { address: server.officeUrl });
      await value(office.table, 'countySync.trust', { fingerprint: county.service.serverKey.fingerprint });
      await saveCase(office, household({ name: '孙玉梅', idNumber: idNumber('19751111', 77) }, { township: '安皋镇', village: '后营村' }));
      expect(await sendAll()).toMatchObject({ state: 'done', sent: 1, acknowledged: 1 });
    } finally {
      await server.close();
    }
    // another county server (another key) at an address the office trusts: refused before anything is sent
    const other = await openCounty(cluster, '别的县');
    const impostor = await startCountyServer({ service: other.service, rendererDir: RENDERER, port: 0, token: 'x', tls: selfSignedCertificate() });
    try {
      office.services.countySync.link.save({ address: impostor.officeUrl });
      await saveCase(office, household({ name: '周长青', idNumber: idNumber('19800202', 18) }, { township: '安皋镇', village: '后营村' }));
      const job = await sendAll();
      expect(job.state).toBe('failed');
      expect(job.message).toContain('公钥指纹');
      expect((await other.pool.query('SELECT count(*)::int AS n FROM bundles')).rows[0].n).toBe(0);
    } finally {
      await impostor.close();
      await other.close();
    }
  });
});
