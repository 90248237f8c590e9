/**
 * The README's first command on a machine that cannot prepare the desktop runtime (this one cannot
 * download Electron): `npm start` says why in one Chinese sentence, starts the browser mode instead,
 * prints its address, and that address opens the 新建测算 page. Run as a newcomer would, from the
 * checkout, on a data folder of its own; no browser is opened by the script (HUIMIN_NO_BROWSER).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserOpener } from '../../scripts/desktopRuntime';
import { openApp, screenshot, type Session } from './support/browser';

const ROOT = join(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'huimin-start-'));
let child: ChildProcess | undefined;
let session: Session | undefined;

afterAll(async () => {
  await session?.close();
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone already
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start without a desktop runtime', () => {
  it('explains in Chinese, falls back to the browser mode and serves the intake page', async () => {
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, HUIMIN_DATA_DIR: dataDir, HUIMIN_NO_BROWSER: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /请在浏览器中打开：(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (match) resolve(match[1] as string);
      });
      child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child?.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
    });
    // one Chinese sentence saying why, before the browser mode's own lines
    const reason = output.split('\n').find((line) => line.startsWith('[start]')) ?? '';
    expect(reason).toMatch(/^\[start\] 未能.+桌面版暂时无法启动，现改为浏览器模式启动/);
    expect(reason.match(/。/g)?.length).toBe(1);
    expect(output).toContain(`数据文件夹：${dataDir}`);

    session = await openApp(url);
    await expect.poll(() => session?.page.getByRole('heading', { level: 1 }).first().textContent()).toBe('新建测算');
    await screenshot(session.page, 'start-fallback-intake');
    expect(session.consoleErrors).toEqual([]);
  });

  it('opens the default browser only where there is a desktop to show it', () => {
    expect(browserOpener('linux', {})).toBeNull();
    expect(browserOpener('linux', { DISPLAY: ':0' })?.command).toBe('xdg-open');
    expect(browserOpener('linux', { DISPLAY: ':0', HUIMIN_NO_BROWSER: '1' })).toBeNull();
    expect(browserOpener('win32', {})?.args('http://127.0.0.1:1/?token=a&b')).toEqual(['/c', 'start', '""', 'http://127.0.0.1:1/?token=a^&b']);
    expect(browserOpener('darwin', {})?.command).toBe('open');
  });
});
