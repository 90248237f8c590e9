/**
 * electron-builder's own packing code, reached for the packaging test (tests/unit/packaging/
 * packagingConfig.test.ts) without building an installer: its configuration loader and validator, and
 * the file matchers it packs with (app-builder-lib, which electron-builder 26.17.0 pins to exactly
 * 26.17.0): getMainFileMatchers for the app files, getNodeModuleFileMatcher for node_modules,
 * getFileMatchers("asarUnpack") for the unpacked files, with their default exclusions, directory pruning
 * and minimatch options. Typed just enough; plus the walks over the project, the build and the installed
 * production packages the test asks them about.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
export const requireHere = createRequire(import.meta.url);
// app-builder-lib exactly as electron-builder resolves it
const requireFromBuilder = createRequire(requireHere.resolve('electron-builder/package.json', { paths: [ROOT] }));

export type Stat = { isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean; moduleFullFilePath?: string };
export type Filter = (file: string, stat: Stat) => boolean;
export interface FileMatcher {
  readonly from: string;
  readonly patterns: string[];
  createFilter(): Filter;
}
export type Config = Record<string, any>;
export interface PackagerInfo {
  projectDir: string;
  buildResourcesDir: string;
  isPrepackedAppAsar: boolean;
  config: Config;
  debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void };
}
export const builderConfig = requireFromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Config | null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: PackagerInfo['debugLogger']): Promise<void>;
};
const fileMatcherModule = requireFromBuilder('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, macroExpander: (s: string) => string, patterns: string[]) => FileMatcher;
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformSpecificBuildOptions: Config,
    platformPackager: { info: PackagerInfo },
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformSpecificBuildOptions: Config,
    packager: PackagerInfo,
  ): FileMatcher;
  getFileMatchers(
    config: Config,
    name: 'asarUnpack',
    destination: string,
    options: { macroExpander: (s: string) => string; customBuildOptions: Config; globalOutDir: string; defaultSrc: string },
  ): FileMatcher[] | null;
};

const DESTINATION = join(tmpdir(), 'huimin-packaging-check', 'resources', 'app'); // never written to
const noMacros = (pattern: string): string => pattern;
export const debugLogger = { isEnabled: false, add: () => {} };

export function fakeStat(isDirectory: boolean, moduleFullFilePath?: string): Stat {
  return { isDirectory: () => isDirectory, isFile: () => !isDirectory, isSymbolicLink: () => false, moduleFullFilePath };
}

/** posix path → absolute path under the project */
export const abs = (rel: string): string => join(ROOT, ...rel.split('/'));

/**
 * Whether electron-builder's walk would copy the file `rel` (posix, relative to `base`): every parent
 * directory must pass the filter (the walk does not descend into a rejected directory), then the file.
 * `moduleRel` gives the path electron-builder matches node_modules files by ("node_modules/x/...").
 */
export function walkIncludes(filter: Filter, base: string, rel: string, moduleRel?: string, dirCache = new Map<string, boolean>()): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    let ok = dirCache.get(dir);
    if (ok === undefined) {
      ok = filter(join(base, ...dir.split('/')), fakeStat(true, moduleRel === undefined ? undefined : posix.join(moduleRel, dir)));
      dirCache.set(dir, ok);
    }
    if (!ok) return false;
  }
  return filter(join(base, ...parts), fakeStat(false, moduleRel === undefined ? undefined : posix.join(moduleRel, rel)));
}

export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

export function git(args: string[]): string[] {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.split('\0').filter(Boolean);
}

/** bare module names a bundled file loads: require("x"), import("x"), import … from "x", export … from "x" */
export function importedSpecifiers(code: string): string[] {
  const patterns = [
    /\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /^\s*(?:import|export)\s[^;'"`]*?\sfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
  ];
  return [...new Set(patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1] as string)))];
}

export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Node's lookup: node_modules/<name> in `fromDir` or the nearest ancestor that has it */
function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir || !dir.startsWith(ROOT)) return undefined;
  }
}

export interface ProdPackage {
  name: string;
  dir: string;
  /** posix path relative to the app root, e.g. node_modules/better-sqlite3 */
  rel: string;
}

/** The production dependency closure of package.json "dependencies", as installed. */
export function productionPackages(rootDependencies: Record<string, string>): ProdPackage[] {
  const found = new Map<string, ProdPackage>();
  const queue: { name: string; from: string; optional: boolean }[] = Object.keys(rootDependencies).map((name) => ({ name, from: ROOT, optional: false }));
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift() as { name: string; from: string; optional: boolean };
    const dir = findPackageDir(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`production dependency ${name} (needed from ${relative(ROOT, from) || '.'}) is not installed`);
    }
    if (found.has(dir)) continue;
    found.set(dir, { name, dir, rel: relative(ROOT, dir).split(sep).join('/') });
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true });
  }
  return [...found.values()];
}

export function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export const PLATFORMS = ['win', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** electron-builder's effective configuration (file + defaults), as loadBuilderConfig loaded it */
let config: Config;
let packagerInfo: PackagerInfo;

/** Loads electron-builder's configuration as it does (electron-builder.yml and its defaults). */
export async function loadBuilderConfig(): Promise<Config> {
  config = await builderConfig.getConfig(ROOT, null, null);
  packagerInfo = {
    projectDir: ROOT,
    buildResourcesDir: resolve(ROOT, config.directories.buildResources as string),
    isPrepackedAppAsar: false,
    config,
    debugLogger,
  };
  return config;
}

/** A fresh `electron-vite build` of exactly this tree, in a temp folder (a parallel run's out/ is left alone). */
export function freshBuild(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'huimin-packaging-out-'));
  const electronVite = join(dirname(requireHere.resolve('electron-vite/package.json', { paths: [ROOT] })), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build', '--outDir', dir, '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  /** posix paths the build produced, as they sit in the project: out/main/index.js, … */
  return { dir, files: listFiles(dir).map((f) => `out/${f}`) };
}

function platformOptions(platform: Platform): Config {
  return (config[platform] as Config | undefined) ?? {};
}

export function mainFilter(platform: Platform): Filter {
  const matchers = fileMatcherModule.getMainFileMatchers(
    ROOT,
    DESTINATION,
    noMacros,
    platformOptions(platform),
    { info: packagerInfo },
    resolve(ROOT, config.directories.output as string),
    false,
  );
  // one file set rooted at the project: anything else (from/to mappings) would need its own check
  expect(matchers.map((m) => m.from)).toEqual([ROOT]);
  return (matchers[0] as FileMatcher).createFilter();
}

/** electron-builder's filter for files inside one installed package */
export function nodeModuleFilter(platform: Platform, pkg: ProdPackage): Filter {
  const moduleMatcher = fileMatcherModule.getNodeModuleFileMatcher(ROOT, DESTINATION, noMacros, platformOptions(platform), packagerInfo);
  return new fileMatcherModule.FileMatcher(pkg.dir, join(DESTINATION, pkg.rel), noMacros, moduleMatcher.patterns).createFilter();
}

export function nodeModuleIncludes(platform: Platform, pkg: ProdPackage, fileInPackage: string): boolean {
  return walkIncludes(nodeModuleFilter(platform, pkg), pkg.dir, fileInPackage, pkg.rel);
}

export function asarUnpackFilter(platform: Platform): Filter {
  const matchers = fileMatcherModule.getFileMatchers(config, 'asarUnpack', DESTINATION, {
    macroExpander: noMacros,
    customBuildOptions: platformOptions(platform),
    globalOutDir: resolve(ROOT, config.directories.output as string),
    defaultSrc: ROOT,
  });
  expect(matchers, 'asarUnpack is set').not.toBeNull();
  return (matchers as FileMatcher[])[0]!.createFilter();
}
