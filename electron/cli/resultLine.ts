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
 * itself (strings that need no escaping are only quoted). tests/unit/cli/resultLine.test.ts compares
 * the bytes with JSON.stringify over the varied households and the golden cases, full and brief.
 */
import { OVERRIDE_DOC } from '../../shared/packs/params';
import type { Basis } from '../../shared/packs/types';
import type { BenefitResult, CalcResult, ResultWarning, Screening, ScreeningItem } from '../../shared/result/types';
import type { OutputBuffer } from './outputBuffer';

/** What JSON.stringify escapes: '"', '\\', control characters and (lone) surrogates; any surrogate is sent to it. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A value as JSON.stringify writes it inside an object (never one it leaves out: see omitted). */
function json(value: unknown): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === null) return 'null';
  return JSON.stringify(value) as string;
}

/** what JSON.stringify leaves out of an object */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** `"key":` */
const KEYS = new Map<string, string>();
function keyOf(key: string): string {
  let text = KEYS.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    KEYS.set(key, text);
  }
  return text;
}

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

export class ResultLineWriter {
  private readonly basis: SharedBytes<Basis>;
  private readonly warnings = new SharedBytes<ResultWarning>((warning) => JSON.stringify(warning));
  /** text not yet encoded: written out before a shared object's bytes and at the end of the line */
  private pending = '';
  private out: OutputBuffer | null = null;

  constructor(private readonly brief: boolean) {
    this.basis = new SharedBytes<Basis>(brief ? briefBasis : (basis) => JSON.stringify(basis));
  }

  /** The line of one result, with its newline. */
  line(result: CalcResult, out: OutputBuffer): void {
    this.out = out;
    this.pending = '{';
    let first = true;
    for (const key of Object.keys(result)) {
      const value = (result as unknown as Record<string, unknown>)[key];
      if (omitted(value)) continue;
      this.pending += first ? keyOf(key) : `,${keyOf(key)}`;
      first = false;
      if (key === 'benefits') this.benefits(value as BenefitResult[]);
      else if (key === 'screening') this.screening(value as Screening);
      else if (key === 'warnings') this.list(value as ResultWarning[], (warning) => this.warning(warning));
      else this.pending += JSON.stringify(value);
    }
    this.pending += '}';
    this.flush();
    out.newline();
    this.out = null;
  }

  private flush(): void {
    if (this.pending.length > 0) (this.out as OutputBuffer).text(this.pending);
    this.pending = '';
  }

  private shared<T extends object>(cache: SharedBytes<T>, value: T): void {
    this.flush();
    (this.out as OutputBuffer).raw(cache.get(value));
  }

  private warning(warning: ResultWarning): void {
    if (sharedWarning(warning)) this.shared(this.warnings, warning);
    else this.pending += JSON.stringify(warning);
  }

  /** a pack's citation (shared), or one made for this case (a --set value's) */
  private citation(basis: Basis): void {
    if (basis.doc === OVERRIDE_DOC) this.pending += this.basis.spell(basis);
    else this.shared(this.basis, basis);
  }

  private list<T>(items: readonly T[], each: (item: T) => void): void {
    this.pending += '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.pending += ',';
      each(items[i] as T);
    }
    this.pending += ']';
  }

  /**
   * An object's keys in order, each through `field` when it has one there, else as JSON; `skip`
   * leaves a key out; `last` is written after the others (brief.ts moves `basis` to the end).
   */
  private object(value: object, fields: Readonly<Record<string, (item: never) => void>>, skip: string | null, last: string | null): void {
    this.pending += '{';
    let first = true;
    for (const key of Object.keys(value)) {
      if (key === skip || key === last) continue;
      const item = (value as Record<string, unknown>)[key];
      if (omitted(item)) continue;
      this.pending += first ? keyOf(key) : `,${keyOf(key)}`;
      first = false;
      const field = fields[key] as ((item: unknown) => void) | undefined;
      if (field) field(item);
      else this.pending += json(item);
    }
    if (last !== null) {
      const item = (value as Record<string, unknown>)[last];
      if (!omitted(item)) {
        this.pending += first ? keyOf(last) : `,${keyOf(last)}`;
        (fields[last] as (item: unknown) => void)(item);
      }
    }
    this.pending += '}';
  }

  private readonly basisList = (basis: readonly Basis[]) => this.list(basis, (one) => this.citation(one));
  private readonly withBasis = { basis: this.basisList };

  private benefits(benefits: readonly BenefitResult[]): void {
    this.list(benefits, (benefit) => {
      // brief: without steps, basis moved to the end (brief.ts)
      if (this.brief) this.object(benefit, this.withBasis, 'steps', 'basis');
      else this.object(benefit, this.withBasis, null, null);
    });
  }

  private screening(screening: Screening): void {
    if (!this.brief) {
      this.object(screening, { items: (items: ScreeningItem[]) => this.items(items) }, null, null);
      return;
    }
    // brief.ts: exactly { dibao without steps, items }
    this.pending += `{"dibao":`;
    this.object(screening.dibao, {}, 'steps', null);
    this.pending += `,"items":`;
    this.items(screening.items);
    this.pending += '}';
  }

  private items(items: readonly ScreeningItem[]): void {
    this.list(items, (item) => this.object(item, this.withBasis, null, this.brief ? 'basis' : null));
  }
}
