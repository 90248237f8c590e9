/**
 * `npm run bench`: every benchmark of the project, one table with each figure beside its budget, and
 * the figures in artifacts/bench/results.json for comparing versions.
 *   npm run bench -- [--only core,store,...] [--quick]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { withinBudget, type Figure } from './figures';
import { SUITES } from './suites';

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value < 10 ? value.toFixed(3) : value.toFixed(1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
  const only = onlyArg ? new Set(onlyArg.split(',')) : null;
  const quick = argv.includes('--quick');
  const results: Record<string, Figure[]> = {};
  const rows: string[] = [];
  let missed = 0;
  for (const suite of SUITES) {
    if (only && !only.has(suite.id)) continue;
    process.stdout.write(`运行 ${suite.label} 基准测试……\n`);
    const figures = await suite.run(quick);
    results[suite.id] = figures;
    for (const figure of figures) {
      const ok = withinBudget(figure);
      if (ok === false) missed++;
      const budget = figure.budget ? `${figure.budget.better === 'lower' ? '<' : '≥'} ${format(figure.budget.limit)} ${figure.unit}` : '—';
      rows.push(`| ${figure.name} | ${format(figure.value)} ${figure.unit} | ${budget} | ${ok === null ? '' : ok ? '达标' : '未达标'} | ${figure.note ?? ''} |`);
    }
  }
  const table = ['| 指标 | 结果 | 预算 | 结论 | 说明 |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
  process.stdout.write(`\n${table}\n`);
  const dir = join(__dirname, '../../artifacts/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'results.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, results }, null, 2)}\n`,
  );
  process.stdout.write(`\n结果已写入 ${file}${missed > 0 ? `；${missed} 项未达预算` : ''}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
