/**
 * `npm run bench`: every benchmark of the project, one table with each figure beside its budget, and
 * the figures in artifacts/bench/results.json for comparing versions.
 *   npm run bench -- [--only core,store,...] [--quick] [--baseline DIR]
 *
 * results.json keeps the latest figures of every suite (a run with --only replaces only those
 * suites); the file as it was before the run is kept as results.previous.json, and the table shows
 * each figure's change against it (only between runs of the same length: --quick or not).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { withinBudget, type Figure } from './figures';
import { SUITES } from './suites';

interface SuiteRun {
  date: string;
  quick: boolean;
  /** the 1-minute load average when the suite started: the machine may be shared */
  load: number;
}

interface ResultsFile {
  date: string;
  node: string;
  cpus: number;
  cpu: string | undefined;
  results: Record<string, Figure[]>;
  runs?: Record<string, SuiteRun>;
}

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value < 10 ? value.toFixed(3) : value.toFixed(1);
}

function readResults(file: string): ResultsFile | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
  } catch {
    return null;
  }
}

/** "+3.2%" against the previous run of the suite, when it measured the same figure the same way. */
function change(figure: Figure, previous: ResultsFile | null, suite: string, quick: boolean): string {
  const before = previous?.results[suite]?.find((f) => f.name === figure.name && f.unit === figure.unit);
  // files from before runs were recorded counted as full runs
  const previousQuick = previous?.runs?.[suite]?.quick ?? false;
  if (!before || previousQuick !== quick || before.value === 0) return '';
  const percent = ((figure.value - before.value) / Math.abs(before.value)) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

function parseArgs(argv: readonly string[]): { only: Set<string> | null; quick: boolean } {
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
  const only = onlyArg ? new Set(onlyArg.split(',').filter(Boolean)) : null;
  const unknown = [...(only ?? [])].filter((id) => !SUITES.some((suite) => suite.id === id));
  if (unknown.length > 0) throw new Error(`未知的基准测试：${unknown.join(', ')}（可选：${SUITES.map((suite) => suite.id).join(', ')}）`);
  // --baseline DIR: another checkout measured in the same run where a suite can (core, cli, recalc); see README
  const baseline = argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length) ?? (argv.includes('--baseline') ? argv[argv.indexOf('--baseline') + 1] : undefined);
  if (baseline) process.env.HUIMIN_BENCH_BASELINE = baseline;
  return { only, quick: argv.includes('--quick') };
}

async function main(): Promise<void> {
  const { only, quick } = parseArgs(process.argv.slice(2));
  const dir = join(__dirname, '../../artifacts/bench');
  const file = join(dir, 'results.json');
  const previous = readResults(file);
  const results: Record<string, Figure[]> = { ...(previous?.results ?? {}) };
  const runs: Record<string, SuiteRun> = { ...(previous?.runs ?? {}) };
  const rows: string[] = [];
  let missed = 0;
  for (const suite of SUITES) {
    if (only && !only.has(suite.id)) continue;
    const load = Number((loadavg()[0] ?? 0).toFixed(2));
    process.stdout.write(`运行 ${suite.label} 基准测试……（系统负载 ${load}）\n`);
    const started = Date.now();
    const figures = await suite.run(quick);
    process.stdout.write(`  ${suite.label}：${((Date.now() - started) / 1000).toFixed(0)} 秒\n`);
    results[suite.id] = figures;
    runs[suite.id] = { date: new Date(started).toISOString(), quick, load };
    for (const figure of figures) {
      const ok = withinBudget(figure);
      if (ok === false) missed++;
      const budget = figure.budget ? `${figure.budget.better === 'lower' ? '<' : '≥'} ${format(figure.budget.limit)} ${figure.unit}` : '—';
      rows.push(
        `| ${figure.name} | ${format(figure.value)} ${figure.unit} | ${budget} | ${ok === null ? '' : ok ? '达标' : '未达标'} | ${change(figure, previous, suite.id, quick)} | ${figure.note ?? ''} |`,
      );
    }
  }
  const table = ['| 指标 | 结果 | 预算 | 结论 | 较上次 | 说明 |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  process.stdout.write(`\n${table}\n`);
  mkdirSync(dir, { recursive: true });
  if (previous) copyFileSync(file, join(dir, 'results.previous.json'));
  const written: ResultsFile = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, results, runs };
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  process.stdout.write(`\n结果已写入 ${file}${previous ? '（上次的结果保存为 results.previous.json）' : ''}${missed > 0 ? `；${missed} 项未达预算` : ''}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
