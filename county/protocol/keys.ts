/**
 * Ed25519 keys of the county exchange: each township office's own key (it signs what it sends) and the
 * county server's key (it signs receipts and its greeting). The same crypto and fingerprint format as
 * the county's pack keys (electron/services/packs/packSigning.ts): 8 groups of 4 hex digits, read out
 * on the phone before either side trusts the other.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { fingerprintOf, publicKeyFromRaw, rawPublicKey } from '../../electron/services/packs/packSigning';

export { canonicalJson, fingerprintOf, parsePublicKey } from '../../electron/services/packs/packSigning';

export interface SigningKey {
  privateKey: KeyObject;
  /** raw 32 bytes */
  publicKey: Buffer;
  fingerprint: string;
}

export function generateSigningKey(): { key: SigningKey; pem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { key: signingKeyFromPrivate(privateKey), pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

function signingKeyFromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** A key kept as PKCS#8 PEM; throws when the text is not an Ed25519 private key. */
export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return signingKeyFromPrivate(privateKey);
}

export function signBytes(key: SigningKey, message: Buffer): Buffer {
  return sign(null, message, key.privateKey);
}

/** False for a wrong signature and for anything malformed (never throws). */
export function verifyBytes(publicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  try {
    return publicKey.length === 32 && signature.length === 64 && verify(null, message, publicKeyFromRaw(publicKey), signature);
  } catch {
    return false;
  }
}
