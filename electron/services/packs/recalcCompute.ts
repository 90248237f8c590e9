/**
 * The per-case work of 重新测算, apart from the database so it can run in worker threads: decode the
 * stored revision, compute it again under the pack, decide whether anything it shows changed, and for
 * a changed case prepare what the store appends (the compressed documents and the search fields). The
 * result is stored without its explanation steps (withoutSteps(); opening the revision computes them
 * again: store/omittedSteps.ts).
 * The amounts by benefit for the change report travel back as exact decimal text.
 */
import { calculate } from '../../../shared/calculate';
import type { IsoDate } from '../../../shared/dates';
import { Decimal, ZERO } from '../../../shared/money';
import type { Pack } from '../../../shared/packs/loadPack';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import type { CalcResult } from '../../../shared/result/types';
import { withoutSteps } from '../../../shared/result/withoutSteps';
import { CODEC_DEFLATE_DICTIONARY, decodeBytes, RecalcDeflater } from '../store/revisionCodec';
import { ZlibStream } from '../store/zlibStream';
import { damagedRevisionMessage, documentDigests, revisionChecksum, sameChecksum, type DocumentDigests, type RevisionFacts } from '../store/revisionChecksum';
import { deriveSearchFields, type SearchFields } from '../store/searchFields';
import { sameLeanAsStored } from './leanComparison';
import { LeanResultBytes } from './leanResultBytes';

/** A latest revision as stored (store.batch.latestStored). */
export interface StoredRow {
  caseRowId: number;
  caseNo: string;
  revision: number;
  kind: string;
  codec: number;
  dictionaryId: number | null;
  input: Uint8Array | string;
  result: Uint8Array | string;
  /** from the search index: the assessment date and [code, annual] by benefit of this revision (saves parsing its result) */
  indexed?: { asOf: string; benefits: string; names?: string; initials?: string } | null;
  /** what the revision's checksum covers besides its documents, the checksum, and the previous revision's (null: revision 1) */
  facts: RevisionFacts;
  checksum: Uint8Array;
  previous: Uint8Array | null | undefined;
  /** its result is stored without the explanation steps (an earlier 重新测算; omittedSteps.ts) */
  stepsOmitted: boolean;
}

/** One household for the change report: where it lives and its annual amounts by benefit code. */
export interface ReportEntry {
  headName: string;
  township: string;
  village: string;
  /** [code, label, annual as exact decimal text] */
  before: [string, string, string][];
  after: [string, string, string][];
}

export interface EncodedDocuments {
  codec: typeof CODEC_DEFLATE_DICTIONARY;
  dictionaryId: number;
  input: Uint8Array;
  result: Uint8Array;
}

export type ComputedRow =
  | { caseRowId: number; caseNo: string; outcome: 'void' }
  | { caseRowId: number; caseNo: string; outcome: 'failed'; message: string }
  | { caseRowId: number; caseNo: string; outcome: 'unchanged'; report: ReportEntry }
  | {
      caseRowId: number;
      caseNo: string;
      outcome: 'changed';
      revision: number;
      report: ReportEntry;
      fields: SearchFields;
      /** SHA-256 of the new revision's documents, for its checksum */
      digests: DocumentDigests;
      /** compressed here with the pack's own dictionary; null: the store's codec compresses the JSON */
      encoded: EncodedDocuments | null;
      inputJson: string | null;
      resultJson: string | null;
    };

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function amountsByCode(result: unknown): [string, string, string][] {
  const sums = new Map<string, { label: string; annual: Decimal }>();
  const benefits = object(result).benefits;
  if (!Array.isArray(benefits)) return [];
  for (const raw of benefits) {
    const benefit = object(raw);
    const code = text(benefit.code);
    if (code === '') continue;
    let annual: Decimal;
    try {
      annual = new Decimal(text(benefit.annual) || 0);
    } catch {
      annual = ZERO;
    }
    const entry = sums.get(code) ?? { label: text(benefit.label) || BENEFIT_CODES[code]?.label || code, annual: ZERO };
    entry.annual = entry.annual.plus(annual);
    sums.set(code, entry);
  }
  return [...sums].map(([code, entry]) => [code, entry.label, entry.annual.toString()]);
}

/** The index's [code, annual] pairs as report amounts (labels from the benefit codes, or the result after). */
function indexedAmounts(benefits: string, labelsFrom: [string, string, string][]): [string, string, string][] {
  const labels = new Map(labelsFrom.map(([code, label]) => [code, label]));
  return (JSON.parse(benefits) as [string, string][]).map(([code, annual]) => [code, labels.get(code) ?? BENEFIT_CODES[code]?.label ?? code, annual]);
}

/** The same amount for every benefit code (exact: "3444" and "3444.00" are the same). */
function sameAmounts(before: [string, string, string][], after: [string, string, string][]): boolean {
  if (before.length !== after.length) return false;
  const afterByCode = new Map(after.map(([code, , annual]) => [code, annual]));
  return before.every(([code, , annual]) => {
    const other = afterByCode.get(code);
    if (other === undefined) return false;
    try {
      return new Decimal(annual).eq(other);
    } catch {
      return false;
    }
  });
}

export function reportEntry(input: unknown, before: unknown, after: unknown): ReportEntry {
  return entryFrom(input, amountsByCode(before), before === after ? null : amountsByCode(after));
}

/** after null: the amounts did not change */
function entryFrom(input: unknown, beforeAmounts: [string, string, string][], afterAmounts: [string, string, string][] | null): ReportEntry {
  const household = object(object(input).household);
  const members = object(input).members;
  return {
    headName: Array.isArray(members) ? text(object(members[0]).name) : '',
    township: text(household.township),
    village: text(household.village),
    before: beforeAmounts,
    after: afterAmounts ?? beforeAmounts,
  };
}

const POLICY_START = Buffer.from('{"policy":', 'utf8');
const BENEFITS_MARKER = ',"benefits":';

/**
 * sameApartFromPolicy on the documents' UTF-8 bytes: the stored result is compared as it was inflated,
 * without decoding it into a string (a result is 10–20 KB, and most of a recalculation's results differ).
 */
function sameBytesApartFromPolicy(after: Buffer, before: Buffer): boolean {
  if (after.equals(before)) return true;
  const a = after.indexOf(BENEFITS_MARKER);
  const b = before.indexOf(BENEFITS_MARKER);
  if (a > 0 && b > 0 && after.subarray(0, POLICY_START.length).equals(POLICY_START) && before.subarray(0, POLICY_START.length).equals(POLICY_START)) {
    return after.length - a === before.length - b && after.compare(before, b, before.length, a, after.length) === 0;
  }
  return sameApartFromPolicy(after.toString('utf8'), before.toString('utf8'));
}

/** The results are the same except for which pack and date computed them (their leading policy block). */
export function sameApartFromPolicy(afterJson: string, beforeJson: string): boolean {
  // results are written by JSON.stringify of the core's result: the policy block comes first
  const marker = ',"benefits":';
  const a = afterJson.indexOf(marker);
  const b = beforeJson.indexOf(marker);
  if (afterJson.startsWith('{"policy":') && beforeJson.startsWith('{"policy":') && a > 0 && b > 0) return afterJson.slice(a) === beforeJson.slice(b);
  const { policy: _a, ...restAfter } = JSON.parse(afterJson) as Json;
  const { policy: _b, ...restBefore } = JSON.parse(beforeJson) as Json;
  return JSON.stringify(restAfter) === JSON.stringify(restBefore);
}

export class RecalcComputer {
  /** deflate streams kept open for the pack's own dictionary (by its id), inflate streams by dictionary id (zlibStream.ts) */
  private deflater: { id: number; streams: RecalcDeflater } | null = null;
  private readonly inflaters = new Map<number, ZlibStream>();
  /** the lean result's bytes, written into one buffer (valid until the next case: nothing of a case keeps them) */
  private readonly lean = new LeanResultBytes();

  constructor(
    private readonly pack: Pack,
    /** one assessment date for every case; null: each case's own */
    private readonly asOf: IsoDate | null,
    /** a stored dictionary's bytes by id */
    private readonly dictionary: (id: number) => Uint8Array,
  ) {}

  /** `target`: the pack's own dictionary to compress with here, or null to leave compressing to the store. */
  compute(rows: readonly StoredRow[], target: { id: number; bytes: Uint8Array } | null): ComputedRow[] {
    return rows.map((row) => this.one(row, target));
  }

  private one(row: StoredRow, target: { id: number; bytes: Uint8Array } | null): ComputedRow {
    const { caseRowId, caseNo } = row;
    if (row.kind === 'void') return { caseRowId, caseNo, outcome: 'void' };
    const documents = this.verified(row);
    if (!documents) return { caseRowId, caseNo, outcome: 'failed', message: damagedRevisionMessage(caseNo, row.revision) };
    const { inputJson, before: beforeBytes } = documents;
    const input = JSON.parse(inputJson) as Json;
    // the index row of this revision has its date and amounts: the stored result need not be parsed
    const before = row.indexed ? null : (JSON.parse(beforeBytes.toString('utf8')) as Json);
    const asOf = this.asOf ?? (row.indexed ? row.indexed.asOf : object(before?.policy).asOf);
    if (typeof asOf !== 'string') return { caseRowId, caseNo, outcome: 'failed', message: '原测算结果缺少测算日期，无法按原日期重新测算' };
    const dated = { ...input, asOf };
    // Wording the steps is needed only to compare with a result stored whole that is the same apart
    // from its steps (same amounts, same dated parts): on another date than the stored one it seldom
    // is, so the steps are first computed without (leanComparison.ts).
    const wordless = row.stepsOmitted || (row.indexed != null && asOf !== row.indexed.asOf);
    const computed = this.calculate(dated, asOf, !wordless);
    if (!computed.ok) return { caseRowId, caseNo, outcome: 'failed', message: computed.message };
    // written without steps (withoutSteps(): the same whether they were worded or not)
    const lean = withoutSteps(computed.value);
    const leanBytes = this.lean.bytes(lean);
    const afterAmounts = amountsByCode(computed.value);
    const beforeAmounts = row.indexed ? indexedAmounts(row.indexed.benefits, afterAmounts) : amountsByCode(before);
    if (row.stepsOmitted) {
      // stored without steps: compared without them
      if (sameBytesApartFromPolicy(leanBytes, beforeBytes)) return { caseRowId, caseNo, outcome: 'unchanged', report: entryFrom(input, beforeAmounts, null) };
    } else if (sameAmounts(beforeAmounts, afterAmounts) && sameLeanAsStored(leanBytes, beforeBytes)) {
      // stored whole, the same apart from the steps: unchanged only if the steps are the same too (a
      // lean result that differs is a change whatever the steps say, and needs them never worded)
      const whole = wordless ? this.calculate(dated, asOf, true) : computed;
      if (!whole.ok) return { caseRowId, caseNo, outcome: 'failed', message: whole.message };
      if (sameBytesApartFromPolicy(Buffer.from(JSON.stringify(whole.value), 'utf8'), beforeBytes)) {
        return { caseRowId, caseNo, outcome: 'unchanged', report: entryFrom(input, beforeAmounts, null) };
      }
    }
    // other amounts or other dated parts than stored: changed
    const resultBytes = leanBytes;
    const datedJson = JSON.stringify(dated);
    const inputBytes = Buffer.from(datedJson, 'utf8');
    // the names are the input's, unchanged: their spellings as the index holds them (no pinyin again)
    const known = row.indexed?.names !== undefined && row.indexed.initials !== undefined ? { names: row.indexed.names, initials: row.indexed.initials } : undefined;
    const fields = deriveSearchFields(dated, computed.value, known ? { known } : {});
    const encoded: EncodedDocuments | null = target
      ? {
          codec: CODEC_DEFLATE_DICTIONARY,
          dictionaryId: target.id,
          ...this.deflaterFor(target).deflate(inputBytes, resultBytes),
        }
      : null;
    return {
      caseRowId,
      caseNo,
      outcome: 'changed',
      revision: row.revision,
      report: entryFrom(input, beforeAmounts, afterAmounts),
      fields,
      digests: documentDigests(inputBytes, resultBytes),
      encoded,
      inputJson: encoded ? null : datedJson,
      resultJson: encoded ? null : resultBytes.toString('utf8'),
    };
  }

  /** The streams for the target dictionary: made once per dictionary, not per case. */
  private deflaterFor(target: { id: number; bytes: Uint8Array }): RecalcDeflater {
    if (this.deflater?.id !== target.id) {
      this.deflater?.streams.close();
      this.deflater = { id: target.id, streams: new RecalcDeflater(Buffer.from(target.bytes.buffer, target.bytes.byteOffset, target.bytes.byteLength)) };
    }
    return this.deflater.streams;
  }

  /** A stored document as the UTF-8 bytes of its JSON; codec 2 through an inflate stream kept for its dictionary. */
  private decode(stored: Buffer, codec: number, dictionaryId: number | null): Buffer {
    if (codec !== CODEC_DEFLATE_DICTIONARY || dictionaryId === null) return decodeBytes(stored, codec, dictionaryId === null ? null : Buffer.from(this.dictionary(dictionaryId)));
    let stream = this.inflaters.get(dictionaryId);
    if (!stream) {
      stream = ZlibStream.inflateRaw({ dictionary: Buffer.from(this.dictionary(dictionaryId)) });
      this.inflaters.set(dictionaryId, stream);
    }
    return stream.run(stored);
  }

  /** Frees the zlib streams (the job is over). */
  close(): void {
    this.deflater?.streams.close();
    this.deflater = null;
    for (const stream of this.inflaters.values()) stream.close();
    this.inflaters.clear();
  }

  private calculate(dated: Json, asOf: string, explain: boolean): { ok: true; value: CalcResult } | { ok: false; message: string } {
    try {
      const computed = calculate(dated, { pack: this.pack, today: asOf, explain });
      return computed.ok ? computed : { ok: false, message: computed.errors.map((e) => e.message).join('；') };
    } catch (error) {
      return { ok: false, message: `程序内部错误：${(error as Error).message}` };
    }
  }

  /**
   * The stored documents, checked against the revision's checksum: nothing is computed again from
   * altered data. The input as text (it is parsed); the result as its UTF-8 bytes, hashed as they are
   * (the checksum covers the UTF-8 of the JSON) and decoded only if it must be parsed.
   */
  private verified(row: StoredRow): { inputJson: string; before: Buffer } | null {
    const asBuffer = (stored: Uint8Array) => Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    const previous = row.previous === undefined ? undefined : row.previous === null ? null : asBuffer(row.previous);
    if (previous === undefined || (previous === null) !== (row.revision === 1)) return null;
    try {
      const document = (stored: Uint8Array | string) => this.decode(typeof stored === 'string' ? Buffer.from(stored, 'utf8') : asBuffer(stored), row.codec, row.dictionaryId);
      const inputBytes = document(row.input);
      const before = document(row.result);
      const sealed = revisionChecksum(row.facts, documentDigests(inputBytes, before), previous);
      return sameChecksum(asBuffer(row.checksum), sealed) ? { inputJson: inputBytes.toString('utf8'), before } : null;
    } catch {
      return null;
    }
  }
}
