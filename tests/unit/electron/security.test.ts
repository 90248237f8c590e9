/**
 * The desktop shell against Electron's security checklist: window options, IPC sender checks, and one
 * Content-Security-Policy for both transports. Electron itself is mocked: these run under plain Node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() }, net: {}, protocol: {} }));

const { isTrustedSender } = await import('../../../electron/main/ipc');
const { secureWebPreferences } = await import('../../../electron/main/windowOptions');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/contentSecurityPolicy');

describe('window options', () => {
  it('isolate and sandbox the renderer, without Node', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('IPC sender check', () => {
  const mainFrame = { url: 'app://renderer/index.html' };
  const webContents = { mainFrame };
  const window = { webContents } as never;
  const event = (frame: unknown, sender: unknown = webContents) => ({ senderFrame: frame, sender }) as never;

  it('accepts the app window\'s main frame', () => {
    expect(isTrustedSender(event(mainFrame), window)).toBe(true);
  });
  it('refuses another frame, another page, another window', () => {
    expect(isTrustedSender(event({ url: 'app://renderer/index.html' }), window)).toBe(false);
    const foreign = { url: 'https://evil.example/' };
    expect(isTrustedSender(event(foreign, { mainFrame: foreign }), window)).toBe(false);
    expect(isTrustedSender(event(mainFrame), undefined)).toBe(false);
  });
  it('refuses the app window if it was navigated away from the app', () => {
    const navigated = { url: 'https://evil.example/' };
    const other = { mainFrame: navigated };
    expect(isTrustedSender(event(navigated, other), { webContents: other } as never)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('allows no remote content, no eval and no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
  it('is the same in renderer/index.html (frame-ancestors is header-only)', () => {
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const headerOnly = ["frame-ancestors 'none'"];
    const expected = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !headerOnly.includes(d)).join('; ');
    expect(meta).toBe(expected);
  });
});
