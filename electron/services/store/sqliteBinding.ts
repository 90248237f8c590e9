/**
 * Which better-sqlite3 addon the desktop app loads when run from a checkout: `npm start` / `npm run dev`
 * (scripts/start.ts) build one for Electron's ABI outside node_modules and name it in
 * HUIMIN_SQLITE_BINDING. A packaged app ignores the variable: its own Electron build is in the package.
 */
import { isAbsolute } from 'node:path';

export const SQLITE_BINDING_ENV = 'HUIMIN_SQLITE_BINDING';

/** The addon to load, or undefined for node_modules' own (packaged, unset, empty or not an absolute path). */
export function sqliteBindingFromEnv(env: NodeJS.ProcessEnv, packaged: boolean): string | undefined {
  if (packaged) return undefined;
  const path = env[SQLITE_BINDING_ENV];
  return path && isAbsolute(path) ? path : undefined;
}
