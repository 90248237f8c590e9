/**
 * 上报包: the revisions an office sends to the county, as one signed file. The same bytes travel over
 * the network (the body of a POST) or on a USB stick (a .hmbundle file), and the county checks them the
 * same way.
 *
 *   "HUIMIN-BUNDLE 1\n"                        magic and format version
 *   u32 length + header JSON                   office key, when made, counts
 *   per dictionary: u32 length + bytes         the deflate dictionaries the revisions name
 *   per revision:   u32 length + meta JSON,
 *                   u32 length + input bytes,
 *                   u32 length + result bytes  as the office stored them (codec, dictionary index)
 *   "SIG1" + 64-byte Ed25519 signature         over "huimin-bundle-v1\n" + SHA-256 of every byte before it
 *
 * The signature covers every byte before it and the file must end exactly after it, so a change to
 * any byte — content, lengths, the signature itself, anything appended — is refused. Lengths are
 * big-endian; every length is checked against what is left before it is used.
 */
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/errors';
import { fingerprintOf, signBytes, verifyBytes, type SigningKey } from './keys';

const MAGIC = Buffer.from('HUIMIN-BUNDLE 1\n', 'ascii');
const TRAILER_TAG = Buffer.from('SIG1', 'ascii');
const SIGNATURE_CONTEXT = Buffer.from('huimin-bundle-v1\n', 'ascii');
export const BUNDLE_EXTENSION = '.hmbundle';
/** a revision's stored documents are capped by the office store (schemas.ts: 256 KB input, 8 MB result) */
const MAX_PART = 16 * 1024 * 1024;

export const REVISION_KINDS = ['save', 'void', 'recalc'] as const;
export type BundleRevisionKind = (typeof REVISION_KINDS)[number];

export interface BundleHeader {
  office: { fingerprint: string; publicKey: string; name: string };
  /** when the office made the bundle (ISO with offset) */
  createdAt: string;
  dictionaries: number;
  revisions: number;
}

/** One revision as the office stores it (electron/services/store): metadata and the stored bytes. */
export interface BundleRevision {
  /** the office's own revision id: with the office's key, the revision's key everywhere */
  id: number;
  caseNo: string;
  revision: number;
  kind: BundleRevisionKind;
  savedAt: string;
  operator: string;
  packId: string;
  packVersion: string;
  reason: string | null;
  codec: number;
  /** index into the bundle's dictionaries, or null */
  dictionary: number | null;
  input: Buffer;
  result: Buffer;
}

export interface Bundle {
  header: BundleHeader;
  dictionaries: Buffer[];
  revisions: BundleRevision[];
  /** SHA-256 of the whole file: the bundle's identity */
  sha256: string;
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

/** Writes and signs a bundle with the office's key. */
export function writeBundle(
  key: SigningKey,
  officeName: string,
  createdAt: string,
  dictionaries: readonly Buffer[],
  revisions: readonly BundleRevision[],
): Buffer {
  const header: BundleHeader = {
    office: { fingerprint: key.fingerprint, publicKey: key.publicKey.toString('base64'), name: officeName },
    createdAt,
    dictionaries: dictionaries.length,
    revisions: revisions.length,
  };
  const parts: Buffer[] = [MAGIC, ...lengthPrefixed(Buffer.from(JSON.stringify(header), 'utf8'))];
  for (const dictionary of dictionaries) parts.push(...lengthPrefixed(dictionary));
  for (const revision of revisions) {
    const { input, result, ...meta } = revision;
    parts.push(...lengthPrefixed(Buffer.from(JSON.stringify(meta), 'utf8')), ...lengthPrefixed(input), ...lengthPrefixed(result));
  }
  const body = Buffer.concat(parts);
  const signature = signBytes(key, signedMessage(body));
  return Buffer.concat([body, TRAILER_TAG, signature]);
}

function signedMessage(body: Buffer): Buffer {
  return Buffer.concat([SIGNATURE_CONTEXT, createHash('sha256').update(body).digest()]);
}

const REFUSED = '上报包未通过校验，未导入：';

class Reader {
  offset = 0;
  constructor(private readonly bytes: Buffer, private readonly end: number) {}

  part(limit = MAX_PART): Buffer | null {
    if (this.offset + 4 > this.end) return null;
    const length = this.bytes.readUInt32BE(this.offset);
    if (length > limit || this.offset + 4 + length > this.end) return null;
    const part = this.bytes.subarray(this.offset + 4, this.offset + 4 + length);
    this.offset += 4 + length;
    return part;
  }
}

/** one decoder for all (decode() without `stream` keeps no state between calls) */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Buffer | null): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(STRICT_UTF8.decode(bytes));
  } catch {
    return undefined;
  }
}

const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function validHeader(value: unknown): value is BundleHeader {
  const header = value as BundleHeader | undefined;
  return (
    typeof header === 'object' &&
    header !== null &&
    typeof header.office === 'object' &&
    header.office !== null &&
    isText(header.office.fingerprint, 64) &&
    isText(header.office.publicKey, 64) &&
    isText(header.office.name, 200) &&
    isText(header.createdAt, 40) &&
    isCount(header.dictionaries) &&
    isCount(header.revisions)
  );
}

function validMeta(value: unknown, dictionaries: number): value is Omit<BundleRevision, 'input' | 'result'> {
  const meta = value as BundleRevision | undefined;
  return (
    typeof meta === 'object' &&
    meta !== null &&
    isCount(meta.id) &&
    meta.id > 0 &&
    isText(meta.caseNo, 64) &&
    isCount(meta.revision) &&
    meta.revision > 0 &&
    (REVISION_KINDS as readonly unknown[]).includes(meta.kind) &&
    isText(meta.savedAt, 40) &&
    !Number.isNaN(Date.parse(meta.savedAt)) &&
    isText(meta.operator, 100) &&
    isText(meta.packId, 100) &&
    isText(meta.packVersion, 100) &&
    (meta.reason === null || isText(meta.reason, 1000)) &&
    (meta.kind === 'void') === (meta.reason !== null) &&
    [0, 1, 2].includes(meta.codec) &&
    (meta.dictionary === null ? meta.codec !== 2 : isCount(meta.dictionary) && meta.dictionary < dictionaries && meta.codec === 2)
  );
}

/** The header alone, before the signer is known to be trusted (to name the office in a refusal). */
export function bundleSigner(bytes: Buffer): BundleHeader['office'] | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const reader = new Reader(bytes, bytes.length);
  reader.offset = MAGIC.length;
  const header = parseJson(reader.part(64 * 1024));
  return validHeader(header) ? header.office : null;
}

/**
 * Checks a received bundle: its signature by `publicKeyFor(fingerprint)` (the registered office's key;
 * null when the fingerprint is not registered) and its structure. Refused: a Chinese reason.
 */
export function readBundle(bytes: Buffer, publicKeyFor: (fingerprint: string) => Buffer | null): Result<Bundle> {
  const end = bytes.length - TRAILER_TAG.length - 64;
  if (end < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return fail(`${REFUSED}不是惠民政策测算台的上报包文件`, 'file');
  if (!bytes.subarray(end, end + TRAILER_TAG.length).equals(TRAILER_TAG)) return fail(`${REFUSED}文件不完整或已损坏（缺少签名）`, 'file');
  const signer = bundleSigner(bytes);
  if (!signer) return fail(`${REFUSED}文件头已损坏`, 'file');
  const publicKey = Buffer.from(signer.publicKey, 'base64');
  if (publicKey.length !== 32 || fingerprintOf(publicKey) !== signer.fingerprint) return fail(`${REFUSED}文件头中的公钥与指纹不符（文件已被改动）`, 'file');
  const registered = publicKeyFor(signer.fingerprint);
  if (!registered) return fail(`${REFUSED}发送单位「${signer.name}」（指纹 ${signer.fingerprint}）未在县级登记，请先电话核对指纹后登记该乡镇`, 'office');
  if (!registered.equals(publicKey)) return fail(`${REFUSED}文件中的公钥与登记的不一致（文件已被改动）`, 'file');
  const signature = bytes.subarray(end + TRAILER_TAG.length);
  if (!verifyBytes(registered, signedMessage(bytes.subarray(0, end)), signature)) {
    return fail(`${REFUSED}签名与内容不符（文件已被改动或损坏）`, 'signature');
  }

  // signed by a registered office: what follows checks the office's program wrote it well
  const reader = new Reader(bytes, end);
  reader.offset = MAGIC.length;
  const header = parseJson(reader.part(64 * 1024)) as BundleHeader;
  const dictionaries: Buffer[] = [];
  for (let i = 0; i < header.dictionaries; i++) {
    const dictionary = reader.part(64 * 1024);
    if (!dictionary) return fail(`${REFUSED}压缩字典不完整`, 'file');
    dictionaries.push(dictionary);
  }
  const revisions: BundleRevision[] = [];
  for (let i = 0; i < header.revisions; i++) {
    const meta = parseJson(reader.part(64 * 1024));
    const input = reader.part();
    const result = reader.part();
    if (!validMeta(meta, dictionaries.length) || !input || !result) return fail(`${REFUSED}第${i + 1}条修订记录格式有误`, 'file');
    revisions.push({ ...meta, input, result });
  }
  if (reader.offset !== end) return fail(`${REFUSED}文件结构有误（记录数与内容不符）`, 'file');
  return ok({ header, dictionaries, revisions, sha256: createHash('sha256').update(bytes).digest('hex') });
}
