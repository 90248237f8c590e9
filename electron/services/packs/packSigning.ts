/**
 * Signed pack files (Ed25519, Node crypto). The county signs a pack with its private key; every
 * township verifies it against the county public keys configured in 设置 before importing.
 *
 * The file must be byte for byte what export wrote: it is parsed, written out again the same way and
 * compared, so no change to any byte — content, whitespace, key order, the case of a hex digit — can
 * pass. The signature covers the format tag, the key fingerprint and the pack.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { fail, ok, type Result } from '../../../shared/errors';
import type { RawPack } from '../../../shared/packs/types';

export const SIGNED_PACK_FORMAT = 'huimin-policy-pack-signed';
export const SIGNED_PACK_VERSION = 1;

export interface SignedPackFile {
  format: typeof SIGNED_PACK_FORMAT;
  formatVersion: number;
  keyFingerprint: string;
  signedAt: string;
  pack: RawPack;
  /** 128 lower-case hex digits */
  signature: string;
}

export interface TrustedKey {
  name: string;
  /** the raw 32-byte public key, base64 */
  publicKey: string;
  fingerprint: string;
}

/** The SPKI DER prefix of an Ed25519 public key; the last 32 bytes are the key itself. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** SHA-256 of the raw key, first 16 bytes, as 8 groups of 4 hex digits: what the admin reads out on the phone. */
export function fingerprintOf(raw: Buffer): string {
  const hex = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

/** Reads a public key the admin pasted: PEM, or the raw 32 bytes in base64. */
export function parsePublicKey(text: string): Result<{ publicKey: string; fingerprint: string }> {
  const trimmed = text.trim();
  try {
    let raw: Buffer;
    // a pasted private key would be accepted by createPublicKey; it must never be configured as a county key
    if (trimmed.includes('PRIVATE KEY')) return fail('这是私钥，不是公钥：私钥只能由县级管理员自己保管，请粘贴公钥', 'publicKey');
    if (trimmed.includes('BEGIN')) {
      const key = createPublicKey(trimmed);
      if (key.asymmetricKeyType !== 'ed25519') return fail('公钥不是 Ed25519 密钥', 'publicKey');
      raw = rawPublicKey(key);
    } else {
      if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return fail('公钥格式有误：请粘贴 PEM 格式公钥或 44 个字符的 base64 公钥', 'publicKey');
      raw = Buffer.from(trimmed, 'base64');
      publicKeyFromRaw(raw);
    }
    return ok({ publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) });
  } catch {
    return fail('公钥无法识别：请粘贴县级管理员提供的 PEM 格式公钥或 base64 公钥', 'publicKey');
  }
}

export interface GeneratedKeyPair {
  /** PKCS#8 PEM: for the admin to keep in a file, never stored by the app */
  privateKeyPem: string;
  publicKeyPem: string;
  publicKey: string;
  fingerprint: string;
}

export function generateSigningKeyPair(): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKey: raw.toString('base64'),
    fingerprint: fingerprintOf(raw),
  };
}

/** Stable JSON (keys sorted): what is signed does not depend on the order properties were built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function signedMessage(file: Pick<SignedPackFile, 'format' | 'formatVersion' | 'keyFingerprint' | 'signedAt' | 'pack'>): Buffer {
  return Buffer.from(
    canonicalJson({ format: file.format, formatVersion: file.formatVersion, keyFingerprint: file.keyFingerprint, signedAt: file.signedAt, pack: file.pack }),
    'utf8',
  );
}

/** The exact text of a signed file (export writes it; import requires it). */
function serialise(file: SignedPackFile): string {
  const ordered: SignedPackFile = {
    format: file.format,
    formatVersion: file.formatVersion,
    keyFingerprint: file.keyFingerprint,
    signedAt: file.signedAt,
    pack: JSON.parse(canonicalJson(file.pack)) as RawPack,
    signature: file.signature,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Signs a pack with the admin's private key (PEM). */
export function signPack(pack: RawPack, privateKeyPem: string, signedAt: string): Result<{ text: string; fingerprint: string }> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem.trim());
  } catch {
    return fail('私钥无法识别：请选择生成密钥时保存的私钥文件（PEM 格式）', 'privateKey');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return fail('私钥不是 Ed25519 密钥', 'privateKey');
  const keyFingerprint = fingerprintOf(rawPublicKey(createPublicKey(privateKey)));
  const unsigned = { format: SIGNED_PACK_FORMAT, formatVersion: SIGNED_PACK_VERSION, keyFingerprint, signedAt, pack } as const;
  const signature = sign(null, signedMessage(unsigned), privateKey).toString('hex');
  return ok({ text: serialise({ ...unsigned, signature }), fingerprint: keyFingerprint });
}

export interface VerifiedPack {
  pack: RawPack;
  signedBy: TrustedKey;
  signedAt: string;
}

const REFUSED = '参数包文件未通过签名校验，未导入：';

/** Checks a received file against the trusted keys. Refuses unsigned, altered and untrusted files. */
export function verifySignedPack(bytes: Buffer, trusted: readonly TrustedKey[]): Result<VerifiedPack> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`${REFUSED}文件不是有效的 UTF-8 文本，可能已损坏或被改动`, 'file');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(`${REFUSED}文件内容不是有效的 JSON，可能已损坏或被改动`, 'file');
  }
  const file = parsed as Partial<SignedPackFile> | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return fail(`${REFUSED}文件格式不对`, 'file');
  if (file.format !== SIGNED_PACK_FORMAT) {
    const unsigned = 'parameters' in file && 'documents' in file;
    return fail(unsigned ? `${REFUSED}这是未签名的参数包，只能导入县级签名导出的参数包文件` : `${REFUSED}不是惠民政策参数包文件`, 'file');
  }
  if (file.formatVersion !== SIGNED_PACK_VERSION) return fail(`${REFUSED}文件格式版本 ${String(file.formatVersion)} 不受支持`, 'file');
  if (typeof file.signature !== 'string' || !/^[0-9a-f]{128}$/.test(file.signature)) return fail(`${REFUSED}缺少签名或签名格式有误`, 'signature');
  if (typeof file.keyFingerprint !== 'string' || typeof file.signedAt !== 'string' || typeof file.pack !== 'object' || file.pack === null) {
    return fail(`${REFUSED}文件格式不对`, 'file');
  }
  const complete = file as SignedPackFile;
  let same = false;
  try {
    same = serialise(complete) === text;
  } catch {
    same = false;
  }
  if (!same) return fail(`${REFUSED}文件内容与导出时不一致（已被改动或损坏）`, 'file');
  const key = trusted.find((candidate) => candidate.fingerprint === complete.keyFingerprint);
  if (!key) return fail(`${REFUSED}签名密钥（指纹 ${complete.keyFingerprint}）不在“设置 · 县级公钥”中，请向县级管理员核实后添加其公钥`, 'keyFingerprint');
  let valid = false;
  try {
    valid = verify(null, signedMessage(complete), publicKeyFromRaw(Buffer.from(key.publicKey, 'base64')), Buffer.from(complete.signature, 'hex'));
  } catch {
    valid = false;
  }
  if (!valid) return fail(`${REFUSED}签名与内容不符（文件已被改动，或不是用该密钥签名的）`, 'signature');
  return ok({ pack: complete.pack, signedBy: key, signedAt: complete.signedAt });
}
