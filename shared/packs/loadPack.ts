/**
 * Turns a pack as stored (seed files, a local edit, an imported file) into the indexed form the rules
 * read, refusing it with Chinese messages when anything is missing, malformed or uncited. Both ways of
 * citing load: a clause id (`cite`, packs from 2026-12 on) and the citation written in place (`doc`,
 * `clause`, `quote`: local packs and signed files made before), so nothing an office saved stops loading.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates';
import { formatPath, type AppError, type Result } from '../errors';
import { parseQuantity, toDecimal, type Quantity } from '../quantity';
import { DELIVERIES, type Delivery } from '../result/delivery';
import { AREAS, DISABILITY_KINDS, STAGES, STATUSES } from '../household/codes';
import { RELATIONS } from '../household/schema';
import { zodIssuesToErrors } from '../zodErrors';
import { parseBands, type Band } from './bands';
import { TIERED_PARAMETERS, tierKey, type ParameterKey, type RuleKey } from './keys';
import { CONTRACT_PARAMETER_KEYS } from './requiredKeys';
import { UNITS, type Basis, type PackMeta, type PolicyDocument, type RawCitation, type RawPack, type Unit } from './types';
import { checkValue } from './valueRules';

export interface PackValue {
  from: IsoDate;
  /** null when the parameter is not in force from this date (and for lists and bands) */
  quantity: Quantity | null;
  list: readonly string[] | null;
  bands: readonly Band[] | null;
  basis: Basis;
}

export interface PackParameter {
  key: string;
  label: string;
  unit: Unit;
  description?: string;
  annual: boolean;
  /** ascending by `from` */
  values: readonly PackValue[];
  /**
   * A tiered parameter (minimumWage): its value is the tier `tierKey` picks, read when a case is
   * computed so that an override of the tier counts; `values` are what the pack's own tier gives.
   */
  tieredBy?: ParameterKey;
}

export interface Pack {
  meta: PackMeta;
  raw: RawPack;
  parameters: ReadonlyMap<string, PackParameter>;
  /**
   * The rules' citations by key. Typed by the shipped pack's keys (keys.ts), so a rule cannot ask for a
   * mistyped one; a pack from data may lack a key (made before it existed: the citation is then left
   * out) or hold one this program does not know (a newer pack: never read).
   */
  rules: ReadonlyMap<RuleKey, Basis>;
  /** the pack's own deliveries; codes it does not list follow the contract */
  deliveries: ReadonlyMap<string, Delivery>;
}

const isoDate = z.string().refine(isIsoDate, { message: '应为有效日期（YYYY-MM-DD）' });

const documentSchema = z.strictObject({
  number: z.string().optional(),
  title: z.string().min(1),
  issuer: z.string().optional(),
  date: z.string().optional(),
  seed: z.string().nullable(),
  verified: z.boolean(),
  note: z.string().optional(),
});

const citationFields = {
  cite: z.string().min(1).optional(),
  doc: z.string().min(1).optional(),
  clause: z.string().min(1).optional(),
  quote: z.string().optional(),
  verified: z.boolean().optional(),
  note: z.string().optional(),
};

const datedValueSchema = z.strictObject({
  from: isoDate,
  value: z.union([z.string(), z.array(z.string()), z.array(z.strictObject({ from: z.string(), rate: z.string() })), z.null()]),
  ...citationFields,
});

const rawPackSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '参数包编号只能包含小写字母、数字和连字符'),
  version: z.string().min(1),
  title: z.string().min(1),
  region: z.strictObject({ province: z.string(), city: z.string(), county: z.string().optional() }),
  validFrom: isoDate,
  publishedAt: isoDate,
  reviewedThrough: isoDate.optional(),
  description: z.string().optional(),
  basedOn: z.strictObject({ id: z.string(), version: z.string() }).optional(),
  documents: z.record(z.string(), documentSchema),
  clauses: z
    .record(z.string(), z.strictObject({ doc: z.string().min(1), clause: z.string().min(1), quote: z.string().optional(), note: z.string().optional() }))
    .optional(),
  parameters: z.record(
    z.string(),
    z.strictObject({
      label: z.string().min(1),
      unit: z.enum(UNITS),
      description: z.string().optional(),
      annual: z.boolean().optional(),
      values: z.array(datedValueSchema).min(1),
    }),
  ),
  rules: z.record(z.string(), z.strictObject({ label: z.string(), ...citationFields })),
  deliveries: z.record(z.string(), z.enum(DELIVERIES)).optional(),
  guidance: z
    .strictObject({
      offices: z.record(z.string(), z.strictObject({ name: z.string().min(1), place: z.string(), phone: z.string(), verified: z.boolean().optional() })),
      items: z.record(
        z.string(),
        z.strictObject({ office: z.string().min(1), materials: z.array(z.string().min(1)), cite: z.string().min(1).optional(), verified: z.boolean().optional() }),
      ),
    })
    .optional(),
  rosterWords: z
    .strictObject({
      status: z.record(
        z.string().min(1),
        z.strictObject({
          status: z.enum(STATUSES),
          area: z.enum(AREAS).optional(),
          formerlyRegisteredPoor: z.boolean().optional(),
          cite: z.string().min(1).optional(),
          note: z.string().min(1),
        }),
      ),
      disability: z.record(z.string().min(1), z.strictObject({ kind: z.enum(DISABILITY_KINDS), cite: z.string().min(1).optional(), note: z.string().min(1) })),
      stage: z.record(z.string().min(1), z.strictObject({ stage: z.enum(STAGES).nullable(), cite: z.string().min(1).optional(), note: z.string().min(1) })),
      relation: z.record(z.string().min(1), z.strictObject({ relation: z.enum(RELATIONS), cite: z.string().min(1).optional(), note: z.string().min(1) })),
    })
    .optional(),
});

/** "财教〔2024〕181号《…》" or the title alone: the `doc` of a basis. */
export function documentName(document: PolicyDocument): string {
  return document.number ? `${document.number}《${document.title}》` : document.title;
}

/** A citation with its clause looked up: what a screen shows beside a value. */
export interface ResolvedCitation {
  /** the document's id in the pack */
  docId: string;
  document: PolicyDocument;
  clause: string;
  quote?: string;
  verified: boolean;
  note?: string;
}

/**
 * The clause a value or rule cites, in either form, or the Chinese reason it cannot be found. The
 * value's own `verified` and `note` come first; then the clause's note; then, for an unverified
 * value, the document's note.
 */
export function resolveCitation(pack: Pick<RawPack, 'documents' | 'clauses'>, citation: RawCitation): ResolvedCitation | string {
  let docId: string | undefined;
  let clause: string | undefined;
  let quote: string | undefined;
  let clauseNote: string | undefined;
  if (citation.cite !== undefined) {
    if (citation.doc !== undefined || citation.clause !== undefined || citation.quote !== undefined) {
      return '引用了条款编号时不能再写文件、条款或原文（它们在条款清单中只写一次）';
    }
    const found = pack.clauses?.[citation.cite];
    if (!found) return `引用的条款「${citation.cite}」不在条款清单中`;
    ({ doc: docId, clause, quote, note: clauseNote } = found);
  } else {
    ({ doc: docId, clause, quote } = citation);
    if (docId === undefined || clause === undefined) return '应注明依据：条款编号，或文件和条款';
  }
  const document = pack.documents[docId];
  if (!document) return `引用的文件「${docId}」不在文件清单中`;
  const verified = citation.verified ?? document.verified;
  const note = citation.note ?? clauseNote ?? (verified ? undefined : document.note);
  const resolved: ResolvedCitation = { docId, document, clause, verified };
  if (quote) resolved.quote = quote;
  if (note) resolved.note = note;
  return resolved;
}

function basisOf(resolved: ResolvedCitation, param?: string): Basis {
  const basis: Basis = { doc: documentName(resolved.document), clause: resolved.clause, source: resolved.document.seed, verified: resolved.verified };
  if (resolved.quote) basis.quote = resolved.quote;
  if (param) basis.param = param;
  if (resolved.note) basis.note = resolved.note;
  return basis;
}

/** The value in force on `asOf`: the last one whose `from` is not after it; undefined before the first. */
export function valueAt(parameter: Pick<PackParameter, 'values'>, asOf: IsoDate): PackValue | undefined {
  let found: PackValue | undefined;
  for (const value of parameter.values) {
    if (value.from <= asOf) found = value;
    else break;
  }
  return found;
}

/**
 * The values a tiered parameter has with the pack's own tier: one at each date the tier or a tier's
 * value changes. A tier the pack does not define (a tier of 3 with two tiers) gives no value.
 */
function tieredValues(tier: PackParameter, tiers: ReadonlyMap<number, PackParameter>): PackValue[] {
  const dates = new Set<IsoDate>(tier.values.map((value) => value.from));
  for (const parameter of tiers.values()) for (const value of parameter.values) dates.add(value.from);
  const values: PackValue[] = [];
  for (const date of [...dates].sort()) {
    const chosen = valueAt(tier, date)?.quantity;
    const picked = chosen ? tiers.get(toDecimal(chosen).toNumber()) : undefined;
    const value = picked ? valueAt(picked, date) : undefined;
    if (!value || value.quantity === null) continue;
    const previous = values[values.length - 1];
    if (previous && previous.basis === value.basis) continue;
    values.push({ ...value, from: date });
  }
  return values;
}

/**
 * `schemaChecked`: the input is the `raw` of a pack this program loaded already (a copy handed to a
 * worker thread, calcWorker.ts), so its shape was checked and normalised by the schema: the schema is
 * not run again (it was most of a worker's start-up besides compiling its code); every other check is.
 */
export function loadPack(input: unknown, options: { schemaChecked?: boolean } = {}): Result<Pack> {
  let raw: RawPack;
  if (options.schemaChecked === true) raw = input as RawPack;
  else {
    const parsed = rawPackSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      return { ok: false, errors: zodIssuesToErrors(parsed.error.issues, (path) => `参数包格式有误：${formatPath(path) || '文件'}`) };
    }
    raw = parsed.data as RawPack;
  }
  const errors: AppError[] = [];

  for (const [id, clause] of Object.entries(raw.clauses ?? {})) {
    if (!raw.documents[clause.doc]) errors.push({ message: `条款「${clause.clause}」引用的文件「${clause.doc}」不在文件清单中`, path: `clauses.${id}.doc` });
  }
  const rules = new Map<RuleKey, Basis>();
  for (const [id, rule] of Object.entries(raw.rules)) {
    const resolved = resolveCitation(raw, rule);
    if (typeof resolved === 'string') errors.push({ message: `规则「${rule.label}」${resolved}`, path: `rules.${id}` });
    // an id this program does not know is kept (a newer pack may carry one) but no rule asks for it
    else rules.set(id as RuleKey, basisOf(resolved));
  }

  const parameters = new Map<string, PackParameter>();
  for (const [key, def] of Object.entries(raw.parameters)) {
    const values: PackValue[] = [];
    def.values.forEach((dated, index) => {
      const path = `parameters.${key}.values[${index}]`;
      const resolved = resolveCitation(raw, dated);
      if (typeof resolved === 'string') {
        errors.push({ message: `参数「${def.label}」${resolved}`, path });
        return;
      }
      if (dated.from < raw.validFrom) {
        errors.push({ message: `参数「${def.label}」的生效日期 ${dated.from} 早于参数包起始日期 ${raw.validFrom}`, path: `${path}.from` });
      }
      const previous = def.values[index - 1];
      if (previous && previous.from >= dated.from) {
        errors.push({ message: `参数「${def.label}」的各期数值应按生效日期从早到晚排列且日期不重复`, path: `${path}.from` });
      }
      let quantity: Quantity | null = null;
      let list: string[] | null = null;
      let bands: Band[] | null = null;
      if (dated.value !== null) {
        const problem = checkValue(def.unit, dated.value);
        if (problem) {
          errors.push({ message: `参数「${def.label}」的数值 ${JSON.stringify(dated.value)} 有误：${problem}`, path: `${path}.value` });
          return;
        }
        if (def.unit === 'list') list = dated.value as string[];
        else if (def.unit === 'bands') bands = (parseBands(dated.value) as { bands: Band[] }).bands;
        else quantity = parseQuantity(dated.value);
      }
      values.push({ from: dated.from, quantity, list, bands, basis: basisOf(resolved, key) });
    });
    const parameter: PackParameter = { key, label: def.label, unit: def.unit, annual: def.annual ?? false, values };
    if (def.description) parameter.description = def.description;
    parameters.set(key, parameter);
  }

  // A tiered parameter the pack gives as tiers (minimumWage.tier picks minimumWage.tier1|2|3) rather
  // than as values of its own.
  for (const [key, shape] of Object.entries(TIERED_PARAMETERS) as [ParameterKey, (typeof TIERED_PARAMETERS)[keyof typeof TIERED_PARAMETERS]][]) {
    const tier = parameters.get(shape.tier);
    if (parameters.has(key) || !tier) continue;
    const tiers = new Map<number, PackParameter>();
    for (let n = 1; n <= 9; n++) {
      const parameter = parameters.get(tierKey(key, n));
      if (parameter) tiers.set(n, parameter);
    }
    if (tiers.size === 0) {
      errors.push({ message: `参数包有「${tier.label}」却没有各档数值（${tierKey(key, 1)} 等）`, path: `parameters.${shape.tier}` });
      continue;
    }
    parameters.set(key, { key, label: shape.label, unit: shape.unit, annual: false, values: tieredValues(tier, tiers), tieredBy: shape.tier });
  }

  for (const [code, item] of Object.entries(raw.guidance?.items ?? {})) {
    if (!raw.guidance?.offices[item.office]) errors.push({ message: `办理指引「${code}」的办理地点「${item.office}」不在办理地点清单中`, path: `guidance.items.${code}.office` });
    if (item.cite !== undefined && !raw.clauses?.[item.cite]) errors.push({ message: `办理指引「${code}」引用的条款「${item.cite}」不在条款清单中`, path: `guidance.items.${code}.cite` });
  }

  for (const [table, words] of Object.entries(raw.rosterWords ?? {})) {
    for (const [word, entry] of Object.entries(words as Record<string, { cite?: string }>)) {
      if (entry.cite !== undefined && !raw.clauses?.[entry.cite]) errors.push({ message: `名册用语「${word}」引用的条款「${entry.cite}」不在条款清单中`, path: `rosterWords.${table}.${word}.cite` });
    }
  }

  for (const key of CONTRACT_PARAMETER_KEYS) {
    if (!parameters.has(key)) errors.push({ message: `参数包缺少必需的参数「${key}」`, path: `parameters.${key}` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const { documents: _documents, clauses: _clauses, parameters: _parameters, rules: _rules, deliveries, guidance: _guidance, rosterWords: _rosterWords, ...meta } = raw;
  return { ok: true, value: { meta, raw, parameters, rules, deliveries: new Map(Object.entries(deliveries ?? {})) } };
}
