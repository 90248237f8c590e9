/**
 * An Electron-ABI build of better-sqlite3 for running the desktop app from a checkout, kept outside
 * node_modules so that node_modules/better-sqlite3 stays built for Node (Vitest, the CLI, `npm run web`
 * and the benchmarks load it). One build per better-sqlite3 version, Electron version, platform and
 * architecture, in .cache/electron-sqlite/<that key>/node_modules/better-sqlite3: a copy of the
 * package's sources rebuilt by @electron/rebuild, which downloads the prebuilt Electron binary
 * (prebuild-install) or else compiles it against Electron's headers — internet the first time.
 * Packaging does not use this: scripts/dist.ts rebuilds the package's own copy for electron-builder.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { addonAbi, electronBuildEnv } from './nativeAddon';

export interface ElectronTarget {
  electronVersion: string;
  sqliteVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

export const CACHE_FOLDER = join('.cache', 'electron-sqlite');

function packageVersion(root: string, name: string): string {
  const file = createRequire(join(root, 'package.json')).resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** What this checkout runs: its Electron and better-sqlite3, on this machine. */
export function currentTarget(root: string): ElectronTarget {
  return { electronVersion: packageVersion(root, 'electron'), sqliteVersion: packageVersion(root, 'better-sqlite3'), platform: process.platform, arch: process.arch };
}

/** The build folder for one target (a package.json with better-sqlite3 in its node_modules). */
export function cacheDir(root: string, target: ElectronTarget): string {
  return join(root, CACHE_FOLDER, `better-sqlite3-${target.sqliteVersion}-electron-${target.electronVersion}-${target.platform}-${target.arch}`);
}

export function bindingPath(dir: string): string {
  return join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** Electron's NODE_MODULE_VERSION, from node-abi (the table @electron/rebuild uses); undefined if unknown. */
export function electronAbi(root: string, electronVersion: string): string | undefined {
  try {
    const requireFromRebuild = createRequire(createRequire(join(root, 'package.json')).resolve('@electron/rebuild'));
    const nodeAbi = requireFromRebuild('node-abi') as { getAbi(target: string, runtime: string): string };
    return nodeAbi.getAbi(electronVersion, 'electron');
  } catch {
    return undefined;
  }
}

/**
 * Whether `file` is a build for Electron: its ABI is the one expected, or — when the table does not
 * know this Electron yet — at least not this Node's (a Node build would fail in Electron at the first
 * database open with "NODE_MODULE_VERSION").
 */
export function isElectronBuild(file: string, expectedAbi: string | undefined, nodeAbi: string = process.versions.modules): boolean {
  if (!existsSync(file)) return false;
  const abi = addonAbi(file);
  if (abi === undefined) return false;
  return expectedAbi !== undefined ? abi === expectedAbi : abi !== nodeAbi;
}

/**
 * Lays out `dir` for @electron/rebuild: a package.json naming better-sqlite3, and a copy of the
 * installed package without its build/ (the Node build must not be mistaken for a finished one).
 */
export function prepareSources(packageDir: string, dir: string, sqliteVersion: string): void {
  rmSync(dir, { recursive: true, force: true });
  const target = join(dir, 'node_modules', 'better-sqlite3');
  mkdirSync(dirname(target), { recursive: true });
  cpSync(packageDir, target, { recursive: true, filter: (source) => source !== join(packageDir, 'build') });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'huimin-electron-sqlite', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`);
}

/** The Electron build for this checkout, built first if missing or stale; its path. */
export async function ensureElectronSqlite(root: string, log: (line: string) => void = console.log): Promise<string> {
  const target = currentTarget(root);
  const dir = cacheDir(root, target);
  const binding = bindingPath(dir);
  const expected = electronAbi(root, target.electronVersion);
  if (isElectronBuild(binding, expected)) return binding;

  log(`[start] better-sqlite3 ${target.sqliteVersion} for Electron ${target.electronVersion} (${target.platform}-${target.arch}): building once into ${dir}`);
  const packageDir = dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
  prepareSources(packageDir, dir, target.sqliteVersion);
  const { rebuild } = await import('@electron/rebuild');
  const saved = process.env;
  process.env = electronBuildEnv(saved);
  let failure = '';
  try {
    await rebuild({ buildPath: dir, electronVersion: target.electronVersion, arch: target.arch, platform: target.platform, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  } catch (error) {
    failure = ` (${(error as Error).message})`;
  } finally {
    process.env = saved;
  }
  if (!isElectronBuild(binding, expected)) {
    throw new Error(
      `better-sqlite3 could not be built for Electron ${target.electronVersion} (ABI ${expected ?? '?'}) in ${dir}${failure}: check the internet connection (the prebuilt binary or Electron's headers are downloaded) or install a C++ toolchain, then run again. node_modules/better-sqlite3 (the tests' Node build) was not touched.\n` +
        `无法为 Electron ${target.electronVersion} 准备 better-sqlite3：请联网（需要下载预编译文件或 Electron 头文件）或安装 C++ 编译环境后重试；node_modules 中供测试使用的 Node 版本未受影响。`,
    );
  }
  return binding;
}
