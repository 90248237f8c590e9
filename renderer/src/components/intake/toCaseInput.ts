/**
 * Draft → the contract's input. Empty boxes are left out (the contract's "absent"), rows nothing has
 * been typed into are skipped, and because skipping shifts positions, every input path can be mapped
 * back to the draft path of the box it came from ("members[0]…" may be the draft's third row).
 */
import type { BillDraft, BillKind, CaseDraft, MemberDraft } from './caseDraft';
import { isBlankBill, isBlankMember } from './caseDraft';
import { cleanDate, cleanIdNumber, cleanMoney, integerOrText } from './typedText';

export interface DraftInput {
  input: Record<string, unknown>;
  /** number of members sent */
  memberCount: number;
  /** input path → draft path */
  toDraftPath(path: string): string;
}

type Json = Record<string, unknown>;

/** Only the given, non-empty values. */
function compact(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === '' || value === false) continue;
    out[key] = value;
  }
  return out;
}

function money(text: string): string | undefined {
  const value = cleanMoney(text);
  return value === '' ? undefined : value;
}

function integer(text: string): number | string | undefined {
  return text.trim() === '' ? undefined : integerOrText(text);
}

function billInput(bill: BillDraft, kind: BillKind): Json {
  const paid = bill.mode === 'slip' ? { basicPaid: money(bill.basicPaid), criticalPaid: money(bill.criticalPaid) } : {};
  const common = { total: money(bill.total) ?? '', policyScope: money(bill.policyScope) ?? '', ...paid, hospital: bill.hospital.trim(), date: bill.date.trim() };
  // total and policyScope are always sent (as '' when empty) so the validation names the missing box
  const entries = kind === 'inpatient' ? { ...common, level: bill.level || undefined } : { kind: bill.kind || undefined, disease: bill.disease.trim(), ...common };
  const out = compact(entries);
  if (!('total' in out)) out.total = '';
  if (!('policyScope' in out)) out.policyScope = '';
  return out;
}

function pensionInput(member: MemberDraft): Json | undefined {
  switch (member.pension) {
    case 'notInsured':
      return { insured: false, receiving: false };
    case 'insured':
      return { insured: true, receiving: false };
    case 'receiving':
      return { insured: true, receiving: true };
    default:
      return undefined;
  }
}

function memberInput(member: MemberDraft, bills: { inpatient: BillDraft[]; outpatient: BillDraft[] }): Json {
  const idNumber = cleanIdNumber(member.idNumber);
  const disability =
    member.disabilityGrade !== '' || member.disabilityKind !== ''
      ? compact({ grade: member.disabilityGrade === '' ? undefined : Number(member.disabilityGrade), kind: member.disabilityKind || undefined })
      : undefined;
  const employment =
    member.monthlyWage.trim() !== '' || member.workplaceUrbanDibaoStandard.trim() !== ''
      ? compact({ monthlyWage: money(member.monthlyWage) ?? '', workplaceUrbanDibaoStandard: money(member.workplaceUrbanDibaoStandard) })
      : undefined;
  if (employment && !('monthlyWage' in employment)) employment.monthlyWage = '';
  const s = member.student;
  const student = s.on
    ? {
        ...compact({ stage: s.stage || undefined, boarding: s.boarding, hardship: s.hardship, nationalNutritionPlan: s.nationalNutritionPlan, orphan: s.orphan, deFactoUnsupported: s.deFactoUnsupported }),
        // 幼儿园年级 and 民办 only mean something in 学前 (the core refuses them elsewhere)
        ...(s.stage === 'preschool' && s.kindergartenYear !== '' ? { kindergartenYear: Number(s.kindergartenYear) } : {}),
        ...(s.stage === 'preschool' && s.privateKindergarten ? { publicKindergarten: false } : {}),
        ...(s.enrolled === null ? {} : { enrolled: s.enrolled }),
      }
    : undefined;
  const t = member.training;
  const training = compact({
    yuluShort: t.yuluShort || undefined,
    designatedDays: integer(t.designatedDays),
    outOfCountyCosts: money(t.outOfCountyCosts),
    workForTrainingMonths: integer(t.workForTrainingMonths),
  });
  const st = member.startup;
  const incubator =
    st.incubatorCosts.trim() !== '' || st.incubatorYear.trim() !== '' ? { annualCosts: money(st.incubatorCosts) ?? '', subsidyYear: integer(st.incubatorYear) } : undefined;
  const startup = st.on ? { firstBusiness: st.firstBusiness, monthsOperating: integer(st.monthsOperating), ...(incubator ? { incubator } : {}) } : undefined;
  const job = member.publicWelfareJob.on ? compact({ yearInPost: integer(member.publicWelfareJob.yearInPost) }) : undefined;
  const medical = compact({
    inpatient: bills.inpatient.length > 0 ? bills.inpatient.map((b) => billInput(b, 'inpatient')) : undefined,
    outpatient: bills.outpatient.length > 0 ? bills.outpatient.map((b) => billInput(b, 'outpatient')) : undefined,
  });
  const out = compact({
    id: member.key,
    name: member.name.trim(),
    relation: member.relation || undefined,
    idNumber: idNumber === '' ? undefined : idNumber,
    // the ID number carries the birth date; a date typed before the ID was is not sent alongside it
    birthDate: idNumber === '' ? cleanDate(member.birthDate) || undefined : undefined,
    status: member.statuses.length > 0 ? [...member.statuses] : undefined,
    disability,
    employment,
    tekunCare: member.tekunCare || undefined,
    pension: pensionInput(member),
    student,
    training: Object.keys(training).length > 0 ? training : undefined,
    startup,
    publicWelfareJob: job,
    medical: Object.keys(medical).length > 0 ? medical : undefined,
  });
  // the name is always sent, so an empty one is reported beside its box
  if (!('name' in out)) out.name = '';
  return out;
}

export function toCaseInput(draft: CaseDraft): DraftInput {
  const memberIndex: number[] = [];
  const billIndex: { inpatient: number[]; outpatient: number[] }[] = [];
  const members: Json[] = [];
  draft.members.forEach((member, draftIndex) => {
    if (isBlankMember(member)) return;
    const keep = (kind: BillKind) => {
      const kept: BillDraft[] = [];
      const positions: number[] = [];
      member[kind].forEach((bill, position) => {
        if (isBlankBill(bill)) return;
        kept.push(bill);
        positions.push(position);
      });
      return { kept, positions };
    };
    const inpatient = keep('inpatient');
    const outpatient = keep('outpatient');
    memberIndex.push(draftIndex);
    billIndex.push({ inpatient: inpatient.positions, outpatient: outpatient.positions });
    members.push(memberInput(member, { inpatient: inpatient.kept, outpatient: outpatient.kept }));
  });

  const h = draft.household;
  const housing =
    h.housingRating !== '' || h.estimatedCost.trim() !== '' || h.priorHousingAid
      ? compact({ rating: h.housingRating || undefined, priorHousingAid: h.priorHousingAid, estimatedCost: money(h.estimatedCost) })
      : undefined;
  const household = compact({
    area: h.area,
    status: h.status || undefined,
    formerlyRegisteredPoor: h.formerlyRegisteredPoor,
    monthlyIncome: money(h.monthlyIncome),
    annualNetIncomePerCapita: money(h.annualNetIncomePerCapita),
    housing,
    township: h.township.trim(),
    village: h.village.trim(),
    group: h.group.trim(),
    address: h.address.trim(),
    phone: h.phone.trim(),
  });

  const asOf = cleanDate(draft.asOf);
  const input: Json = { ...(asOf ? { asOf } : {}), ...(draft.params ? { params: draft.params } : {}), household, members };

  function toDraftPath(path: string): string {
    const match = /^members\[(\d+)\](.*)$/.exec(path);
    if (!match) return path;
    const index = Number(match[1]);
    const draftIndex = memberIndex[index] ?? index;
    let rest = match[2] as string;
    const bill = /^\.medical\.(inpatient|outpatient)\[(\d+)\](.*)$/.exec(rest);
    if (bill) {
      const kind = bill[1] as BillKind;
      const position = billIndex[index]?.[kind][Number(bill[2])] ?? Number(bill[2]);
      rest = `.medical.${kind}[${position}]${bill[3] as string}`;
    }
    return `members[${draftIndex}]${rest}`;
  }

  return { input, memberCount: members.length, toDraftPath };
}
