/**
 * Whether this program writes its data folder or only reads it, and why: the folder's lock taken here
 * or given by the caller (folderLock.ts), another program holding it, or a folder that cannot be
 * written. The reasons are the words of the app's read-only banner.
 */
import { acquireFolderLock, describeHolder, type FolderLock, type LockHolder } from './folderLock';

/** Whether this program may write the folder, and if not why (the banner's words). */
export interface StoreAccess {
  writable: boolean;
  /** why nothing can be saved (Chinese), null when writable */
  reason: string | null;
  /** the program holding the folder, when that is why */
  holder: LockHolder | null;
  /** a program that held the folder and did not close cleanly (killed, crashed): its lock was taken over */
  takenOver: LockHolder | null;
  /** read-only from a private copy taken at opening (a write-protected folder the live file could not be read in) */
  snapshot: boolean;
}

const WRITABLE: StoreAccess = { writable: true, reason: null, holder: null, takenOver: null, snapshot: false };

/** The banner's words for a folder another program holds. */
export function heldElsewhere(holder: LockHolder | null): string {
  return holder
    ? `此数据文件夹正由另一个程序使用（${describeHolder(holder)}）。为免两处同时写入，本窗口只能查看、查找和打印，不能保存；请在那个程序中办理，或关闭它后点“重新检查”`
    : '此数据文件夹正由另一个程序使用。为免两处同时写入，本窗口只能查看、查找和打印，不能保存；请关闭另一个程序后点“重新检查”';
}

function readOnlyFolder(reason: string): string {
  return `${reason}：本窗口只能查看、查找和打印，不能保存案卷、打印记录、设置或备份`;
}

export type FolderClaim = { lock: FolderLock; readOnly: null } | { lock: null; readOnly: { reason: string; holder: LockHolder | null } };

/** Takes the folder for writing (folderLock.ts), or says why this program may only read it. */
export function claimFolder(dataDir: string, program: string, now: () => Date = () => new Date()): FolderClaim {
  const outcome = acquireFolderLock(dataDir, program, now);
  if (outcome.state === 'held') return { lock: outcome.lock, readOnly: null };
  if (outcome.state === 'busy') return { lock: null, readOnly: { reason: heldElsewhere(outcome.holder), holder: outcome.holder } };
  return { lock: null, readOnly: { reason: readOnlyFolder(outcome.reason), holder: null } };
}

/** Decides how to open: the lock given, taken here, or read-only (and why). */
export function accessFor(
  dataDir: string,
  options: { lock?: FolderLock; readOnly?: { reason: string; holder: LockHolder | null }; program?: string },
  now: () => Date,
): { access: StoreAccess; lock: FolderLock | null; ownsLock: boolean } {
  const given = options.lock ? { lock: options.lock, readOnly: null } : options.readOnly ? { lock: null, readOnly: options.readOnly } : null;
  const claim = given ?? claimFolder(dataDir, options.program ?? '其他程序', now);
  const ownsLock = given === null;
  if (claim.lock) return { access: { ...WRITABLE, takenOver: claim.lock.takenOver }, lock: claim.lock, ownsLock };
  return { access: { ...WRITABLE, writable: false, reason: claim.readOnly.reason, holder: claim.readOnly.holder }, lock: null, ownsLock };
}

