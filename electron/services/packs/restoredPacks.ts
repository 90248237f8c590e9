/**
 * 恢复 brings back packs/ as the backup holds it — but only after checking it, since the pack in force
 * decides every amount computed afterwards and the county keys decide which packs are trusted. It is
 * called only for a backup whose manifest verified (backupManifest.ts: not one byte differs from what
 * was backed up), which is what lets the backup's own county keys be trusted; then every imported pack
 * must carry its signed file and that file must verify against those keys and hold exactly the pack
 * kept, every local pack must load, and the pack in force must exist. Anything else: packs/ is not
 * restored (the live one stays) and the reason is reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_PACKS } from '../../../seeds';
import { fail, ok, type Result } from '../../../shared/errors';
import type { RawPack } from '../../../shared/packs/types';
import { COUNTY_KEYS_FILE, CountyKeys } from './countyKeys';
import { LocalPacks } from './localPacks';
import { canonicalJson, verifySignedPack } from './packSigning';

export function verifyRestoredPacks(staged: string, shipped: readonly RawPack[] = SHIPPED_PACKS): Result<string[]> {
  const keysFile = join(staged, COUNTY_KEYS_FILE);
  const keys = new CountyKeys(staged).list();
  if (existsSync(keysFile)) {
    let entries: unknown;
    try {
      entries = JSON.parse(readFileSync(keysFile, 'utf8'));
    } catch {
      return fail('县级公钥文件无法读取');
    }
    if (!Array.isArray(entries) || entries.length !== keys.length) return fail('县级公钥文件中有无效的公钥（指纹与公钥不符或格式不对）');
  }

  const local = new LocalPacks(staged);
  const listed = local.list();
  if (listed.problems.length > 0) return fail(listed.problems.join('；'));
  for (const entry of listed.packs) {
    const name = `${entry.pack.id} ${entry.pack.version}`;
    if (entry.origin.kind !== 'imported') continue;
    if (typeof entry.signed !== 'string') return fail(`参数包 ${name} 是导入的签名参数包，但没有保存签名文件，无法核验`);
    const verified = verifySignedPack(Buffer.from(entry.signed, 'utf8'), keys);
    if (!verified.ok) return fail(`参数包 ${name}：${verified.errors.map((error) => error.message).join('；')}`);
    if (canonicalJson(verified.value.pack) !== canonicalJson(entry.pack) || verified.value.signedBy.fingerprint !== entry.origin.signedBy?.fingerprint) {
      return fail(`参数包 ${name} 的内容与其签名文件不一致`);
    }
  }

  const active = local.activeRef();
  if (active) {
    const known = [...shipped, ...listed.packs.map((entry) => entry.pack)].some((pack) => pack.id === active.id && pack.version === active.version);
    if (!known) return fail(`现行参数包 ${active.id} ${active.version} 不在备份中`);
  }
  return ok([]);
}
