/**
 * `calc --workers N`: batches computed in worker threads come out in input order, byte for byte what
 * one thread gives; a worker killed half-way costs only the lines of the batch it was computing, each
 * answered in place with a Chinese error (never dropped, never shifted), and the rest continue on a
 * new worker; a worker that cannot start costs nothing (the main thread computes).
 *
 * Workers are killed through the test seam HUIMIN_CALC_TEST_WORKER_EXIT_LINE (calcWorker.ts): the
 * worker given that line exits at once, as one killed by the system would.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_LINES, runBatch } from '../../electron/cli/calcBatch';
import { readCases } from '../../electron/cli/inputLines';
import { variedHouseholds } from '../bench/variedHouseholds';
import { pack } from '../support/calc';
import { chunksOf, runCli, testWorker } from '../support/cliRun';

const ROOT = join(__dirname, '../..');
const LINES = 1200;

/** Varied households with a blank line, a bad line and an invalid case among them. */
function input(): string {
  const households = variedHouseholds(11);
  const lines = Array.from({ length: LINES }, () => households.next());
  lines[5] = '';
  lines[300] = '{"household": ';
  lines[1100] = JSON.stringify({ household: { area: 'rural', status: 'dibao' }, members: [] });
  return `${lines.join('\n')}\n`;
}

const text = input();
let reference = '';

beforeAll(async () => {
  const alone = await runCli(['cases.jsonl', '--workers', '0'], { files: { 'cases.jsonl': text } });
  expect(alone.code).toBe(2);
  reference = alone.stdout;
  expect(reference.split('\n')).toHaveLength(LINES + 1);
}, 120_000);

afterEach(() => {
  delete process.env.HUIMIN_CALC_TEST_WORKER_EXIT_LINE;
});

const lostLines = (stdout: string) =>
  stdout
    .split('\n')
    .map((line, i) => (line.includes('未能计算') ? i + 1 : 0))
    .filter(Boolean);

describe('calc --workers', () => {
  it('three workers: the output is byte for byte the single-thread output, in input order', async () => {
    const { code, stdout } = await runCli(['cases.jsonl', '--workers', '3'], { files: { 'cases.jsonl': text } });
    expect(code).toBe(2); // the three bad lines
    expect(stdout).toBe(reference);
  }, 120_000);

  it('every batch is computed by a worker, the first too (it waits for them rather than run cold in the main thread beside them)', async () => {
    const chunks: Uint8Array[] = [];
    const cases = await readCases(chunksOf(text, 64 * 1024), '输入文件', true);
    if (cases.kind !== 'lines') throw new Error('JSONL expected');
    const tally = await runBatch(cases.lines, { pack, settings: { today: '2026-11-23', overrides: {}, brief: false }, workers: 3, workerEntry: testWorker(), write: (chunk) => void chunks.push(chunk) });
    expect(tally).toEqual({ lines: LINES, failed: 3, empty: false, workerBatches: Math.ceil(LINES / BATCH_LINES) });
    expect(Buffer.concat(chunks).toString('utf8')).toBe(reference);
  }, 120_000);

  it('output buffers written out are filled again (calcBatch.ts spares): the same bytes, a few buffers, none handed out twice', async () => {
    const long = text.repeat(3);
    const run = async (workers: number, reuse: boolean) => {
      const copies: Buffer[] = [];
      const buffers = new Set<ArrayBuffer>();
      const cases = await readCases(chunksOf(long, 64 * 1024), '输入文件', true);
      if (cases.kind !== 'lines') throw new Error('JSONL expected');
      await runBatch(cases.lines, {
        pack,
        settings: { today: '2026-11-23', overrides: {}, brief: true },
        workers,
        workerEntry: testWorker(),
        write: (chunk, written) => {
          // what a stream does: the bytes taken now, then "written" — here at once, and again later
          // as a stream's callback would (the runner must take the first call only)
          copies.push(Buffer.from(chunk));
          buffers.add(chunk.buffer as ArrayBuffer);
          if (!reuse) return;
          written?.();
          setTimeout(() => written?.(), 0);
        },
      });
      // a buffer sent back to a worker is detached here (transferred); one reused here comes again
      const sent = [...buffers].filter((buffer) => buffer.byteLength === 0).length;
      return { text: Buffer.concat(copies).toString('utf8'), writes: copies.length, buffers: buffers.size, sent };
    };
    const kept = await run(0, false);
    expect(kept.writes).toBe(Math.ceil((3 * LINES) / BATCH_LINES));
    expect(kept.buffers).toBe(kept.writes);
    expect(kept.sent).toBe(0);
    // one thread: 29 batches in a handful of buffers
    const here = await run(0, true);
    expect(here.text).toBe(kept.text);
    expect(here.buffers).toBeLessThan(8);
    // workers: the buffers written out go back to them (a buffer arrives here as a new object each
    // time, so reuse shows as buffers sent back)
    const threads = await run(2, true);
    expect(threads.text).toBe(kept.text);
    expect(threads.writes).toBe(kept.writes);
    expect(threads.sent).toBeGreaterThan(kept.writes / 2);
  }, 120_000);

  it('a worker killed half-way: its batch answered in place with errors, every other line as computed alone', async () => {
    process.env.HUIMIN_CALC_TEST_WORKER_EXIT_LINE = '600';
    const { code, stdout } = await runCli(['cases.jsonl', '--workers', '2'], { files: { 'cases.jsonl': text } });
    expect(code).toBe(2);
    const out = stdout.split('\n');
    const ref = reference.split('\n');
    expect(out).toHaveLength(ref.length);
    // the batch holding line 600 (lines 513–640) is lost, and only it
    const first = Math.floor((600 - 1) / BATCH_LINES) * BATCH_LINES + 1;
    const lost = lostLines(stdout);
    expect(lost).toEqual(Array.from({ length: BATCH_LINES }, (_, i) => first + i));
    expect(JSON.parse(out[599] as string)).toEqual({
      error: { message: `第 600 行未能计算：计算线程意外退出（退出码 70），第 ${first}–${first + BATCH_LINES - 1} 行这一批都没有结果。其余各行不受影响；请把这几行单独重新运行`, path: '' },
    });
    for (let i = 0; i < ref.length; i++) if (!lost.includes(i + 1)) expect(out[i]).toBe(ref[i]);
  }, 120_000);

  it('a worker killed on the first batch (sent to it while it was starting): that batch answered in place, the rest as computed alone', async () => {
    process.env.HUIMIN_CALC_TEST_WORKER_EXIT_LINE = '3';
    const { code, stdout } = await runCli(['cases.jsonl', '--workers', '2'], { files: { 'cases.jsonl': text } });
    expect(code).toBe(2);
    const out = stdout.split('\n');
    const ref = reference.split('\n');
    expect(out).toHaveLength(ref.length);
    expect(lostLines(stdout)).toEqual(Array.from({ length: BATCH_LINES }, (_, i) => 1 + i));
    expect(JSON.parse(out[2] as string)).toEqual({
      error: { message: `第 3 行未能计算：计算线程意外退出（退出码 70），第 1–${BATCH_LINES} 行这一批都没有结果。其余各行不受影响；请把这几行单独重新运行`, path: '' },
    });
    for (let i = BATCH_LINES; i < ref.length; i++) expect(out[i]).toBe(ref[i]);
  }, 120_000);

  it('a worker that cannot start costs no line: the main thread computes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huimin-worker-'));
    const broken = join(dir, 'broken.js');
    writeFileSync(broken, "throw new Error('cannot load');\n");
    const { code, stdout, stderr } = await runCli(['cases.jsonl', '--workers', '2'], { files: { 'cases.jsonl': text }, io: { workerEntry: { file: broken } } });
    expect(code).toBe(2);
    expect(stderr).toBe('');
    expect(stdout).toBe(reference);
  }, 120_000);

  it('the real command (bundle as worker, spawned): same output with 2 workers; a killed worker reported in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huimin-workers-'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, text);
    const run = (env: Record<string, string> = {}) =>
      promisify(execFile)('node', ['scripts/calc.cjs', file, '--workers', '2'], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 }).then(
        () => {
          throw new Error('expected exit 2');
        },
        (error: { code: number; stdout: string }) => error,
      );
    const whole = await run();
    expect(whole.code).toBe(2);
    expect(whole.stdout).toBe(reference);
    const killed = await run({ HUIMIN_CALC_TEST_WORKER_EXIT_LINE: '1000' });
    expect(killed.code).toBe(2);
    const first = Math.floor((1000 - 1) / BATCH_LINES) * BATCH_LINES + 1;
    expect(lostLines(killed.stdout)).toEqual(Array.from({ length: BATCH_LINES }, (_, i) => first + i));
    expect(killed.stdout.split('\n')).toHaveLength(LINES + 1);
  }, 180_000);
});
