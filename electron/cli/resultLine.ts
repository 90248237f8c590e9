/**
 * A result as one JSONL line, written straight into the batch's output buffer: exactly the bytes of
 * `JSON.stringify(result)` (full) or `JSON.stringify(briefResult(result))` (--brief, brief.ts), without
 * building the brief copy and without spelling again, for every household, what is the same in all of
 * them.
 *
 * Most of a line is text the pack's values share across households: the citations (a pack's `Basis`
 * objects, the same object in every result that cites it, with their quotes) and the warnings on the
 * values a case used (calculate.ts makes one warning object per value in force and hands the same
 * object to every result). Each such object is serialized and encoded to UTF-8 once per thread, then
 * its bytes are copied. This rests on those objects never being changed once made — the core makes
 * them once and never writes to them, and nothing in the command line does. Objects made for one case
 * (a --set value's citation, a warning worded for one case) are serialized the ordinary way.
 *
 * Key order, skipped `undefined` values and string escaping follow JSON.stringify: object keys are
 * walked in their own order and every value that is not a shared object goes through JSON.stringify
 * itself (strings that need no escaping are only quoted: printable ASCII copied as bytes, other text
 * encoded). tests/unit/cli/resultLine.test.ts compares the bytes with JSON.stringify over the varied
 * households and the golden cases, full and brief.
 */
import { OVERRIDE_DOC } from '../../shared/packs/params';
import type { Basis } from '../../shared/packs/types';
import type { BenefitResult, CalcResult, ResultWarning, Screening, ScreeningItem } from '../../shared/result/types';
import type { OutputBuffer } from './outputBuffer';

/** What JSON.stringify escapes: '"', '\\', control characters and (lone) surrogates; any surrogate is sent to it. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** what JSON.stringify leaves out of an object */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * The bytes of objects the core shares across households, made on first use. Only objects that are
 * shared go in (a WeakMap entry for each object made for one case would cost the garbage collector
 * more than it saves: a per-case WeakMap made the core ≈25 % slower when tried).
 */
class SharedBytes<T extends object> {
  private readonly bytes = new WeakMap<T, Buffer>();

  constructor(readonly spell: (value: T) => string) {}

  get(value: T): Buffer {
    let bytes = this.bytes.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(this.spell(value), 'utf8');
      this.bytes.set(value, bytes);
    }
    return bytes;
  }
}

/**
 * Warnings on a value the case used (carried over from an earlier year, 待核实) are one object per pack
 * value, shared by every result that uses it (calculate.ts); other warnings are worded for their case.
 */
const sharedWarning = (warning: ResultWarning) => warning.kind === 'carriedOver' || warning.kind === 'unverified';

const briefBasis = (basis: Basis) => JSON.stringify({ doc: basis.doc, clause: basis.clause });

/** An object JSON.stringify writes key by key, as object() does: made by `{}` (or with no prototype), no toJSON. */
function isPlainData(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Every piece goes straight into the output buffer, in order: punctuation as bytes, ASCII strings
 * (codes, amounts, dates, keys) copied char by char, other strings through the UTF-8 encoder, shared
 * objects as their cached bytes. Nothing is joined into a string first: the line used to be built up
 * in a string between shared pieces, and those joined strings (flattened again to be encoded) were
 * about a quarter of the memory a --brief household allocates (tests/bench/README.md, sixth round).
 */
export class ResultLineWriter {
  private readonly basis: SharedBytes<Basis>;
  private readonly warnings = new SharedBytes<ResultWarning>((warning) => JSON.stringify(warning));
  private out: OutputBuffer | null = null;

  constructor(private readonly brief: boolean) {
    this.basis = new SharedBytes<Basis>(brief ? briefBasis : (basis) => JSON.stringify(basis));
  }

  /** The line of one result, with its newline. */
  line(result: CalcResult, out: OutputBuffer): void {
    this.out = out;
    out.byte(OPEN_BRACE);
    let first = true;
    for (const key of Object.keys(result)) {
      const value = (result as unknown as Record<string, unknown>)[key];
      if (omitted(value)) continue;
      this.key(key, first);
      first = false;
      if (key === 'benefits') this.benefits(value as BenefitResult[]);
      else if (key === 'screening') this.screening(value as Screening);
      else if (key === 'warnings') this.list(value as ResultWarning[], (warning) => this.warning(warning));
      else this.value(value);
    }
    out.byte(CLOSE_BRACE);
    out.newline();
    this.out = null;
  }

  /** `"key":`, after a comma unless it is the object's first */
  private key(key: string, first: boolean): void {
    const out = this.out as OutputBuffer;
    if (!first) out.byte(COMMA);
    if (!out.quotedAscii(key)) out.text(JSON.stringify(key));
    out.byte(COLON);
  }

  /**
   * A value as JSON.stringify writes it inside an object (never one it leaves out: see omitted).
   * Plain data — strings, numbers, booleans, null, arrays and objects made by `{}` — is walked here
   * (the 医疗 summary, the totals, a screening's fields): JSON.stringify would build a string of it
   * first. Anything else (an object with toJSON, a class instance, a BigInt, which throws) goes to
   * JSON.stringify itself.
   */
  private value(value: unknown): void {
    const out = this.out as OutputBuffer;
    if (typeof value === 'string') {
      if (out.quotedAscii(value)) return;
      if (NEEDS_ESCAPE.test(value)) out.text(JSON.stringify(value));
      else {
        out.byte(0x22);
        out.text(value);
        out.byte(0x22);
      }
    } else if (value === null) out.text('null');
    else if (typeof value === 'boolean') out.text(value ? 'true' : 'false');
    else if (Array.isArray(value)) {
      out.byte(OPEN_BRACKET);
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out.byte(COMMA);
        const item = value[i] as unknown;
        // JSON.stringify writes null for what it would leave out of an object
        if (omitted(item)) out.text('null');
        else this.value(item);
      }
      out.byte(CLOSE_BRACKET);
    } else if (isPlainData(value)) this.object(value, null, null, null, null);
    else out.text(JSON.stringify(value) as string);
  }

  private warning(warning: ResultWarning): void {
    const out = this.out as OutputBuffer;
    if (sharedWarning(warning)) out.raw(this.warnings.get(warning));
    else out.text(JSON.stringify(warning));
  }

  /** a pack's citation (shared), or one made for this case (a --set value's) */
  private citation(basis: Basis): void {
    const out = this.out as OutputBuffer;
    if (basis.doc === OVERRIDE_DOC) out.text(this.basis.spell(basis));
    else out.raw(this.basis.get(basis));
  }

  private list<T>(items: readonly T[], each: (item: T) => void): void {
    const out = this.out as OutputBuffer;
    out.byte(OPEN_BRACKET);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.byte(COMMA);
      each(items[i] as T);
    }
    out.byte(CLOSE_BRACKET);
  }

  /**
   * An object's keys in order, as JSON, but the one key `fieldKey` through `field` (compared, not looked
   * up in a table: a member id such as "toString" is a key of the 医疗 summary); `skip` leaves a key
   * out; `last` (the field's key) is written after the others (brief.ts moves `basis` to the end).
   */
  private object(value: object, fieldKey: string | null, field: ((item: never) => void) | null, skip: string | null, last: string | null): void {
    const out = this.out as OutputBuffer;
    out.byte(OPEN_BRACE);
    let first = true;
    for (const key of Object.keys(value)) {
      if (key === skip || key === last) continue;
      const item = (value as Record<string, unknown>)[key];
      if (omitted(item)) continue;
      this.key(key, first);
      first = false;
      if (key === fieldKey) (field as (item: unknown) => void)(item);
      else this.value(item);
    }
    if (last !== null) {
      const item = (value as Record<string, unknown>)[last];
      if (!omitted(item)) {
        this.key(last, first);
        (field as (item: unknown) => void)(item);
      }
    }
    out.byte(CLOSE_BRACE);
  }

  private readonly basisList = (basis: readonly Basis[]) => this.list(basis, (one) => this.citation(one));

  private benefits(benefits: readonly BenefitResult[]): void {
    this.list(benefits, (benefit) => {
      // brief: without steps, basis moved to the end (brief.ts)
      if (this.brief) this.object(benefit, 'basis', this.basisList, 'steps', 'basis');
      else this.object(benefit, 'basis', this.basisList, null, null);
    });
  }

  private screening(screening: Screening): void {
    if (!this.brief) {
      this.object(screening, 'items', (items: ScreeningItem[]) => this.items(items), null, null);
      return;
    }
    // brief.ts: exactly { dibao without steps, items }
    const out = this.out as OutputBuffer;
    out.byte(OPEN_BRACE);
    this.key('dibao', true);
    this.object(screening.dibao, null, null, 'steps', null);
    this.key('items', false);
    this.items(screening.items);
    out.byte(CLOSE_BRACE);
  }

  private items(items: readonly ScreeningItem[]): void {
    this.list(items, (item) => this.object(item, 'basis', this.basisList, null, this.brief ? 'basis' : null));
  }
}
