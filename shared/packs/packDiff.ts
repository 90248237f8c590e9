/**
 * What a new pack changes against the one it was made from: per parameter, the dated values added and
 * removed, and the value in force on a chosen date before and after. Shown before a local pack is
 * saved and before a received pack is imported.
 */
import type { IsoDate } from '../dates';
import { documentName, resolveCitation } from './loadPack';
import type { RawDatedValue, RawPack, Unit } from './types';

export interface ParameterDiff {
  key: string;
  label: string;
  unit: Unit;
  kind: 'added' | 'removed' | 'changed';
  added: RawDatedValue[];
  /** each added value's source as the page shows it: "文件 条款" */
  addedSources: string[];
  removed: RawDatedValue[];
  /** the value in force on `asOf` (undefined: none) */
  before: RawDatedValue['value'] | undefined;
  after: RawDatedValue['value'] | undefined;
}

export interface PackDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  asOf: IsoDate;
  parameters: ParameterDiff[];
  documentsAdded: string[];
}

/** Key order does not matter (a signed file holds its objects with sorted keys). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
const same = (a: RawDatedValue, b: RawDatedValue) => canonical(a) === canonical(b);
const inForce = (values: readonly RawDatedValue[] | undefined, asOf: IsoDate) => values?.filter((v) => v.from <= asOf).at(-1)?.value;

export function diffPacks(before: RawPack, after: RawPack, asOf: IsoDate): PackDiff {
  const keys = [...new Set([...Object.keys(before.parameters), ...Object.keys(after.parameters)])].sort();
  const parameters: ParameterDiff[] = [];
  for (const key of keys) {
    const old = before.parameters[key];
    const now = after.parameters[key];
    const oldValues = old?.values ?? [];
    const newValues = now?.values ?? [];
    const added = newValues.filter((v) => !oldValues.some((o) => same(o, v)));
    const removed = oldValues.filter((o) => !newValues.some((v) => same(o, v)));
    if (added.length === 0 && removed.length === 0 && old && now) continue;
    const shape = (now ?? old) as NonNullable<typeof now>;
    parameters.push({
      key,
      label: shape.label,
      unit: shape.unit,
      kind: !old ? 'added' : !now ? 'removed' : 'changed',
      added,
      addedSources: added.map((value) => {
        const resolved = resolveCitation(after, value);
        return typeof resolved === 'string' ? resolved : `${documentName(resolved.document)} ${resolved.clause}`;
      }),
      removed,
      before: inForce(oldValues, asOf),
      after: inForce(newValues, asOf),
    });
  }
  return {
    from: { id: before.id, version: before.version },
    to: { id: after.id, version: after.version },
    asOf,
    parameters,
    documentsAdded: Object.keys(after.documents).filter((id) => !before.documents[id]).sort(),
  };
}
