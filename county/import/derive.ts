/**
 * What the county reads from one received revision: its documents decoded exactly as the office
 * stored them (the office's own codec), the fields the county pages search and total (the office's
 * own deriveSearchFields, so both sides read a case alike), and a hash of the content that tells a
 * re-sent revision from a different one under the same key.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { decodeBytes } from '../../electron/services/store/revisionCodec';
import { deriveSearchFields, type SearchFields } from '../../electron/services/store/searchFields';
import { Decimal, toFen } from '../../shared/money';
import type { BundleRevision } from '../protocol/bundle';
import { caseTerms } from './terms';

export interface SplitTotals {
  cash: string;
  settlement: string;
  waiver: string;
  oneOff: string;
}

export interface DerivedRevision {
  revision: BundleRevision;
  fields: SearchFields;
  /** 现金/结算/减免/一次性 when the result has them (results from before they existed have not) */
  split: SplitTotals | null;
  /** hex SHA-256 of the metadata and the decoded documents */
  contentSha256: string;
  /** the search words of its members (terms.ts), read here so that a worker thread does it too */
  terms: string[];
}

const SPLIT_KEYS = ['cash', 'settlement', 'waiver', 'oneOff'] as const;

function money(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  try {
    const amount = new Decimal(value);
    return amount.isFinite() ? toFen(amount) : null;
  } catch {
    return null;
  }
}

export function splitTotals(result: unknown): SplitTotals | null {
  const totals = (result as { totals?: Record<string, unknown> } | null)?.totals;
  if (typeof totals !== 'object' || totals === null) return null;
  const values = SPLIT_KEYS.map((key) => money(totals[key]));
  if (values.some((value) => value === null)) return null;
  const [cash, settlement, waiver, oneOff] = values as string[];
  return { cash: cash as string, settlement: settlement as string, waiver: waiver as string, oneOff: oneOff as string };
}

/**
 * The documents as UTF-8 bytes, hashed as they are: the same digest as hashing their decoded text
 * (what the county stored from the start), without encoding 20 KB of text back again per revision.
 * Bytes that are not valid UTF-8 are hashed as their decoded text (replacement characters), as before.
 */
const asHashed = (bytes: Buffer, text: string): Buffer | string => (isUtf8(bytes) ? bytes : text);

export function contentHash(revision: BundleRevision, inputJson: string | Buffer, resultJson: string | Buffer): string {
  const meta = [revision.caseNo, revision.revision, revision.kind, revision.savedAt, revision.operator, revision.packId, revision.packVersion, revision.reason];
  return createHash('sha256').update(JSON.stringify(meta)).update('\n').update(inputJson).update('\n').update(resultJson).digest('hex');
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The result read for the few values the county takes from it (assessment date, benefit codes and
 * amounts, totals: ASCII by the contract) from its bytes as Latin-1: a one-byte string made without
 * decoding UTF-8, the same JSON structure (UTF-8 never uses ASCII bytes inside a character) and the
 * same ASCII values. Decoding 20 KB of UTF-8 per revision was a fifth of an import's time. When any
 * value read is not ASCII (it would differ), the result is read again as UTF-8.
 */
function readResult(input: unknown, resultBytes: Buffer, valid: boolean): { fields: SearchFields; split: SplitTotals | null } {
  if (valid) {
    const result: unknown = JSON.parse(resultBytes.toString('latin1'));
    const fields = deriveSearchFields(input, result, { spellings: false });
    // amounts that are not ASCII are not numbers either way (read as zero or no split, alike)
    if (ASCII.test(fields.asOf) && fields.benefits.every((benefit) => ASCII.test(benefit.code))) return { fields, split: splitTotals(result) };
  }
  const result: unknown = JSON.parse(resultBytes.toString('utf8'));
  return { fields: deriveSearchFields(input, result, { spellings: false }), split: splitTotals(result) };
}

/** Decodes and reads one revision; throws on documents the codec cannot read (the bundle is refused whole). */
export function deriveRevision(revision: BundleRevision, dictionaries: readonly Buffer[]): DerivedRevision {
  const dictionary = revision.dictionary === null ? null : (dictionaries[revision.dictionary] ?? null);
  const inputBytes = decodeBytes(revision.input, revision.codec, dictionary);
  const resultBytes = decodeBytes(revision.result, revision.codec, dictionary);
  const inputJson = inputBytes.toString('utf8');
  const input: unknown = JSON.parse(inputJson);
  const validResult = isUtf8(resultBytes);
  const { fields, split } = readResult(input, resultBytes, validResult);
  return {
    revision,
    fields,
    split,
    terms: caseTerms(
      fields.members.map((member) => member.name),
      fields.members.map((member) => member.idNumber ?? ''),
    ),
    contentSha256: contentHash(revision, asHashed(inputBytes, inputJson), validResult ? resultBytes : resultBytes.toString('utf8')),
  };
}

/** The documents of a stored revision, for the county's revision view. */
export function decodeStored(codec: number, dictionary: Buffer | null, input: Buffer, result: Buffer): { input: unknown; result: unknown } {
  return { input: JSON.parse(decodeBytes(input, codec, dictionary).toString('utf8')), result: JSON.parse(decodeBytes(result, codec, dictionary).toString('utf8')) };
}
