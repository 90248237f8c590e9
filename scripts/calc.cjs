#!/usr/bin/env node
// @ts-check
/**
 * `npm run -s calc`: the command line (electron/cli/calc.ts) run from a bundle that esbuild builds
 * into .cache/calc/ (not in git; built on first use, so also on CI's fresh clone). Starting a bundle
 * takes a fraction of the time of compiling the TypeScript sources through tsx.
 *
 * The bundle can never be stale: .cache/calc/current.json lists every file it was built from (each
 * source file, the packs, the node_modules files bundled, this launcher, package.json and the
 * tsconfig files) with size, mtime and a hash of the bytes esbuild was given, and the folders of the
 * project's sources with the list of their source files. Each run stats them (a few ms): a file whose size or mtime
 * differs is hashed, and if its bytes differ (or a folder gained or lost a file, or a file is gone)
 * the bundle is rebuilt before anything is computed. Bundles are named by the hash of their inputs
 * and written whole (temporary file, then rename), so runs at the same time never see half a file
 * and worker threads load exactly the code their main thread runs.
 *
 * When esbuild cannot be loaded or .cache/ cannot be written, the sources run through tsx instead
 * (slower to start, same results). HUIMIN_CALC_SOURCE=1 forces that.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = 'electron/cli/calc.ts';
const CACHE = path.join(ROOT, '.cache', 'calc');
const POINTER = path.join(CACHE, 'current.json');
/** read by esbuild besides the bundled files, so part of the inputs */
const CONFIG_FILES = ['scripts/calc.cjs', 'package.json', 'tsconfig.json', 'tsconfig.base.json'];
/** bundles of earlier inputs are removed once they are this old (a run still using one has long loaded it) */
const OLD_BUNDLE_MS = 24 * 3600 * 1000;

/**
 * @typedef {[string, number, number, string]} FileEntry  path (relative to ROOT), size, mtimeMs, sha256
 * @typedef {[string, number, string]} DirEntry  path, mtimeMs, sha256 of the sorted listing
 * @typedef {{ bundle: string, files: FileEntry[], dirs: DirEntry[] }} Manifest
 */

/** @param {string | Buffer} data */
function sha256(data) {
  return require('node:crypto').createHash('sha256').update(data).digest('hex');
}

/**
 * The source files of a folder: a file added beside an import can change what it resolves to
 * (`./x` → x.ts before x/index.ts). Folders are left out, so artifacts/ or out/ appearing is no change.
 * @param {string} dir
 */
function listingHash(dir) {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && /\.(ts|js|cjs|mjs|json)$/.test(entry.name))
    .map((entry) => entry.name);
  return sha256(names.sort().join('\n'));
}

/** @param {string} file @param {string} data */
function writeWhole(file, data) {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/** @returns {Manifest | null} */
function readManifest() {
  try {
    const manifest = JSON.parse(fs.readFileSync(POINTER, 'utf8'));
    if (typeof manifest.bundle !== 'string' || !Array.isArray(manifest.files) || !Array.isArray(manifest.dirs)) return null;
    return manifest;
  } catch {
    return null;
  }
}

/**
 * Whether the bundle still answers to its inputs. Returns the manifest with refreshed mtimes when
 * files were only touched (git checkout, copies), so the next run need not hash them again.
 * @param {Manifest} manifest
 * @returns {{ fresh: boolean, touched: boolean }}
 */
function checkInputs(manifest) {
  let touched = false;
  if (!fs.existsSync(path.join(CACHE, manifest.bundle))) return { fresh: false, touched };
  for (const entry of manifest.files) {
    const [file, size, mtimeMs, hash] = entry;
    const stat = fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false });
    if (!stat) return { fresh: false, touched };
    if (stat.size === size && stat.mtimeMs === mtimeMs) continue;
    if (stat.size !== size || sha256(fs.readFileSync(path.join(ROOT, file))) !== hash) return { fresh: false, touched };
    entry[2] = stat.mtimeMs;
    touched = true;
  }
  for (const entry of manifest.dirs) {
    const [dir, mtimeMs, hash] = entry;
    const stat = fs.statSync(path.join(ROOT, dir), { throwIfNoEntry: false });
    if (!stat) return { fresh: false, touched };
    if (stat.mtimeMs === mtimeMs) continue;
    if (listingHash(path.join(ROOT, dir)) !== hash) return { fresh: false, touched };
    entry[1] = stat.mtimeMs;
    touched = true;
  }
  return { fresh: true, touched };
}

const LOADERS = /** @type {const} */ ({ '.ts': 'ts', '.js': 'js', '.cjs': 'js', '.mjs': 'js', '.json': 'json' });

/**
 * Builds the bundle; every file esbuild reads goes through the onLoad hook below, which records the
 * bytes it hands over (stat first, then read: a file changed meanwhile shows a newer mtime next time
 * and is hashed again).
 * @returns {Promise<Manifest>}
 */
async function build() {
  const esbuild = require('esbuild');
  /** @type {Map<string, FileEntry>} */
  const files = new Map();
  /** @type {Map<string, DirEntry>} */
  const dirs = new Map();
  /** @param {string} absolute */
  const record = (absolute) => {
    const stat = fs.statSync(absolute);
    const bytes = fs.readFileSync(absolute);
    const relative = path.relative(ROOT, absolute).split(path.sep).join('/');
    files.set(relative, [relative, stat.size, stat.mtimeMs, sha256(bytes)]);
    const dir = path.dirname(relative);
    if (!relative.split('/').includes('node_modules') && !dirs.has(dir)) {
      const absoluteDir = path.join(ROOT, dir);
      dirs.set(dir, [dir, fs.statSync(absoluteDir).mtimeMs, listingHash(absoluteDir)]);
    }
    return bytes;
  };
  for (const file of CONFIG_FILES) record(path.join(ROOT, file));
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, ENTRY)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // the native module is never needed by the command line; keep it out should an import reach it
    external: ['better-sqlite3'],
    minifyWhitespace: true,
    minifySyntax: true,
    write: false,
    outfile: path.join(CACHE, 'calc.cjs'),
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-inputs',
        setup(setup) {
          setup.onLoad({ filter: /\.(ts|js|cjs|mjs|json)$/ }, (args) => {
            const extension = /** @type {keyof typeof LOADERS} */ (path.extname(args.path));
            return { contents: record(args.path), loader: LOADERS[extension] };
          });
        },
      },
    ],
  });
  esbuild.stop();
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  const sorted = [...files.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const key = sha256(sorted.map(([file, , , hash]) => `${file}\0${hash}`).join('\n')).slice(0, 24);
  const bundle = `calc-${key}.cjs`;
  fs.mkdirSync(CACHE, { recursive: true });
  if (!fs.existsSync(path.join(CACHE, bundle))) writeWhole(path.join(CACHE, bundle), output.contents);
  const manifest = { bundle, files: sorted, dirs: [...dirs.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
  writeWhole(POINTER, JSON.stringify(manifest));
  removeOldBundles(bundle);
  return manifest;
}

/** @param {string} keep */
function removeOldBundles(keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(CACHE)) {
    if (name.startsWith(keep) || !/^calc-[0-9a-f]+\.cjs(\.v8cache)?$/.test(name)) continue;
    const file = path.join(CACHE, name);
    try {
      if (now - fs.statSync(file).mtimeMs > OLD_BUNDLE_MS) fs.rmSync(file, { force: true });
    } catch {
      // another run removed it
    }
  }
}

/** The bundle to run, built or rebuilt when needed; null when it cannot be built here. */
async function freshBundle() {
  const manifest = readManifest();
  if (manifest) {
    const { fresh, touched } = checkInputs(manifest);
    if (fresh) {
      if (touched) {
        try {
          writeWhole(POINTER, JSON.stringify(manifest));
        } catch {
          // read-only checkout: the next run hashes the touched files again
        }
      }
      return path.join(CACHE, manifest.bundle);
    }
  }
  try {
    require.resolve('esbuild');
  } catch {
    return null;
  }
  return path.join(CACHE, (await build()).bundle);
}

/**
 * Runs the bundle as `require` would, with V8's code cache: the first run of a bundle saves the
 * compiled code (including the functions that run compiled, as it is taken at exit) beside it, later
 * runs skip most parsing and compiling. A cache V8 refuses (another Node) is simply written again.
 * @param {string} bundle
 * @param {string} source
 */
function runWithCodeCache(bundle, source) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const cacheFile = `${bundle}.v8cache`;
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => {
      try {
        writeWhole(cacheFile, script.createCachedData());
      } catch {
        // a cache is only a speed-up
      }
    });
  }
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = /** @type {{ _nodeModulePaths(dir: string): string[] }} */ (/** @type {unknown} */ (Module))._nodeModulePaths(path.dirname(bundle));
  const wrapper = script.runInThisContext();
  wrapper.call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
}

/** @param {unknown} error */
function fail(error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ error: { message: `命令行程序无法构建：${message}`, path: '' } })}\n`);
  process.exitCode = 1;
}

async function main() {
  if (process.env.HUIMIN_CALC_SOURCE !== '1') {
    let bundle = null;
    try {
      bundle = await freshBundle();
    } catch (error) {
      // a compile error in the sources is reported; an unwritable .cache/ falls back to the sources
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (!(typeof code === 'string' && /^E[A-Z]+$/.test(code))) return fail(error);
    }
    if (bundle) {
      /** @type {string} */
      let source;
      try {
        source = fs.readFileSync(bundle, 'utf8');
      } catch {
        // removed just now by a run that rebuilt for other sources (bundles a day old are cleared)
        bundle = path.join(CACHE, (await build()).bundle);
        source = fs.readFileSync(bundle, 'utf8');
      }
      return runWithCodeCache(bundle, source);
    }
  }
  require('tsx/cjs');
  require(path.join(ROOT, ENTRY));
}

if (require.main === module) void main();

module.exports = { freshBundle, readManifest, POINTER, CACHE };
