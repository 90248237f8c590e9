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
import { writeFileAtomic } from '../packs/atomicFile';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '../../../county/protocol/keys';

export const COUNTY_LINK_FOLDER = 'county-link';

const linkSchema = z.object({
  address: z.string().nullable(),
  server: z.object({ fingerprint: z.string(), publicKey: z.string(), name: z.string() }).nullable(),
  lastSentAt: z.string().nullable().default(null),
});
export type LinkConfig = z.infer<typeof linkSchema>;

export class CountyLink {
  private key: SigningKey | null = null;

  constructor(private readonly dataDir: string) {}

  private get folder(): string {
    return join(this.dataDir, COUNTY_LINK_FOLDER);
  }

  officeKey(): SigningKey {
    if (this.key) return this.key;
    const path = join(this.folder, 'office-key.pem');
    if (!existsSync(path)) {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      // the office's identity at the county: readable by this account only
      writeFileAtomic(path, generateSigningKey().pem, 0o600);
    }
    this.key = signingKeyFromPem(readFileSync(path, 'utf8'));
    return this.key;
  }

  config(): LinkConfig {
    const path = join(this.folder, 'link.json');
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
    writeFileAtomic(join(this.folder, 'link.json'), `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
