/**
 * What one thread of the command line costs a household once it is warm, two builds side by side in
 * one process (tests/bench/README.md, "The command line, fifth round"): each checkout's `CaseComputer`
 * (electron/cli/caseLines.ts: parse, calculate, write the line) bundled by esbuild, then 128-line
 * batches of the varied households (variedHouseholds.ts, seed 7) given to each in turn — which goes
 * first alternates — for `--seconds`, CPU time per household (process.cpuUsage around each batch).
 * Start-up, reading, worker threads and stdout are left out, and both builds share whatever else the
 * machine is doing, so a difference of a few per cent shows here that whole-command runs cannot show.
 * The first pass's output bytes of the two builds are compared (md5).
 *
 *   npx tsx tests/bench/cliLineAb.ts --baseline DIR [--full] [--seconds 25] [--lines 20000]
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { BatchOutput, LineBatch } from '../../electron/cli/caseLines';
import { percentile } from './figures';
import { writeVariedFile } from './variedHouseholds';

const ROOT = join(__dirname, '../..');
const BATCH = 128;

interface Computer {
  batch(batch: LineBatch, spare?: ArrayBuffer): BatchOutput;
}

/** The checkout's CaseComputer over its shipped pack, bundled as the CLI is (one module per build). */
function computerOf(root: string, brief: boolean, dir: string, name: string): Computer {
  const entry = `
    import { SHIPPED_PACKS } from './seeds';
    import { loadPack } from './shared/packs/loadPack';
    import { CaseComputer } from './electron/cli/caseLines';
    export function make(brief: boolean) {
      const loaded = loadPack(SHIPPED_PACKS[0]);
      if (!loaded.ok) throw new Error('the shipped pack does not load');
      return new CaseComputer(loaded.value, { today: '2026-11-23', overrides: {}, brief });
    }`;
  const built = buildSync({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'error' });
  const file = join(dir, `${name}.cjs`);
  writeFileSync(file, built.outputFiles[0]?.contents ?? '');
  return (require(file) as { make(brief: boolean): Computer }).make(brief);
}

function batchesOf(file: string): LineBatch[] {
  const bytes = readFileSync(file);
  const batches: LineBatch[] = [];
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = start;
    let count = 0;
    while (count < BATCH && end < bytes.length) {
      const nl = bytes.indexOf(10, end);
      end = nl === -1 ? bytes.length : nl + 1;
      count++;
    }
    // the lines joined by '\n', without the last one's
    const last = bytes[end - 1] === 10 ? end - 1 : end;
    batches.push({ firstLine: line, count, bytes: bytes.subarray(start, last), tooLong: [] });
    line += count;
    start = end;
  }
  return batches;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const baseline = option('--baseline');
  if (!baseline) throw new Error('--baseline DIR: the checkout to compare with (its node_modules linked or installed)');
  const brief = !argv.includes('--full');
  const seconds = Number(option('--seconds') ?? 25);
  const dir = mkdtempSync(join(tmpdir(), 'huimin-lineab-'));
  try {
    const file = join(dir, 'households.jsonl');
    await writeVariedFile(file, Number(option('--lines') ?? 20_000));
    const batches = batchesOf(file);
    const sides = [
      { name: 'baseline', computer: computerOf(baseline, brief, dir, 'baseline'), perHousehold: [] as number[], hash: createHash('md5'), spare: undefined as ArrayBuffer | undefined },
      { name: 'this', computer: computerOf(ROOT, brief, dir, 'this'), perHousehold: [] as number[], hash: createHash('md5'), spare: undefined as ArrayBuffer | undefined },
    ];
    const loads = [loadavg()[0] ?? 0];
    const end = Date.now() + seconds * 1000;
    for (let k = 0; Date.now() < end || k < 2 * batches.length; k++) {
      const batch = batches[k % batches.length] as LineBatch;
      const firstPass = k < batches.length;
      for (const side of k % 2 === 0 ? sides : [...sides].reverse()) {
        const before = process.cpuUsage();
        const output = side.computer.batch(batch, side.spare);
        const used = process.cpuUsage(before);
        if (firstPass) side.hash.update(output.bytes);
        else side.perHousehold.push((used.user + used.system) / batch.count); // the first pass warms up
        side.spare = output.bytes.buffer as ArrayBuffer;
      }
    }
    loads.push(loadavg()[0] ?? 0);
    const [base, own] = sides as [(typeof sides)[0], (typeof sides)[0]];
    const median = (side: typeof base) => percentile(side.perHousehold, 50);
    const best = (side: typeof base) => Math.min(...side.perHousehold);
    for (const side of sides) console.log(`${side.name}: median ${median(side).toFixed(1)} µs a household (best batch ${best(side).toFixed(1)}), ${side.perHousehold.length} batches`);
    console.log(`${brief ? '--brief' : 'full output'}: this build ${(median(base) / median(own)).toFixed(3)}× the baseline per CPU second; load ${loads.map((l) => l.toFixed(1)).join(' → ')}`);
    const same = base.hash.digest('hex') === own.hash.digest('hex');
    console.log(same ? 'output bytes: identical' : 'output bytes: DIFFERENT');
    if (!same) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
