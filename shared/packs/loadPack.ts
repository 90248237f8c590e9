/**
 * Turns a pack as stored (seed files, a local edit, an imported file) into the indexed form the rules
 * read, refusing it with Chinese messages when anything is missing, malformed or uncited.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates';
import { formatPath, type AppError, type Result } from '../errors';
import { parseQuantity, type Quantity } from '../quantity';
import { zodIssuesToErrors } from '../zodErrors';
import { CONTRACT_PARAMETER_KEYS } from './requiredKeys';
import { UNITS, type Basis, type PackMeta, type PolicyDocument, type RawDatedValue, type RawPack, type Unit } from './types';
import { checkValue } from './valueRules';

export interface PackValue {
  from: IsoDate;
  /** null when the parameter is not in force from this date */
  quantity: Quantity | null;
  list: readonly string[] | null;
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
}

export interface Pack {
  meta: PackMeta;
  raw: RawPack;
  parameters: ReadonlyMap<string, PackParameter>;
  rules: ReadonlyMap<string, Basis>;
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

const datedValueSchema = z.strictObject({
  from: isoDate,
  value: z.union([z.string(), z.array(z.string()), z.null()]),
  doc: z.string().min(1),
  clause: z.string().min(1),
  quote: z.string().optional(),
  verified: z.boolean().optional(),
  note: z.string().optional(),
});

const rawPackSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '参数包编号只能包含小写字母、数字和连字符'),
  version: z.string().min(1),
  title: z.string().min(1),
  region: z.strictObject({ province: z.string(), city: z.string(), county: z.string().optional() }),
  validFrom: isoDate,
  publishedAt: isoDate,
  description: z.string().optional(),
  basedOn: z.strictObject({ id: z.string(), version: z.string() }).optional(),
  documents: z.record(z.string(), documentSchema),
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
  rules: z.record(
    z.string(),
    z.strictObject({ label: z.string(), doc: z.string(), clause: z.string(), quote: z.string().optional() }),
  ),
});

/** "财教〔2024〕181号《…》" or the title alone: the `doc` of a basis. */
export function documentName(document: PolicyDocument): string {
  return document.number ? `${document.number}《${document.title}》` : document.title;
}

function basisFor(documents: Record<string, PolicyDocument>, cite: Pick<RawDatedValue, 'doc' | 'clause' | 'quote' | 'verified' | 'note'>, param?: string): Basis {
  const document = documents[cite.doc] as PolicyDocument;
  const basis: Basis = {
    doc: documentName(document),
    clause: cite.clause,
    source: document.seed,
    verified: cite.verified ?? document.verified,
  };
  if (cite.quote) basis.quote = cite.quote;
  if (param) basis.param = param;
  const note = cite.note ?? (basis.verified ? undefined : document.note);
  if (note) basis.note = note;
  return basis;
}

export function loadPack(input: unknown): Result<Pack> {
  const parsed = rawPackSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: zodIssuesToErrors(parsed.error.issues, (path) => `参数包格式有误：${formatPath(path) || '文件'}`) };
  }
  const raw = parsed.data as RawPack;
  const errors: AppError[] = [];

  for (const [id, rule] of Object.entries(raw.rules)) {
    if (!raw.documents[rule.doc]) errors.push({ message: `规则「${rule.label}」引用的文件「${rule.doc}」不在文件清单中`, path: `rules.${id}.doc` });
  }

  const parameters = new Map<string, PackParameter>();
  for (const [key, def] of Object.entries(raw.parameters)) {
    const values: PackValue[] = [];
    def.values.forEach((dated, index) => {
      const path = `parameters.${key}.values[${index}]`;
      if (!raw.documents[dated.doc]) {
        errors.push({ message: `参数「${def.label}」引用的文件「${dated.doc}」不在文件清单中`, path: `${path}.doc` });
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
      if (dated.value !== null) {
        const problem = checkValue(def.unit, dated.value);
        if (problem) {
          errors.push({ message: `参数「${def.label}」的数值 ${JSON.stringify(dated.value)} 有误：${problem}`, path: `${path}.value` });
          return;
        }
        if (def.unit === 'list') list = dated.value as string[];
        else quantity = parseQuantity(dated.value);
      }
      values.push({ from: dated.from, quantity, list, basis: basisFor(raw.documents, dated, key) });
    });
    const parameter: PackParameter = { key, label: def.label, unit: def.unit, annual: def.annual ?? false, values };
    if (def.description) parameter.description = def.description;
    parameters.set(key, parameter);
  }

  for (const key of CONTRACT_PARAMETER_KEYS) {
    if (!parameters.has(key)) errors.push({ message: `参数包缺少必需的参数「${key}」`, path: `parameters.${key}` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const rules = new Map<string, Basis>();
  for (const [id, rule] of Object.entries(raw.rules)) rules.set(id, basisFor(raw.documents, rule));

  const { documents: _documents, parameters: _parameters, rules: _rules, ...meta } = raw;
  return { ok: true, value: { meta, raw, parameters, rules } };
}

/** The value in force on `asOf`: the last one whose `from` is not after it; undefined before the first. */
export function valueAt(parameter: PackParameter, asOf: IsoDate): PackValue | undefined {
  let found: PackValue | undefined;
  for (const value of parameter.values) {
    if (value.from <= asOf) found = value;
    else break;
  }
  return found;
}
