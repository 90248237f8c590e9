import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { integrityOf, openTestStore, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';
import { random } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

const ROOT = join(__dirname, '../../..');
const LOOP = join(__dirname, 'fixtures/saveLoop.ts');

/** Starts the save loop, kills it with SIGKILL 50–400 ms after it is ready, returns the saves it acknowledged. */
function saveUntilKilled(dir: string, delayMs: number): Promise<{ acknowledged: [string, number][]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOOP, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`save loop ended by itself (code ${code}): ${stderr}`));
      // a line cut by the kill has no newline and was not acknowledged
      const lines = out.split('\n').slice(1, -1);
      resolve({ acknowledged: lines.map((line) => line.split(' ')).map(([caseNo, revision]) => [caseNo as string, Number(revision)]), stderr });
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged save through 20 SIGKILLs at random moments', { timeout: 240_000 }, async () => {
    const dir = tempDataDir();
    const rand = random(20260305);
    const acknowledged = new Map<string, number>();
    let total = 0;
    for (let round = 0; round < 20; round++) {
      const run = await saveUntilKilled(dir, 50 + Math.floor(rand() * 350));
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
    expect(total).toBeGreaterThan(100);
  });
});
