/**
 * Where a county import's time goes: bundles imported one at a time (no overlap between imports), with
 * each statement's wall time by its first words, and the CPU time of this process and of every process
 * of the PostgreSQL cluster (backends, checkpointer, WAL writer…) read from /proc. Linux only.
 *
 *   npx tsx tests/bench/countyProfile.ts --cases 30000 [--warm 20000] [--cpu-prof out.cpuprofile]
 *
 * `--warm N` imports N revisions first, unmeasured (the tables' size changes the writes' cost).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import pg from 'pg';
import { CountyService } from '../../county/countyService';
import { migrate } from '../../county/db/migrate';
import { generateSigningKey, type SigningKey } from '../../county/protocol/keys';
import { startTestCluster } from '../support/pgCluster';
import { makeBundles } from './countyBench';
import { clusterCpuSeconds, loadAverage as load, processCpuSeconds } from './processCpu';

async function main(): Promise<void> {
  const argument = (name: string, fallback: number) => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? Number(process.argv[index + 1]) : fallback;
  };
  const cases = argument('--cases', 30_000);
  const warm = argument('--warm', 0);
  const cluster = await startTestCluster();
  try {
    const pool = new pg.Pool({ ...(await cluster.database('county_profile')), max: 4 });
    await migrate(pool);
    for (const sql of (process.env.PROFILE_SQL ?? '').split(';').filter((s) => s.trim())) await pool.query(sql);
    const service = new CountyService(pool, generateSigningKey().key, '基准县');
    const keys: SigningKey[] = Array.from({ length: 25 }, () => generateSigningKey().key);
    for (let i = 0; i < keys.length; i++) await service.registerOffice(`第${i + 1}乡镇`, (keys[i] as SigningKey).publicKey.toString('base64'));
    const bundles = makeBundles(warm + cases, keys);
    const warmBundles = Math.ceil(warm / 2000);
    for (const bundle of bundles.slice(0, warmBundles)) {
      const done = await service.receiveBundle(bundle, 'file');
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
    }
    await pool.query('CHECKPOINT');

    // statement times by their first words
    const times = new Map<string, { n: number; ms: number }>();
    const original = pg.Client.prototype.query;
    (pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | undefined)?.text ?? 'copy');
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 60);
      const started = performance.now();
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      const stream = result as { on?: (event: string, listener: () => void) => void; then?: unknown };
      if (stream && typeof stream.then !== 'function' && typeof stream.on === 'function') {
        stream.on('finish', () => {
          const entry = times.get(key) ?? { n: 0, ms: 0 };
          entry.n += 1;
          entry.ms += performance.now() - started;
          times.set(key, entry);
        });
      }
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).then(
          () => {
            const entry = times.get(key) ?? { n: 0, ms: 0 };
            entry.n += 1;
            entry.ms += performance.now() - started;
            times.set(key, entry);
          },
          () => undefined,
        );
      }
      return result;
    };

    const pgdata = join(cluster.cluster.dir, 'pgdata');
    const pgBefore = clusterCpuSeconds(pgdata);
    const nodeBefore = processCpuSeconds();
    const loads = [load()];
    // --cpu-prof FILE: a V8 CPU profile of the timed imports only (not of making the bundles)
    const profileAt = process.argv.indexOf('--cpu-prof');
    const session = profileAt >= 0 ? new Session() : null;
    if (session) {
      session.connect();
      await new Promise<void>((done) => session.post('Profiler.enable', () => session.post('Profiler.start', () => done())));
    }
    const started = performance.now();
    for (const bundle of bundles.slice(warmBundles)) {
      const done = await service.receiveBundle(bundle, 'file');
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
      loads.push(load());
    }
    const wall = (performance.now() - started) / 1000;
    if (session) {
      const profile = await new Promise<unknown>((done) => session.post('Profiler.stop', (_error, result) => done(result.profile)));
      writeFileSync(process.argv[profileAt + 1] as string, JSON.stringify(profile));
    }
    const nodeCpu = processCpuSeconds() - nodeBefore;
    const pgCpu = clusterCpuSeconds(pgdata) - pgBefore;
    process.stdout.write(
      `${cases} revisions after ${warm}: wall ${wall.toFixed(1)} s (${Math.round(cases / wall)} rev/s); CPU Node ${nodeCpu.toFixed(1)} s (${((nodeCpu / cases) * 1e6).toFixed(0)} µs/rev), PostgreSQL ${pgCpu.toFixed(1)} s (${((pgCpu / cases) * 1e6).toFixed(0)} µs/rev); load ${loads[0]}…${loads[loads.length - 1]}\n`,
    );
    for (const [key, entry] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 16)) {
      process.stdout.write(`  ${entry.ms.toFixed(0).padStart(7)} ms ${String(entry.n).padStart(5)}× ${key}\n`);
    }
    const sizes = await pool.query("SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(oid) DESC LIMIT 6");
    process.stdout.write(`  sizes: ${sizes.rows.map((row: { relname: string; size: string }) => `${row.relname} ${row.size}`).join(', ')}\n`);
    await pool.end();
  } finally {
    cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
