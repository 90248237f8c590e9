/**
 * The contract's command line: every mode and exit status. Most cases call runCalcCli directly with
 * in-memory input/output; one spawns the real `npm run -s calc` to check the wiring.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pack } from '../support/calc';
import { runCli } from '../support/cliRun';

const contractCase = {
  asOf: '2023-09-01',
  household: { area: 'rural', status: 'dibao' },
  members: [{ id: 'm1', name: '张三', idNumber: '411323199305011237', medical: { inpatient: [{ total: 110000, policyScope: 100000, level: 'county', basicPaid: 60000, criticalPaid: 21125 }] } }],
};

const run = (argv: string[], files: Record<string, string> = {}, stdin = '') => runCli(argv, { files, stdin });

describe('npm run -s calc', () => {
  it('one case → one result object, exit 0', async () => {
    const { code, stdout, stderr } = await run(['case.json'], { 'case.json': JSON.stringify(contractCase) });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(result.medical.m1.assistance).toBe('13212.50');
    expect(result.policy).toEqual({ id: 'henan-nanyang', version: '2026.2', asOf: '2023-09-01', overrides: [] });
  });

  it('an invalid case → exit 2 and the JSON error on stderr, nothing on stdout', async () => {
    const bad = { ...contractCase, members: [{ ...contractCase.members[0], idNumber: '411323199305011238' }] };
    const { code, stdout, stderr } = await run(['case.json'], { 'case.json': JSON.stringify(bad) });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toEqual({ error: { message: '第1位成员（张三） · 身份证号码：身份证号码校验位不正确（按GB 11643计算应为 7），请核对是否输错', path: 'members[0].idNumber' } });
  });

  it('input that is not JSON → exit 2', async () => {
    const { code, stderr } = await run(['case.json'], { 'case.json': '{"household": ' });
    expect(code).toBe(2);
    expect(JSON.parse(stderr)).toEqual({ error: { message: '输入不是有效的 JSON', path: '' } });
  });

  it('JSONL: one result a line in the same order; an invalid line gets its error in place, others still computed; exit 2', async () => {
    const lines = [
      JSON.stringify(contractCase),
      JSON.stringify({ ...contractCase, members: [] }),
      'not json',
      JSON.stringify({ ...contractCase, household: { area: 'rural', status: 'tekun' } }),
    ].join('\n');
    const { code, stdout } = await run(['cases.jsonl'], { 'cases.jsonl': `${lines}\n` });
    expect(code).toBe(2);
    const out = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out).toHaveLength(4);
    expect(out[0].medical.m1.assistance).toBe('13212.50');
    expect(out[1]).toEqual({ error: { message: '家庭成员：至少需要一位家庭成员', path: 'members' } });
    expect(out[2]).toEqual({ error: { message: '第 3 行不是有效的 JSON', path: '' } });
    // 特困 90%: 18875 × 90% = 16987.50
    expect(out[3].medical.m1.assistance).toBe('16987.50');
  });

  it('JSONL with every line valid → exit 0', async () => {
    const { code, stdout } = await run(['cases.jsonl'], { 'cases.jsonl': `${JSON.stringify(contractCase)}\n${JSON.stringify(contractCase)}\n` });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });

  it('standard input: a pretty-printed single case is JSON, several compact lines are JSONL', async () => {
    const single = await run(['-'], {}, JSON.stringify(contractCase, null, 2));
    expect(single.code).toBe(0);
    expect(JSON.parse(single.stdout).medical.m1.assistance).toBe('13212.50');
    const batch = await run(['-'], {}, `${JSON.stringify(contractCase)}\n${JSON.stringify(contractCase)}`);
    expect(batch.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('--set overrides values and reports them; repeatable', async () => {
    const { code, stdout } = await run(['case.json', '--set', 'medical.assistance.inpatient.rate.dibao=0.8', '--set', 'minimumWage=1900'], { 'case.json': JSON.stringify(contractCase) });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    // 18875 × 80% = 15100.00
    expect(result.medical.m1.assistance).toBe('15100.00');
    expect(result.policy.overrides).toEqual(['medical.assistance.inpatient.rate.dibao', 'minimumWage']);
  });

  it('--set with an unknown key → exit 2 naming params.<key>', async () => {
    const { code, stderr } = await run(['case.json', '--set', 'dibao.standard.rurl=480'], { 'case.json': JSON.stringify(contractCase) });
    expect(code).toBe(2);
    expect(JSON.parse(stderr).error.path).toBe('params.dibao.standard.rurl');
  });

  it('--params prints every key with value, unit and source; --as-of picks the dated value', async () => {
    const { code, stdout } = await run(['--params', '--as-of', '2024-01-01']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.policy).toMatchObject({ id: 'henan-nanyang', asOf: '2024-01-01' });
    const income = out.parameters.find((p: { key: string }) => p.key === 'medical.prevYearDisposableIncome');
    expect(income).toMatchObject({ value: '29933', unit: 'yuanPerYear', from: '2024-01-01', source: { verified: false } });
    const rate = out.parameters.find((p: { key: string }) => p.key === 'medical.critical.tiltRateBonus');
    expect(rate).toMatchObject({ value: '0.05', display: '5%', source: { source: '002_5c18c60bd560c7e4.txt', verified: true } });
    expect(out.parameters.length).toBe(pack.parameters.size);
  });

  it('--params with --set shows the override', async () => {
    const { stdout } = await run(['--params', '--set', 'dibao.standard.rural=480']);
    const rural = JSON.parse(stdout).parameters.find((p: { key: string }) => p.key === 'dibao.standard.rural');
    expect(rural).toMatchObject({ value: '480', source: { doc: '本次测算临时调整的参数' } });
  });

  it('usage errors → exit 2 with a Chinese message', async () => {
    expect((await run([])).code).toBe(2);
    expect(JSON.parse((await run(['--frobnicate'])).stderr).error.message).toContain('不认识的选项「--frobnicate」');
    expect(JSON.parse((await run(['missing.json'])).stderr).error.message).toBe('无法读取输入文件「missing.json」：文件不存在');
  });

  it('the real npm script computes a case file (spawned)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huimin-cli-'));
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(contractCase));
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'calc', '--', file], { cwd: join(__dirname, '../..') });
    expect(JSON.parse(stdout).medical.m1.selfPay).toBe('15662.50');
  });
});
