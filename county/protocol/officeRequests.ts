/**
 * How an office talks to the county server over the network.
 *
 * - GET /office/v1/hello?nonce=…: the server's key, its time and the SHA-256 of its TLS certificate,
 *   signed with the server key over the office's nonce. The office trusts a server whose key
 *   fingerprint its operator confirmed by phone; the certificate hash binds the TLS connection to that
 *   key, so a self-signed certificate is safe to use and a man in the middle is refused.
 * - Every other request is signed by the office key over method, path, time and the body's SHA-256.
 *   The server accepts it from a registered office within ±10 minutes of its own clock (the office
 *   corrects its clock by the greeting's time) and never twice.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, signBytes, verifyBytes, type SigningKey } from './keys';

export const OFFICE_HEADER = 'x-huimin-office';
export const TIME_HEADER = 'x-huimin-time';
export const SIGNATURE_HEADER = 'x-huimin-signature';
export const REQUEST_WINDOW_MS = 10 * 60 * 1000;

export const OFFICE_PATHS = {
  hello: '/office/v1/hello',
  status: '/office/v1/status',
  bundles: '/office/v1/bundles',
  pack: '/office/v1/pack',
} as const;

export interface Hello {
  format: 'huimin-county-hello';
  server: { fingerprint: string; publicKey: string; name: string };
  /** server clock, ms since the epoch */
  time: number;
  /** SHA-256 (hex) of the DER certificate the server presents over TLS; null over plain HTTP */
  tlsCertSha256: string | null;
  nonce: string;
  signature: string;
}

const helloMessage = (hello: Omit<Hello, 'signature'>) => Buffer.from(`huimin-hello-v1\n${canonicalJson(hello)}`, 'utf8');

export function signHello(key: SigningKey, body: Omit<Hello, 'signature' | 'format' | 'server'> & { name: string }): Hello {
  const { name, ...rest } = body;
  const unsigned: Omit<Hello, 'signature'> = { format: 'huimin-county-hello', server: { fingerprint: key.fingerprint, publicKey: key.publicKey.toString('base64'), name }, ...rest };
  return { ...unsigned, signature: signBytes(key, helloMessage(unsigned)).toString('hex') };
}

export function verifyHello(hello: Hello, nonce: string): boolean {
  if (typeof hello !== 'object' || hello === null || hello.format !== 'huimin-county-hello' || hello.nonce !== nonce || typeof hello.signature !== 'string') return false;
  const { signature, ...body } = hello;
  return verifyBytes(Buffer.from(String(hello.server?.publicKey), 'base64'), helloMessage(body), Buffer.from(signature, 'hex'));
}

function requestMessage(method: string, path: string, time: string, body: Buffer): Buffer {
  const digest = createHash('sha256').update(body).digest('hex');
  return Buffer.from(`huimin-request-v1\n${method.toUpperCase()}\n${path}\n${time}\n${digest}`, 'utf8');
}

export function signRequest(key: SigningKey, method: string, path: string, body: Buffer, now: number): Record<string, string> {
  const time = String(now);
  return {
    [OFFICE_HEADER]: key.fingerprint,
    [TIME_HEADER]: time,
    [SIGNATURE_HEADER]: signBytes(key, requestMessage(method, path, time, body)).toString('hex'),
  };
}

export function verifyRequest(publicKey: Buffer, method: string, path: string, time: string, body: Buffer, signature: string): boolean {
  return /^[0-9a-f]{128}$/.test(signature) && verifyBytes(publicKey, requestMessage(method, path, time, body), Buffer.from(signature, 'hex'));
}
