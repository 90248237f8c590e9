/**
 * A roster household as a case input (calc-contract.md "Input"), or laid over the case the office
 * already has for that 户主. The roster is taken as the source of what it says: the household's 身份,
 * who its members are and their 身份, 残疾 and 学段 (where the roster has those columns), where it
 * lives. Everything else the case holds — bills, wages, pension, housing, a member added at the desk
 * — stays as the office entered it. An empty household cell (no phone in the roster) keeps what the
 * case has; a mapped 残疾 or 学段 column left empty means "none" (that is how these systems write it).
 *
 * The same roster laid over the case it produced gives back the same input, so importing a file
 * again changes nothing (sameInput compares them whatever the order of their keys).
 */
import type { Area } from '../household/codes';
import type { RosterField } from './fields';
import type { RosterHousehold, RosterMember } from './check';

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

export interface LaidOver {
  input: Json;
  /** members the case has that the roster does not list (kept), by name */
  keptMembers: string[];
}

/** The input for a roster household: new (no `existing`), or the existing case's input with the roster laid over it. */
export function rosterInput(household: RosterHousehold, mapped: ReadonlySet<RosterField>, defaultArea: Area, existing?: unknown): LaidOver {
  const before = object(existing);
  const oldHousehold = object(before.household);
  const hh: Json = { ...oldHousehold };
  hh.area = household.area ?? (typeof oldHousehold.area === 'string' ? oldHousehold.area : defaultArea);
  hh.status = household.status;
  if (household.formerlyRegisteredPoor && household.status !== 'alleviated') hh.formerlyRegisteredPoor = true;
  else delete hh.formerlyRegisteredPoor;
  for (const field of ['township', 'village', 'group', 'phone'] as const) {
    if (mapped.has(field) && household[field] !== '') hh[field] = household[field];
  }
  for (const field of ['annualNetIncomePerCapita', 'monthlyIncome'] as const) {
    const value = household[field];
    if (mapped.has(field) && value !== null) hh[field] = value;
  }

  const oldMembers = Array.isArray(before.members) ? before.members.map(object) : [];
  const byId = new Map<string, Json>();
  const byName = new Map<string, Json>();
  for (const member of oldMembers) {
    const id = typeof member.idNumber === 'string' ? member.idNumber.trim().toUpperCase() : '';
    if (id !== '') byId.set(id, member);
    else if (typeof member.name === 'string') byName.set(member.name.trim(), member);
  }
  const used = new Set<Json>();
  const taken = new Set(oldMembers.map((member) => String(member.id)));
  let next = 1;
  const freshId = () => {
    while (taken.has(`m${next}`)) next += 1;
    taken.add(`m${next}`);
    return `m${next}`;
  };
  // ids: a member the case had keeps its own; new ones get the next free m<n>
  const members = household.members.map((person) => {
    const match = byId.get(person.idNumber) ?? byName.get(person.name);
    if (match) used.add(match);
    const member = memberInput(person, mapped, match);
    return typeof member.id === 'string' ? member : { id: freshId(), ...member };
  });
  const kept = oldMembers.filter((member) => !used.has(member));
  const input: Json = { ...before, household: hh, members: [...members, ...kept] };
  return { input, keptMembers: kept.map((member) => (typeof member.name === 'string' ? member.name : '')) };
}

function memberInput(person: RosterMember, mapped: ReadonlySet<RosterField>, existing: Json | undefined): Json {
  const member: Json = { ...(existing ?? {}) };
  if (existing === undefined) delete member.id;
  member.name = person.name;
  member.relation = person.relation;
  member.idNumber = person.idNumber;
  // the number gives the birth date: one typed at the desk must not contradict it
  delete member.birthDate;
  if (person.statuses.length === 0) delete member.status;
  else member.status = person.statuses.length === 1 ? person.statuses[0] : [...person.statuses];
  if (mapped.has('disability') || mapped.has('disabilityKind') || mapped.has('disabilityGrade')) {
    if (person.disability) member.disability = { grade: person.disability.grade, kind: person.disability.kind };
    else delete member.disability;
  }
  if (mapped.has('stage')) {
    if (person.stage) {
      const student: Json = { ...object(member.student), stage: person.stage, enrolled: true };
      if (person.stage !== 'preschool') {
        delete student.kindergartenYear;
        delete student.publicKindergarten;
      }
      member.student = student;
    } else delete member.student;
  }
  return member;
}

/** JSON with every object's keys in order: two inputs that differ only in key order read the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Json)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sameInput(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
