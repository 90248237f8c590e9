/**
 * The parameters of one calculation: the pack's values in force on `asOf`, with the case's overrides
 * (`params` / `--set`) on top. Every read returns the value together with its citation, so a rule
 * cannot use a number without being able to say where it came from; and every value read is recorded,
 * so the result can list each one carried over from an earlier year or marked 待核实.
 */
import { yearOf, type IsoDate } from '../dates';
import { formatPercent, formatPlain } from '../money';
import { toDecimal, type Quantity } from '../quantity';
import { bandsText, type Band } from './bands';
import type { Pack, PackParameter, PackValue } from './loadPack';
import { valueAt } from './loadPack';
import { tierKey } from './requiredKeys';
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
}

/** A value a calculation used, as the result's warnings name it. */
export interface UsedValue {
  key: string;
  label: string;
  /** the value as staff read it: "440.00 元/月", "第2档", "10万元以下部分 60%，…" */
  display: string;
  from: IsoDate;
  basis: Basis;
}

export type Override = { quantity: Quantity } | { list: string[] } | { bands: Band[] };

/** The citation of an override: a value typed for this calculation only. */
export function overrideBasis(label: string, key: string): Basis {
  return { doc: '本次测算临时调整的参数', clause: label, source: null, verified: false, param: key, note: '临时调整值，仅用于本次测算' };
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
  const plain = unit.startsWith('yuan') ? formatPlain(toDecimal(q), unit === 'yuanPerKwh' ? 4 : 2) : toDecimal(q).toString();
  return `${plain} ${UNIT_LABELS[unit]}`;
}

/** 大病保险 bands as staff read them: "10万元以下部分 60%，10万元以上部分 70%". */
export const formatBands = (bands: readonly Band[]): string => bandsText(bands, (band) => formatPercent(toDecimal(band.rate)));

/** Any dated value of a pack as staff read it (lists joined with 、). */
export function formatPackValue(unit: Unit, value: Pick<PackValue, 'quantity' | 'list' | 'bands'>): string {
  if (value.list) return value.list.join('、');
  if (value.bands) return formatBands(value.bands);
  return value.quantity ? formatParamValue(unit, value.quantity) : '不适用';
}

/**
 * The pack's own values in force on one date (null: not in force), shared by every calculation on that
 * date: packs are immutable once loaded, so each value is looked up and wrapped once, not once per case.
 * A batch can span many dates; only the most recent few are kept.
 */
const IN_FORCE = new WeakMap<Pack, Map<IsoDate, Map<string, ParamUse | null>>>();
const DATES_KEPT = 32;

function inForceOn(pack: Pack, asOf: IsoDate): Map<string, ParamUse | null> {
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
  /** every quantity read in this calculation, by key (undefined: not in force); asOf and overrides are fixed */
  private readonly reads = new Map<string, ParamUse | undefined>();
  /** every value read (quantities, lists, bands), for the warnings */
  private readonly used = new Map<string, UsedValue & { overridden: boolean; tiered: boolean }>();
  private readonly inForce: Map<string, ParamUse | null>;

  constructor(
    readonly pack: Pack,
    readonly asOf: IsoDate,
    private readonly overrides: ReadonlyMap<string, Override>,
  ) {
    this.inForce = inForceOn(pack, asOf);
  }

  /** Whether the pack defines the parameter (a pack made before a parameter was introduced may not). */
  has(key: string): boolean {
    return this.pack.parameters.has(key);
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
    if (known !== undefined) return known ?? undefined;
    const value = valueAt(parameter, this.asOf);
    const use =
      !value || value.quantity === null
        ? undefined
        : { key, label: parameter.label, unit: parameter.unit, q: value.quantity, overridden: false, from: value.from, basis: value.basis };
    this.inForce.set(key, use ?? null);
    return use;
  }

  /** minimumWage: the value of the tier the (possibly overridden) tier parameter picks. */
  private readTiered(parameter: PackParameter, tierParameter: string): ParamUse | undefined {
    const tier = this.optional(tierParameter);
    if (!tier) return undefined;
    const n = toDecimal(tier.q).toNumber();
    const value = this.optional(tierKey(parameter.key, n));
    if (!value) return undefined;
    return { ...value, key: parameter.key, label: parameter.label, detail: `第${n}档` };
  }

  private record(key: string, entry: UsedValue & { overridden: boolean }): void {
    if (!this.used.has(key)) this.used.set(key, { ...entry, tiered: this.pack.parameters.get(key)?.tieredBy !== undefined });
  }

  /** The value in force, or undefined when the parameter is not in force on `asOf`. */
  optional(key: string): ParamUse | undefined {
    if (this.reads.has(key)) return this.reads.get(key);
    const use = this.read(key);
    this.reads.set(key, use);
    if (use) this.record(key, { key, label: use.label, display: formatParamValue(use.unit, use.q), from: use.from, basis: use.basis, overridden: use.overridden });
    return use;
  }

  /** The value in force; a parameter a rule cannot do without. */
  get(key: string): ParamUse {
    const use = this.optional(key);
    if (!use) throw new ParameterNotInForce(key, this.parameter(key).label, this.asOf);
    return use;
  }

  /** A list parameter (the nine outpatient diseases). */
  list(key: string): { items: readonly string[]; basis: Basis } | undefined {
    const parameter = this.parameter(key);
    const override = this.overrides.get(key);
    if (override && 'list' in override) {
      return { items: override.list, basis: overrideBasis(parameter.label, key) };
    }
    const value = valueAt(parameter, this.asOf);
    if (!value?.list) return undefined;
    this.record(key, { key, label: parameter.label, display: value.list.join('、'), from: value.from, basis: value.basis, overridden: false });
    return { items: value.list, basis: value.basis };
  }

  /** A bands parameter (大病保险 分段), or undefined when the pack has none in force (or none at all). */
  bands(key: string): BandsUse | undefined {
    if (!this.has(key)) return undefined;
    const parameter = this.parameter(key);
    const override = this.overrides.get(key);
    if (override && 'bands' in override) {
      return { key, label: parameter.label, bands: override.bands, basis: overrideBasis(parameter.label, key), overridden: true, from: this.asOf };
    }
    const value = valueAt(parameter, this.asOf);
    if (!value?.bands) return undefined;
    this.record(key, { key, label: parameter.label, display: formatBands(value.bands), from: value.from, basis: value.basis, overridden: false });
    return { key, label: parameter.label, bands: value.bands, basis: value.basis, overridden: false, from: value.from };
  }

  /** Yearly values read in this calculation that date from an earlier year than `asOf`, by key. */
  carriedOver(): (UsedValue & { year: number })[] {
    const yearStart = `${this.asOf.slice(0, 4)}-01-01`;
    const stale: (UsedValue & { year: number })[] = [];
    for (const [key, use] of this.used) {
      if (use.overridden || use.tiered || use.from >= yearStart || !this.parameter(key).annual) continue;
      stale.push({ key, label: use.label, display: use.display, from: use.from, basis: use.basis, year: yearOf(use.from) });
    }
    return stale.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Values read whose source is marked unverified (待核实), by key; overrides and tiered values aside. */
  unverified(): UsedValue[] {
    const values: UsedValue[] = [];
    for (const [key, use] of this.used) {
      if (use.overridden || use.tiered || use.basis.verified) continue;
      values.push({ key, label: use.label, display: use.display, from: use.from, basis: use.basis });
    }
    return values.sort((a, b) => a.key.localeCompare(b.key));
  }
}

/** Raised when a rule needs a value the pack has no value for on that date; becomes a warning. */
export class ParameterNotInForce extends Error {
  constructor(
    readonly key: string,
    readonly label: string,
    readonly asOf: IsoDate,
  ) {
    super(`${asOf} 无「${label}」（${key}）的适用数值`);
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
