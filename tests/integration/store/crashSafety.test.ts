import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESTORE_STEPS } from '../../../electron/services/store/index';
import { integrityOf, openTestStore, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';
import { random } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

const ROOT = join(__dirname, '../../..');
const LOOP = join(__dirname, 'fixtures/saveLoop.ts');

/**
 * Runs a fixture script until it dies by SIGKILL — sent `delayMs` after it prints "ready" and then
 * `afterLines` more lines (so a busy machine cannot make a round kill before any work), or sent by
 * itself — and returns the lines it printed after "ready" (a line cut by the kill has no newline and
 * was not acknowledged).
 */
function runUntilKilled(script: string, args: string[], delayMs?: number, afterLines = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && delayMs !== undefined && out.startsWith('ready\n') && linesIn(out) > afterLines) {
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`${script} ended by itself (code ${code}): ${stderr}`));
      resolve(out.split('\n').slice(1, -1));
    });
  });
}

/** Whole lines printed so far ("ready" included). */
function linesIn(out: string): number {
  let count = 0;
  for (let at = out.indexOf('\n'); at !== -1; at = out.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Starts the save loop, kills it with SIGKILL `delayMs` after its `afterSaves`-th acknowledged save, returns the saves it acknowledged. */
async function saveUntilKilled(dir: string, afterSaves: number, delayMs: number): Promise<{ acknowledged: [string, number][] }> {
  const lines = await runUntilKilled(LOOP, [dir], delayMs, afterSaves);
  return { acknowledged: lines.map((line) => line.split(' ')).map(([caseNo, revision]) => [caseNo as string, Number(revision)]) };
}

describe('crash safety', () => {
  it('keeps every acknowledged save through 20 SIGKILLs at random moments', { timeout: 240_000 }, async () => {
    const dir = tempDataDir();
    const rand = random(20260305);
    const acknowledged = new Map<string, number>();
    let total = 0;
    for (let round = 0; round < 20; round++) {
      // the kill lands at a random moment after a few saves (so every round saves, however busy the machine)
      const afterSaves = 6 + Math.floor(rand() * 10);
      const run = await saveUntilKilled(dir, afterSaves, Math.floor(rand() * 300));
      expect(run.acknowledged.length).toBeGreaterThanOrEqual(afterSaves);
      for (const [caseNo, revision] of run.acknowledged) acknowledged.set(caseNo, Math.max(revision, acknowledged.get(caseNo) ?? 0));
      total += run.acknowledged.length;

      expect(integrityOf(join(dir, 'huimin.sqlite3'))).toBe('ok');
      const store = openTestStore(dir, {}, '');
      for (const [caseNo, revision] of acknowledged) {
        const record = store.cases.get({ caseNo, revision });
        expect(record.ok, `${caseNo} revision ${revision} after round ${round}`).toBe(true);
      }
      // the search index was committed with the revisions: every acknowledged case is in it
      const listed = store.search.search({ voided: 'include' });
      expect(listed.ok && listed.value.total).toBeGreaterThanOrEqual(acknowledged.size);
      store.close();
    }
    expect(total).toBeGreaterThanOrEqual(20 * 6);
  });
});

const RESTORE_LOOP = join(__dirname, 'fixtures/restoreLoop.ts');

interface Acknowledged {
  /** caseNo → revision → head name saved in it */
  saves: Map<string, Map<number, string>>;
  restores: number;
  /** killed while a restore was under way */
  killedRestoring: boolean;
}

/** Runs the restore loop until it is killed (by the test after `delayMs`, or by itself at `step`); returns what it acknowledged. */
async function restoreUntilKilled(dir: string, options: { delayMs?: number; step?: string }): Promise<Acknowledged> {
  const lines = await runUntilKilled(RESTORE_LOOP, [dir, ...(options.step ? [options.step] : [])], options.delayMs);
  const acknowledged: Acknowledged = { saves: new Map(), restores: 0, killedRestoring: lines.at(-1) === 'restoring' };
  for (const line of lines) {
    const [what, caseNo, revision, name] = line.split(' ');
    if (what === 'restored') acknowledged.restores += 1;
    if (what !== 'save') continue;
    const revisions = acknowledged.saves.get(caseNo as string) ?? new Map<number, string>();
    revisions.set(Number(revision), name as string);
    acknowledged.saves.set(caseNo as string, revisions);
  }
  return acknowledged;
}

/** After a kill: the folder opens (finishing a cut-short restore), is intact, and holds every acknowledged save as it was saved. */
async function expectConsistent(dir: string, acknowledged: Map<string, Map<number, string>>, when: string): Promise<void> {
  const store = openTestStore(dir, {}, '');
  expect(integrityOf(join(dir, 'huimin.sqlite3')), when).toBe('ok');
  for (const [caseNo, revisions] of acknowledged) {
    for (const [revision, name] of revisions) {
      const record = store.cases.get({ caseNo, revision });
      expect(record.ok, `${caseNo} revision ${revision} ${when}`).toBe(true);
      // the number still opens the household it was given to: no number was issued twice
      const members = record.ok ? (record.value.input as { members: { name: string }[] }).members : [];
      expect(members[0]?.name, `${caseNo} revision ${revision} ${when}`).toBe(name);
    }
  }
  const checked = await store.check();
  expect(checked.ok && checked.value.damagedCount, when).toBe(0);
  expect(readdirSync(dir).filter((name) => name.startsWith('huimin.sqlite3.restoring-') || name === 'huimin.restore.json'), when).toEqual([]);
  store.close();
}

function remember(into: Map<string, Map<number, string>>, run: Acknowledged): void {
  for (const [caseNo, revisions] of run.saves) {
    const kept = into.get(caseNo) ?? new Map<number, string>();
    for (const [revision, name] of revisions) kept.set(revision, name);
    into.set(caseNo, kept);
  }
}

describe('crash safety of 恢复', () => {
  it('a restore killed at each of its steps leaves a consistent folder that lost no acknowledged save', { timeout: 300_000 }, async () => {
    const dir = tempDataDir();
    const acknowledged = new Map<string, Map<number, string>>();
    for (const step of RESTORE_STEPS) {
      const run = await restoreUntilKilled(dir, { step });
      remember(acknowledged, run);
      await expectConsistent(dir, acknowledged, `after a kill at '${step}'`);
    }
    expect(acknowledged.size).toBeGreaterThan(RESTORE_STEPS.length * 3);
  });

  it('keeps every acknowledged save and number through SIGKILLs at random moments of saving, backing up, restoring and merging', { timeout: 300_000 }, async () => {
    const dir = tempDataDir();
    const rand = random(20261202);
    const acknowledged = new Map<string, Map<number, string>>();
    let restores = 0;
    let killedRestoring = 0;
    for (let round = 0; round < 12; round++) {
      const run = await restoreUntilKilled(dir, { delayMs: 200 + Math.floor(rand() * 2300) });
      remember(acknowledged, run);
      restores += run.restores;
      if (run.killedRestoring) killedRestoring += 1;
      await expectConsistent(dir, acknowledged, `after round ${round}`);
    }
    console.log(`random kills: ${restores} restores completed, ${killedRestoring} kills during a restore, ${acknowledged.size} cases acknowledged`);
    expect(restores + killedRestoring).toBeGreaterThanOrEqual(3);
  });
});
