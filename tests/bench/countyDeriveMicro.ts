/**
 * Node's share of a county import without PostgreSQL: CPU per revision of each step of reading a
 * bundle (signature check, decoding, deriving) on the bench's bundles.
 *
 *   npx tsx tests/bench/countyDeriveMicro.ts [--cases 10000]
 */
import { inflateRawSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readBundle, type BundleRevision } from '../../county/protocol/bundle';
import { generateSigningKey } from '../../county/protocol/keys';
import { deriveRevision } from '../../county/import/derive';
import { caseTerms } from '../../county/import/terms';
import { makeBundles } from './countyBench';

const index = process.argv.indexOf('--cases');
const cases = index >= 0 ? Number(process.argv[index + 1]) : 10_000;
const keys = Array.from({ length: 25 }, () => generateSigningKey().key);
const bundles = makeBundles(cases, keys);
const mainCpu = () => { const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'); const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10_000; };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system); };
const step = (name: string, run: () => void) => {
  run();
  const before = cpu();
  run();
  process.stdout.write(`${name.padEnd(34)} ${((cpu() - before) / cases).toFixed(1)} µs/rev\n`);
};
const byKey = new Map(keys.map((k) => [k.fingerprint, k.publicKey]));
const read = bundles.map((b) => readBundle(b, (f) => byKey.get(f) ?? null)).map((r) => { if (!r.ok) throw new Error('bad'); return r.value; });
const all: BundleRevision[] = read.flatMap((b) => b.revisions);
const dict = read[0]!.dictionaries[0]!;
step('readBundle (sig, sha256, meta)', () => { for (const b of bundles) readBundle(b, (f) => byKey.get(f) ?? null); });
step('inflate input+result', () => { for (const r of all) { inflateRawSync(r.input, { dictionary: dict }); inflateRawSync(r.result, { dictionary: dict }); } });
const results = all.map((r) => inflateRawSync(r.result, { dictionary: dict }));
const inputs = all.map((r) => inflateRawSync(r.input, { dictionary: dict }));
process.stdout.write(`result bytes ${Math.round(results.reduce((s, b) => s + b.length, 0) / cases)} input bytes ${Math.round(inputs.reduce((s, b) => s + b.length, 0) / cases)}\n`);
step('JSON.parse result latin1', () => { for (const b of results) JSON.parse(b.toString('latin1')); });
step('result toString latin1 only', () => { for (const b of results) b.toString('latin1'); });
step('JSON.parse input utf8', () => { for (const b of inputs) JSON.parse(b.toString('utf8')); });
step('sha256 of documents', () => { for (let i = 0; i < cases; i++) createHash('sha256').update(inputs[i]!).update(results[i]!).digest('hex'); });
step('deriveRevision whole', () => { for (const r of all) deriveRevision(r, read[0]!.dictionaries); });
const derived = all.map((r) => deriveRevision(r, read[0]!.dictionaries));
step('caseTerms', () => { for (const d of derived) caseTerms(d.fields.members.map((m) => m.name), d.fields.members.map((m) => m.idNumber ?? '')); });

// the worker pool: the same results, and its wall time for all bundles (its CPU is in other threads)
void (async () => {
  const { DerivePool } = await import('../../county/import/derivePool');
  const pool = new DerivePool(Number(process.env.WORKERS ?? 1));
  await pool.derive(read[0]!.revisions.slice(0, 10), read[0]!.dictionaries);
  while (pool.ready < pool.size) await new Promise((r) => setTimeout(r, 50));
  let fromPool: Awaited<ReturnType<typeof pool.derive>> = [];
  for (let round = 0; round < 3; round++) {
  const started = performance.now();
  const before = cpu();
  const mainBefore = mainCpu();
  fromPool = [];
  for (const b of read) fromPool.push(...(await pool.derive(b.revisions, b.dictionaries)));
  process.stdout.write(`pool of ${pool.size}: ${((performance.now() - started) * 1000 / cases).toFixed(1)} µs/rev wall, main thread+workers CPU ${((cpu() - before) / cases).toFixed(1)} µs/rev, of which the main thread ${((mainCpu() - mainBefore) / cases).toFixed(1)}\n`);
  }
  const same = JSON.stringify(fromPool.map(({ revision: _r, ...p }) => p)) === JSON.stringify(derived.map(({ revision: _r, ...p }) => p));
  process.stdout.write(`same as the main thread: ${same}\n`);
  await pool.close();
})();
