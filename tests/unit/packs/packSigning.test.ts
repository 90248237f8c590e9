/**
 * Signed pack files: a good file verifies; any changed byte, an unsigned pack, or a key not among the
 * county keys is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  generateSigningKeyPair,
  parsePublicKey,
  signPack,
  verifySignedPack,
  type TrustedKey,
} from '../../../electron/services/packs/packSigning';
import type { RawPack } from '../../../shared/packs/types';
import { BASE, builtPack } from '../../support/packDrafts';

const county = generateSigningKeyPair();
const trusted: TrustedKey[] = [{ name: '县民政局', publicKey: county.publicKey, fingerprint: county.fingerprint }];

function signed(pack: RawPack): Buffer {
  const result = signPack(pack, county.privateKeyPem, '2026-12-20T08:00:00.000Z');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return Buffer.from(result.value.text, 'utf8');
}

/** A small pack (one parameter) so that every byte position can be tried. */
const small: RawPack = {
  id: 'test-pack',
  version: '1',
  title: '测试参数包',
  region: { province: '河南省', city: '南阳市' },
  validFrom: '2021-01-01',
  publishedAt: '2026-12-20',
  documents: { d: { title: '文件', seed: null, verified: true } },
  parameters: { 'dibao.standard.rural': { label: '农村低保标准', unit: 'yuanPerMonth', values: [{ from: '2021-01-01', value: '440', doc: 'd', clause: '第一条' }] } },
  rules: {},
};

describe('sign and verify', () => {
  it('a file signed with a county key verifies and gives the pack back exactly', () => {
    const { raw } = builtPack();
    const verified = verifySignedPack(signed(raw), trusted);
    expect(verified.ok).toBe(true);
    if (verified.ok) {
      expect(canonicalJson(verified.value.pack)).toBe(canonicalJson(raw));
      expect(verified.value.signedBy.fingerprint).toBe(county.fingerprint);
    }
  });

  it('flipping any single bit of any byte of a small signed file is refused', () => {
    const good = signed(small);
    expect(verifySignedPack(good, trusted).ok).toBe(true);
    for (let position = 0; position < good.length; position++) {
      for (const mask of [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80]) {
        const bad = Buffer.from(good);
        bad[position] = (bad[position] as number) ^ mask;
        const verified = verifySignedPack(bad, trusted);
        if (verified.ok) throw new Error(`byte ${position} ^ ${mask} was accepted`);
      }
    }
  });

  it('any changed byte anywhere in a signed full pack is refused (property)', () => {
    const good = signed(BASE);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        const bad = Buffer.from(good);
        bad[position] = (bad[position] as number) ^ mask;
        expect(verifySignedPack(bad, trusted).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a byte inserted or removed, and the file cut short, are refused', () => {
    const good = signed(small);
    for (let position = 0; position < good.length; position += 7) {
      expect(verifySignedPack(Buffer.concat([good.subarray(0, position), Buffer.from(' '), good.subarray(position)]), trusted).ok).toBe(false);
      expect(verifySignedPack(Buffer.concat([good.subarray(0, position), good.subarray(position + 1)]), trusted).ok).toBe(false);
      expect(verifySignedPack(good.subarray(0, position), trusted).ok).toBe(false);
    }
  });

  it('an unsigned pack file is refused saying so', () => {
    const verified = verifySignedPack(Buffer.from(JSON.stringify(BASE)), trusted);
    expect(verified.ok).toBe(false);
    if (!verified.ok) expect(verified.errors[0]?.message).toContain('未签名');
  });

  it('a file signed by a key not among the county keys is refused with its fingerprint', () => {
    const stranger = generateSigningKeyPair();
    const result = signPack(small, stranger.privateKeyPem, '2026-12-20T08:00:00.000Z');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const verified = verifySignedPack(Buffer.from(result.value.text), trusted);
    expect(verified.ok).toBe(false);
    if (!verified.ok) expect(verified.errors[0]?.message).toContain(stranger.fingerprint);
    expect(verifySignedPack(Buffer.from(result.value.text), []).ok).toBe(false);
  });

  it('a signature moved onto another key entry (same fingerprint, other key) does not verify', () => {
    const other = generateSigningKeyPair();
    const forged: TrustedKey[] = [{ name: '伪造', publicKey: other.publicKey, fingerprint: county.fingerprint }];
    expect(verifySignedPack(signed(small), forged).ok).toBe(false);
  });
});

describe('keys', () => {
  it('reads a public key as PEM or as base64, with the same fingerprint', () => {
    const fromPem = parsePublicKey(county.publicKeyPem);
    const fromRaw = parsePublicKey(county.publicKey);
    expect(fromPem).toEqual({ ok: true, value: { publicKey: county.publicKey, fingerprint: county.fingerprint } });
    expect(fromRaw).toEqual(fromPem);
    expect(county.fingerprint).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);
  });

  it('refuses what is not an Ed25519 public key', () => {
    expect(parsePublicKey('hello').ok).toBe(false);
    expect(parsePublicKey(county.privateKeyPem).ok).toBe(false);
    expect(signPack(small, 'not a key', '2026-12-20T08:00:00.000Z').ok).toBe(false);
  });
});
