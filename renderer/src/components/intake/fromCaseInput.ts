/**
 * A saved case's input (as the contract writes it) back into a draft, to reopen it for a new revision
 * or to fill the form from a worked example. Lenient: what it does not recognise it leaves empty, and
 * the validation then names it.
 */
import { STATUSES, type Status } from '@shared/household/codes';
import { emptyBill, emptyDraft, emptyMember, type BillDraft, type BillKind, type CaseDraft, type MemberDraft, type PensionChoice } from './caseDraft';

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
function text(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}
function flag(value: unknown): boolean {
  return value === true;
}
function pick<T extends string>(value: unknown, allowed?: readonly T[]): T | '' {
  if (typeof value !== 'string') return '';
  return !allowed || (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

function billDraft(value: unknown, kind: BillKind): BillDraft {
  const b = obj(value);
  const bill = emptyBill(kind);
  bill.total = text(b.total);
  bill.policyScope = text(b.policyScope);
  bill.basicPaid = text(b.basicPaid);
  bill.criticalPaid = text(b.criticalPaid);
  bill.mode = bill.basicPaid !== '' || bill.criticalPaid !== '' ? 'slip' : 'estimate';
  bill.level = pick(b.level) as BillDraft['level'];
  if (kind === 'outpatient') bill.kind = (pick(b.kind) as BillDraft['kind']) || 'chronic';
  bill.disease = text(b.disease);
  bill.hospital = text(b.hospital);
  bill.date = text(b.date);
  return bill;
}

function pensionChoice(value: unknown): PensionChoice {
  const p = obj(value);
  if (p.receiving === true) return 'receiving';
  if (p.insured === true) return 'insured';
  if (p.insured === false) return 'notInsured';
  return '';
}

function memberDraft(value: unknown, index: number): MemberDraft {
  const m = obj(value);
  const member = emptyMember(text(m.id) || `m${index + 1}`);
  member.name = text(m.name);
  member.relation = pick(m.relation) as MemberDraft['relation'];
  member.idNumber = text(m.idNumber);
  member.birthDate = text(m.birthDate);
  const statuses = Array.isArray(m.status) ? m.status : m.status === undefined ? [] : [m.status];
  member.statuses = statuses.filter((s): s is Status => (STATUSES as readonly unknown[]).includes(s));
  const disability = obj(m.disability);
  member.disabilityGrade = pick(text(disability.grade), ['1', '2', '3', '4']);
  member.disabilityKind = pick(disability.kind) as MemberDraft['disabilityKind'];
  const employment = obj(m.employment);
  member.monthlyWage = text(employment.monthlyWage);
  member.workplaceUrbanDibaoStandard = text(employment.workplaceUrbanDibaoStandard);
  member.tekunCare = pick(m.tekunCare) as MemberDraft['tekunCare'];
  member.pension = pensionChoice(m.pension);
  if (m.student !== undefined) {
    const s = obj(m.student);
    member.student = {
      on: true,
      stage: pick(s.stage) as MemberDraft['student']['stage'],
      boarding: flag(s.boarding),
      hardship: flag(s.hardship),
      nationalNutritionPlan: flag(s.nationalNutritionPlan),
      orphan: flag(s.orphan),
      deFactoUnsupported: flag(s.deFactoUnsupported),
      kindergartenYear: pick(typeof s.kindergartenYear === 'number' ? String(s.kindergartenYear) : s.kindergartenYear, ['1', '2', '3']),
      privateKindergarten: s.publicKindergarten === false,
      enrolled: typeof s.enrolled === 'boolean' ? s.enrolled : null,
    };
  }
  const training = obj(m.training);
  member.training = {
    yuluShort: pick(training.yuluShort, ['A', 'B', 'C']),
    designatedDays: text(training.designatedDays),
    outOfCountyCosts: text(training.outOfCountyCosts),
    workForTrainingMonths: text(training.workForTrainingMonths),
  };
  if (m.startup !== undefined) {
    const st = obj(m.startup);
    const incubator = obj(st.incubator);
    member.startup = {
      on: true,
      firstBusiness: flag(st.firstBusiness),
      monthsOperating: text(st.monthsOperating),
      incubatorCosts: text(incubator.annualCosts),
      incubatorYear: text(incubator.subsidyYear),
    };
  }
  if (m.publicWelfareJob !== undefined) member.publicWelfareJob = { on: true, yearInPost: text(obj(m.publicWelfareJob).yearInPost) };
  const medical = obj(m.medical);
  member.inpatient = Array.isArray(medical.inpatient) ? medical.inpatient.map((b) => billDraft(b, 'inpatient')) : [];
  member.outpatient = Array.isArray(medical.outpatient) ? medical.outpatient.map((b) => billDraft(b, 'outpatient')) : [];
  return member;
}

export function fromCaseInput(input: unknown, today: string): CaseDraft {
  const c = obj(input);
  const draft = emptyDraft(today);
  draft.asOf = text(c.asOf) || today;
  const h = obj(c.household);
  const housing = obj(h.housing);
  draft.household = {
    area: h.area === 'urban' ? 'urban' : 'rural',
    status: pick(h.status, STATUSES),
    formerlyRegisteredPoor: flag(h.formerlyRegisteredPoor),
    monthlyIncome: text(h.monthlyIncome),
    annualNetIncomePerCapita: text(h.annualNetIncomePerCapita),
    housingRating: pick(housing.rating, ['A', 'B', 'C', 'D', 'none']),
    priorHousingAid: flag(housing.priorHousingAid),
    estimatedCost: text(housing.estimatedCost),
    township: text(h.township),
    village: text(h.village),
    group: text(h.group),
    address: text(h.address),
    phone: text(h.phone),
  };
  const members = Array.isArray(c.members) ? c.members : [];
  if (members.length > 0) draft.members = members.map(memberDraft);
  if (c.params !== undefined && Object.keys(obj(c.params)).length > 0) draft.params = obj(c.params);
  return draft;
}
