/**
 * What the intake form holds while staff type: every value as the text in its box (so "1,200" or a
 * half-typed ID stays as typed), with the empty choice allowed everywhere. toCaseInput.ts turns it
 * into the contract's input; fromCaseInput.ts turns a saved case back into a draft.
 */
import type {
  Area,
  DisabilityKind,
  HospitalLevel,
  HousingRating,
  OutpatientKind,
  ShortTrainingClass,
  Stage,
  Status,
  TekunCare,
} from '@shared/household/codes';
import type { Relation } from '@shared/household/schema';

export type BillKind = 'inpatient' | 'outpatient';
/** 按结算单: the slip gives what 基本医保/大病保险 paid; 估算: the core estimates them. */
export type BillMode = 'estimate' | 'slip';

export interface BillDraft {
  /** stable key for lists (not sent) */
  key: string;
  total: string;
  policyScope: string;
  /** 住院: 医院级别 */
  level: HospitalLevel | '';
  /** 门诊: 慢性病 / 特殊疾病 and the disease */
  kind: OutpatientKind | '';
  disease: string;
  mode: BillMode;
  basicPaid: string;
  criticalPaid: string;
  /** 扩展 fields kept from a loaded case (not edited on this screen) */
  hospital: string;
  date: string;
}

/** 养老保险 as one choice: 未参保 / 已参保（未领取）/ 已领取养老金. */
export type PensionChoice = '' | 'notInsured' | 'insured' | 'receiving';
export type DisabilityGradeText = '' | '1' | '2' | '3' | '4';

export interface MemberDraft {
  /** the member id in the input ("m1"); stable while the case is edited */
  key: string;
  name: string;
  relation: Relation | '';
  idNumber: string;
  birthDate: string;
  statuses: Status[];
  disabilityGrade: DisabilityGradeText;
  disabilityKind: DisabilityKind | '';
  monthlyWage: string;
  workplaceUrbanDibaoStandard: string;
  tekunCare: TekunCare | '';
  pension: PensionChoice;
  student: {
    on: boolean;
    stage: Stage | '';
    boarding: boolean;
    hardship: boolean;
    nationalNutritionPlan: boolean;
    orphan: boolean;
    deFactoUnsupported: boolean;
    /** 学前 only: 小班 1 · 中班 2 · 大班 3 ('' not given) */
    kindergartenYear: '' | '1' | '2' | '3';
    /** 学前 only: a private kindergarten (the contract's publicKindergarten: false) */
    privateKindergarten: boolean;
    /** kept from a loaded case: false = 未在读 */
    enrolled: boolean | null;
  };
  training: {
    yuluShort: ShortTrainingClass | '';
    designatedDays: string;
    outOfCountyCosts: string;
    workForTrainingMonths: string;
  };
  startup: { on: boolean; firstBusiness: boolean; monthsOperating: string; incubatorCosts: string; incubatorYear: string };
  publicWelfareJob: { on: boolean; yearInPost: string };
  inpatient: BillDraft[];
  outpatient: BillDraft[];
}

export interface HouseholdDraft {
  area: Area;
  status: Status | '';
  formerlyRegisteredPoor: boolean;
  monthlyIncome: string;
  annualNetIncomePerCapita: string;
  housingRating: HousingRating | '';
  priorHousingAid: boolean;
  estimatedCost: string;
  township: string;
  village: string;
  /** 村民小组 */
  group: string;
  address: string;
  phone: string;
}

export interface CaseDraft {
  asOf: string;
  household: HouseholdDraft;
  members: MemberDraft[];
  /** 临时参数 of a loaded case, sent back unchanged (this screen does not edit them) */
  params?: Record<string, unknown>;
}

let billCounter = 0;

export function emptyBill(kind: BillKind): BillDraft {
  billCounter += 1;
  return {
    key: `b${Date.now().toString(36)}${billCounter}`,
    total: '',
    policyScope: '',
    level: '',
    kind: kind === 'outpatient' ? 'chronic' : '',
    disease: '',
    mode: 'estimate',
    basicPaid: '',
    criticalPaid: '',
    hospital: '',
    date: '',
  };
}

/** The next free member id: m1, m2, … (ids of removed members are not reused while editing). */
export function nextMemberKey(members: readonly MemberDraft[]): string {
  let highest = 0;
  for (const member of members) {
    const match = /^m(\d+)$/.exec(member.key);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `m${highest + 1}`;
}

export function emptyMember(key: string, relation: Relation | '' = ''): MemberDraft {
  return {
    key,
    name: '',
    relation,
    idNumber: '',
    birthDate: '',
    statuses: [],
    disabilityGrade: '',
    disabilityKind: '',
    monthlyWage: '',
    workplaceUrbanDibaoStandard: '',
    tekunCare: '',
    pension: '',
    student: { on: false, stage: '', boarding: false, hardship: false, nationalNutritionPlan: false, orphan: false, deFactoUnsupported: false, kindergartenYear: '', privateKindergarten: false, enrolled: null },
    training: { yuluShort: '', designatedDays: '', outOfCountyCosts: '', workForTrainingMonths: '' },
    startup: { on: false, firstBusiness: false, monthsOperating: '', incubatorCosts: '', incubatorYear: '' },
    publicWelfareJob: { on: false, yearInPost: '' },
    inpatient: [],
    outpatient: [],
  };
}

export function emptyDraft(today: string): CaseDraft {
  return {
    asOf: today,
    household: {
      area: 'rural',
      status: '',
      formerlyRegisteredPoor: false,
      monthlyIncome: '',
      annualNetIncomePerCapita: '',
      housingRating: '',
      priorHousingAid: false,
      estimatedCost: '',
      township: '',
      village: '',
      group: '',
      address: '',
      phone: '',
    },
    members: [emptyMember('m1', 'head')],
  };
}

export function cloneDraft(draft: CaseDraft): CaseDraft {
  return JSON.parse(JSON.stringify(draft)) as CaseDraft;
}

/** A bill row nothing has been typed into yet: left out of the calculation, not an error. */
export function isBlankBill(bill: BillDraft): boolean {
  return bill.total.trim() === '' && bill.policyScope.trim() === '' && bill.basicPaid.trim() === '' && bill.criticalPaid.trim() === '' && bill.disease.trim() === '';
}

/** A member row nothing has been typed into yet (a row just added with Enter). */
export function isBlankMember(member: MemberDraft): boolean {
  return (
    member.name.trim() === '' &&
    member.idNumber.trim() === '' &&
    member.birthDate.trim() === '' &&
    member.statuses.length === 0 &&
    member.disabilityGrade === '' &&
    member.disabilityKind === '' &&
    member.monthlyWage.trim() === '' &&
    member.tekunCare === '' &&
    member.pension === '' &&
    !member.student.on &&
    member.training.yuluShort === '' &&
    member.training.designatedDays.trim() === '' &&
    member.training.outOfCountyCosts.trim() === '' &&
    member.training.workForTrainingMonths.trim() === '' &&
    !member.startup.on &&
    !member.publicWelfareJob.on &&
    member.inpatient.every(isBlankBill) &&
    member.outpatient.every(isBlankBill)
  );
}
