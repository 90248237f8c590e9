/** How scripts/start.ts runs electron-vite: the mode, its arguments, and the addon path in the environment. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SQLITE_BINDING_ENV } from '../electron/services/store/sqliteBinding';

export type StartMode = 'preview' | 'dev';

/** `preview` (build, then run) unless the first argument says `dev`; the rest go to electron-vite. */
export function parseMode(argv: readonly string[]): { mode: StartMode; rest: string[] } {
  const [first, ...rest] = argv;
  if (first === 'preview' || first === 'dev') return { mode: first, rest };
  return { mode: 'preview', rest: [...argv] };
}

/** The electron-vite command for a mode, with the Electron build of better-sqlite3 named in the environment. */
export function startCommand(
  root: string,
  mode: StartMode,
  args: readonly string[],
  binding: string,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const cli = join(dirname(createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  return { command: process.execPath, args: [cli, mode, ...args], env: { ...env, [SQLITE_BINDING_ENV]: binding } };
}
