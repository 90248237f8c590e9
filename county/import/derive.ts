/**
 * What the county reads from one received revision: its documents decoded exactly as the office
 * stored them (the office's own codec), the fields the county pages search and total (the office's
 * own deriveSearchFields, so both sides read a case alike), and a hash of the content that tells a
 * re-sent revision from a different one under the same key.
 */
import { createHash } from 'node:crypto';
import { decodeDocument } from '../../electron/services/store/revisionCodec';
import { deriveSearchFields, type SearchFields } from '../../electron/services/store/searchFields';
import { Decimal, toFen } from '../../shared/money';
import type { BundleRevision } from '../protocol/bundle';

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

export function contentHash(revision: BundleRevision, inputJson: string, resultJson: string): string {
  const meta = [revision.caseNo, revision.revision, revision.kind, revision.savedAt, revision.operator, revision.packId, revision.packVersion, revision.reason];
  return createHash('sha256').update(JSON.stringify(meta)).update('\n').update(inputJson).update('\n').update(resultJson).digest('hex');
}

/** Decodes and reads one revision; throws on documents the codec cannot read (the bundle is refused whole). */
export function deriveRevision(revision: BundleRevision, dictionaries: readonly Buffer[]): DerivedRevision {
  const dictionary = revision.dictionary === null ? null : (dictionaries[revision.dictionary] ?? null);
  const inputJson = decodeDocument(revision.input, revision.codec, dictionary);
  const resultJson = decodeDocument(revision.result, revision.codec, dictionary);
  const input: unknown = JSON.parse(inputJson);
  const result: unknown = JSON.parse(resultJson);
  return { revision, fields: deriveSearchFields(input, result), split: splitTotals(result), contentSha256: contentHash(revision, inputJson, resultJson) };
}

/** The documents of a stored revision, for the county's revision view. */
export function decodeStored(codec: number, dictionary: Buffer | null, input: Buffer, result: Buffer): { input: unknown; result: unknown } {
  return { input: JSON.parse(decodeDocument(input, codec, dictionary)), result: JSON.parse(decodeDocument(result, codec, dictionary)) };
}
