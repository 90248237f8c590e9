/**
 * CPU time of this process and of a PostgreSQL cluster (the postmaster and every process it started:
 * backends, checkpointer, WAL writer, autovacuum), read from /proc — on a shared machine CPU time per
 * item says more than the wall clock, which also counts other people's work. Linux only; elsewhere
 * the cluster's figure is 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** USER_HZ: clock ticks per second of /proc/<pid>/stat */
const TICK = 100;

function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The cluster's processes now (backends come and go with connections: ask again before each reading). */
export function clusterPids(pgdata: string): number[] {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile) || !existsSync('/proc')) return [];
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (Number(statFields(entry)?.[1]) === postmaster) pids.push(Number(entry));
  }
  return pids;
}

/**
 * user + system seconds of the cluster: its processes alive now, and those that have ended (a pool's
 * idle connection closes), which the postmaster has reaped into its children's time.
 */
export function clusterCpuSeconds(pgdata: string): number {
  let ticks = 0;
  const [postmaster, ...children] = clusterPids(pgdata);
  const own = postmaster === undefined ? null : statFields(postmaster);
  if (own) ticks += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of children) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICK;
}

/** user + system seconds of this process (all its threads). */
export function processCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** The 1-minute load average. */
export const loadAverage = (): string => (existsSync('/proc/loadavg') ? (readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?') : '?');
