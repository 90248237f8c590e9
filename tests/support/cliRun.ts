/**
 * Runs the command line (runCalcCli) in memory: files and standard input as bytes, handed over in
 * chunks of `chunkBytes` (so lines and characters are cut across reads as a real stream cuts them),
 * stdout and stderr collected.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runCalcCli, type CliIo } from '../../electron/cli/calcCli';
import { pack } from './calc';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** output chunks that came from worker threads (they send bytes; the main thread writes text) */
  workerChunks: number;
}

export interface CliRunOptions {
  files?: Record<string, string | Uint8Array>;
  stdin?: string | Uint8Array;
  chunkBytes?: number;
  io?: Partial<CliIo>;
}

export async function* chunksOf(data: string | Uint8Array, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
}

/** calcWorker.ts through tsx, as the CLI starts it from source */
export const SOURCE_WORKER = { file: join(__dirname, '../../electron/cli/calcWorker.ts'), execArgv: ['--require', 'tsx/cjs'] };

export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const { files = {}, stdin = '', chunkBytes = 64 * 1024 } = options;
  let stdout = '';
  let stderr = '';
  let workerChunks = 0;
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
      if (typeof chunk !== 'string') workerChunks++;
      stdout += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    },
    stderr: (text) => {
      stderr += text;
    },
    today: '2026-11-23',
    defaultPack: pack,
    cores: availableParallelism(),
    workerEntry: SOURCE_WORKER,
    ...options.io,
  });
  return { code, stdout, stderr, workerChunks };
}
