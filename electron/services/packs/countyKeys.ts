/**
 * 县级公钥: the public keys whose signatures a township accepts on pack files. Kept as a file in the
 * data folder's packs/ beside the packs they vouch for (the command line reads them without the
 * database), written atomically. Only public keys are kept here; the private key stays with the admin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/errors';
import { writeFileAtomic } from './atomicFile';
import { parsePublicKey, type TrustedKey } from './packSigning';
import { ensurePrivateFolder } from '../store/privateFiles';

export const COUNTY_KEYS_FILE = 'county-keys.json';

const fileSchema = z.array(z.strictObject({ name: z.string().min(1), publicKey: z.string(), fingerprint: z.string() }));

export class CountyKeys {
  constructor(private readonly folder: string) {}

  private get path(): string {
    return join(this.folder, COUNTY_KEYS_FILE);
  }

  list(): TrustedKey[] {
    if (!existsSync(this.path)) return [];
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (!parsed.success) return [];
      // a hand-edited entry whose fingerprint does not match its key is not trusted
      return parsed.data.filter((key) => {
        const checked = parsePublicKey(key.publicKey);
        return checked.ok && checked.value.fingerprint === key.fingerprint;
      });
    } catch {
      return [];
    }
  }

  add(name: string, publicKeyText: string): Result<TrustedKey[]> {
    const trimmedName = name.trim();
    if (trimmedName === '' || trimmedName.length > 40) return fail('公钥名称：请填写1至40个字（如“某某县民政局”）', 'name');
    const parsed = parsePublicKey(publicKeyText);
    if (!parsed.ok) return parsed;
    const keys = this.list();
    if (keys.some((key) => key.fingerprint === parsed.value.fingerprint)) return fail(`该公钥（指纹 ${parsed.value.fingerprint}）已添加`, 'publicKey');
    const next = [...keys, { name: trimmedName, ...parsed.value }];
    this.write(next);
    return ok(next);
  }

  remove(fingerprint: string): Result<TrustedKey[]> {
    const keys = this.list();
    const next = keys.filter((key) => key.fingerprint !== fingerprint);
    if (next.length === keys.length) return fail(`没有指纹为 ${fingerprint} 的公钥`, 'fingerprint');
    this.write(next);
    return ok(next);
  }

  private write(keys: TrustedKey[]): void {
    ensurePrivateFolder(this.folder);
    writeFileAtomic(this.path, `${JSON.stringify(keys, null, 2)}\n`);
  }
}
