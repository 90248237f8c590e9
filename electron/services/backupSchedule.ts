/**
 * 自动备份: once shortly after start and then every hour, take the day's backup if it is not there yet
 * (BackupService.ensureDailyBackup keeps one per day and prunes by 保留天数), then fold the WAL into the
 * database file. Used by both the Electron main process and the `npm run web` host.
 */
import type { Store } from './store';

export const FIRST_CHECK_DELAY_MS = 15_000;
export const CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface BackupSchedule {
  /** the check the timer runs (exposed so tests and the shutdown path can call it directly) */
  runOnce(): Promise<void>;
  stop(): void;
}

export function scheduleBackups(store: Store, log: (message: string) => void): BackupSchedule {
  let stopped = false;
  const runOnce = async (): Promise<void> => {
    if (stopped) return;
    if (store.settings.get().autoBackup) {
      const outcome = await store.backups.ensureDailyBackup();
      if (!outcome.ok) log(`自动备份未完成：${outcome.errors.map((error) => error.message).join('；')}`);
    }
    if (!stopped) store.checkpoint();
  };
  const first = setTimeout(() => void runOnce(), FIRST_CHECK_DELAY_MS);
  const hourly = setInterval(() => void runOnce(), CHECK_INTERVAL_MS);
  // the timers must not keep a CLI or test process alive
  first.unref();
  hourly.unref();
  return {
    runOnce,
    stop: () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(hourly);
    },
  };
}
