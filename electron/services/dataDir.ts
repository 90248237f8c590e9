/**
 * Where the database and backups live. Both the desktop app and the `npm run web` host use the same
 * folder, so a case saved in one is found in the other:
 *   1. an explicit folder (--data-dir=… or HUIMIN_DATA_DIR), for tests and special installs;
 *   2. portable mode: a folder "惠民政策测算台数据" beside the executable when the marker file
 *      "portable.txt" is there (a USB stick). "Beside the executable" is where the user put it: for
 *      an AppImage the .AppImage file ($APPIMAGE; the running binary is inside a temporary mount), for
 *      electron-builder's portable .exe the folder it announces in PORTABLE_EXECUTABLE_DIR (it runs
 *      from a temporary unpack folder);
 *   3. otherwise the user-data folder Electron would use: %APPDATA%\惠民政策测算台 on Windows,
 *      ~/.config/惠民政策测算台 on Linux, ~/Library/Application Support/惠民政策测算台 on macOS.
 * Environment variables that are empty count as unset; paths from the environment that are not
 * absolute are ignored (a relative one would depend on the folder the app happened to start in).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix, resolve, win32 } from 'node:path';

export const PRODUCT_NAME = '惠民政策测算台';
export const PORTABLE_MARKER = 'portable.txt';
export const PORTABLE_DATA_FOLDER = '惠民政策测算台数据';

export interface DataDirChoice {
  dataDir: string;
  portable: boolean;
  reason: 'explicit' | 'portable' | 'userData';
}

/** A variable's value when it is set, not empty; undefined otherwise. */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A folder or file named by the environment, only when it is an absolute path (on `platform`). */
function envPath(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform = process.platform): string | undefined {
  const value = envValue(env, name);
  return value !== undefined && (platform === 'win32' ? win32 : posix).isAbsolute(value) ? value : undefined;
}

/** Electron's default userData for this product, computed without Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(envPath(env, 'APPDATA', platform) ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(envPath(env, 'XDG_CONFIG_HOME', platform) ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/**
 * The folder the user sees the program in: the AppImage file's folder, the portable .exe's real
 * folder, else the executable's own.
 */
export function executableHome(executablePath: string, env: NodeJS.ProcessEnv = process.env): string {
  const appImage = envPath(env, 'APPIMAGE');
  if (appImage) return dirname(appImage);
  return envPath(env, 'PORTABLE_EXECUTABLE_DIR') ?? dirname(executablePath);
}

export function chooseDataDir(options: {
  explicit?: string | undefined;
  executablePath?: string | undefined;
  userDataDir?: string | undefined;
  env?: NodeJS.ProcessEnv;
}): DataDirChoice {
  const env = options.env ?? process.env;
  // given by the operator on purpose (--data-dir, HUIMIN_DATA_DIR): a relative folder is taken from the working directory
  const explicit = options.explicit || envValue(env, 'HUIMIN_DATA_DIR');
  if (explicit) return { dataDir: resolve(explicit), portable: false, reason: 'explicit' };
  if (options.executablePath) {
    const portableHome = executableHome(options.executablePath, env);
    if (existsSync(join(portableHome, PORTABLE_MARKER))) {
      return { dataDir: join(portableHome, PORTABLE_DATA_FOLDER), portable: true, reason: 'portable' };
    }
  }
  return { dataDir: join(options.userDataDir ?? defaultUserDataDir(env), 'data'), portable: false, reason: 'userData' };
}

/** `--data-dir=/path` or `--data-dir /path` from a command line. */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
    if (arg === '--data-dir') return argv[i + 1];
  }
  return undefined;
}
