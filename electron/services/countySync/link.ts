/**
 * The office's side of the county link, kept in the data folder's county-link/ (carried by every
 * backup, like packs/, so a restored office keeps its identity and what it sent stays keyed alike):
 * - office-key.pem: the office's own Ed25519 key, made on first use; the county registers its public
 *   key after checking the fingerprint by phone. It signs every bundle and request.
 * - link.json: the county address and the county server key the operator confirmed (its fingerprint
 *   checked by phone), with the TLS certificate hash the server vouched for.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/errors';
import { writeFileAtomic } from '../packs/atomicFile';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '../../../county/protocol/keys';

export const COUNTY_LINK_FOLDER = 'county-link';

const linkSchema = z.object({
  address: z.string().nullable(),
  server: z.object({ fingerprint: z.string(), publicKey: z.string(), name: z.string() }).nullable(),
  lastSentAt: z.string().nullable().default(null),
});
export type LinkConfig = z.infer<typeof linkSchema>;

const KEY_FILE = 'office-key.pem';
const LINK_FILE = 'link.json';

/**
 * A county-link/ folder a backup brings back (restore.ts stages it, and only from a backup whose
 * manifest verified): its key must be an Ed25519 private key and its link file readable, or the live
 * folder stays as it is.
 */
export function verifyRestoredCountyLink(staged: string): Result<string[]> {
  const keyPath = join(staged, KEY_FILE);
  if (existsSync(keyPath)) {
    try {
      signingKeyFromPem(readFileSync(keyPath, 'utf8'));
    } catch {
      return fail('乡镇密钥文件不是有效的 Ed25519 私钥');
    }
  }
  const linkPath = join(staged, LINK_FILE);
  if (existsSync(linkPath)) {
    try {
      linkSchema.parse(JSON.parse(readFileSync(linkPath, 'utf8')));
    } catch {
      return fail('县级服务器设置文件无法读取');
    }
  }
  return ok([]);
}

export class CountyLink {
  /** the key, with the file text it was read from: a restore may bring back another file */
  private key: { pem: string; key: SigningKey } | null = null;

  constructor(private readonly dataDir: string) {}

  private get folder(): string {
    return join(this.dataDir, COUNTY_LINK_FOLDER);
  }

  officeKey(): SigningKey {
    const path = join(this.folder, KEY_FILE);
    if (!existsSync(path)) {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      // the office's identity at the county: readable by this account only (atomicFile.ts writes 0600)
      writeFileAtomic(path, generateSigningKey().pem);
    }
    const pem = readFileSync(path, 'utf8');
    if (this.key?.pem !== pem) this.key = { pem, key: signingKeyFromPem(pem) };
    return this.key.key;
  }

  /** whether this office has made its key yet (a read-only program must not make one) */
  hasKey(): boolean {
    return existsSync(join(this.folder, KEY_FILE));
  }

  config(): LinkConfig {
    const path = join(this.folder, LINK_FILE);
    if (!existsSync(path)) return { address: null, server: null, lastSentAt: null };
    try {
      return linkSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      return { address: null, server: null, lastSentAt: null };
    }
  }

  save(change: Partial<LinkConfig>): LinkConfig {
    const next = { ...this.config(), ...change };
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    writeFileAtomic(join(this.folder, LINK_FILE), `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
