/**
 * `npm run dist [-- <electron-builder options>]`: build the installers into release/.
 *
 *   1. electron-vite build                → out/ (main, preload, renderer)
 *   2. electron-builder <options>         → release/ ; first it rebuilds node_modules/better-sqlite3 for
 *      Electron's ABI (npmRebuild), which replaces the Node build the tests use
 *   3. check that each better_sqlite3.node packaged under release/ was really built for Electron (its
 *      ABI differs from this Node's): a build against Node's headers loads in the tests but makes the
 *      installed app fail at start with "NODE_MODULE_VERSION"
 *   4. always, even when 2 failed: give node_modules/better-sqlite3 back to Node — if Node cannot load
 *      it, `npm rebuild better-sqlite3`; if that fails too (offline, no compiler), put back the copy of
 *      the Node build saved before step 2 (a failed rebuild deletes the binary); then drop
 *      @electron/rebuild's build/Release/.forge-meta marker, so the next dist rebuilds for Electron
 *
 * A deb also needs HUIMIN_HOMEPAGE and HUIMIN_MAINTAINER (scripts/releaseMetadata.ts).
 * Needs internet: electron-builder downloads Electron for each target and its NSIS/AppImage tools, and
 * the rebuilds fetch prebuilt better-sqlite3 binaries. Never run from postinstall.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { addonAbi, electronBuildEnv } from './nativeAddon';
import { buildsDeb, releaseMetadataArgs } from './releaseMetadata';

const ROOT = resolve(__dirname, '..');
const isWindows = process.platform === 'win32';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
}

function run(label: string, command: string, args: readonly string[], options: SpawnSyncOptions = {}): number {
  console.log(`\n[dist] ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) console.error(`[dist] ${label}: ${result.error.message}`);
  return result.status ?? 1;
}

function runNodeCli(label: string, cli: string, args: readonly string[]): number {
  return run(label, process.execPath, [cli, ...args]);
}

/** npm itself: the npm-cli.js that started this script when run by `npm run`, else npm on the PATH. */
function runNpm(label: string, args: readonly string[]): number {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return runNodeCli(label, npmCli, args);
  return run(label, 'npm', args, { shell: isWindows });
}

/** Whether this Node can load better-sqlite3 (i.e. the binary in node_modules has Node's ABI). */
function nodeCanLoadSqlite(): boolean {
  const probe = "const Database = require('better-sqlite3'); new Database(':memory:').close();";
  return spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

/** better_sqlite3.node in every unpacked app electron-builder wrote to release/ since `since`. */
function packagedSqliteBinaries(since: number): string[] {
  const release = join(ROOT, 'release');
  if (!existsSync(release)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(release, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.endsWith('-unpacked')) continue;
    const binary = join(release, entry.name, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    if (existsSync(binary) && statSync(binary).mtimeMs >= since) found.push(binary);
  }
  return found;
}

/** Remove @electron/rebuild's "already built for Electron" marker beside a binary that is Node's. */
function forgetElectronBuild(binary: string): void {
  rmSync(join(dirname(binary), '.forge-meta'), { force: true });
}

function main(): number {
  const metadata = releaseMetadataArgs(process.env);
  const builderArgs = [...process.argv.slice(2), ...metadata.args];
  if (buildsDeb(builderArgs, process.platform) && metadata.missing.length > 0) {
    console.error(
      `[dist] a deb package needs a homepage and a maintainer; set ${metadata.missing.join(' and ')} (or build other targets: --win, --linux AppImage, --dir).\n` +
        `[dist] deb 安装包必须写明项目主页和维护者：请设置环境变量 ${metadata.missing.join('、')} 后重试（或只打包其他格式）。`,
    );
    return 1;
  }
  const sqliteBinary = join(packageDir('better-sqlite3'), 'build', 'Release', 'better_sqlite3.node');

  // keep the Node build the tests use, in case it cannot be rebuilt afterwards
  const backupDir = mkdtempSync(join(tmpdir(), 'huimin-dist-'));
  const backup = join(backupDir, 'better_sqlite3.node');
  const hadNodeBuild = existsSync(sqliteBinary) && nodeCanLoadSqlite();
  if (hadNodeBuild) copyFileSync(sqliteBinary, backup);
  // @electron/rebuild skips a module whose build/Release/.forge-meta names this Electron version; next
  // to a Node build that marker is stale (left by an earlier dist) and would ship the Node build.
  if (hadNodeBuild) forgetElectronBuild(sqliteBinary);

  let status = runNodeCli('electron-vite build', join(packageDir('electron-vite'), 'bin', 'electron-vite.js'), ['build']);
  try {
    if (status === 0) {
      const started = Date.now() - 1000;
      status = run(
        `electron-builder ${builderArgs.join(' ')}`.trim(),
        process.execPath,
        [join(packageDir('electron-builder'), 'cli.js'), ...builderArgs],
        { env: electronBuildEnv() },
      );
      if (status === 0) {
        for (const binary of packagedSqliteBinaries(started)) {
          const abi = addonAbi(binary);
          const ok = abi !== undefined && abi !== process.versions.modules;
          console.log(`[dist] ${relative(ROOT, binary)}: NODE_MODULE_VERSION ${abi ?? '?'} ${ok ? '(Electron)' : '— built for Node, not Electron!'}`);
          if (!ok) status = 1;
        }
        if (status !== 0) {
          console.error(
            '[dist] better-sqlite3 was packaged with a Node build: delete node_modules/better-sqlite3/build, run `npm ci` and `npm run dist` again on a machine with internet.\n' +
              '[dist] 安装包中的 better-sqlite3 是 Node 版本而不是 Electron 版本：请删除 node_modules/better-sqlite3/build，执行 `npm ci` 后在联网电脑上重新 `npm run dist`。',
          );
        }
      }
    }
  } finally {
    if (!nodeCanLoadSqlite()) {
      console.log(`\n[dist] node_modules/better-sqlite3 no longer loads in Node (Electron build, or removed by a failed rebuild); restoring the Node ${process.version} build for the tests`);
      if (runNpm('npm rebuild better-sqlite3', ['rebuild', 'better-sqlite3']) !== 0 || !nodeCanLoadSqlite()) {
        if (hadNodeBuild) {
          console.log('[dist] npm rebuild failed; putting back the Node build saved before packaging');
          mkdirSync(dirname(sqliteBinary), { recursive: true });
          copyFileSync(backup, sqliteBinary);
        }
      }
      forgetElectronBuild(sqliteBinary);
      if (!nodeCanLoadSqlite()) {
        console.error(
          '[dist] better-sqlite3 still cannot be loaded by Node: run `npm rebuild better-sqlite3` (needs internet or a C++ compiler) before `npm test`.\n' +
            '[dist] better-sqlite3 仍无法在 Node 中加载：运行测试前请执行 `npm rebuild better-sqlite3`（需要联网或 C++ 编译环境）。',
        );
        if (status === 0) status = 1;
      } else {
        console.log('[dist] better-sqlite3: Node build restored');
      }
    }
    rmSync(backupDir, { recursive: true, force: true });
  }
  if (status === 0) console.log(`\n[dist] installers are in ${join(ROOT, 'release')}`);
  return status;
}

process.exit(main());
