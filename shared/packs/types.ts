/**
 * Policy packs: a versioned, dated, cited set of parameters for a region, in the shape of the files
 * under seeds/. A parameter has one or more values, each in force from a date, each with the document
 * and clause it was read from. Shipped packs and locally edited packs share this shape.
 */
import type { IsoDate } from '../dates';

export const UNITS = [
  'yuan',
  'yuanPerMonth',
  'yuanPerYear',
  'yuanPerPersonYear',
  'yuanPerDay',
  'yuanPerKwh',
  'ratio',
  'factor',
  'fraction',
  'sqm',
  'sqmPerPerson',
  'months',
  'years',
  'kwhPerMonth',
  'count',
  'list',
] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_LABELS: Record<Unit, string> = {
  yuan: '元',
  yuanPerMonth: '元/月',
  yuanPerYear: '元/年',
  yuanPerPersonYear: '元/人·年',
  yuanPerDay: '元/天',
  yuanPerKwh: '元/千瓦时',
  ratio: '比例',
  factor: '倍数',
  fraction: '分数',
  sqm: '平方米',
  sqmPerPerson: '平方米/人',
  months: '个月',
  years: '周岁/年',
  kwhPerMonth: '千瓦时/月',
  count: '个',
  list: '清单',
};

/** A source document. `seed` names the file in ../shared/policy-sources it was read from, if any. */
export interface PolicyDocument {
  number?: string;
  title: string;
  issuer?: string;
  date?: string;
  seed: string | null;
  /** false when the document is not among the shipped texts or the value was not found in it */
  verified: boolean;
  note?: string;
}

/** One dated value as written in a pack file. `value: null` means "not in force from this date". */
export interface RawDatedValue {
  from: IsoDate;
  value: string | string[] | null;
  doc: string;
  clause: string;
  quote?: string;
  /** overrides the document's own flag (a provincial floor used as a local value, say) */
  verified?: boolean;
  note?: string;
}

export interface RawParameter {
  label: string;
  unit: Unit;
  description?: string;
  /** re-set every year: a value from an earlier year than the assessment date is flagged as carried over */
  annual?: boolean;
  values: RawDatedValue[];
}

/** The citation of a rule that is not a number (the order of the chain, a shared limit, a list). */
export interface RawRuleCitation {
  label: string;
  doc: string;
  clause: string;
  quote?: string;
}

export interface PackMeta {
  id: string;
  version: string;
  title: string;
  region: { province: string; city: string; county?: string };
  validFrom: IsoDate;
  publishedAt: IsoDate;
  description?: string;
  /** for a local pack: the pack it was copied from */
  basedOn?: { id: string; version: string };
}

export interface RawPack extends PackMeta {
  documents: Record<string, PolicyDocument>;
  parameters: Record<string, RawParameter>;
  rules: Record<string, RawRuleCitation>;
}

/** A citation as it appears on a result (`basis` in the contract's output). */
export interface Basis {
  /** document number and title, or the title alone */
  doc: string;
  clause: string;
  /** the file in policy-sources the clause was read from, or null */
  source: string | null;
  quote?: string;
  verified: boolean;
  /** the parameter key, when the citation backs a parameter */
  param?: string;
  note?: string;
}
