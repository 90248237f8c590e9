/**
 * 首次导入 (county/import/firstLoad.ts): a whole county's bundles into an empty county database in one
 * transaction, the derived tables' secondary indexes dropped for the load and built at its end. It must
 * end in exactly the state the row-by-row import gives for the same bundles (union by revision id,
 * whatever the order or duplicates), with every index back; a load that dies part way leaves nothing
 * of itself (and every index in place); a county already holding data is refused.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle, writeBundle, type Bundle } from '../../county/protocol/bundle';
import { FILLED_TABLES, FIRST_LOAD_TABLES, FirstLoad } from '../../county/import/firstLoad';
import { readRevisions } from '../../county/import/importBundle';
import { searchCases } from '../../county/queries/search';
import { totalsTable } from '../../county/queries/totals';
import { closeOffices, value, type Office } from '../support/apiOffice';
import { startTestCluster, TEST_PG_USER, type TestCluster } from '../support/pgCluster';
import { ClusterRunner, startPrivateCluster } from '../../county/db/privateCluster';
import { openCountyDatabase } from '../../county/database';
import { countyPicture, household, idNumber, openCounty, register, saveCase, totalsFromScratch, township, type County } from './support/countyKit';

const WANG = { name: '王建国', idNumber: idNumber('19650304', 11) };
const CHILD = { name: '王小明', idNumber: idNumber('20100506', 23) };

let cluster: TestCluster;
let chengguan: Office;
let angao: Office;
/** each office's whole history as one bundle, and each revision alone in a bundle of its own */
const whole: Buffer[] = [];
const single: Buffer[] = [];

function parsed(office: Office, bytes: Buffer): Bundle {
  const key = office.services.countySync.link.officeKey();
  const read = readBundle(bytes, () => key.publicKey);
  if (!read.ok) throw new Error('bundle unreadable');
  return read.value;
}

beforeAll(async () => {
  cluster = await startTestCluster();
  chengguan = await township('城关镇便民服务中心');
  // 王建国: saved, then saved again with a third member (the case is replaced by a later revision)
  const wang = await saveCase(chengguan, household(WANG, { township: '城关镇', village: '东关村' }, [CHILD]));
  await saveCase(chengguan, household(WANG, { township: '城关镇', village: '东关村' }, [CHILD, { name: '王小红', idNumber: idNumber('20120807', 44) }]), wang.caseNo);
  // 李桂兰: saved, then 作废 (her people leave the people index, her totals go)
  const li = await saveCase(chengguan, household({ name: '李桂兰', idNumber: idNumber('19580912', 62) }, { township: '城关镇', village: '西关村' }));
  await value(chengguan.table, 'cases.void', { caseNo: li.caseNo, reason: '重复录入' });
  // 赵德福: one save, renamed in a second (other words in the search index)
  const zhao = await saveCase(chengguan, household({ name: '赵德福', idNumber: idNumber('19700101', 35) }, { township: '城关镇', village: '东关村' }));
  await saveCase(chengguan, household({ name: '赵德富', idNumber: idNumber('19700101', 35) }, { township: '城关镇', village: '东关村' }), zhao.caseNo);

  angao = await township('安皋镇便民服务中心');
  // the same family at the other window, and 王小明 in another household: both flagged
  await saveCase(angao, household(WANG, { township: '安皋镇', village: '前营村' }));
  await saveCase(angao, household({ name: '刘桂英', idNumber: idNumber('19720315', 58) }, { township: '安皋镇', village: '前营村' }, [CHILD]));

  for (const [office, name] of [
    [chengguan, '城关镇'],
    [angao, '安皋镇'],
  ] as const) {
    const exported = await value<{ base64: string }>(office.table, 'countySync.exportBundle', undefined);
    const bytes = Buffer.from(exported.base64, 'base64');
    whole.push(bytes);
    const bundle = parsed(office, bytes);
    const key = office.services.countySync.link.officeKey();
    for (const revision of bundle.revisions) single.push(writeBundle(key, name, bundle.header.createdAt, bundle.dictionaries, [revision]));
  }
  expect(single.length).toBe(8);
}, 180_000);

afterAll(() => {
  closeOffices();
  cluster?.stop();
});

async function county(on: TestCluster = cluster): Promise<County> {
  const c = await openCounty(on);
  await register(c, chengguan, '城关镇');
  await register(c, angao, '安皋镇');
  return c;
}

const files = (list: readonly Buffer[]) => list.map((bytes, index) => ({ name: `第${index + 1}包.hmbundle`, bytes: () => bytes }));

/** countyPicture, and each search word and person with the case (office, number) and date it belongs to. */
async function exactPicture(pool: pg.Pool): Promise<Record<string, unknown>> {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  return {
    ...(await countyPicture(pool)),
    terms: await q('SELECT o.fingerprint, c.case_no, t.term, t.updated_at FROM case_terms t JOIN cases c ON c.id = t.case_id JOIN offices o ON o.id = c.office_id ORDER BY 1, 2, 3, 4'),
    strayTerms: await q('SELECT count(*)::int AS n FROM case_terms t WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.case_id AND c.updated_at = t.updated_at)'),
    people: await q('SELECT o.fingerprint, c.case_no, p.id_number, p.household_key, p.office_id = c.office_id AS same_office FROM case_people p JOIN cases c ON c.id = p.case_id JOIN offices o ON o.id = c.office_id ORDER BY 1, 2, 3'),
    totalsFromScratch: await totalsFromScratch(pool),
  };
}

/** Every index and constraint of the derived tables, by name and definition. */
async function indexes(pool: pg.Pool): Promise<unknown[]> {
  return (
    await pool.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1::text[])
       UNION ALL SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ANY($1::regclass[])
       ORDER BY 1, 2, 3`,
      [[...FIRST_LOAD_TABLES]],
    )
  ).rows;
}

/** What the pages show for a few searches and totals tables (ids of rows left out: they depend on arrival order). */
async function pages(pool: pg.Pool): Promise<unknown[]> {
  const shown: unknown[] = [];
  for (const request of [{ text: '王建国' }, { text: 'wjg' }, { text: '王' }, { text: '赵德富' }, { text: '赵德福' }, { text: CHILD.idNumber.slice(-6) }, { township: '城关镇' }, { includeVoided: true }]) {
    const found = await searchCases(pool, { ...request, page: 1, pageSize: 20 });
    if (!found.ok) throw new Error(JSON.stringify(found.errors));
    shown.push({ request, total: found.value.total, rows: found.value.rows.map(({ countyCaseId: _id, officeId: _office, ...row }) => row) });
  }
  for (const groupBy of ['township', 'village', 'benefit', 'month'] as const) {
    const table = await totalsTable(pool, { groupBy });
    if (!table.ok) throw new Error(JSON.stringify(table.errors));
    shown.push(table.value);
  }
  return shown;
}

/** A first load whose backend is terminated after its first bundle: nothing of it stays, every index is back, it runs again. */
/** What importing every bundle row by row gives on a cluster: the reference a first load must equal. */
interface Reference {
  rowByRow: County;
  picture: Record<string, unknown>;
  pages: unknown[];
  indexes: unknown[];
}

async function rowByRowReference(on: TestCluster = cluster): Promise<Reference> {
  const rowByRow = await county(on);
  for (const bytes of whole) expect((await rowByRow.service.importBundleFile(bytes)).ok).toBe(true);
  const reference = { rowByRow, picture: await exactPicture(rowByRow.pool), pages: await pages(rowByRow.pool), indexes: await indexes(rowByRow.pool) };
  // the fixture covers what a load must sort out: a replaced case, a voided one, renamed words, flags
  expect((reference.picture.flagged as unknown[]).length).toBe(2);
  return reference;
}

/**
 * A first-loaded county equals the reference: data, pages' answers, indexes; vacuumed after the commit
 * (every page of the search words all-visible: index-only scans); and the county goes on row by row
 * afterwards — a repeat changes nothing. Closes the county.
 */
async function expectLikeRowByRow(c: County, reference: Reference, label: string): Promise<void> {
  expect(await exactPicture(c.pool), label).toEqual(reference.picture);
  expect(await pages(c.pool), label).toEqual(reference.pages);
  expect(await indexes(c.pool), label).toEqual(reference.indexes);
  const words = await c.pool.query("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'case_terms'");
  expect(words.rows[0].relpages, label).toBeGreaterThan(0);
  expect(words.rows[0].relallvisible, label).toBe(words.rows[0].relpages);
  for (const bytes of whole) expect((await c.service.importBundleFile(bytes)).ok).toBe(true);
  expect(await exactPicture(c.pool), label).toEqual(reference.picture);
  await c.close();
}

async function killedMidLoad(on: TestCluster, walSkipped: boolean): Promise<void> {
  const c = await county(on);
  const indexesBefore = await indexes(c.pool);
  // (the pages wait while a load holds the derived tables: their reports are read before it starts)
  const offices = await c.service.offices();
  const begun = await FirstLoad.begin(c.pool);
  if (!begun.ok) throw new Error('not begun');
  const load = begun.value;
  // under wal_level minimal the tables it fills were truncated in its transaction (verified empty), never offices
  expect(load.walSkipped).toBe(walSkipped);
  if (walSkipped) expect([...load.truncated].sort()).toEqual([...FILLED_TABLES].sort());
  expect(load.deferredIndexNames).toEqual(expect.arrayContaining(['case_terms_pkey', 'case_people_pkey', 'case_people_case', 'cases_updated', 'cases_benefits']));
  const first = parsed(chengguan, whole[0] as Buffer);
  const read = await readRevisions(first);
  if (!read.ok) throw new Error('unreadable');
  const chengguanId = offices.find((office) => office.name === '城关镇')?.id as number;
  await load.add(chengguanId, first, 'file', read.value);
  // the server dies mid-load: PostgreSQL loses the connection (as when the process is killed)
  const killed = await c.pool.query('SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL');
  expect(killed.rows).toEqual([{ done: true }]);
  await expect(load.finish()).rejects.toThrow();
  expect((await c.pool.query('SELECT (SELECT count(*) FROM revisions)::int AS r, (SELECT count(*) FROM cases)::int AS c, (SELECT count(*) FROM case_terms)::int AS t, (SELECT count(*) FROM bundles)::int AS b')).rows[0]).toEqual({ r: 0, c: 0, t: 0, b: 0 });
  expect(await indexes(c.pool)).toEqual(indexesBefore);
  expect((await c.service.offices()).map((office) => office.name).sort()).toEqual(offices.map((office) => office.name).sort());
  // … and the load runs again from the start
  const again = await c.service.firstLoad(files(whole));
  expect(again.ok && again.value.added).toBe(8);
  expect(again.ok && again.value.walSkipped).toBe(walSkipped);
  expect(await indexes(c.pool)).toEqual(indexesBefore);
  await c.close();
}

describe('first load', () => {
  it('ends in the same state, pages and indexes as importing the bundles one by one, whatever the order and repeats', async () => {
    const reference = await rowByRowReference();
    expect((reference.picture.strayTerms as { n: number }[])[0]?.n).toBe(0);

    const orders: [string, Buffer[]][] = [
      ['whole bundles', whole],
      // each revision alone, in order: later revisions replace cases written earlier in the same load
      ['one revision a bundle, in order, then some again', [...single, ...single.slice(0, 4), (whole[0] as Buffer)]],
      ['one revision a bundle, in reverse', [...single].reverse()],
      ['the whole again after its parts, the parts interleaved', [single[1], single[0], single[4], whole[0], single[3], single[2], whole[1], single[6]] as Buffer[]],
    ];
    for (const [label, list] of orders) {
      const c = await county();
      const loaded = await c.service.firstLoad(files(list));
      expect(loaded.ok, label).toBe(true);
      if (!loaded.ok) continue;
      expect(loaded.value.added, label).toBe(8);
      // the default WAL level (a server given by --pg, or one already running): the load writes WAL as it always did
      expect(loaded.value.walSkipped, label).toBe(false);
      expect(loaded.value.files.every((file) => file.receipt && !file.refused), label).toBe(true);
      expect(loaded.value.vacuumSeconds, label).not.toBeNull();
      await expectLikeRowByRow(c, reference, label);
    }
    await reference.rowByRow.close();
  }, 180_000);

  it('receipts acknowledge what the load holds, and a refused file is listed while the others load', async () => {
    const c = await county();
    const altered = Buffer.from(whole[1] as Buffer);
    altered[altered.length - 10] = (altered[altered.length - 10] as number) ^ 1;
    const loaded = await c.service.firstLoad(files([whole[0] as Buffer, altered]));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const [good, bad] = loaded.value.files;
    expect(bad?.refused).toBeTruthy();
    expect(bad?.receipt).toBeUndefined();
    const held = (await c.pool.query('SELECT local_id FROM revisions ORDER BY local_id')).rows.map((row) => Number(row.local_id));
    expect([...(good?.receipt?.accepted ?? [])].sort((a, b) => a - b)).toEqual(held);
    expect(held.length).toBe(6);
    await c.close();
  }, 60_000);

  it('is refused, with nothing changed, once the county holds revisions', async () => {
    const c = await county();
    await c.service.importBundleFile(whole[0] as Buffer);
    const before = await exactPicture(c.pool);
    const refused = await c.service.firstLoad(files([whole[1] as Buffer]));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]?.message).toContain('不能再做首次导入');
    expect(await exactPicture(c.pool)).toEqual(before);
    await c.close();
  }, 60_000);

  it('a load whose connection dies part way leaves nothing of itself, every index in place, and can be run again', async () => {
    await killedMidLoad(cluster, false);
  }, 60_000);

  it('a load given up (abort) leaves nothing of itself either', async () => {
    const c = await county();
    const indexesBefore = await indexes(c.pool);
    const angaoId = (await c.service.offices()).find((office) => office.name === '安皋镇')?.id as number;
    const begun = await FirstLoad.begin(c.pool);
    if (!begun.ok) throw new Error('not begun');
    const second = parsed(angao, whole[1] as Buffer);
    const read = await readRevisions(second);
    if (!read.ok) throw new Error('unreadable');
    await begun.value.add(angaoId, second, 'file', read.value);
    await begun.value.abort();
    expect((await c.pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(0);
    expect(await indexes(c.pool)).toEqual(indexesBefore);
    await c.close();
  }, 60_000);

  it('npm run county -- first-load: a folder of bundles loaded, receipts written, and an office records its receipt', async () => {
    const c = await county();
    const folder = mkdtempSync(join(tmpdir(), 'huimin-first-load-'));
    try {
      const bundles = join(folder, 'bundles');
      const receipts = join(folder, 'receipts');
      await import('node:fs').then((fs) => fs.mkdirSync(bundles));
      writeFileSync(join(bundles, '01-城关镇.hmbundle'), whole[0] as Buffer);
      writeFileSync(join(bundles, '02-安皋镇.hmbundle'), whole[1] as Buffer);
      writeFileSync(join(bundles, '说明.txt'), '不是上报包');
      const run = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'county/cli.ts', 'first-load', bundles, '--receipts', receipts, '--pg', cluster.url(c.config), '--data-dir', join(folder, 'county'), '--derive-workers', '0'],
        { cwd: join(__dirname, '../..'), encoding: 'utf8' },
      );
      expect(run.stdout).toContain('首次导入完成：2 个上报包、8 条修订，新增 8 条');
      // an external server (--pg) is used as it is: the load wrote WAL as always
      expect(run.stdout).not.toContain('未另写预写日志');
      expect((await c.pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(8);
      const written = readdirSync(receipts).sort();
      expect(written).toHaveLength(2);
      // 城关镇 takes its receipt home: it names the county server and, once confirmed, acknowledges its 6 revisions
      const mine = written.find((name) => name.includes('城关镇')) as string;
      const base64 = readFileSync(join(receipts, mine)).toString('base64');
      const shown = await value<{ server: { fingerprint: string } }>(chengguan.table, 'countySync.importReceipt', { fileName: mine, base64 });
      const recorded = await value<{ recorded: boolean; accepted: number }>(chengguan.table, 'countySync.importReceipt', { fileName: mine, base64, confirmFingerprint: shown.server.fingerprint });
      expect(recorded).toMatchObject({ recorded: true, accepted: 6 });
      // a second first load into the same county is refused with its reason, and nothing changes
      const again = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'county/cli.ts', 'first-load', bundles, '--pg', cluster.url(c.config), '--data-dir', join(folder, 'county')], {
        cwd: join(__dirname, '../..'),
        encoding: 'utf8',
      }).catch((error: { code: number; stderr: string }) => error);
      expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('不能再做首次导入') });
      expect((await c.pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(8);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await c.close();
    }
  }, 120_000);
});

/** the level a database's cluster runs at */
const walLevel = async (pool: pg.Pool): Promise<string> => (await pool.query<{ level: string }>("SELECT current_setting('wal_level') AS level")).rows[0]?.level as string;

/** A built-in database of its own in a fresh folder (as root, run as the test's PostgreSQL user), stopped and removed after `body`. */
async function withOwnCluster(prefix: string, body: (dir: string, runAs: string | undefined) => Promise<void>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(folder, 0o755);
  const runAs = typeof process.getuid === 'function' && process.getuid() === 0 ? TEST_PG_USER : undefined;
  const dir = join(folder, 'pg');
  try {
    await body(dir, runAs);
  } finally {
    new ClusterRunner({ dir, runAs }).run('pg_ctl', ['stop', '-D', join(dir, 'pgdata'), '-m', 'immediate', '-w'], true);
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('first load at wal_level minimal (the built-in database as the first-load command starts it)', () => {
  let minimal: TestCluster;
  beforeAll(async () => {
    minimal = await startTestCluster({ walMinimal: true });
  }, 60_000);
  afterAll(() => minimal?.stop());

  it('truncates only the tables it fills, writes them without WAL, and ends in the same state, pages and indexes as the row-by-row import', async () => {
    const reference = await rowByRowReference(minimal);
    expect(await walLevel(reference.rowByRow.pool)).toBe('minimal');
    for (const [label, list] of [
      ['whole bundles', whole],
      ['one revision a bundle, in order, then some again', [...single, ...single.slice(0, 4), whole[0] as Buffer]],
    ] as [string, Buffer[]][]) {
      const c = await county(minimal);
      const filenodes = "SELECT relname, pg_relation_filenode(oid) AS node FROM pg_class WHERE relname IN ('revisions', 'revision_documents', 'case_terms', 'offices') ORDER BY 1";
      const nodesBefore = new Map((await c.pool.query<{ relname: string; node: string }>(filenodes)).rows.map((row) => [row.relname, row.node]));
      const officesBefore = (await c.pool.query('SELECT * FROM offices ORDER BY id')).rows;
      const loaded = await c.service.firstLoad(files(list));
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
      expect(loaded.value.walSkipped, label).toBe(true);
      expect(loaded.value.added, label).toBe(8);
      // the filled tables got new files in the load's transaction (TRUNCATE: what lets PostgreSQL skip their WAL); offices kept theirs and their rows
      const nodesAfter = new Map((await c.pool.query<{ relname: string; node: string }>(filenodes)).rows.map((row) => [row.relname, row.node]));
      for (const table of ['revisions', 'revision_documents', 'case_terms']) expect(nodesAfter.get(table), `${label}: ${table}`).not.toBe(nodesBefore.get(table));
      expect(nodesAfter.get('offices'), label).toBe(nodesBefore.get('offices'));
      expect((await c.pool.query('SELECT * FROM offices ORDER BY id')).rows, label).toEqual(officesBefore);
      await expectLikeRowByRow(c, reference, label);
    }
    await reference.rowByRow.close();
  }, 180_000);

  it('a load whose backend is terminated part way leaves nothing of itself, every index in place, and can be run again', async () => {
    await killedMidLoad(minimal, true);
  }, 60_000);

  it('a crash right after the COMMIT (immediate stop, then a normal start): the whole load is there', async () => {
    const c = await county(minimal);
    const loaded = await c.service.firstLoad(files(whole));
    expect(loaded.ok && loaded.value.walSkipped).toBe(true);
    const picture = await exactPicture(c.pool);
    const shown = await pages(c.pool);
    const built = await indexes(c.pool);
    await c.close();
    // no shutdown checkpoint: only what was synced at COMMIT survives; the next start is at the default level
    await minimal.restart({ mode: 'immediate' });
    const after = new pg.Pool({ ...c.config, max: 2 });
    try {
      expect(await walLevel(after)).toBe('replica');
      expect(await exactPicture(after)).toEqual(picture);
      expect(await pages(after)).toEqual(shown);
      expect(await indexes(after)).toEqual(built);
      // every index readable after recovery: the same answers with sequential scans only
      await after.query('SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off');
      expect((await after.query('SELECT count(*)::int AS n FROM revision_documents')).rows[0].n).toBe(8);
    } finally {
      await after.end();
      await minimal.restart({ walMinimal: true });
    }
  }, 120_000);

  it('a cluster left at minimal (a first load killed) goes back to the default level at the next start with nobody connected, never under a connection', async () => {
    await withOwnCluster('huimin-minimal-left-', async (dir, runAs) => {
      const left = await startPrivateCluster({ dir, runAs, walMinimal: true });
      const held = new pg.Pool({ ...left.connection, max: 1 });
      expect(await walLevel(held)).toBe('minimal');
      // a connection is open (a load still running): another start leaves the server as it is
      const beside = await startPrivateCluster({ dir, runAs });
      expect(beside.started).toBe(false);
      expect(await walLevel(held)).toBe('minimal');
      await held.end();
      // nobody connected: the next normal start restarts it at the default level
      const next = await startPrivateCluster({ dir, runAs });
      expect(next.started).toBe(true);
      const pool = new pg.Pool({ ...next.connection, max: 1 });
      expect(await walLevel(pool)).toBe('replica');
      await pool.end();
      // and a first load's start does the reverse, again only when nobody is connected
      const again = await startPrivateCluster({ dir, runAs, walMinimal: true });
      expect(again.started).toBe(true);
      const minimalPool = new pg.Pool({ ...again.connection, max: 1 });
      expect(await walLevel(minimalPool)).toBe('minimal');
      await minimalPool.end();
    });
  }, 120_000);

  it('a county server sitting idle on the built-in database is never restarted under it by a first load', async () => {
    await withOwnCluster('huimin-idle-server-', async (dir, runAs) => {
      // opened as `npm run county` opens it (the server stops its cluster on close)
      const server = await openCountyDatabase({ clusterDir: dir, runAs, stopCluster: true });
      try {
        // between requests its pool closes every connection (node-postgres: 10 s idle)
        for (let waited = 0; server.pool.totalCount > 0 && waited < 60_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
        expect(server.pool.totalCount).toBe(0);
        // a first load's start now finds the server's own connection and leaves the cluster running as it is
        const load = await startPrivateCluster({ dir, runAs, walMinimal: true });
        expect(load.started).toBe(false);
        expect(await walLevel(server.pool)).toBe('replica');
      } finally {
        await server.close();
      }
    });
  }, 120_000);

  it('npm run county -- first-load on the built-in database: restarted at wal_level minimal for the load (left running by register-office), stopped after it, the next start at the default level', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'huimin-first-load-pg-'));
    chmodSync(folder, 0o755);
    const dataDir = join(folder, 'county');
    // (as root the cluster runs as another user, who must be able to enter the data folder)
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const runAs = typeof process.getuid === 'function' && process.getuid() === 0 ? TEST_PG_USER : undefined;
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'county/cli.ts', ...args, '--data-dir', dataDir, ...(runAs ? ['--pg-user', runAs] : []), '--derive-workers', '0'], {
        cwd: join(__dirname, '../..'),
        encoding: 'utf8',
      });
    const clusterDir = join(dataDir, 'pg');
    try {
      for (const [office, name] of [
        [chengguan, '城关镇'],
        [angao, '安皋镇'],
      ] as const) {
        await cli(['register-office', '--name', name, '--key', office.services.countySync.link.officeKey().publicKey.toString('base64')]);
      }
      const bundles = join(folder, 'bundles');
      mkdirSync(bundles);
      writeFileSync(join(bundles, '01-城关镇.hmbundle'), whole[0] as Buffer);
      writeFileSync(join(bundles, '02-安皋镇.hmbundle'), whole[1] as Buffer);
      const run = await cli(['first-load', bundles, '--receipts', join(folder, 'receipts')]);
      expect(run.stdout).toContain('新增 8 条');
      expect(run.stdout).toContain('未另写预写日志');
      // the load's cluster was stopped: a normal start starts it, at the default level, with the load there
      const next = await startPrivateCluster({ dir: clusterDir, runAs });
      expect(next.started).toBe(true);
      const pool = new pg.Pool({ ...next.connection, max: 1 });
      try {
        expect(await walLevel(pool)).toBe('replica');
        expect((await pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(8);
      } finally {
        await pool.end();
      }
    } finally {
      new ClusterRunner({ dir: clusterDir, runAs }).run('pg_ctl', ['stop', '-D', join(clusterDir, 'pgdata'), '-m', 'immediate', '-w'], true);
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
