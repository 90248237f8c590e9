/**
 * `npm start` (electron-vite preview: build, then run) and `npm run dev` (electron-vite dev: hot reload)
 * from a checkout. The app runs in Electron, whose ABI differs from Node's; node_modules/better-sqlite3
 * stays built for Node (the tests need it), so this first makes sure an Electron build exists outside
 * node_modules (scripts/electronSqlite.ts) and hands its path to the main process in
 * HUIMIN_SQLITE_BINDING (electron/services/store/sqliteBinding.ts). Extra arguments go to electron-vite.
 *
 * When the desktop runtime cannot be prepared (offline, Electron not downloadable, no toolchain for the
 * native module), the first command of the README must still end in a working app: it says why in one
 * Chinese sentence and starts the browser mode (`npm run web`) instead, printing its address and
 * opening the default browser where there is one (HUIMIN_NO_BROWSER=1: never).
 *
 *   tsx scripts/start.ts preview|dev [electron-vite options]
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { browserOpener, prepareDesktop } from './desktopRuntime';
import { parseMode, startCommand } from './startCommand';

const ROOT = resolve(__dirname, '..');
/** the line `npm run web` prints once it listens (electron/web/serve.ts) */
const ADDRESS = /请在浏览器中打开：(http:\/\/\S+)/;

function openInBrowser(url: string): void {
  const opener = browserOpener();
  if (!opener) return;
  try {
    const child = spawn(opener.command, opener.args(url), { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser to open: the address is printed anyway
    child.unref();
  } catch {
    // the printed address is enough
  }
}

/** The browser mode in place of the desktop app: `npm run web`, its output passed through, the address opened. */
function startBrowserMode(): Promise<number> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '-s', 'web'], { cwd: ROOT, stdio: ['inherit', 'pipe', 'inherit'], env: process.env });
    let output = '';
    let opened = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (opened) return;
      output += chunk.toString();
      const match = ADDRESS.exec(output);
      if (match) {
        opened = true;
        openInBrowser(match[1] as string);
      }
    });
    const stop = () => child.kill('SIGTERM');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    child.on('exit', (code) => done(code ?? 0));
    child.on('error', (error) => {
      console.error(`[start] 浏览器模式未能启动：${error.message}`);
      done(1);
    });
  });
}

async function main(): Promise<number> {
  const { mode, rest } = parseMode(process.argv.slice(2));
  const runtime = await prepareDesktop(ROOT, console.log);
  if (!runtime.ok) {
    if (process.env.HUIMIN_START_DEBUG) console.error(runtime.detail);
    console.log(`[start] ${runtime.reason}，桌面版暂时无法启动，现改为浏览器模式启动（功能相同，数据存放在同一个文件夹）。`);
    return startBrowserMode();
  }
  const { command, args, env } = startCommand(ROOT, mode, rest, runtime.binding);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.error) console.error(`[start] electron-vite ${mode}: ${result.error.message}`);
  return result.status ?? 1;
}

void main().then((status) => process.exit(status));
