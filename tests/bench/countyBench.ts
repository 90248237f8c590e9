/**
 * 县级服务器: importing revisions into PostgreSQL (budget: 1,000,000 in < 5 min), county search and
 * totals p95 at that many cases (< 200 ms), and one township's network send of 10,000 revisions
 * (< 30 s). Runs on a private cluster of the test harness. Full scale: `npx tsx tests/bench/countyBench.ts
 * --cases 1000000`; `npm run bench -- --only county --quick` runs 20,000 and says so beside each figure.
 *
 * Households come from the store benchmark's factory (real calculation on templates, realistic names,
 * ID numbers and places), stored as the office stores them — deflate with the pack's dictionary made
 * by the office's own buildDictionary from its first 16 results (revisionCodec.ts), what an office's
 * bundle carries — in bundles of 2,000 signed by 25 offices: what the county receives. A result is
 * the same JSON for every household of one template and assessment date, so its compressed bytes are
 * made once and reused (deflate is deterministic: the same bytes the encoder gives each time).
 *
 * A/B (`--baseline DIR`, or HUIMIN_BENCH_BASELINE): DIR is another checkout (its node_modules may be
 * a link to this one's). The same bundles go into two databases of one cluster, the baseline's county
 * code importing into one and this code into the other, block by block in turn, so both meet the
 * same load; each side's rate is reported with the median and best of its blocks.
 */
import { deflateRawSync } from 'node:zlib';
import { resolve } from 'node:path';
import { CountyService } from '../../county/countyService';
import { migrate } from '../../county/db/migrate';
import { generateSigningKey, type SigningKey } from '../../county/protocol/keys';
import { writeBundle, type BundleRevision } from '../../county/protocol/bundle';
import { startCountyServer } from '../../county/server/app';
import { buildDictionary } from '../../electron/services/store/revisionCodec';
import { householdFactory, type Household } from '../integration/store/fixtures/syntheticCases';
import { startTestCluster } from '../support/pgCluster';
import { closeOffices, openOffice, value } from '../support/apiOffice';
import { percentile, type Figure } from './figures';
import { clusterCpuSeconds, loadAverage, processCpuSeconds } from './processCpu';
import pg from 'pg';

const OFFICES = 25;
const PER_BUNDLE = 2000;
/** bundles per block of the A/B: each side imports one block, then the other side the same block */
const AB_BLOCK = 5;

interface Importer {
  registerOffice(name: string, publicKey: string): Promise<unknown>;
  receiveBundle(bytes: Buffer, via: 'network' | 'file'): Promise<{ ok: boolean; errors?: unknown }>;
}

/** The bundles 25 offices send: made before timing (offices make them, not the county). */
export function makeBundles(cases: number, keys: readonly SigningKey[]): Buffer[] {
  // Each office is one township with its 15 villages, as in a county (the factory's places are a whole city's).
  const factory = householdFactory(19);
  const townships = [...new Set(factory.places.map((place) => place.township))].slice(0, OFFICES);
  const villagesOf = (township: string) => factory.places.filter((place) => place.township === township);
  // the office's dictionary: its first 16 results, as revisionCodec.learn() makes it
  const samples = Array.from({ length: 16 }, () => factory.next()).map((h) => ({ signature: String(h.input.household.status), inputJson: JSON.stringify(h.input), resultJson: JSON.stringify(h.result) }));
  const dictionary = buildDictionary(samples);
  const results = new WeakMap<object, Map<string, Buffer>>();
  const resultBytes = (household: Household): Buffer => {
    let byAsOf = results.get(household.result.benefits);
    if (!byAsOf) results.set(household.result.benefits, (byAsOf = new Map()));
    const asOf = String(household.result.policy.asOf);
    let bytes = byAsOf.get(asOf);
    if (!bytes) byAsOf.set(asOf, (bytes = deflateRawSync(JSON.stringify(household.result), { dictionary })));
    return bytes;
  };
  const bundles: Buffer[] = [];
  let made = 0;
  while (made < cases) {
    const office = Math.floor(made / PER_BUNDLE) % OFFICES;
    const revisions: BundleRevision[] = [];
    const villages = villagesOf(townships[office] as string);
    for (let i = 0; i < PER_BUNDLE && made < cases; i++, made++) {
      const drawn = factory.next();
      const place = villages[made % villages.length] as (typeof villages)[number];
      const household = { ...drawn, input: { ...drawn.input, household: { ...(drawn.input.household as object), township: place.township, village: place.village } } };
      revisions.push({
        id: made + 1,
        caseNo: `2026-${String(made + 1).padStart(7, '0')}`,
        revision: 1,
        kind: 'save',
        savedAt: `2026-${String(1 + (made % 12)).padStart(2, '0')}-15T10:00:00.000+08:00`,
        operator: '经办人',
        packId: household.packId,
        packVersion: household.packVersion,
        reason: null,
        codec: 2,
        dictionary: 0,
        input: deflateRawSync(JSON.stringify(household.input), { dictionary }),
        result: resultBytes(household),
      });
    }
    bundles.push(writeBundle(keys[office] as SigningKey, `第${office + 1}乡镇`, '2026-12-01T10:00:00.000+08:00', [dictionary], revisions));
  }
  return bundles;
}

async function registerAll(service: Importer, keys: readonly SigningKey[]): Promise<void> {
  for (let i = 0; i < keys.length; i++) await service.registerOffice(`第${i + 1}乡镇`, (keys[i] as SigningKey).publicKey.toString('base64'));
}

/** Imports bundles with two in flight (two offices sending at once); returns seconds. */
async function importAll(service: Importer, bundles: readonly Buffer[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const receiver = async () => {
    while (next < bundles.length) {
      const received = await service.receiveBundle(bundles[next++] as Buffer, 'file');
      if (!received.ok) throw new Error(JSON.stringify(received.errors));
    }
  };
  await Promise.all([receiver(), receiver()]);
  return (performance.now() - started) / 1000;
}

const rateNote = (rates: number[]) => `块中位 ${Math.round(percentile(rates, 50))} 条/秒，最好 ${Math.round(Math.max(...rates))} 条/秒`;

/**
 * `--first-load`: the whole county's bundles as one first load (firstLoad.ts) into a fresh database,
 * beside (with `--baseline`) the baseline's row-by-row import of the same bundles into another fresh
 * database, whole run against whole run, `rounds` times, who goes first alternating; each run's wall
 * time, CPU per revision of Node (this process) and of PostgreSQL (the whole cluster), and the load.
 * Returns the last first load's database for the pages' measurements (`keep`).
 */
async function firstLoadRuns(
  cluster: Awaited<ReturnType<typeof startTestCluster>>,
  keys: readonly SigningKey[],
  bundles: readonly Buffer[],
  cases: number,
  options: { baseline?: string; rounds: number; deriveWorkers?: number; baselineDeriveWorkers?: number; keep: boolean; baselineFirstLoad: boolean; walMinimal: boolean },
): Promise<{ figures: Figure[]; kept: { pool: pg.Pool; service: CountyService; name: string } | null }> {
  const pgdata = `${cluster.cluster.dir}/pgdata`;
  let admin = new pg.Pool({ ...cluster.cluster.connection, database: 'postgres', max: 1 });
  admin.on('error', () => undefined);
  // each side's cluster as its own first-load command would start it: this code at wal_level minimal
  // (privateCluster.ts), the baseline at the default level; restarted before a run when it differs
  let walMinimalNow = false;
  const walLevel = async (minimal: boolean) => {
    if (minimal === walMinimalNow) return;
    await admin.end();
    await cluster.restart({ walMinimal: minimal });
    walMinimalNow = minimal;
    admin = new pg.Pool({ ...cluster.cluster.connection, database: 'postgres', max: 1 });
    admin.on('error', () => undefined);
  };
  const runs: { here: string[]; base: string[] } = { here: [], base: [] };
  const seconds: { here: number[]; base: number[] } = { here: [], base: [] };
  let kept: { pool: pg.Pool; service: CountyService; name: string } | null = null;
  for (let round = 0; round < options.rounds; round++) {
    const sides = options.baseline ? (round % 2 === 0 ? (['base', 'here'] as const) : (['here', 'base'] as const)) : (['here'] as const);
    for (const side of sides) {
      const name = `county_first_${side}_${round}`;
      await walLevel(side === 'here' && options.walMinimal);
      const sidePool = new pg.Pool({ ...(await cluster.database(name)), max: 4 });
      sidePool.on('error', () => undefined);
      let sideService: Importer & { derivePool?: { warm(): Promise<number> }; close?: () => Promise<void> };
      if (side === 'base') {
        const root = resolve(options.baseline as string);
        const base = (await import(`${root}/county/countyService.ts`)) as { CountyService: typeof CountyService };
        await ((await import(`${root}/county/db/migrate.ts`)) as { migrate: typeof migrate }).migrate(sidePool);
        sideService = new base.CountyService(sidePool, generateSigningKey().key, '基准县', undefined, options.baselineDeriveWorkers === undefined ? {} : { deriveWorkers: options.baselineDeriveWorkers });
      } else {
        await migrate(sidePool);
        sideService = new CountyService(sidePool, generateSigningKey().key, '基准县', undefined, options.deriveWorkers === undefined ? {} : { deriveWorkers: options.deriveWorkers });
      }
      await registerAll(sideService, keys);
      await sideService.derivePool?.warm();
      await admin.query('CHECKPOINT');
      const walBefore = (await admin.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]?.lsn;
      const loadBefore = loadAverage();
      const nodeBefore = processCpuSeconds();
      const pgBefore = clusterCpuSeconds(pgdata);
      let note: string;
      let wall: number;
      if (side === 'here' || options.baselineFirstLoad) {
        const loaded = await (sideService as CountyService).firstLoad(bundles.map((bytes, index) => ({ name: `第${index + 1}包`, bytes: () => bytes })));
        if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
        if (loaded.value.added !== cases) throw new Error(`first load added ${loaded.value.added} of ${cases}`);
        wall = loaded.value.seconds;
        const level = (await sidePool.query<{ level: string }>("SELECT current_setting('wal_level') AS level")).rows[0]?.level;
        note = `${side === 'here' ? '' : '基线'}首次导入（wal_level ${level}${loaded.value.walSkipped ? '，不写 WAL' : ''}），其中建索引 ${loaded.value.indexSeconds.toFixed(1)} 秒、提交 ${'commitSeconds' in loaded.value ? (loaded.value.commitSeconds as number).toFixed(1) : '?'} 秒、提交后 VACUUM ${loaded.value.vacuumSeconds?.toFixed(1) ?? '失败'} 秒`;
      } else {
        wall = await importAll(sideService, bundles);
        note = '基线逐包导入';
      }
      const node = ((processCpuSeconds() - nodeBefore) / cases) * 1e6;
      const pgCpu = ((clusterCpuSeconds(pgdata) - pgBefore) / cases) * 1e6;
      // WAL written by the run (the VACUUM after the commit included), per revision
      const walBytes = Number((await admin.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::text AS bytes', [walBefore])).rows[0]?.bytes);
      note += `；WAL 每条 ${Math.round(walBytes / cases).toLocaleString('en-US')} 字节`;
      seconds[side].push(wall);
      runs[side].push(`第${round + 1}轮 ${wall.toFixed(1)} 秒（${Math.round(cases / wall)} 条/秒；${note}；CPU µs/条 Node ${Math.round(node)}，PostgreSQL ${Math.round(pgCpu)}；负载 ${loadBefore}→${loadAverage()}）`);
      process.stderr.write(`${side === 'here' ? '首次导入' : '基线'}：${runs[side][runs[side].length - 1]}\n`);
      if (side === 'here' && round === options.rounds - 1 && options.keep) kept = { pool: sidePool, service: sideService as CountyService, name };
      else {
        await sideService.close?.();
        await sidePool.end();
        await admin.query(`DROP DATABASE ${name}`);
      }
    }
  }
  await admin.end();
  const figures: Figure[] = [];
  const scale = cases === 1_000_000 ? '' : `（缩小规模：${cases.toLocaleString('en-US')} 条，按 100 万条推算）`;
  for (const side of options.baseline ? (['base', 'here'] as const) : (['here'] as const)) {
    const median = percentile(seconds[side], 50);
    figures.push({
      name: side === 'here' ? '县级首次导入 100 万条修订（推算）' : options.baselineFirstLoad ? '县级首次导入 100 万条修订（推算）· 基线首次导入' : '县级导入 100 万条修订（推算）· 基线逐包',
      value: Number(((median * 1_000_000) / cases).toFixed(1)),
      unit: '秒',
      budget: { limit: 300, better: 'lower' },
      note: `${cases.toLocaleString('en-US')} 条，${seconds[side].length} 次中位 ${median.toFixed(1)} 秒、最好 ${Math.min(...seconds[side]).toFixed(1)} 秒：${runs[side].join('；')}${scale}`,
    });
  }
  return { figures, kept };
}

export async function runCountyBench(
  options: { cases?: number; sendRevisions?: number; baseline?: string; importOnly?: boolean; searchBaseline?: string; deriveWorkers?: number; baselineDeriveWorkers?: number; firstLoad?: boolean; rounds?: number; baselineFirstLoad?: boolean; walMinimal?: boolean } = {},
): Promise<Figure[]> {
  const cases = options.cases ?? 1_000_000;
  const sendRevisions = options.sendRevisions ?? 10_000;
  const baseline = options.baseline ?? process.env.HUIMIN_BENCH_BASELINE;
  const scale = cases === 1_000_000 ? '' : `（缩小规模：${cases.toLocaleString('en-US')} 户，预算按 100 万户）`;
  const cluster = await startTestCluster();
  const figures: Figure[] = [];
  try {
    let pool = new pg.Pool({ ...(await cluster.database('county_bench')), max: 4 });
    await migrate(pool);
    let service = new CountyService(pool, generateSigningKey().key, '基准县', undefined, options.deriveWorkers === undefined ? {} : { deriveWorkers: options.deriveWorkers });
    const keys: SigningKey[] = Array.from({ length: OFFICES }, () => generateSigningKey().key);
    await registerAll(service, keys);
    await service.derivePool.warm();
    const madeAt = performance.now();
    const bundles = makeBundles(cases, keys);
    process.stderr.write(`县级基准：${bundles.length} 个上报包已生成（${((performance.now() - madeAt) / 1000).toFixed(0)} 秒，平均 ${Math.round(bundles.reduce((sum, b) => sum + b.length, 0) / bundles.length / 1024)} KB）\n`);

    let importSeconds = 0;
    if (options.firstLoad) {
      await service.close();
      await pool.end();
      const runs = await firstLoadRuns(cluster, keys, bundles, cases, {
        baseline,
        rounds: options.rounds ?? 1,
        deriveWorkers: options.deriveWorkers,
        baselineDeriveWorkers: options.baselineDeriveWorkers,
        keep: !options.importOnly,
        baselineFirstLoad: options.baselineFirstLoad ?? false,
        walMinimal: options.walMinimal ?? true,
      });
      figures.push(...runs.figures);
      if (runs.kept) {
        // the pages and the send below are measured on the last first load's database, with the cluster
        // started again normally (as the county server starts it after a first load: default WAL level)
        await runs.kept.service.close();
        await runs.kept.pool.end();
        await cluster.restart({ walMinimal: false });
        pool = new pg.Pool({ ...(await cluster.database(runs.kept.name)), max: 8 });
        service = new CountyService(pool, runs.kept.service.serverKey, '基准县', undefined, options.deriveWorkers === undefined ? {} : { deriveWorkers: options.deriveWorkers });
      } else pool = new pg.Pool({ ...cluster.cluster.connection, database: 'postgres', max: 1 });
    } else if (baseline) {
      // the baseline checkout's county code on a database of its own, migrated by its own migrations
      const root = resolve(baseline);
      const base = (await import(`${root}/county/countyService.ts`)) as { CountyService: typeof CountyService };
      const baseMigrate = (await import(`${root}/county/db/migrate.ts`)) as { migrate: typeof migrate };
      const basePool = new pg.Pool({ ...(await cluster.database('county_bench_baseline')), max: 4 });
      await baseMigrate.migrate(basePool);
      // (a version with worker threads for reading takes their number as its fifth argument; older ones ignore it)
      const baseService = new base.CountyService(basePool, generateSigningKey().key, '基准县', undefined, options.baselineDeriveWorkers === undefined ? {} : { deriveWorkers: options.baselineDeriveWorkers });
      await registerAll(baseService, keys);
      await (baseService as { derivePool?: { warm(): Promise<number> } }).derivePool?.warm();
      const rates: { base: number[]; here: number[] } = { base: [], here: [] };
      // CPU per revision of each block: this process (both sides' code runs here, one block at a time) and the cluster
      const cpu: { base: { node: number[]; pg: number[] }; here: { node: number[]; pg: number[] } } = { base: { node: [], pg: [] }, here: { node: [], pg: [] } };
      const pgdata = `${cluster.cluster.dir}/pgdata`;
      const loads: string[] = [loadAverage()];
      let baseSeconds = 0;
      for (let at = 0, block = 0; at < bundles.length; at += AB_BLOCK, block++) {
        const part = bundles.slice(at, at + AB_BLOCK);
        const count = Math.min(cases, (at + part.length) * PER_BUNDLE) - at * PER_BUNDLE;
        // alternate who goes first, so neither always meets the other's checkpoint
        for (const side of block % 2 === 0 ? (['base', 'here'] as const) : (['here', 'base'] as const)) {
          const nodeBefore = processCpuSeconds();
          const pgBefore = clusterCpuSeconds(pgdata);
          const seconds = await importAll(side === 'base' ? baseService : service, part);
          cpu[side].node.push(((processCpuSeconds() - nodeBefore) / count) * 1e6);
          cpu[side].pg.push(((clusterCpuSeconds(pgdata) - pgBefore) / count) * 1e6);
          rates[side].push(count / seconds);
          if (side === 'base') baseSeconds += seconds;
          else importSeconds += seconds;
        }
        loads.push(loadAverage());
      }
      await basePool.end();
      const cpuNote = (side: 'base' | 'here') =>
        `CPU µs/条（块中位/最好）：Node ${Math.round(percentile(cpu[side].node, 50))}/${Math.round(Math.min(...cpu[side].node))}，PostgreSQL ${Math.round(percentile(cpu[side].pg, 50))}/${Math.round(Math.min(...cpu[side].pg))}`;
      const loadNote = `1 分钟负载 ${loads[0]}…${loads[loads.length - 1]}（最高 ${Math.max(...loads.map(Number))}）`;
      figures.push({
        name: '县级导入 100 万条修订（推算）· 基线',
        value: Number(((baseSeconds * 1_000_000) / cases).toFixed(1)),
        unit: '秒',
        budget: { limit: 300, better: 'lower' },
        note: `基线 ${root}：实测 ${cases.toLocaleString('en-US')} 条 ${baseSeconds.toFixed(1)} 秒（${Math.round(cases / baseSeconds)} 条/秒；${rateNote(rates.base)}；${cpuNote('base')}；${loadNote}）${scale}`,
      });
      figures.push({
        name: '县级导入 100 万条修订（推算）',
        value: Number(((importSeconds * 1_000_000) / cases).toFixed(1)),
        unit: '秒',
        budget: { limit: 300, better: 'lower' },
        note: `与基线同轮交替（每块 ${AB_BLOCK} 包）：实测 ${cases.toLocaleString('en-US')} 条 ${importSeconds.toFixed(1)} 秒（${Math.round(cases / importSeconds)} 条/秒；${rateNote(rates.here)}；${cpuNote('here')}；${loadNote}）${scale}`,
      });
    } else {
      importSeconds = await importAll(service, bundles);
      figures.push({
        name: '县级导入 100 万条修订（推算）',
        value: Number(((importSeconds * 1_000_000) / cases).toFixed(1)),
        unit: '秒',
        budget: { limit: 300, better: 'lower' },
        note: `实测 ${cases.toLocaleString('en-US')} 条 ${importSeconds.toFixed(1)} 秒（${Math.round(cases / importSeconds)} 条/秒，2 个乡镇同时上报）${scale}`,
      });
    }
    bundles.length = 0;
    if (options.importOnly) {
      await pool.end();
      return figures;
    }
    const factory = householdFactory(23);

    // search and totals: the pages' queries, each repeated — right after the import (statistics as
    // autovacuum has them so far), then after ANALYZE (what autovacuum's own analyze gives shortly after)
    const { searchCases } = await import('../../county/queries/search');
    const { totalsTable } = await import('../../county/queries/totals');
    const baseSearch = options.searchBaseline ? ((await import(`${resolve(options.searchBaseline)}/county/queries/search.ts`)) as { searchCases: typeof searchCases }).searchCases : null;
    const measurePages = async (label: string, stage: string) => {
      const sample = await pool.query<{ head_name: string; member_ids: string[]; township: string; village: string }>('SELECT head_name, member_ids, township, village FROM cases ORDER BY random() LIMIT 40');
      // each query with its kind, so the note says which kind the slow ones are
      type Request = Parameters<typeof searchCases>[1];
      const queries: { kind: string; request: Request }[] = [];
      for (const row of sample.rows) {
        queries.push({ kind: '姓名', request: { text: row.head_name, page: 1, pageSize: 20 } });
        queries.push({ kind: '身份证后6位', request: { text: (row.member_ids[0] ?? '').slice(-6), page: 1, pageSize: 20 } });
        queries.push({ kind: '乡镇+村', request: { township: row.township, village: row.village, page: 1, pageSize: 20 } });
        queries.push({ kind: '姓+乡镇', request: { text: row.head_name.slice(0, 1), township: row.township, page: 1, pageSize: 20 } });
      }
      queries.push({ kind: '全部/待遇', request: { page: 1, pageSize: 20 } }, { kind: '全部/待遇', request: { benefit: 'dibao.allowance', page: 1, pageSize: 20 } });
      // with --search-baseline: the baseline's search code on the same database, each query by both in turn (who goes first alternates)
      const sides = baseSearch ? (['here', 'base'] as const) : (['here'] as const);
      const times = { here: { all: [] as number[], byKind: new Map<string, number[]>() }, base: { all: [] as number[], byKind: new Map<string, number[]>() } };
      for (const [index, query] of queries.entries()) {
        for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
          const t = performance.now();
          const found = await (side === 'here' ? searchCases : (baseSearch as typeof searchCases))(pool, query.request);
          const ms = performance.now() - t;
          if (!found.ok) throw new Error(JSON.stringify(found.errors));
          times[side].all.push(ms);
          times[side].byKind.set(query.kind, [...(times[side].byKind.get(query.kind) ?? []), ms]);
        }
      }
      for (const side of sides) {
        const { all, byKind } = times[side];
        const kinds = [...byKind].map(([kind, list]) => `${kind} ${percentile(list, 50).toFixed(0)}/${percentile(list, 95).toFixed(0)}`).join('，');
        const name = side === 'here' ? `县级查找 p95${label}` : `县级查找 p95${label} · 基线代码（同库逐条交替）`;
        figures.push({ name, value: Number(percentile(all, 95).toFixed(1)), unit: 'ms', ...(label === '' && side === 'here' ? { budget: { limit: 200, better: 'lower' as const } } : {}), note: `${queries.length} 次查询，中位 ${percentile(all, 50).toFixed(1)} ms；各类中位/p95 ms：${kinds}${scale}${stage}；负载 ${loadAverage()}` });
      }
      const totalsTimes: number[] = [];
      for (let round = 0; round < 10; round++) {
        for (const groupBy of ['township', 'village', 'benefit', 'month'] as const) {
          const t = performance.now();
          await totalsTable(pool, { groupBy, fromMonth: '2026-01', toMonth: '2026-12' });
          await totalsTable(pool, { groupBy, township: sample.rows[round]?.township });
          totalsTimes.push((performance.now() - t) / 2);
        }
      }
      figures.push({ name: `县级汇总 p95${label}`, value: Number(percentile(totalsTimes, 95).toFixed(1)), unit: 'ms', ...(label === '' ? { budget: { limit: 200, better: 'lower' as const } } : {}), note: `中位 ${percentile(totalsTimes, 50).toFixed(1)} ms${scale}${stage}` });
    };
    await measurePages('（刚导入）', '；导入刚结束、未 ANALYZE 时');
    await pool.query('ANALYZE');
    await measurePages('', '；ANALYZE 之后');

    // a township's network send: a real office data folder, saved revisions, the real server
    const office = openOffice({ prefix: 'huimin-bench-office-', store: { durability: 'normal' } });
    await value(office.table, 'settings.set', { key: 'operatorName', value: '经办人' });
    const store = office.services.store();
    if (!store.ok) throw new Error('store');
    for (let i = 0; i < sendRevisions; i++) {
      const household = factory.next();
      const saved = store.value.cases.save({ input: household.input, result: household.result, packId: household.packId, packVersion: household.packVersion });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    }
    await service.registerOffice('发送乡镇', office.services.countySync.link.officeKey().publicKey.toString('base64'));
    const server = await startCountyServer({ service, rendererDir: '.', port: 0, token: 'bench' });
    try {
      await value(office.table, 'countySync.connect', { address: server.officeUrl });
      await value(office.table, 'countySync.trust', { fingerprint: service.serverKey.fingerprint });
      const t = performance.now();
      const job = await office.services.countySync.sendAll();
      const seconds = (performance.now() - t) / 1000;
      if (job.acknowledged !== sendRevisions) throw new Error(`sent ${job.acknowledged} of ${sendRevisions}`);
      figures.push({ name: '乡镇联网上报 1 万条修订', value: Number(((seconds * 10_000) / sendRevisions).toFixed(1)), unit: '秒', budget: { limit: 30, better: 'lower' }, note: `实测 ${sendRevisions.toLocaleString('en-US')} 条 ${seconds.toFixed(1)} 秒` });
    } finally {
      await server.close();
      closeOffices();
    }
    await pool.end();
  } finally {
    cluster.stop();
  }
  return figures;
}

if (require.main === module) {
  const argument = (name: string) => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? Number(process.argv[index + 1]) : undefined;
  };
  const baselineAt = process.argv.indexOf('--baseline');
  const searchBaselineAt = process.argv.indexOf('--search-baseline');
  runCountyBench({ cases: argument('--cases'), sendRevisions: argument('--send'), baseline: baselineAt >= 0 ? process.argv[baselineAt + 1] : undefined, importOnly: process.argv.includes('--import-only'),
    // --first-load [--rounds N]: one first load of all the bundles (firstLoad.ts) against the baseline's row-by-row import, whole runs in turn;
    // --baseline-first-load: the baseline's first load instead (first load against first load); this side's cluster
    // runs at wal_level minimal as the first-load command starts it, unless --no-wal-minimal
    firstLoad: process.argv.includes('--first-load'),
    baselineFirstLoad: process.argv.includes('--baseline-first-load'),
    walMinimal: !process.argv.includes('--no-wal-minimal'),
    rounds: argument('--rounds'),
    searchBaseline: searchBaselineAt >= 0 ? process.argv[searchBaselineAt + 1] : undefined,
    // --derive-workers N / --baseline-derive-workers N: worker threads reading bundles on each side (default: cores − 1)
    deriveWorkers: argument('--derive-workers'),
    baselineDeriveWorkers: argument('--baseline-derive-workers'),
  })
    .then((figures) => {
      for (const figure of figures) process.stdout.write(`${figure.name}: ${figure.value} ${figure.unit}（${figure.note ?? ''}）\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
      process.exit(1);
    });
}
