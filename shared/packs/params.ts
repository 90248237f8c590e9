/**
 * The parameters of one calculation: the pack's values in force on `asOf`, with the case's overrides
 * (`params` / `--set`) on top. Every read returns the value together with its citation, so a rule
 * cannot use a number without being able to say where it came from; and every value read is recorded,
 * so the result can list each one carried over from an earlier year or marked 待核实.
 */
import { yearOf, type IsoDate } from '../dates';
import { formatPercent, formatPlain, groupThousands } from '../money';
import { toDecimal, type Quantity } from '../quantity';
import { bandsText, type Band } from './bands';
import type { Pack, PackParameter } from './loadPack';
import { valueAt } from './loadPack';
import { tierKey, type ParameterKey, type RuleKey } from './keys';
import { UNIT_LABELS, type Basis, type Unit } from './types';

export interface ParamUse {
  key: string;
  label: string;
  unit: Unit;
  q: Quantity;
  basis: Basis;
  overridden: boolean;
  /** the date the value is in force from (asOf for an override) */
  from: IsoDate;
  /** a yearly value (re-set every year): one from an earlier year than asOf is carried over */
  annual?: boolean;
  /** what picked the value, shown beside it ("第2档") */
  detail?: string;
}

export interface BandsUse {
  key: string;
  label: string;
  bands: readonly Band[];
  basis: Basis;
  overridden: boolean;
  from: IsoDate;
  annual?: boolean;
}

export interface ListUse {
  key: string;
  label: string;
  items: readonly string[];
  basis: Basis;
  overridden: boolean;
  from: IsoDate;
  annual?: boolean;
}

/** A value a calculation used, of any unit. */
export type UsedValue = ParamUse | BandsUse | ListUse;

/** The value as staff read it: "440 元/月", "第2档", "10万元以下部分 60%，…", a list joined with 、. */
export function displayOf(use: UsedValue): string {
  if ('q' in use) return formatParamValue(use.unit, use.q);
  if ('bands' in use) return formatBands(use.bands);
  return use.items.join('、');
}

export type Override = { quantity: Quantity } | { list: string[] } | { bands: Band[] };

/** The document an override cites: made for one calculation, never one of the pack's shared citations. */
export const OVERRIDE_DOC = '本次测算临时调整的参数';

/** The citation of an override: a value typed for this calculation only. */
export function overrideBasis(label: string, key: string): Basis {
  return { doc: OVERRIDE_DOC, clause: label, source: null, verified: false, param: key, note: '临时调整值，仅用于本次测算' };
}

/** A pack's quantities are shown in step after step, case after case: each is spelt once per unit. */
const SPELT = new WeakMap<Quantity, { unit: Unit; text: string }>();

/** A value as staff read it in a step: 70%, 440 元, 1/3, 13 平方米, 第2档. */
export function formatParamValue(unit: Unit, q: Quantity): string {
  const spelt = SPELT.get(q);
  if (spelt?.unit === unit) return spelt.text;
  const text = spell(unit, q);
  SPELT.set(q, { unit, text });
  return text;
}

function spell(unit: Unit, q: Quantity): string {
  if (unit === 'fraction') return q.whole ? q.num.toString() : q.text;
  if (unit === 'ratio') return formatPercent(toDecimal(q));
  if (unit === 'factor') return `${toDecimal(q).toString()} 倍`;
  if (unit === 'tier') return `第${toDecimal(q).toString()}档`;
  // money with thousands separators, as everywhere else ("1,800 元/月")
  const plain = unit.startsWith('yuan') ? groupThousands(formatPlain(toDecimal(q), unit === 'yuanPerKwh' ? 4 : 2)) : toDecimal(q).toString();
  return `${plain} ${UNIT_LABELS[unit]}`;
}

/** 大病保险 bands as staff read them: "10万元以下部分 60%，10万元以上部分 70%". */
export const formatBands = (bands: readonly Band[]): string => bandsText(bands, (band) => formatPercent(toDecimal(band.rate)));


/**
 * The pack's own values in force on one date (null: not in force), shared by every calculation on that
 * date: packs are immutable once loaded, so each value is looked up and wrapped once, not once per case.
 * A batch can span many dates; only the most recent few are kept.
 */
const IN_FORCE = new WeakMap<Pack, Map<IsoDate, Map<string, UsedValue | null>>>();
const DATES_KEPT = 32;

function inForceOn(pack: Pack, asOf: IsoDate): Map<string, UsedValue | null> {
  let byDate = IN_FORCE.get(pack);
  if (!byDate) IN_FORCE.set(pack, (byDate = new Map()));
  let uses = byDate.get(asOf);
  if (!uses) {
    if (byDate.size >= DATES_KEPT) byDate.clear();
    byDate.set(asOf, (uses = new Map()));
  }
  return uses;
}

export class PolicyParams {
  /**
   * every quantity read in this calculation the long way, by key (undefined: not in force); asOf and
   * overrides are fixed. Made on first need: without overrides most cases read only shared values.
   */
  private reads: Map<string, ParamUse | undefined> | null = null;
  /**
   * every value read (quantities, lists, bands), for the warnings. The pack's own values in force are
   * shared objects (inForceOn), so recording one allocates nothing.
   */
  private readonly used = new Map<string, UsedValue>();
  private readonly inForce: Map<string, UsedValue | null>;

  constructor(
    readonly pack: Pack,
    readonly asOf: IsoDate,
    private readonly overrides: ReadonlyMap<string, Override>,
    /** whether the calculation writes its steps (calculate.ts `explain`); rules give it to their drafts */
    readonly explain = true,
  ) {
    this.inForce = inForceOn(pack, asOf);
  }

  /** Whether the pack defines the parameter (a pack made before a parameter was introduced may not). */
  has(key: ParameterKey): boolean {
    return this.pack.parameters.has(key);
  }

  /**
   * The citation of a rule that is not a number (the order of the chain, who counts as 两类人员…);
   * undefined when the pack was made before the rule was cited (the step then goes without it).
   */
  rule(key: RuleKey): Basis | undefined {
    return this.pack.rules.get(key);
  }

  private parameter(key: string): PackParameter {
    const parameter = this.pack.parameters.get(key);
    // Every key a rule reads is in the shipped pack; a local pack made before the key existed lacks it,
    // and the rule that needs it is then reported as not computed (calculate.ts), never guessed.
    if (!parameter) throw new ParameterMissing(key, this.pack);
    return parameter;
  }

  private read(key: string): ParamUse | undefined {
    const override = this.overrides.size > 0 ? this.overrides.get(key) : undefined;
    if (override && 'quantity' in override) {
      const parameter = this.parameter(key);
      return { key, label: parameter.label, unit: parameter.unit, q: override.quantity, overridden: true, from: this.asOf, basis: overrideBasis(parameter.label, key) };
    }
    const parameter = this.parameter(key);
    if (parameter.tieredBy !== undefined) return this.readTiered(parameter, parameter.tieredBy);
    const known = this.inForce.get(key);
    if (known !== undefined) return (known as ParamUse | null) ?? undefined;
    const value = valueAt(parameter, this.asOf);
    const use =
      !value || value.quantity === null
        ? undefined
        : { key, label: parameter.label, unit: parameter.unit, q: value.quantity, overridden: false, from: value.from, basis: value.basis, annual: parameter.annual };
    this.inForce.set(key, use ?? null);
    return use;
  }

  /** minimumWage: the value of the tier the (possibly overridden) tier parameter picks. */
  private readTiered(parameter: PackParameter, tierParameter: ParameterKey): ParamUse | undefined {
    const tier = this.optional(tierParameter);
    if (!tier) return undefined;
    const n = toDecimal(tier.q).toNumber();
    // named from the pack's data (the tier it picks): a tier the pack does not define is ParameterMissing
    const value = this.recorded(tierKey(parameter.key, n));
    if (!value) return undefined;
    return { ...value, key: parameter.key, label: parameter.label, detail: `第${n}档` };
  }

  /** The value in force, or undefined when the parameter is not in force on `asOf`. */
  optional(key: ParameterKey): ParamUse | undefined {
    return this.recorded(key);
  }

  private recorded(key: string): ParamUse | undefined {
    // without overrides, a value the pack has in force on this date is the shared one (inForceOn),
    // found once per pack and date; only tiered values (not kept there) take the longer way
    if (this.overrides.size === 0) {
      const shared = this.inForce.get(key) as ParamUse | null | undefined;
      if (shared !== undefined) {
        if (shared !== null) this.used.set(key, shared);
        return shared ?? undefined;
      }
    }
    const reads = (this.reads ??= new Map());
    if (reads.has(key)) return reads.get(key);
    const use = this.read(key);
    reads.set(key, use);
    // a tiered value is reported through its tier and the tier's value, which it read itself
    if (use && use.detail === undefined) this.used.set(key, use);
    return use;
  }

  /** The value in force; a parameter a rule cannot do without. */
  get(key: ParameterKey): ParamUse {
    const use = this.optional(key);
    if (!use) throw new ParameterNotInForce(key, this.parameter(key).label, this.asOf);
    return use;
  }

  /**
   * A list or bands value: the case's override, else the pack's own in force (shared, as quantities
   * are, and recorded for the warnings). `field` names where each keeps its value.
   */
  private other<T extends ListUse | BandsUse>(key: string, field: 'list' | 'bands', as: T extends ListUse ? 'items' : 'bands'): T | undefined {
    const override = this.overrides.get(key);
    if (override && field in override) {
      const label = this.parameter(key).label;
      const value = (override as Record<string, unknown>)[field];
      return { key, label, [as]: value, basis: overrideBasis(label, key), overridden: true, from: this.asOf } as unknown as T;
    }
    let use = this.inForce.get(key) as T | null | undefined;
    if (use === undefined) {
      const parameter = this.parameter(key);
      const value = valueAt(parameter, this.asOf);
      const own = value?.[field];
      use = own ? ({ key, label: parameter.label, [as]: own, basis: value.basis, overridden: false, from: value.from, annual: parameter.annual } as unknown as T) : null;
      this.inForce.set(key, use);
    }
    if (use) this.used.set(key, use);
    return use ?? undefined;
  }

  /**
   * Reads of a parameter taken from the pack itself, whatever its key: the 政策参数 listing shows every
   * parameter a pack holds, including ones this program does not read (a newer pack's), and a key named
   * from the case's data (housing.minArea.<household size>) is read only when the pack has it.
   */
  readonly ofPack = {
    optional: (parameter: PackParameter): ParamUse | undefined => this.recorded(parameter.key),
    get: (parameter: PackParameter): ParamUse => {
      const use = this.recorded(parameter.key);
      if (!use) throw new ParameterNotInForce(parameter.key, parameter.label, this.asOf);
      return use;
    },
    list: (parameter: PackParameter): ListUse | undefined => this.other<ListUse>(parameter.key, 'list', 'items'),
    bands: (parameter: PackParameter): BandsUse | undefined => this.other<BandsUse>(parameter.key, 'bands', 'bands'),
  };

  /** A list parameter (the nine outpatient diseases). */
  list(key: ParameterKey): ListUse | undefined {
    return this.other<ListUse>(key, 'list', 'items');
  }

  /** A bands parameter (大病保险 分段), or undefined when the pack has none in force (or none at all). */
  bands(key: ParameterKey): BandsUse | undefined {
    return this.has(key) ? this.other<BandsUse>(key, 'bands', 'bands') : undefined;
  }

  /** Yearly values read in this calculation that date from an earlier year than `asOf`, by key. */
  carriedOver(): UsedValue[] {
    const yearStart = `${this.asOf.slice(0, 4)}-01-01`;
    const stale: UsedValue[] = [];
    for (const use of this.used.values()) {
      if (use.annual === true && !use.overridden && use.from < yearStart) stale.push(use);
    }
    return stale.sort(byKey);
  }

  /** Values read whose source is marked unverified (待核实), by key; overrides aside. */
  unverified(): UsedValue[] {
    const values: UsedValue[] = [];
    for (const use of this.used.values()) if (!use.overridden && !use.basis.verified) values.push(use);
    return values.sort(byKey);
  }
}

const byKey = (a: UsedValue, b: UsedValue) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** V8's stack-trace depth (Node and Chromium), where the engine has one. */
const ERRORS = Error as { stackTraceLimit?: number };

/**
 * Raised when a rule needs a value the pack has no value for on that date; becomes a warning. Cases
 * dated before a policy began raise it in every batch, and calculate() turns it into a warning at
 * once: it is made without a stack trace, which would cost more than the rest of its rule.
 */
export class ParameterNotInForce extends Error {
  readonly key: string;
  readonly label: string;
  readonly asOf: IsoDate;

  constructor(key: string, label: string, asOf: IsoDate) {
    const limit = ERRORS.stackTraceLimit;
    ERRORS.stackTraceLimit = 0;
    try {
      super(`${asOf} 无「${label}」（${key}）的适用数值`);
    } finally {
      ERRORS.stackTraceLimit = limit;
    }
    this.key = key;
    this.label = label;
    this.asOf = asOf;
  }
}

/** Raised when the pack does not define a parameter at all (a pack made before the key existed). */
export class ParameterMissing extends Error {
  constructor(
    readonly key: string,
    readonly pack: Pack,
  ) {
    super(`参数包「${pack.meta.id}」${pack.meta.version} 没有参数「${key}」`);
  }
}
