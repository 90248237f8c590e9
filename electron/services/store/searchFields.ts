/**
 * What the case list shows and searches, read from a saved revision's input and result: the head of
 * household, every member's name, 拼音首字母 and ID number, where the family lives, its 身份, the
 * benefits with their annual amounts and the year assessed. Pure; it reads the JSON defensively
 * because revisions saved by older versions of the app are read again when the index is rebuilt.
 */
import { Decimal, toFen, ZERO } from '../../../shared/money';
import { nameSpellings } from './pinyinInitials';

/** Separates member names (and spellings) in one column of case_search (searchIndex.ts re-exports it). */
export const LIST_SEPARATOR = '\u001f';

export interface MemberFields {
  name: string;
  /** upper case, as written in the input; null when the member has none */
  idNumber: string | null;
  /** every spelling of the name's initials, and its full pinyin (pinyinInitials.ts) */
  initials: string[];
}

export interface BenefitAmount {
  code: string;
  /** the code's annual amounts summed over the members, yuan with two decimals */
  annual: string;
}

export interface SearchFields {
  headName: string;
  headIdNumber: string | null;
  members: MemberFields[];
  township: string;
  village: string;
  householdStatus: string;
  /** the household's 身份 and every member's own, each once */
  statuses: string[];
  /** the assessment date (result.policy.asOf) and its year */
  asOf: string;
  year: number | null;
  totalAnnual: string;
  benefits: BenefitAmount[];
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** Text as the index holds it: no control characters (they separate lists there), trimmed. Queries get the same. */
export const cleanText = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, '').trim();
const asText = (value: unknown): string => (typeof value === 'string' ? cleanText(value) : '');

function amount(value: unknown): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') return ZERO;
  try {
    const parsed = new Decimal(value);
    return parsed.isFinite() ? parsed : ZERO;
  } catch {
    return ZERO;
  }
}

function memberStatuses(member: Json): string[] {
  const status = member.status;
  if (typeof status === 'string') return [status];
  return asArray(status).filter((item): item is string => typeof item === 'string');
}

/**
 * `spellings: false` leaves members' initials empty (the county indexes names its own way, terms.ts;
 * pinyin is the costliest step). `known`: the names and spellings the index holds for the case
 * (case_search.member_names / member_initials, LIST_SEPARATOR-joined): when the members' names are
 * those, their spellings are taken from there instead of spelt again (重新测算: the names do not
 * change). The index keeps spellings only as one list for the case (every term and the initials
 * column are made from all members' together), so they come back on the first member, in order.
 */
export function deriveSearchFields(input: unknown, result: unknown, options: { spellings?: boolean; known?: { names: string; initials: string } } = {}): SearchFields {
  const known = options.known;
  const spell = options.spellings !== false;
  const household = asObject(asObject(input).household);
  const rawMembers = asArray(asObject(input).members).map(asObject);
  const names = rawMembers.map((member) => asText(member.name));
  const reuse = spell && known !== undefined && names.length > 0 && names.join(LIST_SEPARATOR) === known.names;
  const members: MemberFields[] = rawMembers.map((member, index) => {
    const name = names[index] as string;
    const idNumber = asText(member.idNumber).toUpperCase();
    const initials = reuse ? (index === 0 && known.initials !== '' ? known.initials.split(LIST_SEPARATOR) : []) : spell ? nameSpellings(name) : [];
    return { name, idNumber: idNumber === '' ? null : idNumber, initials };
  });
  const headIndex = Math.max(
    0,
    rawMembers.findIndex((member) => member.relation === 'head'),
  );
  const head = members[headIndex];

  const householdStatus = asText(household.status);
  const statuses = [...new Set([householdStatus, ...rawMembers.flatMap(memberStatuses)].filter((status) => status !== ''))];

  const output = asObject(result);
  const asOf = asText(asObject(output.policy).asOf);
  const year = /^\d{4}-/.test(asOf) ? Number(asOf.slice(0, 4)) : null;
  const byCode = new Map<string, Decimal>();
  for (const benefit of asArray(output.benefits).map(asObject)) {
    const code = asText(benefit.code);
    if (code === '') continue;
    byCode.set(code, (byCode.get(code) ?? ZERO).plus(amount(benefit.annual)));
  }

  return {
    headName: head?.name ?? '',
    headIdNumber: head?.idNumber ?? null,
    members,
    township: asText(household.township),
    village: asText(household.village),
    householdStatus,
    statuses,
    asOf,
    year,
    totalAnnual: toFen(amount(asObject(output.totals).annual)),
    benefits: [...byCode].map(([code, annual]) => ({ code, annual: toFen(annual) })),
  };
}
