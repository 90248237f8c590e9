/**
 * Where a worker thread's code is, for every pool of worker threads (重新测算, the command line, the
 * county's reading of 上报包): the built file beside the module that starts it (electron-vite's
 * bundle, the CLI bundle), else its TypeScript source run through tsx's loader (from source: `npm run
 * county`, tests). One rule, so a new way of building reaches every pool at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkerEntry {
  file: string;
  execArgv?: string[];
}

/** `name`.ts in `dir`, run through tsx's loader */
export function sourceEntry(dir: string, name: string): WorkerEntry {
  return { file: join(dir, `${name}.ts`), execArgv: ['--require', 'tsx/cjs'] };
}

/** `name`.js in `dir` when built, else its source; null when neither is there (a pool then computes in its own thread) */
export function entryBeside(dir: string, name: string): WorkerEntry | null {
  const built = join(dir, `${name}.js`);
  if (existsSync(built)) return { file: built };
  const source = sourceEntry(dir, name);
  return existsSync(source.file) ? source : null;
}
