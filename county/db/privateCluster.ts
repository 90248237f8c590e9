/**
 * A private PostgreSQL cluster inside the county data folder, run with the PostgreSQL binaries
 * installed on the machine (Debian's `postgresql` package, or the Windows installer): `npm run county`
 * without --pg, and the tests. Nothing of the system's own cluster is used or touched.
 *
 * - Linux/macOS: no TCP at all (listen_addresses = ''); the server listens on a Unix socket in a folder
 *   only its owner can enter, so `trust` for local connections lets in nobody else.
 * - Windows: 127.0.0.1 on a free port with a random password (scram-sha-256) kept in the data folder.
 * - initdb and postgres refuse to run as root. As root, every PostgreSQL command runs through
 *   `runuser -u <user>` (a system user such as huimin-pg, which `.ci/run` creates) in folders that user
 *   owns; otherwise they run as the current user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { PoolConfig } from 'pg';

export const CLUSTER_USER = 'huimin';
export const CLUSTER_PORT = 5432;
/** included by postgresql.conf, rewritten at every start */
const SETTINGS_FILE = 'huimin.conf';

/** What a person reads when PostgreSQL is not installed (Chinese, the commands to type). */
export const INSTALL_HINT = [
  '未找到 PostgreSQL 数据库程序（需要 initdb、pg_ctl、postgres）。',
  '· 统信UOS、麒麟、Debian、Ubuntu：在终端执行 sudo apt install postgresql',
  '· Windows：从 PostgreSQL 官方网站下载 Windows 安装程序（15 或更新版本），安装时勾选“Command Line Tools”；',
  '  安装后重新打开命令行窗口，或用环境变量 HUIMIN_PG_BIN 指定其 bin 文件夹（如 C:\\Program Files\\PostgreSQL\\16\\bin）。',
  '· 也可以不用内置数据库：用 --pg postgres://用户:密码@主机/库名 连接已有的 PostgreSQL 服务器。',
].join('\n');

export class ClusterError extends Error {}

function hasTools(dir: string): boolean {
  const exe = process.platform === 'win32' ? '.exe' : '';
  return ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(join(dir, `${tool}${exe}`)));
}

function versionDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => join(root, name, 'bin'));
}

/** The folder of initdb/pg_ctl/postgres: HUIMIN_PG_BIN, pg_config on PATH, Debian's and Windows' usual places. Null when absent. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  if (env.HUIMIN_PG_BIN) candidates.push(env.HUIMIN_PG_BIN);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // not on PATH
  }
  candidates.push(...versionDirs('/usr/lib/postgresql'));
  if (process.platform === 'win32') candidates.push(...versionDirs(join(env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL')));
  candidates.push('/usr/local/pgsql/bin', '/opt/homebrew/bin', '/usr/local/bin', '/usr/bin');
  return candidates.find((dir) => dir !== '' && hasTools(dir)) ?? null;
}

export interface ClusterOptions {
  /** the folder holding the cluster (created if missing) */
  dir: string;
  /** PostgreSQL's bin folder (default: findPostgresBin) */
  bin?: string;
  /** run PostgreSQL as this user (required when this process is root) */
  runAs?: string;
  /** database to create and connect to */
  database?: string;
  /** PostgreSQL's shared_buffers (default: defaultSharedBuffers()) */
  sharedBuffers?: string;
  /**
   * 首次导入 only: when this call starts the server (or finds it running with nobody connected), start it
   * for this run with wal_level = minimal and max_wal_senders = 0 (command-line options of this start,
   * never written to a settings file): a first load's tables, truncated in its transaction, then get no
   * WAL for their rows and index builds (synced at COMMIT instead). The next normal start is at the
   * default level again. A server already running with a connection (the county server) is left as it is.
   */
  walMinimal?: boolean;
}

/** the command-line settings of a first load's start (PostgreSQL: wal_level; "Populating a Database", 14.4.7) */
export const WAL_MINIMAL_OPTIONS = '-c wal_level=minimal -c max_wal_senders=0';

/**
 * shared_buffers of the private cluster: an eighth of the machine's memory, at least 256 MB and at most
 * 4 GB (PostgreSQL's advice for a server of its own is a quarter; here it shares the machine with the
 * county server and whatever else runs there). At a million cases the search words' index alone is
 * ~2 GB: with 256 MB every import read and wrote most of the pages it touched through the kernel.
 * Memory is taken only as pages are used.
 */
export function defaultSharedBuffers(totalBytes = totalmem()): string {
  const megabytes = Math.floor(totalBytes / 8 / (1024 * 1024));
  return `${Math.min(4096, Math.max(256, megabytes))}MB`;
}

export interface PrivateCluster {
  dir: string;
  /** node-postgres settings for the cluster's database */
  connection: PoolConfig;
  /** stops the server (fast shutdown: open transactions roll back, committed data stays; immediate: as a crash, for tests) */
  stop(mode?: 'fast' | 'immediate'): void;
  /** this call started the server (it was not running, or was restarted for walMinimal) */
  started: boolean;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function userIds(user: string): { uid: number; gid: number } {
  const run = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  try {
    return { uid: run('-u'), gid: run('-g') };
  } catch {
    throw new ClusterError(`系统中没有用户「${user}」：以 root 身份启动内置数据库时需要一个普通用户，可执行 useradd --system --no-create-home ${user} 创建`);
  }
}

/** The Unix socket folder: inside the cluster folder unless that path is too long for a socket (107 bytes). */
function socketDirFor(dir: string): string {
  const inside = join(dir, 'socket');
  if (Buffer.byteLength(join(inside, `.s.PGSQL.${CLUSTER_PORT}`)) <= 100) return inside;
  return join(tmpdir(), `huimin-pg-${Buffer.from(dir).toString('base64url').slice(-24)}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class ClusterRunner {
  readonly bin: string;
  private readonly ids: { uid: number; gid: number } | null;

  constructor(private readonly options: ClusterOptions) {
    const bin = options.bin ?? findPostgresBin();
    if (!bin) throw new ClusterError(INSTALL_HINT);
    this.bin = bin;
    if (isRoot() && !options.runAs) {
      throw new ClusterError('内置数据库不能以 root 身份运行：请用普通用户启动，或加 --pg-user 某普通用户（如 huimin-pg），或用 --pg 连接已有的数据库服务器');
    }
    this.ids = isRoot() && options.runAs ? userIds(options.runAs) : null;
  }

  /** Runs a PostgreSQL tool (as the cluster's user when root); throws with its output on failure. */
  run(tool: string, args: string[], allowFailure = false): { status: number; output: string } {
    const exe = join(this.bin, process.platform === 'win32' ? `${tool}.exe` : tool);
    const [command, commandArgs] = this.ids ? ['runuser', ['-u', this.options.runAs as string, '--', exe, ...args]] : [exe, args];
    const result = spawnSync(command, commandArgs, { encoding: 'utf8', cwd: this.options.dir, timeout: 180_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    const status = result.status ?? -1;
    if (status !== 0 && !allowFailure) throw new ClusterError(`${tool} 执行失败（${status}）：${output.trim() || String(result.error ?? '')}`);
    return { status, output };
  }

  /** A file the cluster's user owns. */
  ownedFile(path: string, content: string): void {
    writeFileSync(path, content, { mode: 0o600 });
    if (this.ids) chownSync(path, this.ids.uid, this.ids.gid);
  }

  /** A folder the cluster's user owns (when running as another user). */
  ownedFolder(path: string, mode = 0o700): void {
    mkdirSync(path, { recursive: true, mode });
    if (this.ids) chownSync(path, this.ids.uid, this.ids.gid);
  }
}

/** Initialises the cluster on first use, starts it if it is not running, and creates the database. */
export async function startPrivateCluster(options: ClusterOptions): Promise<PrivateCluster> {
  const runner = new ClusterRunner(options);
  const dir = options.dir;
  const pgdata = join(dir, 'pgdata');
  const windows = process.platform === 'win32';
  const passwordFile = join(dir, 'password');
  runner.ownedFolder(dir);

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    runner.ownedFolder(pgdata);
    const args = ['-D', pgdata, '-U', CLUSTER_USER, '-E', 'UTF8', '--no-locale', '--auth-local=trust', '--auth-host=scram-sha-256'];
    if (windows) {
      writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
      args.push(`--pwfile=${passwordFile}`);
    }
    runner.run('initdb', args);
    appendFileSync(join(pgdata, 'postgresql.conf'), `\ninclude_if_exists = '${SETTINGS_FILE}'\n`);
  }

  const socketDir = socketDirFor(dir);
  let port = CLUSTER_PORT;
  if (windows) port = await freePort();
  else runner.ownedFolder(socketDir);

  const settings = [
    windows ? "listen_addresses = '127.0.0.1'" : "listen_addresses = ''",
    `port = ${port}`,
    windows ? '' : `unix_socket_directories = '${socketDir.replace(/'/g, "''")}'`,
    // bulk imports: fewer checkpoints; durability stays (fsync and synchronous_commit are on)
    'max_wal_size = 4GB',
    // an import of a million revisions runs for minutes: one checkpoint in it, not one every 5 minutes
    // (each is followed by whole-page images of every index page touched); its WAL is buffered, not
    // written by the importing backend itself every 8 MB
    'checkpoint_timeout = 15min',
    'wal_buffers = 64MB',
    `shared_buffers = ${options.sharedBuffers ?? defaultSharedBuffers()}`,
    'work_mem = 32MB',
    'maintenance_work_mem = 256MB',
    'logging_collector = off',
  ].filter(Boolean);
  runner.ownedFile(join(pgdata, SETTINGS_FILE), `# written by 惠民政策测算台 at every start\n${settings.join('\n')}\n`);

  const log = join(dir, 'postgres.log');
  const start = () =>
    runner.run('pg_ctl', ['start', '-D', pgdata, '-l', log, '-w', '-t', '120', ...(options.walMinimal ? ['-o', WAL_MINIMAL_OPTIONS] : [])]);
  const base = (): PoolConfig =>
    windows ? { host: '127.0.0.1', port, user: CLUSTER_USER, password: readFileSync(passwordFile, 'utf8').trim() } : { host: socketDir, port, user: CLUSTER_USER };
  let started = false;
  const configuredPort = port;
  const status = runner.run('pg_ctl', ['status', '-D', pgdata], true);
  if (status.status !== 0) {
    // a previous server killed without a shutdown leaves postmaster.pid; pg_ctl start checks it is stale
    start();
    started = true;
  } else {
    if (windows) port = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[3]);
    // Left running by an earlier one-off command (register-office …): restarted at minimal WAL for a first
    // load, and a server a killed first load left at minimal restarted at the default level by any other
    // start — only when nobody else is connected (a running county server or load keeps it as it is).
    const running = await runningState(base());
    if (running.others === 0 && (running.level === 'minimal') !== Boolean(options.walMinimal)) {
      runner.run('pg_ctl', ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60']);
      port = configuredPort; // the port of the settings file written above
      start();
      started = true;
    }
  }
  const database = options.database ?? 'huimin_county';
  await createDatabaseIfMissing(base(), database);
  return {
    dir,
    connection: { ...base(), database },
    started,
    stop: (mode = 'fast') => {
      runner.run('pg_ctl', ['stop', '-D', pgdata, '-m', mode, '-w', '-t', '60'], true);
    },
  };
}

/** A running server's wal_level and how many clients are connected besides this check. */
async function runningState(base: PoolConfig): Promise<{ level: string; others: number }> {
  const { Client } = await import('pg');
  const client = new Client({ ...base, database: 'postgres' });
  await client.connect();
  try {
    const row = await client.query<{ level: string; others: number }>(
      "SELECT current_setting('wal_level') AS level, (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) AS others",
    );
    return { level: row.rows[0]?.level ?? '', others: row.rows[0]?.others ?? 1 };
  } finally {
    await client.end();
  }
}

export async function createDatabaseIfMissing(base: PoolConfig, database: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ ...base, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
}
