/**
 * The county database: a server given by address (--pg postgres://…), or the private cluster in the
 * data folder started with the installed PostgreSQL. Migrated to the current schema on open.
 */
import pg from 'pg';
import { migrate } from './db/migrate';
import { startPrivateCluster } from './db/privateCluster';

export interface CountyDatabase {
  pool: pg.Pool;
  /** where it is, for the start-up message */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseChoice {
  /** postgres://… of an existing server */
  url?: string;
  /** the private cluster's folder, used when no url is given */
  clusterDir: string;
  /** as root: the user PostgreSQL runs as */
  runAs?: string;
  /** stop the private cluster on close (a server does; a one-off command leaves a running one running) */
  stopCluster?: boolean;
  /**
   * 首次导入: a private cluster this command starts runs at wal_level minimal for it (privateCluster.ts)
   * and is stopped on close, so that the next start (the county server) is at the default level again.
   */
  firstLoad?: boolean;
}

/** Where a postgres:// address points, for the start-up message (never its password): host:port, or the socket folder of ?host=. */
export function serverOf(url: string): string {
  const socket = /[?&]host=([^&]+)/.exec(url);
  if (socket) return decodeURIComponent(socket[1] as string);
  try {
    return new URL(url).host || '本机';
  } catch {
    return '（地址无法解析）';
  }
}

// numeric and bigint stay text in JavaScript: money is never a float, ids never lose digits
export async function openCountyDatabase(choice: DatabaseChoice): Promise<CountyDatabase> {
  let connection: pg.PoolConfig;
  let stop: () => void = () => undefined;
  let description: string;
  let presence: pg.Client | null = null;
  if (choice.url) {
    connection = { connectionString: choice.url };
    description = `PostgreSQL ${serverOf(choice.url)}`;
  } else {
    const cluster = await startPrivateCluster({ dir: choice.clusterDir, runAs: choice.runAs, walMinimal: choice.firstLoad });
    connection = cluster.connection;
    if (choice.stopCluster || (choice.firstLoad && cluster.started)) stop = () => cluster.stop();
    description = `内置 PostgreSQL（${choice.clusterDir}）`;
  }
  const pool = new pg.Pool({ ...connection, max: 8 });
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
    // The county server on the private cluster holds one connection for as long as it runs: another start
    // restarts a running cluster (a first load at wal_level minimal, or back from it) only when no client is
    // connected, and an idle pool closes its connections after 10 s — without this, a first load begun
    // while the server sat idle would restart, then stop, the server's database under it.
    if (choice.stopCluster && !choice.url) {
      presence = new pg.Client({ ...connection, application_name: 'huimin-county-server' });
      presence.on('error', () => undefined);
      await presence.connect();
    }
  } catch (error) {
    await presence?.end().catch(() => undefined);
    await pool.end();
    stop();
    throw error;
  }
  return {
    pool,
    description,
    close: async () => {
      await presence?.end().catch(() => undefined);
      await pool.end();
      stop();
    },
  };
}
