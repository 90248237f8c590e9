/**
 * The desktop start from a checkout (scripts/start.ts) without Electron: where the Electron build of
 * better-sqlite3 is kept (outside node_modules, one per version/platform/arch), how a build is told to
 * be Electron's (its ABI, read from the binary), the sources laid out for @electron/rebuild, and the
 * electron-vite command with the addon named in HUIMIN_SQLITE_BINDING, which only an unpackaged main
 * process honours. The download/compile itself and Electron loading the addon are not run here.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_BINDING_ENV, sqliteBindingFromEnv } from '../../../electron/services/store/sqliteBinding';
import { bindingPath, cacheDir, currentTarget, electronAbi, isElectronBuild, prepareSources } from '../../../scripts/electronSqlite';
import { addonAbi } from '../../../scripts/nativeAddon';
import { parseMode, startCommand } from '../../../scripts/startCommand';

const ROOT = resolve(__dirname, '../../..');
const NODE_BUILD = join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

let sandbox: string;
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'huimin-electron-sqlite-'));
});
afterEach(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

describe('the Electron build of better-sqlite3 is kept outside node_modules', () => {
  it('one folder per better-sqlite3 version, Electron version, platform and architecture, under .cache/', () => {
    const target = { electronVersion: '42.11.18', sqliteVersion: '12.11.1', platform: 'win32' as const, arch: 'x64' };
    const dir = cacheDir('/repo', target);
    expect(dir).toBe(join('/repo', '.cache', 'electron-sqlite', 'better-sqlite3-12.11.1-electron-42.11.18-win32-x64'));
    expect(dir).not.toContain('node_modules/better-sqlite3');
    expect(cacheDir('/repo', { ...target, arch: 'arm64' })).not.toBe(dir);
    expect(cacheDir('/repo', { ...target, electronVersion: '43.0.0' })).not.toBe(dir);
    expect(bindingPath(dir)).toBe(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  });

  it('the target is this checkout: its electron and better-sqlite3 versions, this machine', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; dependencies: Record<string, string> };
    expect(currentTarget(ROOT)).toEqual({
      electronVersion: pkg.devDependencies.electron,
      sqliteVersion: pkg.dependencies['better-sqlite3'],
      platform: process.platform,
      arch: process.arch,
    });
  });
});

describe('telling an Electron build from a Node build', () => {
  it("node_modules' own build is Node's (the tests load it), so it is never taken for Electron's", () => {
    expect(addonAbi(NODE_BUILD)).toBe(process.versions.modules);
    const expected = electronAbi(ROOT, currentTarget(ROOT).electronVersion);
    expect(expected).toMatch(/^\d+$/);
    expect(expected).not.toBe(process.versions.modules);
    expect(isElectronBuild(NODE_BUILD, expected)).toBe(false);
    expect(isElectronBuild(NODE_BUILD, undefined)).toBe(false);
  });

  it('a binary exporting node_register_module_v<Electron ABI> is; a missing or unmarked file is not', () => {
    const fake = join(sandbox, 'better_sqlite3.node');
    writeFileSync(fake, Buffer.from('\u007fELF……node_register_module_v146\u0000……', 'latin1'));
    expect(isElectronBuild(fake, '146')).toBe(true);
    expect(isElectronBuild(fake, '147')).toBe(false);
    // Electron newer than node-abi's table: anything but this Node's ABI
    expect(isElectronBuild(fake, undefined, '127')).toBe(true);
    expect(isElectronBuild(fake, undefined, '146')).toBe(false);
    expect(isElectronBuild(join(sandbox, 'missing.node'), '146')).toBe(false);
    writeFileSync(fake, 'not an addon');
    expect(isElectronBuild(fake, '146')).toBe(false);
  });
});

describe('the sources handed to @electron/rebuild', () => {
  it('a copy of the package without its Node build, under a package.json that depends on it', () => {
    const pkg = join(sandbox, 'installed');
    for (const file of ['package.json', 'binding.gyp', 'lib/index.js', 'src/better_sqlite3.cpp', 'deps/sqlite3/sqlite3.c', 'build/Release/better_sqlite3.node']) {
      mkdirSync(join(pkg, file, '..'), { recursive: true });
      writeFileSync(join(pkg, file), file);
    }
    const dir = join(sandbox, 'cache', 'target');
    mkdirSync(join(dir, 'stale'), { recursive: true });
    prepareSources(pkg, dir, '12.11.1');
    const copied = join(dir, 'node_modules', 'better-sqlite3');
    for (const file of ['package.json', 'binding.gyp', 'lib/index.js', 'src/better_sqlite3.cpp', 'deps/sqlite3/sqlite3.c']) expect(existsSync(join(copied, file)), file).toBe(true);
    expect(existsSync(join(copied, 'build'))).toBe(false);
    expect(existsSync(join(dir, 'stale')), 'an earlier failed attempt is cleared').toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ private: true, dependencies: { 'better-sqlite3': '12.11.1' } });
    expect(existsSync(join(pkg, 'build', 'Release', 'better_sqlite3.node')), 'the installed package is left alone').toBe(true);
  });
});

describe('npm start / npm run dev', () => {
  it('runs electron-vite preview (default) or dev with the remaining arguments', () => {
    expect(parseMode([])).toEqual({ mode: 'preview', rest: [] });
    expect(parseMode(['dev', '--', '--data-dir=/tmp/x'])).toEqual({ mode: 'dev', rest: ['--', '--data-dir=/tmp/x'] });
    expect(parseMode(['--sourcemap'])).toEqual({ mode: 'preview', rest: ['--sourcemap'] });
  });

  it("through this Node and electron-vite's own CLI, naming the Electron build in HUIMIN_SQLITE_BINDING", () => {
    const binding = join(sandbox, 'better_sqlite3.node');
    const command = startCommand(ROOT, 'dev', ['--watch'], binding, { PATH: '/usr/bin' });
    expect(command.command).toBe(process.execPath);
    expect(existsSync(command.args[0] as string)).toBe(true);
    expect(command.args[0]).toMatch(/electron-vite[\\/]bin[\\/]electron-vite\.js$/);
    expect(command.args.slice(1)).toEqual(['dev', '--watch']);
    expect(command.env).toEqual({ PATH: '/usr/bin', [SQLITE_BINDING_ENV]: binding });
  });

  it('the main process takes the path only when not packaged, and only an absolute one', () => {
    const path = join(sandbox, 'better_sqlite3.node');
    expect(SQLITE_BINDING_ENV).toBe('HUIMIN_SQLITE_BINDING');
    expect(sqliteBindingFromEnv({ HUIMIN_SQLITE_BINDING: path }, false)).toBe(path);
    expect(sqliteBindingFromEnv({ HUIMIN_SQLITE_BINDING: path }, true)).toBeUndefined();
    expect(sqliteBindingFromEnv({}, false)).toBeUndefined();
    expect(sqliteBindingFromEnv({ HUIMIN_SQLITE_BINDING: '' }, false)).toBeUndefined();
    expect(sqliteBindingFromEnv({ HUIMIN_SQLITE_BINDING: 'cache/better_sqlite3.node' }, false)).toBeUndefined();
  });
});
