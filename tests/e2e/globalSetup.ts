/**
 * Starts the app the way a user does on a machine without Electron — `npm run web` (which builds the
 * renderer and starts the host) — on a fresh data folder, and hands its address to the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    webDataDir: string;
  }
}

let child: ChildProcess | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'huimin-e2e-'));
  child = spawn('npm', ['run', '-s', 'web', '--', '--port', '0', '--data-dir', dataDir], {
    cwd: join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /请在浏览器中打开：(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    };
    child?.stdout?.on('data', onData);
    child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child?.on('exit', (code) => reject(new Error(`npm run web exited (${code}) before printing its address:\n${output}`)));
  });
  project.provide('webUrl', url);
  project.provide('webDataDir', dataDir);
}

export async function teardown(): Promise<void> {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
