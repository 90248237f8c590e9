/**
 * A/B of a PostgreSQL setting of the private cluster: two clusters, one with each value, the same
 * bundles imported into both by the same county code, blocks of 5 bundles taking turns (who goes first
 * alternates); per side the rate, and CPU per revision of this process and of that side's cluster.
 *
 *   npx tsx tests/bench/countyClusterAb.ts --cases 100000 --shared-buffers 256MB,3GB
 */
import { join } from 'node:path';
import pg from 'pg';
import { CountyService } from '../../county/countyService';
import { migrate } from '../../county/db/migrate';
import { generateSigningKey, type SigningKey } from '../../county/protocol/keys';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { makeBundles } from './countyBench';
import { percentile } from './figures';
import { clusterCpuSeconds, loadAverage, processCpuSeconds } from './processCpu';

async function main(): Promise<void> {
  const at = (name: string) => process.argv.indexOf(name);
  const cases = at('--cases') >= 0 ? Number(process.argv[at('--cases') + 1]) : 100_000;
  const values = (at('--shared-buffers') >= 0 ? String(process.argv[at('--shared-buffers') + 1]) : '256MB,3GB').split(',');
  const keys: SigningKey[] = Array.from({ length: 25 }, () => generateSigningKey().key);
  const clusters: TestCluster[] = [];
  try {
    const sides = [];
    for (const sharedBuffers of values) {
      const cluster = await startTestCluster({ sharedBuffers });
      clusters.push(cluster);
      const pool = new pg.Pool({ ...(await cluster.database('county_ab')), max: 4 });
      await migrate(pool);
      const service = new CountyService(pool, generateSigningKey().key, '基准县');
      for (let i = 0; i < keys.length; i++) await service.registerOffice(`第${i + 1}乡镇`, (keys[i] as SigningKey).publicKey.toString('base64'));
      sides.push({ sharedBuffers, pool, service, pgdata: join(cluster.cluster.dir, 'pgdata'), rates: [] as number[], node: [] as number[], pgCpu: [] as number[], seconds: 0 });
    }
    const bundles = makeBundles(cases, keys);
    const loads = [loadAverage()];
    for (let first = 0, block = 0; first < bundles.length; first += 5, block++) {
      const part = bundles.slice(first, first + 5);
      const count = Math.min(cases, (first + part.length) * 2000) - first * 2000;
      for (const side of block % 2 === 0 ? sides : [...sides].reverse()) {
        const nodeBefore = processCpuSeconds();
        const pgBefore = clusterCpuSeconds(side.pgdata);
        const started = performance.now();
        let next = 0;
        const receiver = async () => {
          while (next < part.length) {
            const done = await side.service.receiveBundle(part[next++] as Buffer, 'file');
            if (!done.ok) throw new Error(JSON.stringify(done.errors));
          }
        };
        await Promise.all([receiver(), receiver()]);
        const seconds = (performance.now() - started) / 1000;
        side.seconds += seconds;
        side.rates.push(count / seconds);
        side.node.push(((processCpuSeconds() - nodeBefore) / count) * 1e6);
        side.pgCpu.push(((clusterCpuSeconds(side.pgdata) - pgBefore) / count) * 1e6);
      }
      loads.push(loadAverage());
    }
    const half = (list: number[]) => list.slice(Math.floor(list.length / 2));
    for (const side of sides) {
      process.stdout.write(
        `shared_buffers ${side.sharedBuffers}: ${cases} in ${side.seconds.toFixed(1)} s (${Math.round(cases / side.seconds)} rev/s; blocks median ${Math.round(percentile(side.rates, 50))}, best ${Math.round(Math.max(...side.rates))}); CPU µs/rev median Node ${Math.round(percentile(side.node, 50))}, PostgreSQL ${Math.round(percentile(side.pgCpu, 50))} (second half of the blocks: ${Math.round(percentile(half(side.pgCpu), 50))}); load ${loads[0]}…${loads[loads.length - 1]} (max ${Math.max(...loads.map(Number))})\n`,
      );
    }
    for (const side of sides) await side.pool.end();
  } finally {
    for (const cluster of clusters) cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
