/**
 * 解读上报包的工作线程 (county/import/derivePool.ts): the revisions of a bundle read in worker threads
 * must come back exactly as the main thread reads them (deriveRevision), in bundle order, whichever
 * worker finishes first; a revision a worker cannot read refuses the bundle whole (the first such
 * revision in bundle order is named); a worker that dies mid-bundle loses nothing (its batches are
 * read in the main thread) and is replaced for the next bundle. Through the county service: a bundle
 * read by two workers gives the same county picture as one read in the main thread, and a bundle with
 * one damaged revision in a later batch is refused with nothing written.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveRevision, type DerivedRevision } from '../../county/import/derive';
import { DERIVE_BATCH, DeriveFailure, DerivePool, defaultDeriveWorkers, deriveWorkersSetting } from '../../county/import/derivePool';
import { readBundle, writeBundle, type BundleRevision } from '../../county/protocol/bundle';
import { generateSigningKey } from '../../county/protocol/keys';
import { buildDictionary } from '../../electron/services/store/revisionCodec';
import { householdFactory } from '../integration/store/fixtures/syntheticCases';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { countyPicture, openCounty } from './support/countyKit';

const REVISIONS = 3 * DERIVE_BATCH + 57;

let revisions: BundleRevision[];
let dictionaries: Buffer[];
let expected: DerivedRevision[];
const pools: DerivePool[] = [];

const started = async (size: number): Promise<DerivePool> => {
  const pool = new DerivePool(size);
  pools.push(pool);
  expect(await pool.warm()).toBe(size);
  return pool;
};

/** What a worker returns, without the revision it was given (compared as plain data). */
const plain = (list: readonly DerivedRevision[]) => list.map(({ revision, ...part }) => ({ id: revision.id, ...part }));

beforeAll(() => {
  // varied households of the store bench's factory (real calculations on 24 templates), stored with each
  // codec an office uses: plain JSON, deflate, deflate with the office's dictionary; some results edited
  // as older versions and other offices wrote them
  const factory = householdFactory(41, 24);
  const samples = Array.from({ length: 16 }, () => factory.next()).map((h) => ({ signature: String(h.input.household.status), inputJson: JSON.stringify(h.input), resultJson: JSON.stringify(h.result) }));
  dictionaries = [buildDictionary(samples)];
  revisions = Array.from({ length: REVISIONS }, (_, i) => {
    const household = factory.next();
    const result = JSON.parse(JSON.stringify(household.result)) as Record<string, unknown> & { totals: Record<string, unknown>; policy: Record<string, unknown> };
    if (i % 7 === 3) delete result.totals.cash; // a result from before the split totals
    if (i % 11 === 5) result.policy.asOf = '二〇二六年三月一日'; // a value that is not ASCII: read again as UTF-8
    const inputJson = JSON.stringify(household.input);
    const resultJson = JSON.stringify(result);
    const codec = i % 3;
    const encode = (json: string) => (codec === 0 ? Buffer.from(json, 'utf8') : codec === 1 ? deflateRawSync(json) : deflateRawSync(json, { dictionary: dictionaries[0] }));
    return {
      id: 1 + i,
      caseNo: `2026-${String(i % 400).padStart(5, '0')}`,
      revision: 1 + Math.floor(i / 400),
      kind: 'save',
      savedAt: `2026-0${1 + (i % 9)}-15T10:00:00.000+08:00`,
      operator: '李经办',
      packId: household.packId,
      packVersion: household.packVersion,
      reason: null,
      codec,
      dictionary: codec === 2 ? 0 : null,
      input: encode(inputJson),
      result: encode(resultJson),
    } satisfies BundleRevision;
  });
  expected = revisions.map((revision) => deriveRevision(revision, dictionaries));
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

/** A copy of the revisions with the documents of revision `index` damaged (not a deflate stream any more). */
const damagedAt = (index: number): BundleRevision[] =>
  revisions.map((revision, i) => (i === index ? { ...revision, codec: 1, dictionary: null, input: Buffer.from('这不是压缩数据，也不是 JSON') } : revision));

describe('the setting', () => {
  it('defaults to one fewer than the cores, at least one; 0 means the main thread; anything else is refused in Chinese', () => {
    expect(defaultDeriveWorkers()).toBeGreaterThanOrEqual(1);
    expect(deriveWorkersSetting(undefined)).toBe(defaultDeriveWorkers());
    expect(deriveWorkersSetting('')).toBe(defaultDeriveWorkers());
    expect(deriveWorkersSetting('0')).toBe(0);
    expect(deriveWorkersSetting('3')).toBe(3);
    for (const bad of ['-1', '1.5', '两个', '1000']) expect(() => deriveWorkersSetting(bad)).toThrow(/解读线程数不正确/);
  });
});

describe('reading in worker threads', () => {
  it('gives exactly what the main thread reads, in bundle order, with batches spread over the workers', async () => {
    const pool = await started(3);
    const derived = await pool.derive(revisions, dictionaries);
    expect(derived.map((item) => item.revision)).toEqual(revisions);
    expect(plain(derived)).toEqual(plain(expected));
    // every batch read in a worker (none in the main thread), and results kept in order although three workers answered
    expect(pool.stats).toMatchObject({ inWorkers: Math.ceil(REVISIONS / DERIVE_BATCH), inMainThread: 0, recovered: 0 });
    // the results that were not ASCII were read again as UTF-8, the old results have no split
    expect(derived[5]?.fields.asOf).toBe('二〇二六年三月一日');
    expect(derived[3]?.split).toBeNull();
    expect(derived[4]?.split).not.toBeNull();
  }, 60_000);

  it('a revision that cannot be read, in a later batch, refuses the bundle: the first such revision in bundle order is named', async () => {
    const pool = await started(2);
    const late = DERIVE_BATCH * 2 + 17;
    await expect(pool.derive(damagedAt(late), dictionaries)).rejects.toEqual(new DeriveFailure(late));
    const twice = damagedAt(late).map((revision, i) => (i === DERIVE_BATCH + 3 ? { ...revision, result: Buffer.from([0xff, 0x00, 0x13]), codec: 2, dictionary: 0 } : revision));
    const failure = await pool.derive(twice, dictionaries).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeriveFailure);
    expect((failure as DeriveFailure).index).toBe(DERIVE_BATCH + 3);
    expect(pool.stats.inMainThread).toBe(0);
    // the workers are still there for the next bundle
    expect(plain(await pool.derive(revisions, dictionaries))).toEqual(plain(expected));
    expect(pool.stats.recovered).toBe(0);
  }, 60_000);

  it('a worker that dies mid-bundle: its batches are read in the main thread, nothing lost or repeated; a new worker takes the next bundle', async () => {
    const pool = await started(1);
    const [worker] = pool.workers;
    const reading = pool.derive(revisions, dictionaries);
    await worker?.terminate();
    const derived = await reading;
    expect(plain(derived)).toEqual(plain(expected));
    expect(pool.stats.recovered).toBeGreaterThan(0);
    expect(pool.stats.recovered + pool.stats.inWorkers).toBe(Math.ceil(REVISIONS / DERIVE_BATCH));
    // the next bundle starts a replacement, read in the main thread until it is loaded, then in it
    expect(plain(await pool.derive(revisions, dictionaries))).toEqual(plain(expected));
    expect(pool.stats.started).toBe(2);
    expect(await pool.warm()).toBe(1);
    const before = pool.stats.inWorkers;
    expect(plain(await pool.derive(revisions, dictionaries))).toEqual(plain(expected));
    expect(pool.stats.inWorkers - before).toBe(Math.ceil(REVISIONS / DERIVE_BATCH));
  }, 60_000);

  it('a worker that dies while a damaged bundle is read still refuses it whole', async () => {
    const pool = await started(1);
    const [worker] = pool.workers;
    const reading = pool.derive(damagedAt(REVISIONS - 1), dictionaries).catch((error: unknown) => error);
    await worker?.terminate();
    expect(await reading).toEqual(new DeriveFailure(REVISIONS - 1));
  }, 60_000);

  it('a process with only a pool reading a bundle gets every reply, then ends: idle workers never keep it alive (npm run county -- import)', () => {
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'support/deriveAlone.ts')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('read 450 in workers 3\n');
    expect(run.status).toBe(0);
  }, 60_000);

  it('a worker whose code cannot load: the bundle is read in the main thread, and no worker is started again for every bundle', async () => {
    const pool = new DerivePool(1, { file: join(__dirname, 'support/brokenDeriveWorker.cjs') });
    pools.push(pool);
    expect(plain(await pool.derive(revisions, dictionaries))).toEqual(plain(expected));
    expect(await pool.warm()).toBe(0);
    expect(pool.workers).toHaveLength(0);
    expect(plain(await pool.derive(revisions, dictionaries))).toEqual(plain(expected));
    expect(pool.stats).toMatchObject({ started: 1, inWorkers: 0, inMainThread: 2 * Math.ceil(REVISIONS / DERIVE_BATCH) });
  }, 60_000);

  it('size 0 reads in the main thread and starts no worker', async () => {
    const pool = new DerivePool(0);
    expect(plain(await pool.derive(revisions.slice(0, 50), dictionaries))).toEqual(plain(expected.slice(0, 50)));
    expect(pool.stats.started).toBe(0);
    await expect(pool.derive(damagedAt(7).slice(0, 50), dictionaries)).rejects.toEqual(new DeriveFailure(7));
  });
});

describe('through the county service', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('read by two workers or in the main thread: the same county picture; a damaged revision in a later batch refuses the bundle with nothing written', async () => {
    const key = generateSigningKey().key;
    const bundle = writeBundle(key, '城关镇', '2026-12-01T10:00:00.000+08:00', dictionaries, revisions);
    const parsed = readBundle(bundle, () => key.publicKey);
    expect(parsed.ok).toBe(true);
    const pictures: unknown[] = [];
    for (const deriveWorkers of [2, 0]) {
      const county = await openCounty(cluster);
      const { CountyService } = await import('../../county/countyService');
      const service = new CountyService(county.pool, generateSigningKey().key, '某某县', undefined, { deriveWorkers });
      expect(await service.derivePool.warm()).toBe(deriveWorkers);
      expect((await service.registerOffice('城关镇', key.publicKey.toString('base64'))).ok).toBe(true);

      const damaged = writeBundle(key, '城关镇', '2026-12-01T10:00:00.000+08:00', dictionaries, damagedAt(DERIVE_BATCH + 1));
      const refused = await service.receiveBundle(damaged, 'file');
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.errors[0]?.message).toBe('上报包中有无法解读的修订记录，整包未导入；请在乡镇重新导出或发送');
      const empty = await county.pool.query('SELECT (SELECT count(*) FROM revisions)::int AS revisions, (SELECT count(*) FROM bundles)::int AS bundles, (SELECT count(*) FROM cases)::int AS cases');
      expect(empty.rows[0]).toEqual({ revisions: 0, bundles: 0, cases: 0 });

      const received = await service.receiveBundle(bundle, 'file');
      expect(received.ok && received.value.outcome).toMatchObject({ revisions: REVISIONS, added: REVISIONS, conflicts: [], casesChanged: 400 });
      // with workers: every batch of both bundles read in them (the damaged batch fails there and is not counted)
      expect(service.derivePool.stats.inMainThread).toBe(0);
      expect(service.derivePool.stats.inWorkers).toBe(deriveWorkers === 0 ? 0 : 2 * Math.ceil(REVISIONS / DERIVE_BATCH) - 1);
      // the documents stored byte for byte as sent (COPY binary format), with their codec and dictionary
      const stored = await county.pool.query<{ local_id: string; codec: number; has_dictionary: boolean; input: Buffer; result: Buffer }>(
        'SELECT r.local_id, d.codec, d.dictionary_id IS NOT NULL AS has_dictionary, d.input, d.result FROM revision_documents d JOIN revisions r ON r.id = d.revision_id ORDER BY r.local_id',
      );
      expect(stored.rows.map((row) => [Number(row.local_id), row.codec, row.has_dictionary, row.input.toString('hex'), row.result.toString('hex')])).toEqual(
        revisions.map((revision) => [revision.id, revision.codec, revision.dictionary !== null, revision.input.toString('hex'), revision.result.toString('hex')]),
      );
      pictures.push(await countyPicture(county.pool));
      await service.close();
      await county.close();
    }
    expect(pictures[0]).toEqual(pictures[1]);
  }, 120_000);
});
