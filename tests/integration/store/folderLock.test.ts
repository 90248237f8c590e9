/**
 * 一个数据文件夹同时只有一个程序写入 (folderLock.ts): a second store on a folder — in this process or
 * another — opens read-only and names the program holding it since when; a killed holder's lock is
 * taken over and the takeover says whose it was; programs starting at the same moment get one writer.
 * A write-protected folder opens for viewing and searching with the reason, and everything the store
 * creates is private (0600 files in 0700 folders) on Linux.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/services/store/index';
import { openTestStore, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';
import { householdFactory } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

const ROOT = join(__dirname, '../../..');
const HOLD = join(__dirname, 'fixtures/holdFolder.ts');

interface Seen {
  writable: boolean;
  reason: string | null;
  holder: { program: string; host: string; pid: number; since: string } | null;
  takenOver: { program: string; pid: number } | null;
  snapshot: boolean;
  cases: number | null;
  office: string;
  pid: number;
  saved: boolean | string | null;
  error?: string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts holdFolder.ts and resolves with the line it prints (and the child, still running when holding). */
function program(dir: string, name: string, mode: 'hold' | 'probe', options: { save?: boolean; uid?: number } = {}): Promise<{ seen: Seen; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', HOLD, dir, name, mode, ...(options.save ? ['save'] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }) });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ seen: JSON.parse(line) as Seen, child });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`holdFolder exited (${code}) before answering: ${err}`));
    });
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));

describe('one writer per data folder', { timeout: 60_000 }, () => {
  it('a second store in the same process reads, searches and follows the writer, and saves nothing', async () => {
    const dir = tempDataDir();
    const writer = openTestStore(dir, { program: '桌面版', durability: 'normal' });
    const factory = householdFactory(41, 4);
    const first = writer.cases.save(factory.next());
    expect(first.ok).toBe(true);

    const reader = openTestStore(dir, { program: '浏览器版（npm run web）' }, '');
    expect(reader.access).toMatchObject({ writable: false, snapshot: false, holder: { program: '桌面版', host: hostname(), pid: process.pid } });
    expect(reader.access.reason).toContain('此数据文件夹正由另一个程序使用（桌面版，电脑「');
    expect(reader.access.reason).toContain(`进程 ${process.pid}，自 `);
    const refused = reader.cases.save({ ...factory.next(), operator: '王经办' });
    expect(refused).toMatchObject({ ok: false, errors: [{ message: reader.access.reason }] });
    expect(reader.settings.set({ key: 'officeName', value: 'x' }).ok).toBe(false);
    expect((await reader.backups.backupNow()).ok).toBe(false);
    expect((await reader.backups.restore({ fileName: 'x.sqlite3' })).ok).toBe(false);
    // it reads what the writer saves, as it saves it
    expect(first.ok && reader.cases.get({ caseNo: first.value.caseNo }).ok).toBe(true);
    const second = writer.cases.save(factory.next());
    expect(second.ok && reader.search.search({}).ok && (reader.search.search({}) as { value: { total: number } }).value.total).toBe(2);

    // the writer restores a backup: the reader follows the file that is live now
    const backup = await writer.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    const third = writer.cases.save(factory.next());
    expect((await writer.backups.restore({ fileName: backup.value.fileName })).ok).toBe(true);
    expect(third.ok && reader.cases.get({ caseNo: third.value.caseNo }).ok).toBe(true);
    expect(reader.search.search({})).toMatchObject({ ok: true, value: { total: 3 } });

    writer.close();
    reader.close();
    // a clean close leaves no holder behind: the next program takes the folder without a takeover
    const next = openTestStore(dir);
    expect(next.access).toMatchObject({ writable: true, takenOver: null });
    next.close();
  });

  it('another process holding the folder is named; killed, its lock is taken over and the takeover says whose it was', { timeout: 60_000 }, async () => {
    const dir = tempDataDir();
    const holder = await program(dir, '浏览器版（npm run web）', 'hold');
    expect(holder.seen).toMatchObject({ writable: true, takenOver: null });
    const refused = await program(dir, '桌面版', 'probe', { save: true });
    expect(refused.seen).toMatchObject({ writable: false, holder: { program: '浏览器版（npm run web）', pid: holder.seen.pid } });
    expect(refused.seen.saved).toContain('正由另一个程序使用');
    const here = openStore(dir);
    expect(here.ok && here.value.access.holder?.pid).toBe(holder.seen.pid);
    if (here.ok) here.value.close();

    holder.child.kill('SIGKILL');
    await exited(holder.child);
    const after = openTestStore(dir);
    expect(after.access).toMatchObject({ writable: true, takenOver: { program: '浏览器版（npm run web）', pid: holder.seen.pid } });
    expect(after.cases.save(householdFactory(42, 2).next()).ok).toBe(true);
    after.close();
  });

  it('of programs starting at the same moment, exactly one writes', { timeout: 120_000 }, async () => {
    for (let round = 0; round < 4; round++) {
      const dir = tempDataDir();
      const started = await Promise.all([1, 2, 3].map((n) => program(dir, `程序${n}`, 'hold')));
      const writers = started.filter((entry) => entry.seen.writable);
      expect(writers, `round ${round}`).toHaveLength(1);
      const writer = writers[0] as (typeof started)[number];
      for (const entry of started) if (entry !== writer) expect(entry.seen.holder?.pid, `round ${round}`).toBe(writer.seen.pid);
      for (const entry of started) entry.child.kill('SIGKILL');
      await Promise.all(started.map((entry) => exited(entry.child)));
    }
  });
});

describe('a database replaced underneath', { timeout: 60_000 }, () => {
  it('a save never answers 已保存 when the live file is no longer the one it would write to', () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { durability: 'normal' });
    const factory = householdFactory(45, 2);
    expect(store.cases.save(factory.next()).ok).toBe(true);
    // another program (an older version, someone by hand) sets the live file aside and puts a copy in its place
    const live = join(dir, 'huimin.sqlite3');
    store.checkpoint();
    renameSync(live, `${live}.aside`);
    copyFileSync(`${live}.aside`, live);
    const refused = store.cases.save(factory.next());
    expect(refused).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('已被另一个程序恢复或替换，本次操作未保存') }] });
    const aside = new Database(`${live}.aside`, { readonly: true });
    expect(aside.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    aside.close();
    store.close();
  });
});

describe('a write-protected data folder', { timeout: 60_000 }, () => {
  // as root, permissions do not stop writes: the program is run as an ordinary user instead
  const asUser = process.getuid?.() === 0 ? 65534 : undefined;

  /** A folder with cases, made read-only (and readable by the user the program runs as). */
  async function protectedFolder(leaveWal: boolean): Promise<{ dir: string; cases: number }> {
    const parent = mkdtempSync(join(tmpdir(), 'huimin-readonly-test-'));
    const dir = join(parent, 'data');
    const store = openTestStore(dir, { durability: 'normal' });
    const factory = householdFactory(43, 4);
    for (let i = 0; i < 3; i++) expect(store.cases.save(factory.next()).ok).toBe(true);
    store.close();
    if (leaveWal) {
      // a program that stopped without closing: the file is in WAL mode with its last commits in the -wal
      const db = new Database(join(dir, 'huimin.sqlite3'));
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec("INSERT INTO settings (key, value) VALUES ('officeName', '\"城关镇便民服务中心\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      cpSync(dir, `${dir}-copy`, { recursive: true });
      db.close();
      rmSync(dir, { recursive: true });
      cpSync(`${dir}-copy`, dir, { recursive: true });
      rmSync(`${dir}-copy`, { recursive: true });
      expect(readdirSync(dir)).toContain('huimin.sqlite3-wal');
    }
    chmodSync(parent, 0o755);
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o444);
    chmodSync(dir, 0o555);
    cleanups.push(() => {
      chmodSync(dir, 0o700);
      rmSync(parent, { recursive: true, force: true });
    });
    return { dir, cases: 3 };
  }
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it.skipIf(process.platform === 'win32')('opens for viewing and searching, says why nothing can be saved, and writes nothing', { timeout: 60_000 }, async () => {
    const { dir, cases } = await protectedFolder(false);
    const before = readdirSync(dir).sort();
    const opened = await program(dir, '桌面版', 'probe', { save: true, uid: asUser });
    expect(opened.seen).toMatchObject({ writable: false, snapshot: false, holder: null, cases });
    expect(opened.seen.reason).toContain('不能写入');
    expect(opened.seen.reason).toContain('只能查看、查找和打印');
    expect(opened.seen.saved).toContain('不能写入');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.skipIf(process.platform === 'win32')('opens a file a stopped program left in WAL mode, with its last commits', { timeout: 60_000 }, async () => {
    const { dir, cases } = await protectedFolder(true);
    // its -wal and -shm are there: SQLite reads them in place
    const opened = await program(dir, '桌面版', 'probe', { uid: asUser });
    expect(opened.seen).toMatchObject({ writable: false, snapshot: false, cases, office: '城关镇便民服务中心' });
  });

  it.skipIf(process.platform === 'win32')('opens a WAL-mode file without its -shm from a private copy, and says it is a snapshot', { timeout: 60_000 }, async () => {
    const { dir, cases } = await protectedFolder(true);
    chmodSync(dir, 0o755);
    rmSync(join(dir, 'huimin.sqlite3-shm'));
    chmodSync(dir, 0o555);
    // SQLite cannot create the -shm in a read-only folder: the program reads a private copy (with the -wal's commits)
    const opened = await program(dir, '桌面版', 'probe', { uid: asUser });
    expect(opened.seen).toMatchObject({ writable: false, snapshot: true, cases, office: '城关镇便民服务中心' });
    expect(opened.seen.reason).toContain('显示的是打开程序时的数据');
  });
});

describe('private files', { timeout: 60_000 }, () => {
  it.skipIf(process.platform === 'win32')('creates the database, its lock and marks, and backups 0600 in 0700 folders whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = join(tempDataDir(), 'new', 'data');
      const store = openTestStore(dir, { carriedFolders: ['packs'], durability: 'normal' });
      expect(store.cases.save(householdFactory(44, 2).next()).ok).toBe(true);
      const backup = await store.backups.backupNow();
      if (!backup.ok) throw new Error(backup.errors[0]?.message);
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'backups'))).toBe(0o700);
      for (const name of ['huimin.sqlite3', 'huimin.sqlite3-wal', 'huimin.lock', 'huimin.lock.json', 'huimin.numbers']) expect(mode(join(dir, name)), name).toBe(0o600);
      expect(mode(backup.value.path)).toBe(0o600);
      store.close();
    } finally {
      process.umask(previous);
    }
  });
});
