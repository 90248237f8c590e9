/**
 * The command line at county scale (issue 16), run as an analyst runs it: `node scripts/calc.cjs`
 * (what `npm run -s calc` starts) on a JSONL file of varied households (variedHouseholds.ts: every
 * family, bills, overrides), output to /dev/null, --workers left at its default (the machine's cores).
 *
 * - households/s with full output and with --brief: wall-clock time of the whole run (start-up,
 *   reading, computing, writing), median of `runs` runs, best in the note. Budgets: ≥ 5,000 full,
 *   ≥ 15,000 --brief (on 2 cores).
 * - the CLI's own cost: one thread (--workers 0, --brief) against the bundled core computing the same
 *   households in a loop without reading, parsing, stringifying or writing.
 * - peak memory of 1,000,000 lines through --brief (--quick: 100,000): the process's VmHWM, read from
 *   /proc while it runs. Budget < 300 MB.
 * - start-up: `npm run -s calc` on a one-line file, end to end, median of 15 (best in the note), beside
 *   the launcher alone (`node scripts/calc.cjs`) and `npm run -s` of a script that does nothing.
 *   Budget ≤ 300 ms.
 *
 * - A/B: with a baseline checkout (HUIMIN_BENCH_BASELINE=DIR or `npm run bench -- --baseline DIR`), its
 *   launcher runs on the same file in turn with this one, full and --brief; medians of each side.
 *
 *   npx tsx tests/bench/cliBench.ts [--quick]     or     npm run bench -- --only cli
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundledCore } from './coreBench';
import { percentile, type Figure } from './figures';
import { variedHouseholds, writeVariedFile } from './variedHouseholds';

const ROOT = join(__dirname, '../..');
const LAUNCHER = join(ROOT, 'scripts/calc.cjs');

interface Run {
  seconds: number;
  /** VmHWM in MB, when polled */
  peakMb: number;
  /** CPU seconds of all its threads (utime + stime from /proc, last poll before exit) */
  cpuSeconds: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Runs the launcher (of this checkout, or of `root`) on a file, output to /dev/null; polls /proc for the peak resident memory. */
function runCli(args: string[], root = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'scripts/calc.cjs'), ...args], { cwd: root, stdio: ['ignore', devNull, 'pipe'] });
    closeSync(devNull);
    let peakKb = 0;
    let ticks = 0;
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
        // fields 14 and 15 of /proc/pid/stat (after the command in parentheses): utime, stime
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks = Number(fields[11]) + Number(fields[12]);
      } catch {
        // finished between two polls
      }
    }, 50);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`calc exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, cpuSeconds: ticks / TICKS_PER_SECOND });
    });
  });
}

/** The core alone, bundled as it ships (coreBench.ts), on the same households: CPU time, one thread. */
function coreAlone(file: string, lines: number): number {
  const { calculate, pack } = bundledCore();
  const inputs = readFileSync(file, 'utf8').split('\n').slice(0, lines).filter(Boolean).map((line) => JSON.parse(line) as unknown);
  for (const input of inputs.slice(0, 300)) calculate(input, { pack, today: '2026-11-23' });
  const cpu = process.cpuUsage();
  for (const input of inputs) calculate(input, { pack, today: '2026-11-23' });
  const used = process.cpuUsage(cpu);
  return inputs.length / ((used.user + used.system) / 1e6);
}

function timeCommand(command: string, args: string[], runs: number, cwd = ROOT): number[] {
  const samples: number[] = [];
  spawnSync(command, args, { cwd, stdio: 'ignore' }); // warm the file cache and the bundle
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${result.status} ${result.stderr?.toString()}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

export async function runCliBench(options: { quick?: boolean; baseline?: string } = {}): Promise<Figure[]> {
  const quick = options.quick ?? false;
  // another checkout's launcher, run in turn with this one on the same file (A/B under the same load)
  const baseline = options.baseline ?? process.env.HUIMIN_BENCH_BASELINE;
  const lines = quick ? 4_000 : 20_000;
  const runs = quick ? 1 : 3;
  const bigLines = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'huimin-clibench-'));
  const cores = availableParallelism();
  try {
    const file = join(dir, 'households.jsonl');
    await writeVariedFile(file, lines);
    await runCli([file, '--brief']); // builds the bundle if needed, warms the file cache
    if (baseline) await runCli([file, '--brief'], baseline);

    interface Rate {
      median: number;
      best: number;
      cpu: number;
      loads: string;
    }
    const rateOf = (runsOf: Run[], loads: string[]): Rate => ({
      median: percentile(runsOf.map((run) => lines / run.seconds), 50),
      best: Math.max(...runsOf.map((run) => lines / run.seconds)),
      cpu: percentile(runsOf.map((run) => lines / run.cpuSeconds), 50),
      loads: loads.join('/'),
    });
    /** `runs` runs of this checkout, each beside one of the baseline's (alternating which goes first) */
    const throughputs = async (extra: string[], against = baseline): Promise<{ own: Rate; base: Rate | null }> => {
      const own: Run[] = [];
      const base: Run[] = [];
      const loads: string[] = [];
      for (let i = 0; i < runs; i++) {
        loads.push(load());
        if (against && i % 2 === 1) base.push(await runCli([file, ...extra], against));
        own.push(await runCli([file, ...extra]));
        if (against && i % 2 === 0) base.push(await runCli([file, ...extra], against));
      }
      return { own: rateOf(own, loads), base: against ? rateOf(base, loads) : null };
    };
    const throughput = async (extra: string[]) => (await throughputs(extra, undefined)).own;
    const fullAB = await throughputs([]);
    const briefAB = await throughputs(['--brief']);
    const full = fullAB.own;
    const brief = briefAB.own;
    const oneThread = await throughput(['--brief', '--workers', '0']);
    const core = coreAlone(file, Math.min(lines, 5_000));

    const big = join(dir, 'big.jsonl');
    await writeVariedFile(big, bigLines, 3);
    const bigLoad = load();
    const bigRun = await runCli([big, '--brief']);
    rmSync(big, { force: true });

    const one = join(dir, 'one.json');
    writeFileSync(one, `${variedHouseholds(5).next()}\n`);
    const startRuns = quick ? 5 : 15;
    const npmCalc = timeCommand('npm', ['run', '-s', 'calc', '--', one], startRuns);
    const launcher = timeCommand(process.execPath, [LAUNCHER, one], startRuns);
    // the baseline's launcher in turn with this one's, under the same load
    const launcherAB: { own: number[]; base: number[] } = { own: [], base: [] };
    if (baseline) {
      timeCommand(process.execPath, [join(baseline, 'scripts/calc.cjs'), one], 1, baseline);
      for (let i = 0; i < startRuns; i++) {
        launcherAB.own.push(...timeCommand(process.execPath, [LAUNCHER, one], 1));
        launcherAB.base.push(...timeCommand(process.execPath, [join(baseline, 'scripts/calc.cjs'), one], 1, baseline));
      }
    }
    const noop = mkdtempSync(join(tmpdir(), 'huimin-npmnoop-'));
    writeFileSync(join(noop, 'package.json'), JSON.stringify({ name: 'noop', private: true, scripts: { noop: 'node -e 0' } }));
    const npmNoop = timeCommand('npm', ['run', '-s', 'noop'], startRuns, noop);
    rmSync(noop, { recursive: true, force: true });

    const versus = (own: Rate, base: Rate | null): Figure[] =>
      base
        ? [
            {
              name: '',
              value: Math.round(base.median),
              unit: '户/秒',
              note: `基线 ${baseline}，与本版交替运行；最好 ${fmt(base.best)} 户/秒；本版中位数为基线的 ${(own.median / base.median).toFixed(2)} 倍；按 CPU 时间（全部线程）本版 ${fmt(own.cpu)}、基线 ${fmt(base.cpu)} 户/秒（${(own.cpu / base.cpu).toFixed(2)} 倍）`,
            },
          ]
        : [];
    const note = (rate: { best: number; loads: string }) => `${fmt(lines)} 行多样家庭，--workers 默认（${cores} 核），墙钟含启动；中位数（${runs} 次），最好 ${fmt(rate.best)} 户/秒；负载 ${rate.loads}`;
    return [
      { name: '命令行：每秒家庭数（完整输出）', value: Math.round(full.median), unit: '户/秒', budget: { limit: 5_000, better: 'higher' }, note: note(full) },
      ...versus(full, fullAB.base).map((figure) => ({ ...figure, name: '命令行（基线）：每秒家庭数（完整输出）' })),
      { name: '命令行：每秒家庭数（--brief）', value: Math.round(brief.median), unit: '户/秒', budget: { limit: 15_000, better: 'higher' }, note: note(brief) },
      ...versus(brief, briefAB.base).map((figure) => ({ ...figure, name: '命令行（基线）：每秒家庭数（--brief）' })),
      {
        name: '命令行：单线程（--workers 0 --brief）每秒家庭数',
        value: Math.round(oneThread.median),
        unit: '户/秒',
        note: `墙钟中位数，最好 ${fmt(oneThread.best)}；按 CPU 时间 ${fmt(oneThread.cpu)} 户/秒，同一批家庭只算不读写（打包后的核心，CPU 时间）${fmt(core)} 户/秒：命令行自身（启动、读、解析、--brief、输出 JSON、写）约占 CPU 的 ${Math.max(0, Math.round((1 - oneThread.cpu / core) * 100))}%；负载 ${oneThread.loads}`,
      },
      { name: `命令行：${fmt(bigLines)} 行 --brief 峰值内存`, value: Math.round(bigRun.peakMb), unit: 'MB', budget: { limit: 300, better: 'lower' }, note: `VmHWM；用时 ${bigRun.seconds.toFixed(0)} 秒（${fmt(bigLines / bigRun.seconds)} 户/秒）；负载 ${bigLoad}` },
      {
        name: '命令行：启动（npm run -s calc，一行文件）',
        value: Math.round(percentile(npmCalc, 50)),
        unit: 'ms',
        budget: { limit: 300, better: 'lower' },
        note: `中位数（${startRuns} 次），最好 ${fmt(Math.min(...npmCalc))} ms；其中 npm 本身（npm run -s 空脚本）中位 ${fmt(percentile(npmNoop, 50))} ms；直接 node scripts/calc.cjs 中位 ${fmt(percentile(launcher, 50))} ms、最好 ${fmt(Math.min(...launcher))} ms；负载 ${load()}`,
      },
      ...(baseline
        ? [
            {
              name: '命令行（A/B）：node scripts/calc.cjs 一行文件',
              value: Math.round(percentile(launcherAB.own, 50)),
              unit: 'ms',
              note: `与基线交替 ${startRuns} 次：本版中位 ${fmt(percentile(launcherAB.own, 50))}、最好 ${fmt(Math.min(...launcherAB.own))} ms；基线中位 ${fmt(percentile(launcherAB.base, 50))}、最好 ${fmt(Math.min(...launcherAB.base))} ms；负载 ${load()}`,
            },
          ]
        : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runCliBench({ quick: process.argv.includes('--quick') }).then(
    (figures) => {
      for (const figure of figures) process.stdout.write(`${figure.name}: ${figure.value} ${figure.unit}  (${figure.note ?? ''})\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
