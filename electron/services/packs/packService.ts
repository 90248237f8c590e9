/**
 * The 政策参数 operations over the registry: list, save an edited pack, export it signed, import a
 * signed file, county keys. Each checks everything first and writes last (one atomic file), so a
 * refused request changes nothing.
 */
import type { CountyKey, GeneratedKey, PackListing, PackSummary } from '../../../shared/api/packApi';
import { fail, ok, type Result } from '../../../shared/errors';
import { diffPacks, type PackDiff } from '../../../shared/packs/packDiff';
import { buildLocalPack, type PackDraft } from '../../../shared/packs/packEdit';
import { loadPack } from '../../../shared/packs/loadPack';
import { isoWithOffset } from '../store/localTime';
import type { ActivePack, PackRegistry } from './packRegistry';
import type { PackRef } from './localPacks';
import { generateSigningKeyPair, signPack, verifySignedPack } from './packSigning';

export function summaryOf(entry: ActivePack, active: ActivePack): PackSummary {
  const { raw } = entry;
  return {
    id: raw.id,
    version: raw.version,
    title: raw.title,
    source: entry.source,
    validFrom: raw.validFrom,
    publishedAt: raw.publishedAt,
    description: raw.description ?? null,
    basedOn: raw.basedOn ?? null,
    origin: entry.origin ?? null,
    savedAt: entry.savedAt ?? null,
    active: entry === active,
  };
}

export function listPacks(registry: PackRegistry): PackListing {
  const active = registry.active();
  return {
    active: { id: active.raw.id, version: active.raw.version },
    packs: registry.all().map((entry) => summaryOf(entry, active)),
    problems: registry.loadProblems(),
  };
}

function needLocal(registry: PackRegistry) {
  return registry.local && registry.keys ? ok({ local: registry.local, keys: registry.keys }) : fail<never>('没有数据文件夹，无法保存本地参数包');
}

const notFound = (ref: PackRef) => fail<never>(`找不到参数包 ${ref.id} 版本 ${ref.version}`, 'version');

/** A new local pack from a pack and the officer's changes. */
export function saveLocalPack(registry: PackRegistry, base: PackRef, draft: PackDraft): Result<PackSummary> {
  const where = needLocal(registry);
  if (!where.ok) return where;
  const from = registry.find(base);
  if (!from) return notFound(base);
  const built = buildLocalPack(from.raw, draft);
  if (!built.ok) return built;
  if (registry.find(built.value)) return fail(`已有参数包 ${built.value.id} 版本 ${built.value.version}，请换一个版本号`, 'version');
  const saved = where.value.local.save(built.value, { kind: 'edited' });
  if (!saved.ok) return saved;
  registry.refresh();
  const entry = registry.find(built.value) as ActivePack;
  return ok(summaryOf(entry, registry.active()));
}

export function comparePacks(registry: PackRegistry, from: PackRef, to: PackRef, asOf: string): Result<PackDiff> {
  const a = registry.find(from);
  if (!a) return notFound(from);
  const b = registry.find(to);
  if (!b) return notFound(to);
  return ok(diffPacks(a.raw, b.raw, asOf));
}

/** The signed file of a pack, for the county to hand out. */
export function exportSignedPack(registry: PackRegistry, ref: PackRef, privateKeyPem: string, now: Date): Result<{ fileName: string; mime: string; base64: string; fingerprint: string }> {
  const entry = registry.find(ref);
  if (!entry) return notFound(ref);
  const signed = signPack(entry.raw, privateKeyPem, isoWithOffset(now));
  if (!signed.ok) return signed;
  return ok({
    fileName: `政策参数包-${entry.raw.id}-${entry.raw.version}.signed.json`,
    mime: 'application/json',
    base64: Buffer.from(signed.value.text, 'utf8').toString('base64'),
    fingerprint: signed.value.fingerprint,
  });
}

export interface ImportOutcome {
  pack: PackSummary;
  /** against the pack in force, on the new pack's latest effective date */
  diff: PackDiff;
  signedBy: { name: string; fingerprint: string };
  imported: boolean;
}

/** Verifies a received file and (unless dryRun) saves it as a local pack. Refused: nothing written. */
export function importSignedPack(registry: PackRegistry, bytes: Buffer, dryRun: boolean): Result<ImportOutcome> {
  const where = needLocal(registry);
  if (!where.ok) return where;
  const verified = verifySignedPack(bytes, where.value.keys.list());
  if (!verified.ok) return verified;
  const { pack, signedBy, signedAt } = verified.value;
  const loaded = loadPack(pack);
  if (!loaded.ok) return { ok: false, errors: loaded.errors.map((error) => ({ ...error, message: `签名有效，但参数包内容有误，未导入：${error.message}` })) };
  if (registry.find(pack)) return fail(`参数包 ${pack.id} 版本 ${pack.version} 已在本机，无需重复导入`, 'version');
  const active = registry.active();
  const latestFrom = Object.values(pack.parameters)
    .flatMap((parameter) => parameter.values.map((value) => value.from))
    .reduce((a, b) => (a > b ? a : b), pack.validFrom);
  const diff = diffPacks(active.raw, pack, latestFrom);
  const signer = { name: signedBy.name, fingerprint: signedBy.fingerprint };
  const preview: ActivePack = { pack: loaded.value, raw: pack, source: 'local', origin: { kind: 'imported', signedBy: signer, signedAt } };
  if (dryRun) return ok({ pack: summaryOf(preview, active), diff, signedBy: signer, imported: false });
  const saved = where.value.local.save(pack, { kind: 'imported', signedBy: signer, signedAt }, bytes.toString('utf8'));
  if (!saved.ok) return saved;
  registry.refresh();
  return ok({ pack: summaryOf(registry.find(pack) as ActivePack, registry.active()), diff, signedBy: signer, imported: true });
}

export function listKeys(registry: PackRegistry): Result<CountyKey[]> {
  return registry.keys ? ok(registry.keys.list()) : ok([]);
}

export function generateKey(now: Date): GeneratedKey {
  const pair = generateSigningKeyPair();
  const day = isoWithOffset(now).slice(0, 10);
  return {
    publicKey: pair.publicKey,
    publicKeyPem: pair.publicKeyPem,
    fingerprint: pair.fingerprint,
    privateKeyFile: {
      fileName: `县级参数包签名私钥-${day}-${pair.fingerprint.slice(0, 9)}.pem`,
      mime: 'application/x-pem-file',
      base64: Buffer.from(pair.privateKeyPem, 'utf8').toString('base64'),
    },
  };
}
