/**
 * The packaging configuration (electron-builder.yml) checked without building an installer and without
 * Electron: the config parses and passes electron-builder's own schema; the targets, ids and names are
 * the ones the offices need; and — derived from a fresh `electron-vite build`, not from a hand-kept
 * list — every file the main process loads at run time is packaged, better-sqlite3's native binary is
 * unpacked from the asar, and no test, source or dev file ships.
 *
 * "Would electron-builder package this path?" is answered by electron-builder's own matcher code
 * (tests/support/electronBuilder.ts reaches it) — the same functions `electron-builder` calls while
 * packing. A re-implementation of the glob rules here could agree with itself and still disagree with
 * the packager.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PORTABLE_DATA_FOLDER, PORTABLE_MARKER, PRODUCT_NAME } from '../../../electron/services/dataDir';
import {
  abs,
  asarUnpackFilter,
  builderConfig,
  debugLogger,
  fakeStat,
  freshBuild,
  git,
  importedSpecifiers,
  listFiles,
  loadBuilderConfig,
  mainFilter,
  nodeModuleFilter,
  nodeModuleIncludes,
  packageNameOf,
  PLATFORMS,
  pngSize,
  productionPackages,
  requireHere,
  ROOT,
  walkIncludes,
  type Config,
  type ProdPackage,
} from '../../support/electronBuilder';

// --- the fixture: config, fresh build ---------------------------------------------------------------------
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const yamlConfig = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;

let buildDir: string;
/** posix paths the build produced, as they sit in the project: out/main/index.js, … */
let builtFiles: string[];
/** electron-builder's effective configuration (file + defaults), as it loads it */
let config: Config;

beforeAll(async () => {
  ({ dir: buildDir, files: builtFiles } = freshBuild());
  config = await loadBuilderConfig();
}, 240_000);

afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

// --- the configuration -----------------------------------------------------------------------------------
describe('electron-builder.yml', () => {
  it('parses and passes electron-builder 26’s own schema validation', async () => {
    expect(yamlConfig).toBeTypeOf('object');
    await expect(builderConfig.validateConfiguration(config, debugLogger)).resolves.toBeUndefined();
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'build' });
  });

  it('names the app 惠民政策测算台 everywhere the data folder depends on it, with a stable ASCII app id', () => {
    expect(yamlConfig.productName).toBe('惠民政策测算台');
    // Electron's userData folder is named after package.json productName; dataDir.ts mirrors it
    expect(packageJson.productName).toBe(yamlConfig.productName);
    expect(PRODUCT_NAME).toBe(yamlConfig.productName);
    expect(yamlConfig.appId).toBe('cn.gov.nanyang.huimin');
    expect(yamlConfig.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/);
    expect(yamlConfig.executableName).toMatch(/^[a-z0-9-]+$/);
    expect(yamlConfig.copyright).toMatch(/^Copyright © \d{4} \S/);
  });

  it('gives every artifact an ASCII-only file name', () => {
    const names = [yamlConfig.artifactName, yamlConfig.nsis?.artifactName, yamlConfig.portable?.artifactName].filter(Boolean);
    expect(names.length).toBe(3);
    for (const name of names) {
      expect(name).toMatch(/^[\x21-\x7e]+$/);
      expect(name).toContain('${version}');
      expect(name).toContain('${arch}');
    }
    // the three Windows/Linux names differ, so no target overwrites another in release/
    expect(new Set(names).size).toBe(3);
  });

  it('builds a per-user-or-per-machine NSIS installer and a portable .exe for Windows x64', () => {
    const targets = yamlConfig.win.target as { target: string; arch: string[] }[];
    expect(targets.map((t) => [t.target, t.arch])).toEqual([
      ['nsis', ['x64']],
      ['portable', ['x64']],
    ]);
    expect(yamlConfig.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      shortcutName: '惠民政策测算台',
      // the cases live in %APPDATA%\惠民政策测算台: uninstalling must never delete them
      deleteAppDataOnUninstall: false,
    });
    expect(yamlConfig.win.icon).toBe('build/icon.ico');
  });

  it('builds deb and AppImage for Linux x64 and arm64 (统信UOS, 麒麟) with Chinese desktop metadata', () => {
    const targets = yamlConfig.linux.target as { target: string; arch: string[] }[];
    expect(targets.map((t) => [t.target, [...t.arch].sort()])).toEqual([
      ['deb', ['arm64', 'x64']],
      ['AppImage', ['arm64', 'x64']],
    ]);
    expect(yamlConfig.linux.category).toBe('Office');
    expect(yamlConfig.linux.synopsis).toMatch(/[\u4e00-\u9fff]/);
    expect(yamlConfig.linux.description).toMatch(/[\u4e00-\u9fff]/);
    // deb's maintainer and homepage are given at release time (scripts/releaseMetadata.ts), never invented here
    expect(yamlConfig.linux.maintainer).toBeUndefined();
    expect(yamlConfig.linux.vendor).toBe('惠民政策测算台开发组');
    expect(yamlConfig.linux.desktop.entry.Name).toBe('惠民政策测算台');
    expect(yamlConfig.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1']));
    expect(yamlConfig.extraMetadata.homepage).toBeUndefined();
    for (const file of ['electron-builder.yml', 'package.json']) {
      expect(readFileSync(join(ROOT, file), 'utf8'), `${file} has no placeholder address`).not.toMatch(/example\.(invalid|com|org)|\.invalid\b|localhost/);
    }
  });

  it('ships only the Chinese (and fallback English) Chromium locales and no update feed', () => {
    expect(yamlConfig.electronLanguages).toEqual(['zh-CN', 'en-US']);
    expect(yamlConfig.publish).toBeNull();
    expect(yamlConfig.asar).toBe(true);
    expect(yamlConfig.npmRebuild).toBe(true);
  });

  it('has the icons each platform reads, generated from build/icon.svg', () => {
    expect(existsSync(join(ROOT, 'build', 'icon.svg'))).toBe(true);
    expect(pngSize(join(ROOT, 'build', 'icon.png'))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(join(ROOT, 'build', 'icons', `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    // Windows: an .ico with a 256 px entry (electron-builder refuses smaller), used as is, no conversion
    const ico = readFileSync(join(ROOT, 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(yamlConfig.linux.icon).toBe('build/icons');
  });

  it('writes the installers to release/, which git ignores', () => {
    expect(git(['check-ignore', '--no-index', 'release/huimin-calculator-0.0.0-win-x64-setup.exe'])).toHaveLength(1);
  });
});

// --- what the main process needs at run time ------------------------------------------------------------
describe('the packaged app has everything the main process loads', () => {
  it('the build produced the main, preload and renderer entry points', () => {
    expect(builtFiles).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']));
    expect(packageJson.main).toBe('out/main/index.js');
  });

  for (const platform of PLATFORMS) {
    it(`${platform}: package.json and every built file are packaged (nothing else from the project)`, () => {
      const filter = mainFilter(platform);
      for (const file of [...builtFiles, 'package.json']) {
        expect(walkIncludes(filter, ROOT, file), file).toBe(true);
      }
    });

    it(`${platform}: every module the main and preload bundles load is a builtin, electron, or a packaged production dependency`, () => {
      const bundles = builtFiles.filter((f) => /^out\/(main|preload)\/.*\.[cm]?js$/.test(f));
      expect(bundles.length).toBeGreaterThanOrEqual(2);
      const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
      const production = productionPackages(packageJson.dependencies);
      const seen = new Set<string>();

      for (const bundle of bundles) {
        const code = readFileSync(join(buildDir, bundle.slice('out/'.length)), 'utf8');
        for (const specifier of importedSpecifiers(code)) {
          if (specifier.startsWith('.') || specifier.startsWith('/')) {
            // a chunk of the build itself: must exist in out/ (and is packaged, checked above)
            const target = posix.normalize(posix.join(posix.dirname(bundle), specifier));
            const candidates = [target, `${target}.js`, `${target}/index.js`];
            expect(candidates.some((c) => builtFiles.includes(c)), `${bundle} loads ${specifier}`).toBe(true);
            continue;
          }
          if (builtins.has(specifier) || specifier === 'electron' || specifier.startsWith('electron/')) continue;
          const name = packageNameOf(specifier);
          seen.add(name);
          expect(
            packageJson.dependencies[name],
            `${bundle} loads "${specifier}": it must be in package.json "dependencies"${packageJson.devDependencies[name] ? ' (it is only a devDependency, which electron-builder does not package)' : ''}`,
          ).toBeDefined();
          // the entry Node resolves for require() from the app, and the package's manifest, are packaged
          const pkg = production.find((p) => p.rel === `node_modules/${name}`);
          expect(pkg, `${name} is installed at node_modules/${name}`).toBeDefined();
          const entry = relative((pkg as ProdPackage).dir, requireHere.resolve(specifier, { paths: [ROOT] }))
            .split(sep)
            .join('/');
          expect(nodeModuleIncludes(platform, pkg as ProdPackage, entry), `${name}/${entry}`).toBe(true);
          expect(nodeModuleIncludes(platform, pkg as ProdPackage, 'package.json'), `${name}/package.json`).toBe(true);
        }
      }
      // the bundle really is scanned (decimal.js and zod are externalised by electron-vite today)
      expect(seen.size).toBeGreaterThan(0);
    });

    it(`${platform}: no code file of any production dependency is cut by the files patterns`, () => {
      const production = productionPackages(packageJson.dependencies);
      expect(production.map((p) => p.name)).toEqual(expect.arrayContaining(Object.keys(packageJson.dependencies)));
      const cut: string[] = [];
      for (const pkg of production) {
        const filter = nodeModuleFilter(platform, pkg);
        const dirCache = new Map<string, boolean>();
        for (const file of listFiles(pkg.dir)) {
          if (file.startsWith('node_modules/')) continue; // nested packages are checked on their own
          // what Node can load: scripts, JSON data, native addons (a package's tsconfig is not one)
          if (!/\.([cm]?js|json|node)$/.test(file) || /(^|\/)(tsconfig|jsconfig)[^/]*\.json$/.test(file)) continue;
          if (pkg.name === 'better-sqlite3' && /^(deps|src)\//.test(file)) continue; // C sources, excluded on purpose
          if (!walkIncludes(filter, pkg.dir, file, pkg.rel, dirCache)) cut.push(`${pkg.rel}/${file}`);
        }
      }
      expect(cut).toEqual([]);
    });

    it(`${platform}: the renderer's index.html and every asset it references are packaged`, () => {
      const filter = mainFilter(platform);
      const html = readFileSync(join(buildDir, 'renderer', 'index.html'), 'utf8');
      const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string).filter((r) => !/^[a-z]+:/i.test(r));
      expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
      for (const ref of refs) {
        const file = posix.normalize(posix.join('out/renderer', ref));
        expect(builtFiles, ref).toContain(file);
        expect(walkIncludes(filter, ROOT, file), file).toBe(true);
      }
    });

    it(`${platform}: better-sqlite3's native binaries are packaged and unpacked from the asar`, () => {
      const sqlite = productionPackages(packageJson.dependencies).find((p) => p.rel === 'node_modules/better-sqlite3') as ProdPackage;
      expect(sqlite).toBeDefined();
      const natives = listFiles(sqlite.dir).filter((f) => f.endsWith('.node'));
      expect(natives, 'better-sqlite3 is built (npm install compiles or downloads it)').toContain('build/Release/better_sqlite3.node');
      const unpack = asarUnpackFilter(platform);
      for (const file of natives) {
        expect(nodeModuleIncludes(platform, sqlite, file), file).toBe(true);
        const moduleFullFilePath = `${sqlite.rel}/${file}`;
        expect(unpack(join(sqlite.dir, file), fakeStat(false, moduleFullFilePath)), `${moduleFullFilePath} is unpacked`).toBe(true);
      }
      // the app's own code stays inside the asar
      expect(unpack(abs('out/main/index.js'), fakeStat(false))).toBe(false);
      // its C sources are not shipped; its JavaScript is
      expect(nodeModuleIncludes(platform, sqlite, 'deps/sqlite3/sqlite3.c')).toBe(false);
      expect(nodeModuleIncludes(platform, sqlite, 'lib/index.js')).toBe(true);
    });
  }
});

// --- what must never ship --------------------------------------------------------------------------------
describe('no test, source or dev file ships', () => {
  /** everything in the working tree git knows about (tracked or not ignored) */
  const projectFiles = (): string[] => git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  /** git-ignored folders of the working tree (artifacts/, .tmp/, …), except the two handled elsewhere */
  const ignoredDirs = (): string[] =>
    git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'])
      .filter((p) => p.endsWith('/'))
      .map((p) => p.slice(0, -1))
      .filter((p) => p !== 'out' && p !== 'node_modules' && !p.includes('/node_modules'));
  // paths that do not exist now but would be easy to add by mistake
  const probes = [
    'out/main/index.js.map',
    'out/renderer/assets/index.js.map',
    'out/main/index.test.js',
    'out/main/notes.md',
    'tests/unit/example.test.ts',
    'tests/e2e/globalSetup.ts',
    'artifacts/bench/results.json',
    'artifacts/screenshots/home.png',
    '.ci/run',
    'scripts/dist.ts',
    'electron/main/index.ts',
    'renderer/src/App.vue',
    'shared/money.ts',
    'seeds/index.ts',
    'build/icon.png',
    'release/linux-unpacked/resources/app.asar',
    'tsconfig.json',
    'tsconfig.web.json',
    'vitest.config.ts',
    'electron.vite.config.ts',
    'electron-builder.yml',
    'package-lock.json',
    'README.md',
    '.data/huimin.sqlite3',
    'coverage/index.html',
  ];
  const forbidden: [string, RegExp][] = [
    ['tests', /^tests\//],
    ['CI', /^\.ci\//],
    ['scripts', /^scripts\//],
    ['artifacts', /^artifacts\//],
    ['TypeScript/Vue sources', /\.(ts|tsx|mts|cts|vue)$/],
    ['test files', /\.(test|spec)\.[a-z]+$/],
    ['vite/vitest configs', /(^|\/)(vite|vitest|electron\.vite)\.config\./],
    ['tsconfig', /(^|\/)tsconfig[^/]*\.json$/],
    ['source maps', /\.map$/],
    ['markdown', /\.md$/],
    ['unbundled sources', /^(electron|renderer|shared|seeds)\//],
    ['build resources', /^build\//],
    ['installers', /^release\//],
  ];

  for (const platform of PLATFORMS) {
    it(`${platform}: of the whole project, exactly package.json and the built out/ files are packaged`, () => {
      const filter = mainFilter(platform);
      const candidates = [...new Set([...projectFiles(), ...builtFiles, ...probes])];
      const packaged = candidates.filter((f) => walkIncludes(filter, ROOT, f));
      const leaks = packaged.flatMap((f) => forbidden.filter(([, re]) => re.test(f)).map(([what]) => `${f} (${what})`));
      expect(leaks).toEqual([]);
      expect(packaged.sort()).toEqual([...builtFiles, 'package.json'].sort());
    });

    it(`${platform}: git-ignored folders (artifacts, local data, coverage, …) are not even entered`, () => {
      const filter = mainFilter(platform);
      const dirs = ignoredDirs();
      for (const dir of dirs) {
        const isDirectory = existsSync(abs(dir)) && statSync(abs(dir)).isDirectory();
        if (!isDirectory) continue;
        expect(filter(abs(dir), fakeStat(true)), `${dir}/ would be walked into`).toBe(false);
      }
      for (const dir of ['artifacts', '.data', '.tmp', '.cache', 'coverage', 'dist', 'release']) {
        expect(filter(abs(dir), fakeStat(true)), dir).toBe(false);
      }
    });
  }
});

describe('portable mode naming', () => {
  it('uses the marker and folder names the README documents', () => {
    expect(PORTABLE_MARKER).toBe('portable.txt');
    expect(PORTABLE_DATA_FOLDER).toBe('惠民政策测算台数据');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(PORTABLE_MARKER);
    expect(readme).toContain(PORTABLE_DATA_FOLDER);
  });
});
