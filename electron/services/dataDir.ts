/**
 * Where the database and backups live. Both the desktop app and the `npm run web` host use the same
 * folder, so a case saved in one is found in the other:
 *   1. an explicit folder (--data-dir=… or HUIMIN_DATA_DIR), for tests and special installs;
 *   2. portable mode: a folder "惠民政策测算台数据" beside the executable when the marker file
 *      "portable.txt" is there (a USB stick);
 *   3. otherwise the user-data folder Electron would use: %APPDATA%\惠民政策测算台 on Windows,
 *      ~/.config/惠民政策测算台 on Linux, ~/Library/Application Support/惠民政策测算台 on macOS.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const PRODUCT_NAME = '惠民政策测算台';
export const PORTABLE_MARKER = 'portable.txt';
export const PORTABLE_DATA_FOLDER = '惠民政策测算台数据';

export interface DataDirChoice {
  dataDir: string;
  portable: boolean;
  reason: 'explicit' | 'portable' | 'userData';
}

/** Electron's default userData for this product, computed without Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function chooseDataDir(options: {
  explicit?: string | undefined;
  executablePath?: string | undefined;
  userDataDir?: string | undefined;
  env?: NodeJS.ProcessEnv;
}): DataDirChoice {
  const env = options.env ?? process.env;
  const explicit = options.explicit ?? env.HUIMIN_DATA_DIR;
  if (explicit) return { dataDir: resolve(explicit), portable: false, reason: 'explicit' };
  if (options.executablePath) {
    const beside = dirname(options.executablePath);
    // electron-builder's portable .exe unpacks to a temp folder and says where it really is.
    const portableHome = env.PORTABLE_EXECUTABLE_DIR ?? beside;
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
