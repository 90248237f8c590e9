/**
 * A new year's pack from the one in force: the county officer's changes become new dated values from
 * the chosen effective date, so the pack keeps the whole history and old cases still compute with
 * the values of their own dates. Pure: the page checks a draft as it is typed, the main process checks
 * it again before saving. Every changed value must name its source (document and clause).
 */
import { isIsoDate, type IsoDate } from '../dates';
import type { AppError, Result } from '../errors';
import { loadPack } from './loadPack';
import { parseBands, rawBands, type Band } from './bands';
import type { PolicyDocument, RawDatedValue, RawGuidance, RawPack, RawValue } from './types';
import { checkValue } from './valueRules';

export interface DraftDocument {
  number?: string;
  title: string;
  issuer?: string;
  date?: string;
}

export interface DraftChange {
  key: string;
  /** the new value as typed ("480", "1/3", bands as JSON text), a list, or null for "no longer in force" */
  value: string | string[] | null;
  /** a document of the base pack, or one of the draft's new documents */
  doc: string;
  clause: string;
  quote?: string;
  note?: string;
}

/** A county's own 办理地点 (name, place, phone) and 所需材料: confirmed by being entered (verified). */
export interface DraftOffice {
  name: string;
  place: string;
  phone: string;
}
export interface DraftGuidanceItem {
  office: string;
  materials: string[];
}

export interface PackDraft {
  version: string;
  title?: string;
  description?: string;
  /** the date the changed values are in force from */
  effectiveFrom: IsoDate;
  publishedAt: IsoDate;
  /** the date up to which the county checked the pack's values (default: the base pack's) */
  reviewedThrough?: IsoDate;
  /** new source documents, by the id the changes cite */
  documents?: Record<string, DraftDocument>;
  changes: DraftChange[];
  /** 办理指引 edited: offices by id (new ids add an office), items by benefit or 还可申请 code */
  guidance?: { offices?: Record<string, DraftOffice>; items?: Record<string, DraftGuidanceItem> };
}

const OFFICE_ID = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

/** The base pack's guidance with the draft's edits (each edited entry marked verified), or undefined when neither has any. */
function editedGuidance(base: RawPack, edits: PackDraft['guidance'], errors: AppError[]): RawGuidance | undefined {
  if (!edits || (Object.keys(edits.offices ?? {}).length === 0 && Object.keys(edits.items ?? {}).length === 0)) return base.guidance;
  const guidance = JSON.parse(JSON.stringify(base.guidance ?? { offices: {}, items: {} })) as RawGuidance;
  for (const [id, office] of Object.entries(edits.offices ?? {})) {
    const path = `guidance.offices.${id}`;
    if (!OFFICE_ID.test(id)) errors.push({ message: `办理地点代号「${id}」只能包含字母、数字和连字符`, path });
    if (!office.name?.trim()) errors.push({ message: '办理地点：请填写名称', path: `${path}.name` });
    guidance.offices[id] = { name: office.name?.trim() ?? '', place: office.place?.trim() ?? '', phone: office.phone?.trim() ?? '', verified: true };
  }
  for (const [code, item] of Object.entries(edits.items ?? {})) {
    const path = `guidance.items.${code}`;
    if (!guidance.offices[item.office]) errors.push({ message: `「${code}」：请选择办理地点`, path: `${path}.office` });
    const materials = item.materials.map((m) => m.trim()).filter((m) => m !== '');
    if (materials.length === 0) errors.push({ message: `「${code}」：请至少填写一项所需材料（无需材料的写“无需另交材料”）`, path: `${path}.materials` });
    const cite = guidance.items[code]?.cite;
    guidance.items[code] = { office: item.office, materials, ...(cite ? { cite } : {}), verified: true };
  }
  return guidance;
}

const VERSION = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;
const DOC_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const sameValue = (a: RawDatedValue['value'], b: RawDatedValue['value']): boolean => JSON.stringify(a) === JSON.stringify(b);

function normalise(value: DraftChange['value']): RawValue {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map((item) => item.trim()).filter((item) => item !== '');
  return null;
}

/** The local pack the draft makes, or every problem with it (each naming the field). */
export function buildLocalPack(base: RawPack, draft: PackDraft): Result<RawPack> {
  const errors: AppError[] = [];
  if (!VERSION.test(draft.version ?? '')) errors.push({ message: '版本号：请填写字母、数字、点或连字符（如 2027.1），不超过32个字符', path: 'version' });
  else if (draft.version === base.version) errors.push({ message: `版本号：新参数包的版本号不能与原参数包（${base.version}）相同`, path: 'version' });
  if (!isIsoDate(draft.effectiveFrom ?? '')) errors.push({ message: '生效日期：应为有效日期（YYYY-MM-DD）', path: 'effectiveFrom' });
  else if (draft.effectiveFrom < base.validFrom) errors.push({ message: `生效日期：不能早于参数包起始日期 ${base.validFrom}`, path: 'effectiveFrom' });
  if (!isIsoDate(draft.publishedAt ?? '')) errors.push({ message: '发布日期：应为有效日期（YYYY-MM-DD）', path: 'publishedAt' });
  const reviewedThrough = draft.reviewedThrough?.trim() || base.reviewedThrough;
  if (draft.reviewedThrough?.trim() && !isIsoDate(draft.reviewedThrough.trim())) {
    errors.push({ message: '核对截至日期：应为有效日期（YYYY-MM-DD）', path: 'reviewedThrough' });
  }

  const documents: Record<string, PolicyDocument> = { ...base.documents };
  for (const [id, doc] of Object.entries(draft.documents ?? {})) {
    const path = `documents.${id}`;
    if (!DOC_ID.test(id)) errors.push({ message: `依据文件代号「${id}」只能包含小写字母、数字和连字符`, path });
    else if (base.documents[id]) errors.push({ message: `依据文件代号「${id}」已被原参数包使用，请换一个`, path });
    if (!doc.title?.trim()) errors.push({ message: '依据文件：请填写文件标题', path: `${path}.title` });
    const entry: PolicyDocument = { title: doc.title?.trim() ?? '', seed: null, verified: true, note: '县级编制参数包时录入的依据文件' };
    if (doc.number?.trim()) entry.number = doc.number.trim();
    if (doc.issuer?.trim()) entry.issuer = doc.issuer.trim();
    if (doc.date?.trim()) entry.date = doc.date.trim();
    documents[id] = entry;
  }

  const parameters = JSON.parse(JSON.stringify(base.parameters)) as RawPack['parameters'];
  const seen = new Set<string>();
  draft.changes.forEach((change, index) => {
    const path = `changes[${index}]`;
    const parameter = parameters[change.key];
    if (!parameter) {
      errors.push({ message: `参数「${change.key}」不在参数包中`, path: `${path}.key` });
      return;
    }
    const label = parameter.label;
    if (seen.has(change.key)) {
      errors.push({ message: `参数「${label}」改了两次，请只保留一处`, path: `${path}.key` });
      return;
    }
    seen.add(change.key);
    let value: RawValue = normalise(change.value);
    if (value !== null) {
      const problem = checkValue(parameter.unit, value);
      if (problem) errors.push({ message: `参数「${label}」：${problem}`, path: `${path}.value` });
      // bands are typed as JSON text and kept as the pack writes them
      else if (parameter.unit === 'bands') value = rawBands((parseBands(value) as { bands: Band[] }).bands);
    }
    // the house rule: a changed value without its source is refused
    if (!change.doc?.trim() || !documents[change.doc.trim()]) errors.push({ message: `参数「${label}」：请选择新数值的依据文件`, path: `${path}.doc` });
    if (!change.clause?.trim()) errors.push({ message: `参数「${label}」：请填写新数值依据的条款（如“第三条（二）”）`, path: `${path}.clause` });
    if (!isIsoDate(draft.effectiveFrom ?? '')) return;
    const inForce = parameter.values.filter((v) => v.from <= draft.effectiveFrom).at(-1);
    if (inForce && sameValue(inForce.value, value) && inForce.from !== draft.effectiveFrom) {
      errors.push({ message: `参数「${label}」：新数值与 ${draft.effectiveFrom} 的现行值相同，无需修改`, path: `${path}.value` });
      return;
    }
    const dated: RawDatedValue = { from: draft.effectiveFrom, value, doc: change.doc?.trim() ?? '', clause: change.clause?.trim() ?? '' };
    if (change.quote?.trim()) dated.quote = change.quote.trim();
    if (change.note?.trim()) dated.note = change.note.trim();
    // a value already dated on the effective date is replaced; later dated values stay in force after their dates
    const kept = parameter.values.filter((v) => v.from !== draft.effectiveFrom);
    parameter.values = [...kept, dated].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  });
  const guidance = editedGuidance(base, draft.guidance, errors);
  const guidanceEdited = Object.keys(draft.guidance?.offices ?? {}).length + Object.keys(draft.guidance?.items ?? {}).length > 0;
  if (draft.changes.length === 0 && !guidanceEdited) errors.push({ message: '没有修改任何参数或办理指引', path: 'changes' });
  if (errors.length > 0) return { ok: false, errors };

  const raw: RawPack = {
    id: base.id,
    version: draft.version,
    title: draft.title?.trim() || base.title,
    region: base.region,
    validFrom: base.validFrom,
    publishedAt: draft.publishedAt,
    ...(reviewedThrough ? { reviewedThrough } : {}),
    description: draft.description?.trim() || `在 ${base.id} ${base.version} 基础上修订，${draft.effectiveFrom} 起执行`,
    basedOn: { id: base.id, version: base.version },
    documents,
    ...(base.clauses ? { clauses: base.clauses } : {}),
    parameters,
    rules: base.rules,
    ...(base.deliveries ? { deliveries: base.deliveries } : {}),
    ...(guidance ? { guidance } : {}),
    // the 名册用语 of the pack it was made from travel with it
    ...(base.rosterWords ? { rosterWords: base.rosterWords } : {}),
  };
  const loaded = loadPack(raw);
  return loaded.ok ? { ok: true, value: raw } : loaded;
}

