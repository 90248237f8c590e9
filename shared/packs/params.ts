/**
 * The parameters of one calculation: the pack's values in force on `asOf`, with the case's overrides
 * (`params` / `--set`) on top. Every read returns the value together with its citation, so a rule
 * cannot use a number without being able to say where it came from.
 */
import { yearOf, type IsoDate } from '../dates';
import { formatPercent, formatPlain } from '../money';
import { toDecimal, type Quantity } from '../quantity';
import type { Pack, PackParameter } from './loadPack';
import { valueAt } from './loadPack';
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
}

export type Override = { quantity: Quantity } | { list: string[] };

/** A pack's quantities are shown in step after step, case after case: each is spelt once per unit. */
const SPELT = new WeakMap<Quantity, { unit: Unit; text: string }>();

/** A value as staff read it in a step: 70%, 440 元, 1/3, 13 平方米. */
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
  const plain = unit.startsWith('yuan') ? formatPlain(toDecimal(q), unit === 'yuanPerKwh' ? 4 : 2) : toDecimal(q).toString();
  return `${plain} ${UNIT_LABELS[unit]}`;
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
  /** every read of this calculation, by key (undefined: not in force); asOf and overrides are fixed */
  private readonly reads = new Map<string, ParamUse | undefined>();
  private readonly inForce: Map<string, ParamUse | null>;

  constructor(
    readonly pack: Pack,
    readonly asOf: IsoDate,
    private readonly overrides: ReadonlyMap<string, Override>,
  ) {
    this.inForce = inForceOn(pack, asOf);
  }

  private parameter(key: string): PackParameter {
    const parameter = this.pack.parameters.get(key);
    // Every key a rule reads is required by the contract or by the rule's own pack file; a missing one
    // is a programming error, not an input error.
    if (!parameter) throw new Error(`参数包「${this.pack.meta.id}」缺少参数「${key}」`);
    return parameter;
  }

  private read(key: string): ParamUse | undefined {
    const override = this.overrides.size > 0 ? this.overrides.get(key) : undefined;
    if (override && 'quantity' in override) {
      const parameter = this.parameter(key);
      return {
        key,
        label: parameter.label,
        unit: parameter.unit,
        q: override.quantity,
        overridden: true,
        from: this.asOf,
        basis: { doc: '本次测算的临时参数（params / --set）', clause: `${parameter.label}（${key}）`, source: null, verified: false, param: key, note: '临时调整值，仅用于本次测算' },
      };
    }
    const known = this.inForce.get(key);
    if (known !== undefined) return known ?? undefined;
    const parameter = this.parameter(key);
    const value = valueAt(parameter, this.asOf);
    const use =
      !value || value.quantity === null
        ? undefined
        : { key, label: parameter.label, unit: parameter.unit, q: value.quantity, overridden: false, from: value.from, basis: value.basis };
    this.inForce.set(key, use ?? null);
    return use;
  }

  /** The value in force, or undefined when the parameter is not in force on `asOf`. */
  optional(key: string): ParamUse | undefined {
    if (this.reads.has(key)) return this.reads.get(key);
    const use = this.read(key);
    this.reads.set(key, use);
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
      this.reads.set(key, undefined);
      return { items: override.list, basis: { doc: '本次测算的临时参数（params / --set）', clause: parameter.label, source: null, verified: false, param: key } };
    }
    const value = valueAt(parameter, this.asOf);
    if (!value?.list) return undefined;
    this.reads.set(key, undefined);
    return { items: value.list, basis: value.basis };
  }

  /** Keys read in this calculation whose yearly value dates from an earlier year than `asOf`. */
  carriedOver(): { key: string; label: string; year: number }[] {
    const year = yearOf(this.asOf);
    const yearStart = `${this.asOf.slice(0, 4)}-01-01`;
    const stale: { key: string; label: string; year: number }[] = [];
    for (const [key, use] of this.reads) {
      if (!use || use.overridden || use.from >= yearStart || !this.parameter(key).annual) continue;
      stale.push({ key, label: use.label, year: yearOf(use.from) });
    }
    return stale.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Keys read whose value is marked unverified (待核实). */
  unverified(): string[] {
    const keys: string[] = [];
    for (const [key, use] of this.reads) if (use !== undefined && !use.basis.verified) keys.push(key);
    return keys.sort();
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
