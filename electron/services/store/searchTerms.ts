/**
 * The words of the search index. Each searchable fact of a case's latest revision becomes one short
 * term ("n:张", "p:zs", "s:dibao", "b:medical.assistance@2023"), stored as a row (term, updated_at,
 * case_id, facets) whose primary key gives, for any term, its cases newest first. One-character and
 * two-character name searches — the common ones at the desk — are then a single index range, which a
 * trigram full-text index cannot answer. Both sides (what a case is indexed under, and which terms a
 * query looks for) are here so they cannot drift apart.
 */
import { STATUSES } from '../../../shared/household/codes';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import type { SearchFields } from './searchFields';

/** Every case has this term, so a query without conditions is still one ordered index range. */
export const ALL_TERM = 'a:';
/** Terms of a 作废 case start with it: ordinary searches never meet them. */
export const VOIDED_PREFIX = '~';

/** 拼音首字母 prefixes are indexed up to this length; longer queries are checked on the stored initials. */
export const MAX_PINYIN_TERM = 6;

const nameTerm = (gram: string) => `n:${gram}`;
const pinyinTerm = (letters: string) => `p:${letters}`;
/** ID numbers reversed, so "last 4–6 digits" is a prefix range of the index. */
const idTerm = (reversedPrefix: string) => `i:${reversedPrefix}`;
const reverse = (text: string) => Array.from(text).reverse().join('');
/** The term of a whole ID number (a case is indexed under each member's). */
export const idNumberTerm = (idNumber: string) => idTerm(reverse(idNumber));

export const townshipTerm = (township: string) => `t:${township}`;
export const villageTerm = (village: string) => `v:${village}`;
export const statusTerm = (status: string) => `s:${status}`;
export const benefitTerm = (code: string, year?: number) => (year === undefined ? `b:${code}` : `b:${code}@${year}`);
export const yearTerm = (year: number) => `y:${year}`;

/** Names are compared without letter case (the odd Latin-script name); Chinese is unaffected. */
export const normalizeName = (name: string) => name.trim().toLowerCase();

function nameGrams(name: string): string[] {
  const characters = Array.from(normalizeName(name));
  const grams: string[] = [...characters];
  for (let i = 0; i + 1 < characters.length; i++) grams.push(`${characters[i]}${characters[i + 1]}`);
  return grams;
}

/** The initials' prefixes: staff type a name's initials from its start ("zs", "zsf" for 张三丰). */
function pinyinPrefixes(initials: string): string[] {
  const found: string[] = [];
  for (let length = 1; length <= Math.min(MAX_PINYIN_TERM, initials.length); length++) found.push(initials.slice(0, length));
  return found;
}

/** The terms of one case (each once), prefixed for a voided case. */
export function caseTerms(fields: SearchFields, voided: boolean): string[] {
  const terms = new Set<string>([ALL_TERM]);
  // by kind, each over all members: the list does not depend on which member a spelling is listed under
  for (const member of fields.members) for (const gram of nameGrams(member.name)) terms.add(nameTerm(gram));
  for (const member of fields.members) for (const initials of member.initials) for (const letters of pinyinPrefixes(initials)) terms.add(pinyinTerm(letters));
  for (const member of fields.members) if (member.idNumber) terms.add(idTerm(reverse(member.idNumber)));
  if (fields.township) terms.add(townshipTerm(fields.township));
  if (fields.village) terms.add(villageTerm(fields.village));
  for (const status of fields.statuses) terms.add(statusTerm(status));
  if (fields.year !== null) terms.add(yearTerm(fields.year));
  for (const benefit of fields.benefits) {
    terms.add(benefitTerm(benefit.code));
    if (fields.year !== null) terms.add(benefitTerm(benefit.code, fields.year));
  }
  const list = [...terms];
  return voided ? list.map((term) => VOIDED_PREFIX + term) : list;
}

/**
 * Facets: the case's 身份 and benefit codes packed into one integer stored on every index row of the
 * case. A search "王庄村 + 低保" then scans 王庄村's rows and tests a bit on each, instead of looking
 * each one up under "s:dibao"; and two large, nearly exclusive facets (特困 and 低保补差) cost one
 * sequential scan of the smaller instead of one lookup per row.
 * Layout: bits 0–7 statuses (STATUSES order), 8–39 the first 32 benefit codes (BENEFIT_CODES order; a
 * code after them has no bit and is looked up).
 * The assessment year is NOT a facet (it was bits 40–47 until issue 16): 重新测算 on a new date changes
 * every case's year, and a facet on every row made it rewrite all ≈ 45 rows of every case; now it
 * replaces only the case's year terms ("y:2027", "b:code@2027"). A year is looked up by its term.
 * The layout is part of the index version (searchIndex.ts): when the codes change, the index is rebuilt.
 */
const STATUS_BIT = new Map<string, number>(STATUSES.map((status, index) => [status, 2 ** index]));
const BENEFIT_BIT = new Map<string, number>(Object.keys(BENEFIT_CODES).slice(0, 32).map((code, index) => [code, 2 ** (8 + index)]));
if (STATUSES.length > 8) throw new Error('search facets: more statuses than bits; widen the layout');
/** The layout as text: part of the index version, so a new benefit code rebuilds the index by itself. */
export const FACET_LAYOUT = `${STATUSES.join(',')}|${[...BENEFIT_BIT.keys()].join(',')}|no-year`;

export function caseFacets(fields: SearchFields): number {
  let bits = 0;
  for (const status of fields.statuses) bits += STATUS_BIT.get(status) ?? 0;
  for (const benefit of fields.benefits) bits += BENEFIT_BIT.get(benefit.code) ?? 0;
  return bits;
}

/**
 * An in-row test a condition can be checked by instead of a lookup: all `mask` bits set; and when
 * `alsoTerm` is given, the case must also have that term (one lookup, made only for rows the mask let
 * through: a benefit in a year is its benefit bit and its year's term).
 */
export interface FacetTest {
  mask: number;
  alsoTerm: string | null;
}

/** A condition of a query on the term index: one exact term, or a range of terms [from, to); maybe testable in-row. */
export type TermCondition = ({ kind: 'exact'; term: string } | { kind: 'range'; from: string; to: string }) & { facet?: FacetTest };

export function statusCondition(status: string): TermCondition {
  const bit = STATUS_BIT.get(status);
  return { ...exact(statusTerm(status)), ...(bit === undefined ? {} : { facet: { mask: bit, alsoTerm: null } }) };
}

/** A benefit (in a year, or any year); a code without a bit is only looked up. */
export function benefitCondition(code: string, year?: number): TermCondition {
  const bit = BENEFIT_BIT.get(code);
  return { ...exact(benefitTerm(code, year)), ...(bit === undefined ? {} : { facet: { mask: bit, alsoTerm: year === undefined ? null : yearTerm(year) } }) };
}

/** A year: looked up by its term (the year is not on the rows). */
export function yearCondition(year: number): TermCondition {
  return exact(yearTerm(year));
}

export const exact = (term: string): { kind: 'exact'; term: string } => ({ kind: 'exact', term });

/** "张" and "张三" are one term each; a longer text needs all its two-character grams (and a check of the whole). */
export function nameConditions(text: string): { conditions: TermCondition[]; checkWhole: boolean } {
  const characters = Array.from(normalizeName(text));
  if (characters.length <= 2) return { conditions: [exact(nameTerm(characters.join('')))], checkWhole: false };
  const grams = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i++) grams.add(`${characters[i]}${characters[i + 1]}`);
  return { conditions: [...grams].map((gram) => exact(nameTerm(gram))), checkWhole: true };
}

export function pinyinCondition(letters: string): { condition: TermCondition; checkWhole: boolean } {
  const lower = letters.toLowerCase();
  return { condition: exact(pinyinTerm(lower.slice(0, MAX_PINYIN_TERM))), checkWhole: lower.length > MAX_PINYIN_TERM };
}

/** The last digits of an ID number (4 to 18 characters; 18 is the whole number). */
export function idNumberCondition(tail: string): TermCondition {
  const reversed = reverse(tail.toUpperCase());
  if (reversed.length === 18) return exact(idTerm(reversed));
  const from = idTerm(reversed);
  // the smallest text after every term that starts with `from`: bump its last character
  const to = from.slice(0, -1) + String.fromCharCode(from.charCodeAt(from.length - 1) + 1);
  return { kind: 'range', from, to };
}

/** The same condition on the voided partition of the index. */
export function voidedCondition(condition: TermCondition): TermCondition {
  const facet = condition.facet?.alsoTerm ? { facet: { ...condition.facet, alsoTerm: VOIDED_PREFIX + condition.facet.alsoTerm } } : {};
  return condition.kind === 'exact'
    ? { ...condition, term: VOIDED_PREFIX + condition.term, ...facet }
    : { ...condition, from: VOIDED_PREFIX + condition.from, to: VOIDED_PREFIX + condition.to, ...facet };
}
