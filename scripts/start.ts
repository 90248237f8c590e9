/**
 * `npm start` (electron-vite preview: build, then run) and `npm run dev` (electron-vite dev: hot reload)
 * from a checkout. The app runs in Electron, whose ABI differs from Node's; node_modules/better-sqlite3
 * stays built for Node (the tests need it), so this first makes sure an Electron build exists outside
 * node_modules (scripts/electronSqlite.ts) and hands its path to the main process in
 * HUIMIN_SQLITE_BINDING (electron/services/store/sqliteBinding.ts). Extra arguments go to electron-vite.
 *
 *   tsx scripts/start.ts preview|dev [electron-vite options]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureElectronSqlite } from './electronSqlite';
import { parseMode, startCommand } from './startCommand';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<number> {
  const { mode, rest } = parseMode(process.argv.slice(2));
  let binding: string;
  try {
    binding = await ensureElectronSqlite(ROOT);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    return 1;
  }
  const { command, args, env } = startCommand(ROOT, mode, rest, binding);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.error) console.error(`[start] electron-vite ${mode}: ${result.error.message}`);
  return result.status ?? 1;
}

void main().then((status) => process.exit(status));
