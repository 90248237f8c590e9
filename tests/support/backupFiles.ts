/**
 * Backup files as tests need them: a backup as an older version made it (the database alone, no
 * manifest at the end, backupManifest.ts), to alter it on purpose or to stand for one made before
 * manifests existed.
 */
import { closeSync, openSync, readSync, truncateSync } from 'node:fs';

/** Cuts a backup back to its database part (page_size × page_count from its SQLite header). */
export function withoutManifest(file: string): void {
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(100);
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  truncateSync(file, pageSize * header.readUInt32BE(28));
}
