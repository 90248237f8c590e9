/**
 * Runs the command line (runCalcCli) in memory: files and standard input as bytes, handed over in
 * chunks of `chunkBytes` (so lines and characters are cut across reads as a real stream cuts them),
 * stdout and stderr collected. Computes in one thread unless the test passes --workers.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCalcCli, type CliIo } from '../../electron/cli/calcCli';
import type { WorkerEntry } from '../../electron/services/workerEntry';
import { pack } from './calc';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  files?: Record<string, string | Uint8Array>;
  stdin?: string | Uint8Array;
  chunkBytes?: number;
  /** the date it is (cases without asOf) */
  today?: string;
  io?: Partial<CliIo>;
}

export async function* chunksOf(data: string | Uint8Array, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
}

let bundledWorker: WorkerEntry | null = null;

/**
 * calcWorker.ts bundled by esbuild into a temporary file, as the CLI bundle runs it: a worker thread
 * then starts in a fraction of a second, where compiling the sources through tsx takes seconds.
 */
export function testWorker(): WorkerEntry {
  if (!bundledWorker) {
    const file = join(mkdtempSync(join(tmpdir(), 'huimin-calcworker-')), 'calcWorker.cjs');
    buildSync({ entryPoints: [join(__dirname, '../../electron/cli/calcWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: file, logLevel: 'warning' });
    bundledWorker = { file };
  }
  return bundledWorker;
}

export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const { files = {}, stdin = '', chunkBytes = 64 * 1024 } = options;
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const code = await runCalcCli(argv, {
    readText: async (path) => {
      const file = files[path];
      if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof file === 'string' ? file : Buffer.from(file).toString('utf8');
    },
    readInput: (path) => {
      if (path === '-') return chunksOf(stdin, chunkBytes);
      const file = files[path];
      if (file === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT', syscall: 'open' });
      return chunksOf(file, chunkBytes);
    },
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    },
    stderr: (text) => {
      stderr += text;
    },
    today: options.today ?? '2026-11-23',
    defaultPack: pack,
    // one thread unless a test asks for --workers
    cores: 1,
    workerEntry: testWorker(),
    ...options.io,
  });
  return { code, stdout, stderr };
}
