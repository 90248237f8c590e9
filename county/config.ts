/**
 * The county server's data folder: the private PostgreSQL cluster (pg/), the server's signing key
 * (server-key.pem: its fingerprint is what offices confirm by phone), the pages' access token and the
 * county's name. Made on first start; written atomically, readable by the owner only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../electron/services/packs/atomicFile';
import { defaultUserDataDir } from '../electron/services/dataDir';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from './protocol/keys';

export const COUNTY_FOLDER = 'county-server';

export function defaultCountyDir(): string {
  return join(defaultUserDataDir(), COUNTY_FOLDER);
}

export interface CountyFolder {
  dir: string;
  clusterDir: string;
  serverKey: SigningKey;
  token: string;
  name: string;
}

function ownFile(path: string, make: () => string): string {
  if (!existsSync(path)) writeFileAtomic(path, make());
  return readFileSync(path, 'utf8').trim();
}

/** Opens (making on first use) the county data folder. `name` replaces the stored county name when given. */
export function openCountyFolder(dir: string, name?: string): CountyFolder {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pem = ownFile(join(dir, 'server-key.pem'), () => generateSigningKey().pem);
  const token = ownFile(join(dir, 'access-token'), () => randomBytes(24).toString('base64url'));
  const namePath = join(dir, 'county-name.txt');
  if (name !== undefined && name.trim() !== '') writeFileAtomic(namePath, `${name.trim()}\n`);
  const county = ownFile(namePath, () => '县级汇总\n');
  return { dir, clusterDir: join(dir, 'pg'), serverKey: signingKeyFromPem(pem), token, name: county };
}
