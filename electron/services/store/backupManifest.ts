/**
 * 备份校验清单: every backup file ends with a manifest that carries the SHA-256 of the database bytes
 * before it, what they hold, and a SHA-256 of the manifest itself; 恢复 refuses the whole file when any
 * of it fails. SQLite's own integrity_check does not see a flipped byte in a stored value, an unused
 * part of a page or a free page; a hash over every byte does.
 *
 * Layout (one file, as before, so a backup still travels alone on a USB stick):
 *
 *   [the SQLite database, page_count × page_size bytes]
 *   [manifest JSON, UTF-8, padded with spaces]
 *   "\nHMC-BACKUP-MANIFEST-1 " + 12-digit length of the manifest part + "\n"      (35 bytes)
 *
 * SQLite reads the database part alone (it sizes the file from its header), so a backup still opens
 * as a database; 恢复 copies only the verified database part. The manifest JSON is
 *   { format, formatVersion, createdAt, schemaVersion, database: { bytes, sha256 }, cases, revisions,
 *     lastRevisionId, folders, manifestSha256 }
 * where manifestSha256 is the SHA-256 of the same JSON written without that last field.
 *
 * A backup made before manifests existed has no trailer: it is recognised by its size being exactly
 * what its SQLite header says, and accepted as such (its revisions still pass the verification pass).
 * A manifest part is never a multiple of 512 bytes long, so a damaged trailer can never make a new
 * backup look like an old one.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fail, ok, type Result } from '../../../shared/errors';

export const MANIFEST_FORMAT = 'huimin-backup-manifest';
export const MANIFEST_FORMAT_VERSION = 1;
const FOOTER_TAG = '\nHMC-BACKUP-MANIFEST-1 ';
const FOOTER_BYTES = FOOTER_TAG.length + 12 + 1;
/** the largest manifest part read (a manifest is well under a kilobyte) */
const MAX_MANIFEST_BYTES = 64 * 1024;

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: number;
  createdAt: string;
  schemaVersion: number;
  database: { bytes: number; sha256: string };
  cases: number;
  revisions: number;
  lastRevisionId: number;
  /** data-folder folders carried inside the database part (backupFolders.ts) */
  folders: string[];
}

export type ManifestContent = Omit<BackupManifest, 'format' | 'formatVersion' | 'database'>;

/** A backup as found: with a manifest that checks out, or an older one without. */
export type FoundManifest = { kind: 'manifest'; manifest: BackupManifest } | { kind: 'legacy'; databaseBytes: number };

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function manifestText(manifest: BackupManifest): string {
  const body = JSON.stringify(manifest);
  const sealed = JSON.stringify({ ...manifest, manifestSha256: sha256(body) });
  // never a multiple of 512 bytes (see the module comment)
  const length = Buffer.byteLength(sealed) + FOOTER_BYTES;
  return length % 512 === 0 ? `${sealed} ` : sealed;
}

/** SHA-256 of a file's first `bytes` bytes. */
function hashPrefix(fd: number, bytes: number): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  let position = 0;
  while (position < bytes) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, bytes - position), position);
    if (read === 0) break;
    hash.update(chunk.subarray(0, read));
    position += read;
  }
  return hash.digest('hex');
}

/** Appends the manifest to a finished database copy (before it is renamed into place) and syncs it. */
export function appendManifest(file: string, content: ManifestContent): BackupManifest {
  const fd = openSync(file, 'r+');
  try {
    const bytes = fstatSync(fd).size;
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_FORMAT_VERSION,
      createdAt: content.createdAt,
      schemaVersion: content.schemaVersion,
      database: { bytes, sha256: hashPrefix(fd, bytes) },
      cases: content.cases,
      revisions: content.revisions,
      lastRevisionId: content.lastRevisionId,
      folders: content.folders,
    };
    const text = Buffer.from(manifestText(manifest), 'utf8');
    const footer = Buffer.from(`${FOOTER_TAG}${String(text.length).padStart(12, '0')}\n`, 'latin1');
    writeSync(fd, Buffer.concat([text, footer]), 0, text.length + footer.length, bytes);
    fsyncSync(fd);
    return manifest;
  } finally {
    closeSync(fd);
  }
}

const DAMAGED = (name: string, why: string) => `备份文件「${name}」已损坏或被改动（${why}），整份不能用于恢复；现有数据未改动`;

/** The SQLite header's own idea of the database size: page_size × page_count (0 when unreadable). */
function headerDatabaseBytes(fd: number): number {
  const header = Buffer.alloc(100);
  if (readSync(fd, header, 0, 100, 0) < 100) return 0;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  return pageSize * header.readUInt32BE(28);
}

/** Reads and checks a backup's manifest (not yet the database hash: that is checked while copying). */
export function readManifest(file: string, name: string): Result<FoundManifest> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return fail(`无法读取备份文件「${name}」（${(error as Error).message}）`, 'file');
  }
  try {
    const size = fstatSync(fd).size;
    const footer = Buffer.alloc(FOOTER_BYTES);
    const hasFooter = size > FOOTER_BYTES && readSync(fd, footer, 0, FOOTER_BYTES, size - FOOTER_BYTES) === FOOTER_BYTES;
    const footerText = footer.toString('latin1');
    if (!hasFooter || !footerText.startsWith(FOOTER_TAG)) {
      // no trailer: an older backup only if the file is exactly the database its header describes
      if (size > 0 && headerDatabaseBytes(fd) === size) return ok({ kind: 'legacy', databaseBytes: size });
      return fail(DAMAGED(name, '缺少校验清单或文件不完整'), 'file');
    }
    const lengthText = footerText.slice(FOOTER_TAG.length, FOOTER_TAG.length + 12);
    const length = /^\d{12}$/.test(lengthText) && footerText.endsWith('\n') ? Number(lengthText) : NaN;
    if (!Number.isSafeInteger(length) || length <= 0 || length > MAX_MANIFEST_BYTES || length > size - FOOTER_BYTES) return fail(DAMAGED(name, '校验清单长度不对'), 'file');
    const text = Buffer.alloc(length);
    readSync(fd, text, 0, length, size - FOOTER_BYTES - length);
    const manifest = parseManifest(text);
    if (!manifest) return fail(DAMAGED(name, '校验清单自身的校验值不符'), 'file');
    if (manifest.database.bytes !== size - FOOTER_BYTES - length) return fail(DAMAGED(name, '文件长度与校验清单不符'), 'file');
    return ok({ kind: 'manifest', manifest });
  } finally {
    closeSync(fd);
  }
}

function parseManifest(bytes: Buffer): BackupManifest | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { manifestSha256, ...manifest } = parsed;
  if (typeof manifestSha256 !== 'string' || sha256(JSON.stringify(manifest)) !== manifestSha256) return null;
  const value = manifest as unknown as BackupManifest;
  if (value.format !== MANIFEST_FORMAT || value.formatVersion !== MANIFEST_FORMAT_VERSION) return null;
  if (typeof value.database !== 'object' || value.database === null || !Number.isSafeInteger(value.database.bytes) || !/^[0-9a-f]{64}$/.test(String(value.database.sha256))) return null;
  return value;
}

/**
 * Copies the database part of a backup to `target` (which exists, 0600), hashing it on the way, and
 * compares the hash with the manifest: the chosen file, perhaps on a USB stick, is read once.
 */
export async function copyVerifiedDatabase(source: string, target: string, found: FoundManifest, name: string): Promise<Result<void>> {
  const bytes = found.kind === 'manifest' ? found.manifest.database.bytes : found.databaseBytes;
  const hash = createHash('sha256');
  let copied = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      copied += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source, { start: 0, end: bytes - 1 }), hashing, createWriteStream(target, { flags: 'r+' }));
  } catch (error) {
    return fail(`无法读取备份文件「${name}」（${(error as Error).message}）`, 'file');
  }
  if (copied !== bytes) return fail(DAMAGED(name, '文件不完整'), 'file');
  if (found.kind === 'manifest' && hash.digest('hex') !== found.manifest.database.sha256) return fail(DAMAGED(name, '数据库部分的校验值不符'), 'file');
  return ok(undefined);
}
