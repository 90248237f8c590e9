/**
 * The pack in force on a date, every parameter with its value, unit and source: what `calc --params`
 * prints (calc-contract.md "Command line"). Values are read as a calculation reads them (overrides and
 * the minimum-wage tier included), so the listing shows what a case on that date would use, and marks
 * each yearly value carried over from an earlier year and each value 待核实.
 */
import type { IsoDate } from '../dates';
import { rawBands } from './bands';
import type { Pack, PackParameter } from './loadPack';
import { formatBands, formatParamValue, PolicyParams, type Override } from './params';
import { UNIT_LABELS, type Basis, type RawValue } from './types';

export interface ListedParameter {
  key: string;
  label: string;
  /** as a pack file writes it: "440", "1/3", a list, bands; null when not in force */
  value: RawValue;
  /** as staff read it: "440 元/月", "70%", "10万元以下部分 60%，10万元以上部分 70%" */
  display: string | null;
  unit: string;
  unitLabel: string;
  from: IsoDate | null;
  /** a yearly value from an earlier year than the date (沿用往年) */
  carriedOver: boolean;
  /** minimumWage: the tier parameter that picks it, and the tier picked */
  tieredBy?: string;
  detail?: string;
  source: Pick<Basis, 'doc' | 'clause' | 'source' | 'verified' | 'note' | 'quote'> | null;
}

export interface PackListing {
  policy: { id: string; version: string; title: string; asOf: IsoDate; reviewedThrough: IsoDate | null; overrides: string[] };
  parameters: ListedParameter[];
}

function sourceOf(basis: Basis): ListedParameter['source'] {
  const source: NonNullable<ListedParameter['source']> = { doc: basis.doc, clause: basis.clause, source: basis.source, verified: basis.verified };
  if (basis.note) source.note = basis.note;
  if (basis.quote) source.quote = basis.quote;
  return source;
}

function listed(parameter: PackParameter, params: PolicyParams): ListedParameter {
  const base = { key: parameter.key, label: parameter.label, unit: parameter.unit, unitLabel: UNIT_LABELS[parameter.unit] };
  const yearStart = `${params.asOf.slice(0, 4)}-01-01`;
  const dated = (from: IsoDate, overridden: boolean) => ({ from, carriedOver: parameter.annual && !overridden && from < yearStart });
  if (parameter.unit === 'list') {
    const list = params.ofPack.list(parameter);
    return list
      ? { ...base, value: [...list.items], display: list.items.join('、'), ...dated(params.asOf, false), carriedOver: false, source: sourceOf(list.basis) }
      : { ...base, value: null, display: null, from: null, carriedOver: false, source: null };
  }
  if (parameter.unit === 'bands') {
    const bands = params.ofPack.bands(parameter);
    return bands
      ? { ...base, value: rawBands(bands.bands), display: formatBands(bands.bands), ...dated(bands.from, bands.overridden), source: sourceOf(bands.basis) }
      : { ...base, value: null, display: null, from: null, carriedOver: false, source: null };
  }
  const use = params.ofPack.optional(parameter);
  if (!use) return { ...base, value: null, display: null, from: null, carriedOver: false, ...(parameter.tieredBy ? { tieredBy: parameter.tieredBy } : {}), source: null };
  return {
    ...base,
    value: use.q.text,
    display: formatParamValue(parameter.unit, use.q),
    ...dated(use.from, use.overridden),
    ...(parameter.tieredBy ? { tieredBy: parameter.tieredBy } : {}),
    ...(use.detail ? { detail: use.detail } : {}),
    source: sourceOf(use.basis),
  };
}

export function listPack(pack: Pack, asOf: IsoDate, overrides: ReadonlyMap<string, Override>): PackListing {
  const params = new PolicyParams(pack, asOf, overrides);
  return {
    policy: { id: pack.meta.id, version: pack.meta.version, title: pack.meta.title, asOf, reviewedThrough: pack.meta.reviewedThrough ?? null, overrides: [...overrides.keys()] },
    parameters: [...pack.parameters.values()].map((parameter) => listed(parameter, params)),
  };
}
