/**
 * A private PostgreSQL cluster for the tests, started with the county's own code
 * (county/db/privateCluster.ts) in a temporary folder. As root (CI and these sessions) PostgreSQL runs
 * as the system user huimin-pg (HUIMIN_PG_USER overrides; created here if missing, as .ci/run does).
 * Each test gets a database of its own. stop() shuts the server down and removes the folder; a
 * cluster left by a killed test run is found by its marker file and removed by the next run.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabaseIfMissing, startPrivateCluster, type PrivateCluster } from '../../county/db/privateCluster';

const PREFIX = 'huimin-pgtest-';
const OWNER_FILE = 'owner-pid';
export const TEST_PG_USER = process.env.HUIMIN_PG_USER ?? 'huimin-pg';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensureUser(user: string): void {
  try {
    execFileSync('id', ['-u', user], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', user], { stdio: 'ignore' });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops and removes clusters of test runs whose process is gone. */
export function sweepLeftovers(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, OWNER_FILE);
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
    if (owner && alive(owner)) continue;
    stopFolder(dir);
  }
}

function stopFolder(dir: string): void {
  const pgdata = join(dir, 'cluster', 'pgdata');
  if (existsSync(join(pgdata, 'postmaster.pid'))) {
    try {
      const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0 && alive(pid)) {
        process.kill(pid, 'SIGQUIT');
        for (let i = 0; i < 100 && alive(pid); i++) execFileSync('sleep', ['0.05']);
      }
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

export interface TestCluster {
  cluster: PrivateCluster;
  /** a fresh database on the cluster */
  database(name: string): Promise<pg.PoolConfig>;
  /** postgres://… of a database (socket in the host parameter) */
  url(config: pg.PoolConfig): string;
  /**
   * Stops the server (fast, or immediate: as a crash, no shutdown checkpoint) and starts it again, at
   * wal_level minimal as the first-load command starts it or at the default level. Connections are lost.
   */
  restart(options?: { walMinimal?: boolean; mode?: 'fast' | 'immediate' }): Promise<void>;
  stop(): void;
}

export async function startTestCluster(options: { sharedBuffers?: string; walMinimal?: boolean } = {}): Promise<TestCluster> {
  sweepLeftovers();
  const root = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(root, OWNER_FILE), String(process.pid));
  let runAs: string | undefined;
  if (isRoot()) {
    runAs = TEST_PG_USER;
    ensureUser(runAs);
    const uid = Number(execFileSync('id', ['-u', runAs], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', runAs], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  let stopped = false;
  let cluster = await startPrivateCluster({ dir: join(root, 'cluster'), runAs, database: 'postgres', ...options }).catch((error: unknown) => {
    stopFolder(root);
    throw error;
  });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    cluster.stop();
    stopFolder(root);
  };
  process.once('exit', stop);
  return {
    get cluster() {
      return cluster;
    },
    restart: async ({ walMinimal = false, mode = 'fast' } = {}) => {
      cluster.stop(mode);
      cluster = await startPrivateCluster({ dir: join(root, 'cluster'), runAs, database: 'postgres', sharedBuffers: options.sharedBuffers, walMinimal });
    },
    database: async (name) => {
      await createDatabaseIfMissing(cluster.connection, name);
      return { ...cluster.connection, database: name };
    },
    url: (config) => `postgres://${config.user}@/${config.database}?host=${encodeURIComponent(String(config.host))}&port=${config.port}`,
    stop,
  };
}
