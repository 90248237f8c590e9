/**
 * The shared validation stops at the first layer: while any box is structurally wrong or missing (no
 * 身份 chosen yet, a name not typed), it does not yet look at ID check digits or at 政策范围内 > 总费用.
 * Staff type in any order, and an ID number must be checked as it is typed, so the form also asks the
 * same shared validation about a stand-in copy of the case: every structurally wrong or missing part
 * replaced by a harmless placeholder, the ID numbers, dates and bills kept as typed. Its findings on
 * those boxes are shown beside them; the wording and the rules stay the shared ones.
 */
import { isIsoDate } from '@shared/dates';
import { AREAS, STATUSES } from '@shared/household/codes';
import { validateCase } from '@shared/household/validate';
import { parseDecimal } from '@shared/money';
import { problemForBox } from './problemWording';

type Json = Record<string, unknown>;

/** Fields whose problems only the second layer finds. */
const SEMANTIC_FIELDS = /\.(idNumber|birthDate|policyScope|basicPaid|criticalPaid|level)$/;

function isMoney(value: unknown): boolean {
  const amount = parseDecimal(value);
  return amount !== null && !amount.isNegative() && amount.decimalPlaces() <= 2;
}

function standInBill(bill: Json, inpatient: boolean): Json {
  const amountsOk = isMoney(bill.total) && isMoney(bill.policyScope);
  const out: Json = amountsOk ? { total: bill.total, policyScope: bill.policyScope } : { total: '0', policyScope: '0' };
  if (amountsOk && isMoney(bill.basicPaid)) out.basicPaid = bill.basicPaid;
  if (amountsOk && isMoney(bill.criticalPaid)) out.criticalPaid = bill.criticalPaid;
  if (inpatient) {
    // a stand-in bill (amounts not usable yet) needs no level; a real one keeps what was chosen
    if (!amountsOk) out.basicPaid = '0';
    else if (typeof bill.level === 'string') out.level = bill.level;
  } else {
    out.kind = 'chronic';
  }
  return out;
}

function standInMember(member: Json, index: number): Json {
  const out: Json = { id: `m${index + 1}`, name: '某' };
  if (typeof member.idNumber === 'string') out.idNumber = member.idNumber;
  else if (typeof member.birthDate === 'string' && isIsoDate(member.birthDate)) out.birthDate = member.birthDate;
  else out.birthDate = '1970-01-01';
  const medical = (member.medical ?? {}) as { inpatient?: Json[]; outpatient?: Json[] };
  out.medical = {
    inpatient: (medical.inpatient ?? []).map((b) => standInBill(b, true)),
    outpatient: (medical.outpatient ?? []).map((b) => standInBill(b, false)),
  };
  return out;
}

/** Second-layer problems of the case as typed ({ path in the input, problem for beside the box }). */
export function semanticProblems(input: Json, today: string): { path: string; problem: string }[] {
  const household = (input.household ?? {}) as Json;
  const members = Array.isArray(input.members) ? (input.members as Json[]) : [];
  if (members.length === 0) return [];
  const asOf = typeof input.asOf === 'string' && isIsoDate(input.asOf) ? input.asOf : today;
  const standIn = {
    asOf,
    household: {
      area: (AREAS as readonly unknown[]).includes(household.area) ? household.area : 'rural',
      status: (STATUSES as readonly unknown[]).includes(household.status) ? household.status : 'ordinary',
    },
    members: members.map(standInMember),
  };
  const checked = validateCase(standIn, { today });
  if (checked.ok) return [];
  return checked.errors.filter((e) => SEMANTIC_FIELDS.test(e.path)).map((e) => ({ path: e.path, problem: problemForBox(e.message, e.path, standIn) }));
}
