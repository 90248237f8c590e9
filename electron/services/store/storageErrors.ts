/**
 * SQLite failures the office can cause and fix — a full disk, a read-only or unplugged drive, another
 * window holding the write lock — as Chinese messages instead of an "internal error". Anything else is
 * a bug and is rethrown.
 */
import type { Result } from '../../../shared/errors';

const MESSAGES: Record<string, string> = {
  SQLITE_FULL: '磁盘空间已满，本次操作未保存。请清理数据文件夹所在磁盘后重试',
  SQLITE_BUSY: '数据库正被另一个窗口或程序使用，本次操作未完成，请稍后重试',
  SQLITE_READONLY: '数据文件夹是只读的（U盘写保护或没有写入权限），本次操作未保存',
  SQLITE_IOERR: '读写数据文件出错（如U盘被拔出或磁盘故障），本次操作未保存。请检查后重启程序',
  SQLITE_CANTOPEN: '无法打开数据文件（如U盘被拔出），本次操作未完成',
  HUIMIN_REPLACED: '数据库文件已被另一个程序恢复或替换，本次操作未保存。请关闭本窗口后重新打开程序',
};

export function storageFailure(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const family = Object.keys(MESSAGES).find((key) => code === key || code.startsWith(`${key}_`));
  return family ? (MESSAGES[family] as string) : null;
}

/** Runs a service call, answering known storage failures as values. */
export function guarded<A extends unknown[], T>(call: (...args: A) => Result<T>): (...args: A) => Result<T> {
  return (...args) => {
    try {
      return call(...args);
    } catch (error) {
      const message = storageFailure(error);
      if (message === null) throw error;
      return { ok: false, errors: [{ message, path: '' }] };
    }
  };
}
