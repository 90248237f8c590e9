/**
 * 回执: what the county server answers to a bundle (in the response over the network, or as a file
 * the county hands back for the USB stick), signed with the county server's key. The office records
 * as acknowledged exactly the revision ids a receipt from its trusted county server lists.
 */
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/errors';
import { canonicalJson, fingerprintOf, signBytes, verifyBytes, type SigningKey } from './keys';

export const RECEIPT_FORMAT = 'huimin-county-receipt';
export const RECEIPT_EXTENSION = '.hmreceipt';

export interface ReceiptBody {
  format: typeof RECEIPT_FORMAT;
  formatVersion: 1;
  server: { fingerprint: string; publicKey: string };
  officeFingerprint: string;
  /** SHA-256 of the bundle file this answers */
  bundleSha256: string;
  receivedAt: string;
  /** the office's revision ids the county holds with the content sent */
  accepted: number[];
  /** ids the county already held with other content: kept apart there as conflicts */
  conflicts: number[];
}

export interface Receipt extends ReceiptBody {
  /** 128 hex digits */
  signature: string;
}

const message = (body: ReceiptBody) => Buffer.from(`huimin-receipt-v1\n${canonicalJson(body)}`, 'utf8');

export function signReceipt(key: SigningKey, body: Omit<ReceiptBody, 'format' | 'formatVersion' | 'server'>): Receipt {
  const full: ReceiptBody = {
    format: RECEIPT_FORMAT,
    formatVersion: 1,
    server: { fingerprint: key.fingerprint, publicKey: key.publicKey.toString('base64') },
    ...body,
  };
  return { ...full, signature: signBytes(key, message(full)).toString('hex') };
}

/**
 * A receipt as the file the county hands back for the office's USB stick (readReceipt reads it):
 * named 县级回执-<office>-<which><ext>, `which` telling one receipt of the office from another
 * (the day of an import, the bundle of a first load).
 */
export function receiptFile(receipt: Receipt, officeName: string, which: string): { fileName: string; bytes: Buffer } {
  return { fileName: `县级回执-${officeName}-${which}${RECEIPT_EXTENSION}`, bytes: Buffer.from(`${JSON.stringify(receipt)}\n`, 'utf8') };
}

const REFUSED = '回执未通过校验：';

/** Parses a receipt and checks its signature against its own key (whether that key is trusted is the caller's question). */
export function readReceipt(bytes: Buffer): Result<Receipt> {
  let parsed: Receipt;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Receipt;
  } catch {
    return fail(`${REFUSED}不是县级回执文件，或文件已损坏`, 'file');
  }
  const ids = (list: unknown) => Array.isArray(list) && list.every((id) => Number.isSafeInteger(id) && (id as number) > 0);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    parsed.format !== RECEIPT_FORMAT ||
    parsed.formatVersion !== 1 ||
    typeof parsed.server?.publicKey !== 'string' ||
    typeof parsed.server.fingerprint !== 'string' ||
    typeof parsed.officeFingerprint !== 'string' ||
    typeof parsed.bundleSha256 !== 'string' ||
    typeof parsed.receivedAt !== 'string' ||
    !ids(parsed.accepted) ||
    !ids(parsed.conflicts) ||
    typeof parsed.signature !== 'string' ||
    !/^[0-9a-f]{128}$/.test(parsed.signature)
  ) {
    return fail(`${REFUSED}不是县级回执文件，或文件已损坏`, 'file');
  }
  const publicKey = Buffer.from(parsed.server.publicKey, 'base64');
  if (publicKey.length !== 32 || fingerprintOf(publicKey) !== parsed.server.fingerprint) return fail(`${REFUSED}县级服务器公钥与指纹不符`, 'file');
  const { signature, ...body } = parsed;
  if (!verifyBytes(publicKey, message(body), Buffer.from(signature, 'hex'))) return fail(`${REFUSED}签名与内容不符（文件已被改动或损坏）`, 'signature');
  return ok(parsed);
}

export function bundleDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
