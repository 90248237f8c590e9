/**
 * Where the cases are kept (electron/services/dataDir.ts), without Electron: an explicit folder wins;
 * portable mode (portable.txt beside the executable, or beside the portable .exe that electron-builder
 * unpacks to a temp folder and announces in PORTABLE_EXECUTABLE_DIR) keeps the data on the USB stick;
 * an AppImage keeps it beside the .AppImage file ($APPIMAGE), not in the temporary mount it runs from;
 * otherwise the per-user folder Electron uses on each platform. Empty variables count as unset and
 * relative paths from the environment are ignored. Real temp folders, no mocks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve, win32 } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseDataDir,
  dataDirArgument,
  defaultUserDataDir,
  executableHome,
  PORTABLE_DATA_FOLDER,
  PORTABLE_MARKER,
  PRODUCT_NAME,
} from '../../../electron/services/dataDir';

let sandbox: string;

/** a fake install: <sandbox>/<folder>/huimin-calculator.exe, optionally with portable.txt beside it */
function install(folder: string, { portable }: { portable: boolean }): string {
  const dir = join(sandbox, folder);
  mkdirSync(dir, { recursive: true });
  const exe = join(dir, 'huimin-calculator.exe');
  writeFileSync(exe, '');
  if (portable) writeFileSync(join(dir, PORTABLE_MARKER), '');
  return exe;
}

beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'huimin-datadir-'));
});

afterEach(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

describe('an explicit folder wins', () => {
  it('--data-dir beats portable mode and the user-data folder', () => {
    const exe = install('U盘', { portable: true });
    const wanted = join(sandbox, '指定数据');
    expect(chooseDataDir({ explicit: wanted, executablePath: exe, userDataDir: join(sandbox, 'userData'), env: {} })).toEqual({
      dataDir: wanted,
      portable: false,
      reason: 'explicit',
    });
  });

  it('HUIMIN_DATA_DIR is used when there is no --data-dir, and --data-dir beats it', () => {
    const exe = install('U盘', { portable: true });
    const fromEnv = join(sandbox, 'env-data');
    const fromArg = join(sandbox, 'arg-data');
    const env = { HUIMIN_DATA_DIR: fromEnv, PORTABLE_EXECUTABLE_DIR: join(sandbox, 'U盘') };
    expect(chooseDataDir({ executablePath: exe, env })).toMatchObject({ dataDir: fromEnv, reason: 'explicit', portable: false });
    expect(chooseDataDir({ explicit: fromArg, executablePath: exe, env })).toMatchObject({ dataDir: fromArg, reason: 'explicit' });
  });

  it('a relative folder is made absolute (against the working directory)', () => {
    expect(chooseDataDir({ explicit: 'rel/数据', env: {} }).dataDir).toBe(resolve('rel/数据'));
  });

  it('reads --data-dir=… and --data-dir … from the command line', () => {
    expect(dataDirArgument(['electron', '.', '--data-dir=/srv/惠民'])).toBe('/srv/惠民');
    expect(dataDirArgument(['huimin-calculator.exe', '--data-dir', 'D:\\惠民数据'])).toBe('D:\\惠民数据');
    expect(dataDirArgument(['x', '--data-dir=a=b'])).toBe('a=b');
    expect(dataDirArgument(['x', '--other', 'y'])).toBeUndefined();
    expect(dataDirArgument(['x', '--data-dir'])).toBeUndefined();
  });
});

describe('portable mode', () => {
  it('portable.txt beside the executable → data in 惠民政策测算台数据 beside it', () => {
    const exe = install('U盘/惠民政策测算台', { portable: true });
    expect(chooseDataDir({ executablePath: exe, userDataDir: join(sandbox, 'userData'), env: {} })).toEqual({
      dataDir: join(sandbox, 'U盘/惠民政策测算台', PORTABLE_DATA_FOLDER),
      portable: true,
      reason: 'portable',
    });
    expect(PORTABLE_DATA_FOLDER).toBe('惠民政策测算台数据');
  });

  it('the portable .exe: PORTABLE_EXECUTABLE_DIR (where the .exe really is) is where portable.txt and the data are', () => {
    // electron-builder's portable target runs the app from a temp folder and says where the .exe is
    const unpacked = install('Temp/huimin-unpacked', { portable: false });
    const stick = join(sandbox, 'U盘');
    mkdirSync(stick, { recursive: true });
    writeFileSync(join(stick, PORTABLE_MARKER), '');
    expect(chooseDataDir({ executablePath: unpacked, env: { PORTABLE_EXECUTABLE_DIR: stick } })).toEqual({
      dataDir: join(stick, PORTABLE_DATA_FOLDER),
      portable: true,
      reason: 'portable',
    });
  });

  it('the portable .exe without portable.txt beside it keeps its data in the user folder', () => {
    const unpacked = install('Temp/huimin-unpacked', { portable: false });
    const stick = join(sandbox, 'U盘');
    mkdirSync(stick, { recursive: true });
    const userData = join(sandbox, 'userData');
    expect(chooseDataDir({ executablePath: unpacked, userDataDir: userData, env: { PORTABLE_EXECUTABLE_DIR: stick } })).toEqual({
      dataDir: join(userData, 'data'),
      portable: false,
      reason: 'userData',
    });
  });

  it('with PORTABLE_EXECUTABLE_DIR set, a marker in the temp unpack folder does not count', () => {
    const unpacked = install('Temp/huimin-unpacked', { portable: true });
    const stick = join(sandbox, 'U盘');
    mkdirSync(stick, { recursive: true });
    expect(chooseDataDir({ executablePath: unpacked, userDataDir: join(sandbox, 'userData'), env: { PORTABLE_EXECUTABLE_DIR: stick } }).reason).toBe(
      'userData',
    );
  });

  it('no executable path (development run, web host, CLI) → never portable, even with the marker variables set', () => {
    const stick = join(sandbox, 'U盘');
    mkdirSync(stick, { recursive: true });
    writeFileSync(join(stick, PORTABLE_MARKER), '');
    const userData = join(sandbox, 'userData');
    expect(chooseDataDir({ userDataDir: userData, env: { PORTABLE_EXECUTABLE_DIR: stick } })).toEqual({
      dataDir: join(userData, 'data'),
      portable: false,
      reason: 'userData',
    });
  });

  it('an installed copy (no marker) uses the user-data folder Electron reports', () => {
    const exe = install('Programs/惠民政策测算台', { portable: false });
    const userData = join(sandbox, 'AppData/Roaming/惠民政策测算台');
    expect(chooseDataDir({ executablePath: exe, userDataDir: userData, env: {} })).toEqual({
      dataDir: join(userData, 'data'),
      portable: false,
      reason: 'userData',
    });
  });
});

describe('AppImage (统信UOS, 麒麟): the folder of the .AppImage file, not the mount it runs from', () => {
  /** the AppImage runtime mounts the image at /tmp/.mount_<random> and runs the binary from there */
  function appImage(folder: string, { portable }: { portable: boolean }): { mounted: string; file: string } {
    const mounted = install('.mount_huiminX1', { portable: false });
    const dir = join(sandbox, folder);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '惠民政策测算台-0.1.0.AppImage');
    writeFileSync(file, '');
    if (portable) writeFileSync(join(dir, PORTABLE_MARKER), '');
    return { mounted, file };
  }

  it('portable.txt beside the .AppImage → data beside it', () => {
    const { mounted, file } = appImage('U盘', { portable: true });
    expect(chooseDataDir({ executablePath: mounted, userDataDir: join(sandbox, 'userData'), env: { APPIMAGE: file } })).toEqual({
      dataDir: join(sandbox, 'U盘', PORTABLE_DATA_FOLDER),
      portable: true,
      reason: 'portable',
    });
  });

  it('no marker beside the .AppImage → the user folder, even with one inside the mount', () => {
    const { mounted, file } = appImage('下载', { portable: false });
    writeFileSync(join(sandbox, '.mount_huiminX1', PORTABLE_MARKER), '');
    const userData = join(sandbox, 'userData');
    expect(chooseDataDir({ executablePath: mounted, userDataDir: userData, env: { APPIMAGE: file } })).toMatchObject({ dataDir: join(userData, 'data'), reason: 'userData' });
  });

  it('executableHome: the AppImage file, the portable .exe, the executable — in that order', () => {
    const exe = join(sandbox, 'bin', 'huimin-calculator');
    expect(executableHome(exe, {})).toBe(join(sandbox, 'bin'));
    expect(executableHome(exe, { PORTABLE_EXECUTABLE_DIR: join(sandbox, 'U盘') })).toBe(join(sandbox, 'U盘'));
    expect(executableHome(exe, { APPIMAGE: join(sandbox, 'apps', 'x.AppImage') })).toBe(join(sandbox, 'apps'));
  });
});

describe('the environment: empty variables are unset, relative paths are ignored', () => {
  it('an empty HUIMIN_DATA_DIR (or an empty --data-dir=) is no explicit folder', () => {
    const userData = join(sandbox, 'userData');
    expect(chooseDataDir({ userDataDir: userData, env: { HUIMIN_DATA_DIR: '' } })).toMatchObject({ dataDir: join(userData, 'data'), reason: 'userData' });
    const fromEnv = join(sandbox, 'env-data');
    expect(chooseDataDir({ explicit: '', env: { HUIMIN_DATA_DIR: fromEnv } })).toMatchObject({ dataDir: fromEnv, reason: 'explicit' });
  });

  it('an empty PORTABLE_EXECUTABLE_DIR or APPIMAGE: the marker beside the executable counts', () => {
    const exe = install('U盘', { portable: true });
    for (const env of [{ PORTABLE_EXECUTABLE_DIR: '' }, { APPIMAGE: '' }, { APPIMAGE: '', PORTABLE_EXECUTABLE_DIR: '' }]) {
      expect(chooseDataDir({ executablePath: exe, userDataDir: join(sandbox, 'userData'), env }), JSON.stringify(env)).toMatchObject({
        dataDir: join(sandbox, 'U盘', PORTABLE_DATA_FOLDER),
        reason: 'portable',
      });
    }
  });

  it('a relative PORTABLE_EXECUTABLE_DIR or APPIMAGE is ignored: the executable\'s own folder decides', () => {
    const exe = install('Programs/惠民政策测算台', { portable: false });
    const userData = join(sandbox, 'userData');
    for (const env of [{ PORTABLE_EXECUTABLE_DIR: '.' }, { APPIMAGE: 'x.AppImage' }, { PORTABLE_EXECUTABLE_DIR: 'U盘' }]) {
      expect(chooseDataDir({ executablePath: exe, userDataDir: userData, env }), JSON.stringify(env)).toMatchObject({
        dataDir: join(userData, 'data'),
        reason: 'userData',
      });
    }
    const portableExe = install('U盘', { portable: true });
    expect(chooseDataDir({ executablePath: portableExe, env: { PORTABLE_EXECUTABLE_DIR: 'elsewhere' } }).dataDir).toBe(join(sandbox, 'U盘', PORTABLE_DATA_FOLDER));
  });

  it('empty or relative XDG_CONFIG_HOME / APPDATA fall back to the home folder', () => {
    for (const value of ['', 'cfg', './cfg', 'Roaming\\x']) {
      expect(defaultUserDataDir({ XDG_CONFIG_HOME: value }, 'linux')).toBe(join(homedir(), '.config', PRODUCT_NAME));
      expect(defaultUserDataDir({ APPDATA: value }, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', PRODUCT_NAME));
    }
    // a drive path is absolute on Windows, and not a Linux path
    expect(win32.normalize(defaultUserDataDir({ APPDATA: 'D:\\Profiles\\张三' }, 'win32'))).toBe('D:\\Profiles\\张三\\惠民政策测算台');
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: 'D:\\cfg' }, 'linux')).toBe(join(homedir(), '.config', PRODUCT_NAME));
  });
});

describe('the per-user folder, per platform (as Electron names it, from productName)', () => {
  it('Windows: %APPDATA%\\惠民政策测算台, or AppData\\Roaming under the home folder', () => {
    expect(PRODUCT_NAME).toBe('惠民政策测算台');
    const appData = 'C:\\Users\\张三\\AppData\\Roaming';
    expect(win32.normalize(defaultUserDataDir({ APPDATA: appData }, 'win32'))).toBe('C:\\Users\\张三\\AppData\\Roaming\\惠民政策测算台');
    expect(defaultUserDataDir({}, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', PRODUCT_NAME));
  });

  it('Linux (统信UOS, 麒麟): $XDG_CONFIG_HOME/惠民政策测算台, else ~/.config/惠民政策测算台', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/home/zhang/.cfg' }, 'linux')).toBe(join('/home/zhang/.cfg', PRODUCT_NAME));
    expect(defaultUserDataDir({}, 'linux')).toBe(join(homedir(), '.config', PRODUCT_NAME));
  });

  it('macOS: ~/Library/Application Support/惠民政策测算台', () => {
    expect(defaultUserDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', PRODUCT_NAME));
  });

  it('without Electron (web host, CLI) the data folder is the platform folder + data', () => {
    const env = { XDG_CONFIG_HOME: join(sandbox, 'config'), APPDATA: join(sandbox, 'Roaming') };
    expect(chooseDataDir({ env })).toEqual({
      dataDir: join(defaultUserDataDir(env, process.platform), 'data'),
      portable: false,
      reason: 'userData',
    });
  });
});
