/**
 * 编号高水位: the highest case id, case number (per year) and revision id this data folder has issued,
 * kept in a small file beside the database (huimin.numbers) and updated after every commit, so a
 * number cannot be issued twice even when the database itself is replaced by an older copy (a backup
 * copied over it by hand, a damaged file restored while the store could not open it).
 *
 * Two fixed-size slots written in turn, each holding the marks as JSON and the SHA-256 of that JSON: a
 * write cut by a crash or a power cut spoils at most the slot being written, and the reader takes the
 * highest of each number over the slots that check out. Marks only grow. A write is one pwrite into
 * the page cache (no fsync per save): the database, synced at every commit, holds the same numbers;
 * the file is synced when it matters more (a restore, closing).
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import type { Connection } from './connection';
import { exceeds, highest, issuedIn, NO_NUMBERS, raiseFloors, type IssuedNumbers } from './numberFloors';
import { PRIVATE_FILE_MODE } from './privateFiles';

export const NUMBERS_FILE_NAME = 'huimin.numbers';
const SLOT_BYTES = 4096;
const SLOTS = 2;

/** A slot's JSON as files already hold it: the case row id is stored under its old key `caseId`. */
type OnDisk = Omit<IssuedNumbers, 'caseRowId'> & { caseId: number };

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

function parseSlot(bytes: Buffer): IssuedNumbers | null {
  const text = bytes.toString('utf8');
  const [json, hash] = text.split('\n');
  if (json === undefined || hash === undefined || digest(json) !== hash) return null;
  try {
    const value = JSON.parse(json) as Partial<OnDisk>;
    if (!Number.isSafeInteger(value.caseId) || !Number.isSafeInteger(value.revisionId) || typeof value.sequences !== 'object' || value.sequences === null) return null;
    const sequences: Record<string, number> = {};
    for (const [year, sequence] of Object.entries(value.sequences)) if (/^\d{4}$/.test(year) && Number.isSafeInteger(sequence)) sequences[year] = sequence as number;
    return { caseRowId: value.caseId as number, revisionId: value.revisionId as number, sequences };
  } catch {
    return null;
  }
}

function slotBytes(marks: IssuedNumbers): Buffer {
  const json = JSON.stringify({ caseId: marks.caseRowId, revisionId: marks.revisionId, sequences: marks.sequences });
  const text = `${json}\n${digest(json)}\n`;
  const bytes = Buffer.alloc(SLOT_BYTES, 0x20);
  if (Buffer.byteLength(text) > SLOT_BYTES) throw new Error('number marks do not fit their slot');
  bytes.write(text, 0, 'utf8');
  return bytes;
}

/** The marks in a file (NO_NUMBERS when it is missing or neither slot checks out). */
export function readNumberMarks(path: string): IssuedNumbers {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return NO_NUMBERS;
  }
  try {
    const valid: IssuedNumbers[] = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const bytes = Buffer.alloc(SLOT_BYTES);
      const read = readSync(fd, bytes, 0, SLOT_BYTES, slot * SLOT_BYTES);
      const parsed = read === SLOT_BYTES ? parseSlot(bytes) : null;
      if (parsed) valid.push(parsed);
    }
    return highest(NO_NUMBERS, ...valid);
  } finally {
    closeSync(fd);
  }
}

/** The writer of one folder's marks file (the process holding the folder's lock). */
export class NumberMarks {
  private fd: number;
  private slot = 0;
  private current: IssuedNumbers;

  constructor(readonly path: string) {
    this.current = readNumberMarks(path);
    this.fd = openSync(path, 'a+', PRIVATE_FILE_MODE);
    closeSync(this.fd);
    this.fd = openSync(path, 'r+');
  }

  get marks(): IssuedNumbers {
    return this.current;
  }

  /** Raises the marks to at least `issued` (nothing is written when they are already there). */
  record(issued: IssuedNumbers): void {
    const next = highest(this.current, issued);
    if (!exceeds(next, this.current)) return;
    this.current = next;
    this.slot = (this.slot + 1) % SLOTS;
    const bytes = slotBytes(next);
    writeSync(this.fd, bytes, 0, bytes.length, this.slot * SLOT_BYTES);
  }

  /** Both slots the same and on disk (after a restore; when closing). */
  sync(): void {
    const bytes = slotBytes(this.current);
    for (let slot = 0; slot < SLOTS; slot++) writeSync(this.fd, bytes, 0, bytes.length, slot * SLOT_BYTES);
    fsyncSync(this.fd);
  }

  close(): void {
    try {
      this.sync();
    } finally {
      closeSync(this.fd);
    }
  }
}

/**
 * The numbers the folder issued, as far as the database and the marks file know: a database behind the
 * marks (replaced by an older copy outside a restore) gets floors above them, so no number is issued
 * twice; marks behind the database (lost, or a crash before they were written) catch up.
 */
export function reconcileNumbers(conn: Connection, marks: NumberMarks): string[] {
  const inDatabase = issuedIn(conn.db);
  const notes: string[] = [];
  if (exceeds(marks.marks, inDatabase)) {
    conn.write(() => raiseFloors(conn.db, marks.marks));
    notes.push('数据库中的编号低于此文件夹已发出的编号（数据库可能被较早的副本替换过）：新案卷编号和修订编号将接着已发出的编号继续，不会重复');
  }
  marks.record(inDatabase);
  return notes;
}
