/**
 * `npm run -s calc` runs a prebuilt bundle (scripts/calc.cjs) that can never be stale: in a copy of
 * the project, a developer's edits to shared/ code, to a pack's values or to the CLI itself are in
 * the very next run's results; a file only touched, or a run with nothing changed, reuses the bundle;
 * a damaged pointer or a deleted bundle is rebuilt; the sources through tsx give the same result.
 *
 * Worked example (contract): 低保 inpatient, policy-scope self-pay after 基本医保 and 大病保险 18875;
 * 医疗救助 at 70 % = 13212.50, at 80 % (the pack edited) = 15100.00.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const copy = mkdtempSync(join(tmpdir(), 'huimin-bundle-'));
const caseFile = join(copy, 'case.json');

interface Manifest {
  bundle: string;
  files: [string, number, number, string][];
}
const manifest = () => JSON.parse(readFileSync(join(copy, '.cache/calc/current.json'), 'utf8')) as Manifest;
const bundleFile = () => join(copy, '.cache/calc', manifest().bundle);

async function calc(args: string[] = [], env: Record<string, string> = {}) {
  const { stdout } = await promisify(execFile)('node', ['scripts/calc.cjs', caseFile, ...args], { cwd: copy, env: { ...process.env, ...env } });
  return JSON.parse(stdout) as { medical: { m1: { assistance: string } }; benefits: { code: string; label: string }[]; edited?: boolean };
}

function edit(file: string, change: (text: string) => string) {
  const path = join(copy, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before); // the edit must really change the file
  writeFileSync(path, after);
}

beforeAll(() => {
  for (const part of ['electron', 'shared', 'seeds', 'scripts/calc.cjs', 'package.json', 'tsconfig.json', 'tsconfig.base.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  writeFileSync(
    caseFile,
    JSON.stringify({
      asOf: '2023-09-01',
      household: { area: 'rural', status: 'dibao' },
      members: [{ id: 'm1', name: '张三', idNumber: '411323199305011237', medical: { inpatient: [{ total: 110000, policyScope: 100000, level: 'county', basicPaid: 60000, criticalPaid: 21125 }] } }],
    }),
  );
});

describe('the prebuilt CLI bundle', () => {
  it('is built on first use, listing every input, and reused while nothing changed', async () => {
    expect((await calc()).medical.m1.assistance).toBe('13212.50');
    const built = manifest();
    const files = built.files.map(([file]) => file);
    for (const input of ['electron/cli/calc.ts', 'shared/calculate.ts', 'seeds/henan-nanyang/parameters/medical.json', 'package.json', 'scripts/calc.cjs']) expect(files).toContain(input);
    // node_modules is a link in this copy: its files are listed by their real path
    expect(files.some((file) => file.includes('node_modules/decimal.js/'))).toBe(true);
    const mtime = statSync(bundleFile()).mtimeMs;
    await calc();
    expect(manifest().bundle).toBe(built.bundle);
    expect(statSync(bundleFile()).mtimeMs).toBe(mtime);
  }, 120_000);

  it('a file touched but unchanged (a checkout) keeps the bundle', async () => {
    const before = manifest().bundle;
    const later = new Date(Date.now() + 5000);
    utimesSync(join(copy, 'shared/calculate.ts'), later, later);
    expect((await calc()).medical.m1.assistance).toBe('13212.50');
    expect(manifest().bundle).toBe(before);
    // the new mtime is recorded, so the next run does not hash it again
    expect(manifest().files.find(([file]) => file === 'shared/calculate.ts')?.[2]).toBe(statSync(join(copy, 'shared/calculate.ts')).mtimeMs);
  }, 120_000);

  it('an edited pack value is in the next run: rate 70 % → 80 % gives 15100.00', async () => {
    const before = manifest().bundle;
    edit('seeds/henan-nanyang/parameters/medical.json', (text) => {
      const parameters = JSON.parse(text) as Record<string, { values: { value: string }[] }>;
      for (const value of parameters['medical.assistance.inpatient.rate.dibao']?.values ?? []) value.value = '0.8';
      return JSON.stringify(parameters, null, 2);
    });
    expect((await calc()).medical.m1.assistance).toBe('15100.00');
    expect(manifest().bundle).not.toBe(before);
  }, 120_000);

  it('an edit to shared/ code and to the CLI itself is in the next run', async () => {
    edit('shared/rules/medical/codes.ts', (text) => text.replace("label: '医疗救助'", "label: '医疗救助（已改）'"));
    expect((await calc()).benefits.find((benefit) => benefit.code === 'medical.assistance')?.label).toBe('医疗救助（已改）');
    edit('electron/cli/brief.ts', (text) => text.replace('  return {\n    ...result,', '  return {\n    edited: true,\n    ...result,'));
    expect((await calc(['--brief'])).edited).toBe(true);
  }, 120_000);

  it('a source that does not compile is reported (exit 1), never answered by the previous bundle', async () => {
    const file = join(copy, 'shared/result/benefitCodes.ts');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}\nexport const broken = ;\n`);
    const failed = await promisify(execFile)('node', ['scripts/calc.cjs', caseFile], { cwd: copy }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    const message = (JSON.parse(failed?.stderr ?? '{}') as { error: { message: string } }).error.message;
    expect(message).toMatch(/^命令行程序无法构建：/);
    expect(message).toContain('shared/result/benefitCodes.ts');
    writeFileSync(file, good);
    expect((await calc()).benefits.find((benefit) => benefit.code === 'medical.assistance')?.label).toBe('医疗救助（已改）');
  }, 120_000);

  it('a damaged pointer or a deleted bundle is rebuilt; the sources through tsx agree', async () => {
    writeFileSync(join(copy, '.cache/calc/current.json'), '{"bundle": ');
    expect((await calc()).medical.m1.assistance).toBe('15100.00');
    rmSync(bundleFile());
    expect((await calc()).medical.m1.assistance).toBe('15100.00');
    const fromSource = await calc(['--brief'], { HUIMIN_CALC_SOURCE: '1' });
    expect(fromSource.edited).toBe(true);
    expect(fromSource.medical.m1.assistance).toBe('15100.00');
  }, 120_000);
});
