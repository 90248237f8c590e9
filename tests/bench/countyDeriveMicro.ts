/**
 * Node's share of a county import without PostgreSQL: CPU per revision of each step of reading the
 * bench's bundles (signature and hash, inflate, JSON, content hash, the whole deriveRevision, search
 * words), then the same bundles through the worker pool (derivePool.ts): its CPU in all (threads
 * included), the main thread's own, and that it gives what the main thread reads. Linux (the main
 * thread's CPU is read from /proc).
 *
 *   WORKERS=1 npx tsx tests/bench/countyDeriveMicro.ts [--cases 10000]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { deriveRevision } from '../../county/import/derive';
import { DerivePool } from '../../county/import/derivePool';
import { caseTerms } from '../../county/import/terms';
import { readBundle, type Bundle } from '../../county/protocol/bundle';
import { generateSigningKey } from '../../county/protocol/keys';
import { makeBundles } from './countyBench';

const at = process.argv.indexOf('--cases');
const cases = at >= 0 ? Number(process.argv[at + 1]) : 10_000;
const workers = Number(process.env.WORKERS ?? 1);

/** µs of CPU of the whole process (every thread) */
const processCpu = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
/** µs of CPU of the main thread alone (utime + stime of its task, in ticks of 10 ms) */
const mainThreadCpu = (): number => {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};
const print = (text: string) => process.stdout.write(`${text}\n`);
/** runs once to warm up, then measures the second run */
const step = (name: string, run: () => void): void => {
  run();
  const before = processCpu();
  run();
  print(`${name.padEnd(36)} ${((processCpu() - before) / cases).toFixed(1)} µs/rev`);
};

async function main(): Promise<void> {
  const keys = Array.from({ length: 25 }, () => generateSigningKey().key);
  const bundles = makeBundles(cases, keys);
  const byFingerprint = new Map(keys.map((key) => [key.fingerprint, key.publicKey]));
  const read: Bundle[] = bundles.map((bytes) => {
    const bundle = readBundle(bytes, (fingerprint) => byFingerprint.get(fingerprint) ?? null);
    if (!bundle.ok) throw new Error(bundle.errors[0]?.message);
    return bundle.value;
  });
  const revisions = read.flatMap((bundle) => bundle.revisions);
  const dictionaries = (read[0] as Bundle).dictionaries;
  const dictionary = dictionaries[0] as Buffer;
  const inputs = revisions.map((revision) => inflateRawSync(revision.input, { dictionary }));
  const results = revisions.map((revision) => inflateRawSync(revision.result, { dictionary }));
  const mean = (list: Buffer[]) => Math.round(list.reduce((sum, bytes) => sum + bytes.length, 0) / cases);
  print(`${cases} revisions: result ${mean(results)} bytes, input ${mean(inputs)} bytes on average`);

  step('readBundle (signature, hash, heads)', () => bundles.forEach((bytes) => readBundle(bytes, (fingerprint) => byFingerprint.get(fingerprint) ?? null)));
  step('inflate input and result', () => revisions.forEach((revision) => [inflateRawSync(revision.input, { dictionary }), inflateRawSync(revision.result, { dictionary })]));
  step('result as Latin-1 text', () => results.forEach((bytes) => bytes.toString('latin1')));
  step('JSON.parse of the result (Latin-1)', () => results.forEach((bytes) => JSON.parse(bytes.toString('latin1'))));
  step('JSON.parse of the input', () => inputs.forEach((bytes) => JSON.parse(bytes.toString('utf8'))));
  step('SHA-256 of the documents', () => inputs.forEach((input, i) => createHash('sha256').update(input).update(results[i] as Buffer).digest('hex')));
  step('deriveRevision, all of it', () => revisions.forEach((revision) => deriveRevision(revision, dictionaries)));
  const derived = revisions.map((revision) => deriveRevision(revision, dictionaries));
  step('search words alone (in deriveRevision)', () => derived.forEach((item) => caseTerms(item.fields.members.map((m) => m.name), item.fields.members.map((m) => m.idNumber ?? ''))));

  const pool = new DerivePool(workers);
  await pool.warm();
  const plain = (list: typeof derived) => JSON.stringify(list.map(({ revision, ...part }) => [revision.id, part]));
  for (let round = 1; round <= 3; round++) {
    const started = performance.now();
    const before = processCpu();
    const mainBefore = mainThreadCpu();
    const fromPool = [];
    for (const bundle of read) fromPool.push(...(await pool.derive(bundle.revisions, bundle.dictionaries)));
    print(
      `pool of ${workers}, round ${round}: ${(((performance.now() - started) * 1000) / cases).toFixed(1)} µs/rev wall, CPU ${((processCpu() - before) / cases).toFixed(1)} µs/rev in all, main thread ${((mainThreadCpu() - mainBefore) / cases).toFixed(1)}; same as the main thread: ${plain(fromPool) === plain(derived)}`,
    );
  }
  await pool.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
