/**
 * Whether this checkout can run the desktop app, and if not, why — in one Chinese sentence for the
 * person who typed `npm start`. Two things must be ready: the Electron executable (downloaded on first
 * use by the electron package: needs the internet) and an Electron build of better-sqlite3
 * (scripts/electronSqlite.ts: a prebuilt download or a C++ toolchain).
 */
import { spawnSync } from 'node:child_process';
import { ensureElectronSqlite } from './electronSqlite';

export type DesktopRuntime = { ok: true; binding: string } | { ok: false; reason: string; detail: string };

/** Loads the electron package in a child (its first load downloads the executable); the path, or why not. */
export function electronExecutable(root: string): { path: string } | { reason: string; detail: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 10 * 60_000 });
  if (probe.status === 0 && probe.stdout.trim() !== '') return { path: probe.stdout.trim() };
  const detail = `${probe.error?.message ?? ''}${probe.stderr ?? ''}`.trim();
  return { reason: '未能下载 Electron 运行环境（本机可能没有联网或不能访问下载地址）', detail };
}

export async function prepareDesktop(root: string, log: (line: string) => void): Promise<DesktopRuntime> {
  const electron = electronExecutable(root);
  if ('reason' in electron) return { ok: false, ...electron };
  try {
    return { ok: true, binding: await ensureElectronSqlite(root, log) };
  } catch (error) {
    return { ok: false, reason: '未能为桌面版准备数据库组件 better-sqlite3（需要联网下载预编译文件，或安装 C++ 编译环境）', detail: (error as Error).message };
  }
}

/** The command that opens an address in the default browser here, or null where there is none (no desktop session). */
export function browserOpener(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { command: string; args: (url: string) => string[] } | null {
  if (env.HUIMIN_NO_BROWSER) return null;
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: (url) => [url] };
}
