/**
 * Policy packs: a versioned, dated, cited set of parameters for a region, in the shape of the files
 * under seeds/. A parameter has one or more values, each in force from a date, each with the document
 * and clause it was read from. Shipped packs and locally edited packs share this shape.
 */
import type { IsoDate } from '../dates';
import type { Area, DisabilityKind, Stage, Status } from '../household/codes';
import type { Relation } from '../household/schema';
import type { Delivery } from '../result/delivery';

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
  /** 大病保险 分段: [{ from: 累计自付 元, rate: 比例 }, …] in increasing `from` */
  'bands',
  /** a 档次 (1, 2, 3…): which of several dated tiers applies locally */
  'tier',
  /** a 残疾等级 (一级 … 四级) of the 残疾人证 */
  'grade',
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
  bands: '分段比例',
  tier: '档',
  grade: '级',
};

/**
 * A source document. `seed` names its text shipped with the pack (seeds/<pack>/sources/<file>), or
 * null when the text is not shipped; only a shipped text can be quoted.
 */
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

/**
 * A clause, stored once in the pack's `clauses` and cited by id. `quote` is the clause's verbatim text
 * (parts joined by "……"), only from a shipped text; a paraphrase or a summary goes to `note`.
 */
export interface RawClause {
  doc: string;
  clause: string;
  quote?: string;
  note?: string;
}

/**
 * How a value or a rule cites its source: `cite` names a clause of the pack's `clauses`. Packs made
 * before 2026-12 (local packs, signed files) wrote the citation in place (`doc`, `clause`, `quote`);
 * both forms load.
 */
export interface RawCitation {
  cite?: string;
  doc?: string;
  clause?: string;
  quote?: string;
  /** overrides the document's own flag (a provincial floor used as a local value, say) */
  verified?: boolean;
  note?: string;
}

/** One 大病保险 band as written in a pack: from this much accumulated self-pay, this rate. */
export interface RawBand {
  from: string;
  rate: string;
}

export type RawValue = string | string[] | RawBand[] | null;

/** One dated value as written in a pack file. `value: null` means "not in force from this date". */
export interface RawDatedValue extends RawCitation {
  from: IsoDate;
  value: RawValue;
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
export interface RawRuleCitation extends RawCitation {
  label: string;
}

export interface PackMeta {
  id: string;
  version: string;
  title: string;
  region: { province: string; city: string; county?: string };
  validFrom: IsoDate;
  publishedAt: IsoDate;
  /**
   * The date up to which the pack's values were checked against published policy: a case assessed
   * later is told that changes after it are not in the pack.
   */
  reviewedThrough?: IsoDate;
  description?: string;
  /** for a local pack: the pack it was copied from */
  basedOn?: { id: string; version: string };
}

/**
 * 办理地点: an office a family goes to, as the county knows it. `phone` '' when the pack does not know
 * it (the handout then gives the issuing office's own 咨询电话). Shipped values are local defaults:
 * `verified` only once the county has confirmed them (editing them in 政策参数 does).
 */
export interface RawOffice {
  name: string;
  place: string;
  phone: string;
  verified?: boolean;
}

/**
 * 带齐这些，去这里办 for one benefit or 还可申请 code: the office (an id of `guidance.offices`) and the
 * documents to bring. `cite`: the clause that says where to apply, when a policy text says so.
 */
export interface RawGuidanceItem {
  office: string;
  materials: string[];
  cite?: string;
  verified?: boolean;
}

export interface RawGuidance {
  offices: Record<string, RawOffice>;
  items: Record<string, RawGuidanceItem>;
}

/**
 * 名册用语: the words the household rosters a county works from (全国防返贫监测信息系统 exports, the 低保
 * system, 残联 lists) use for a 身份, a 残疾类别, a 学段 or a 与户主关系, each with the contract's code it
 * means and why (`note`; `cite` a clause of `clauses` where a policy text names the category). A roster
 * import reads its cells through this table (shared/roster/words.ts); an office adds its own words
 * locally, and the county can ship them in its pack.
 */
export interface RawRosterWords {
  status: Record<string, { status: Status; area?: Area; formerlyRegisteredPoor?: boolean; cite?: string; note: string }>;
  disability: Record<string, { kind: DisabilityKind; cite?: string; note: string }>;
  /** stage null: the word says the person is not a student (非在校生) */
  stage: Record<string, { stage: Stage | null; cite?: string; note: string }>;
  relation: Record<string, { relation: Relation; cite?: string; note: string }>;
}

export interface RawPack extends PackMeta {
  documents: Record<string, PolicyDocument>;
  /** each clause cited, once (packs made before 2026-12 have none) */
  clauses?: Record<string, RawClause>;
  parameters: Record<string, RawParameter>;
  rules: Record<string, RawRuleCitation>;
  /** how each benefit reaches the family; a code not listed follows the contract (CONTRACT_DELIVERY) */
  deliveries?: Record<string, Delivery>;
  /** 所需材料, 办理地点, 电话 per code (packs made before 2026-12 have none: screens fall back to the result's `where`) */
  guidance?: RawGuidance;
  /** 名册用语 for roster imports (packs made before 2026-12 have none: the shipped table applies) */
  rosterWords?: RawRosterWords;
}

/** A citation as it appears on a result (`basis` in the contract's output). */
export interface Basis {
  /** document number and title, or the title alone */
  doc: string;
  clause: string;
  /** the shipped text the clause was read from, or null */
  source: string | null;
  quote?: string;
  verified: boolean;
  /** the parameter key, when the citation backs a parameter */
  param?: string;
  note?: string;
}
