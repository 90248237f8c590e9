/**
 * Household input → a normalized case the rules can trust, or every problem as a Chinese message with
 * its field path. Invalid input never reaches a rule. Checks that need the policy pack (unknown
 * parameter keys, a date before the pack) are made in calculate.ts.
 */
import { ageOn, isIsoDate, type IsoDate } from '../dates';
import { formatPath, type AppError, type Result } from '../errors';
import { zodIssuesToErrors } from '../zodErrors';
import { compare, ZERO, type Decimal } from '../money';
import type { Status } from './codes';
import { describePath, valueLabel } from './fieldLabels';
import { readIdNumber, type Sex } from './idNumber';
import { fastParseCase } from './fastParse';
import { caseInputSchema, moneySchema, type ParsedCase, type ParsedHousehold, type ParsedMember } from './schema';

export interface NormalizedMember extends Omit<ParsedMember, 'medical'> {
  /** position in the input (0-based), for paths and "第n位成员" */
  index: number;
  birthDate: IsoDate;
  sex: Sex | null;
  age: number;
  /** the household's 身份 plus the member's own (contract: "a member's statuses are the household's plus its own") */
  statuses: ReadonlySet<Status>;
  medical: {
    inpatient: NonNullable<NonNullable<ParsedMember['medical']>['inpatient']>;
    outpatient: NonNullable<NonNullable<ParsedMember['medical']>['outpatient']>;
  };
}

export interface NormalizedHousehold extends ParsedHousehold {
  formerlyRegisteredPoor: boolean;
}

export interface NormalizedCase {
  asOf: IsoDate;
  year: number;
  household: NormalizedHousehold;
  members: NormalizedMember[];
  /** overrides as given (checked against the pack in calculate.ts) */
  params: NonNullable<ParsedCase['params']>;
}

/** Every key of T, each present (possibly undefined): no field can be left out by mistake. */
type Complete<T> = { [K in keyof Required<T>]: T[K] | undefined };

/** A second-layer problem: where under the checked part (a member), and the problem alone, for beside its box. */
interface Problem {
  path: PropertyKey[];
  problem: string;
}

interface BillFacts {
  total: Decimal;
  policyScope: Decimal;
  basicPaid?: Decimal | undefined;
  criticalPaid?: Decimal | undefined;
}

/**
 * A bill's amounts against each other: 政策范围内 within 总费用, what was paid within 政策范围内; into
 * `problems`, under medical.<kind>[index] (the path made only for a problem: every bill of every
 * calculation passes here).
 */
function billProblems(item: BillFacts, kind: 'inpatient' | 'outpatient', index: number, problems: Problem[]): void {
  const path = () => ['medical', kind, index];
  if (compare(item.policyScope, item.total) > 0) {
    problems.push({ path: [...path(), 'policyScope'], problem: `政策范围内费用（${item.policyScope.toString()}）不能大于总费用（${item.total.toString()}）` });
  }
  if (item.basicPaid === undefined && item.criticalPaid === undefined) return; // nothing paid yet: nothing to check
  const paid = (item.basicPaid ?? ZERO).plus(item.criticalPaid ?? ZERO);
  if (compare(paid, item.policyScope) > 0) {
    const target = item.criticalPaid !== undefined ? 'criticalPaid' : 'basicPaid';
    problems.push({ path: [...path(), target], problem: `基本医保与大病保险已支付之和（${paid.toString()}）不能大于政策范围内费用（${item.policyScope.toString()}）` });
  }
}

interface MemberFacts {
  idNumber?: string | undefined;
  birthDate?: IsoDate | undefined;
  student?: { stage: string; kindergartenYear?: unknown; publicKindergarten?: unknown } | undefined;
  /** a bill not read yet (typedFieldProblems) is null: the others keep their positions */
  medical?: { inpatient?: ((BillFacts & { level?: string | undefined }) | null)[]; outpatient?: (BillFacts | null)[] } | undefined;
}

/**
 * The second layer for one member: the ID number read (check digit, birth date, sex), the birth date
 * against it and against `asOf`, the 幼儿园 fields for 学前 only, and the bills' amounts. `whole`: the
 * member is complete (validateCase); a member still being typed (typedFieldProblems) is checked only
 * on what cannot wait: an ID number typed is the birth date checked, and nothing is asked for.
 */
function memberProblems(member: MemberFacts, asOf: IsoDate, whole: boolean): { problems: Problem[]; birthDate: IsoDate | undefined; sex: Sex | null; idNumber: string | undefined } {
  const problems: Problem[] = [];
  let birthDate = member.birthDate;
  let sex: Sex | null = null;
  let idNumber = member.idNumber;
  if (member.idNumber !== undefined) {
    const read = readIdNumber(member.idNumber);
    if ('problem' in read) {
      problems.push({ path: ['idNumber'], problem: read.problem });
    } else {
      idNumber = read.normalized;
      sex = read.sex;
      if (whole && member.birthDate !== undefined && member.birthDate !== read.birthDate) {
        problems.push({ path: ['birthDate'], problem: `与身份证号码中的出生日期 ${read.birthDate} 不一致` });
      }
      birthDate = read.birthDate;
    }
  } else if (whole && birthDate === undefined) {
    problems.push({ path: ['birthDate'], problem: '未填身份证号码时必须填写出生日期' });
  }
  if (birthDate !== undefined && birthDate > asOf) problems.push({ path: ['birthDate'], problem: `出生日期 ${birthDate} 晚于测算日期 ${asOf}` });
  const student = member.student;
  if (whole && student && student.stage !== 'preschool') {
    if (student.kindergartenYear !== undefined) problems.push({ path: ['student', 'kindergartenYear'], problem: '幼儿园年级只适用于学前（幼儿园）学段' });
    if (student.publicKindergarten !== undefined) problems.push({ path: ['student', 'publicKindergarten'], problem: '公办幼儿园只适用于学前（幼儿园）学段' });
  }
  (member.medical?.inpatient ?? []).forEach((item, itemIndex) => {
    if (!item) return;
    billProblems(item, 'inpatient', itemIndex, problems);
    if (item.basicPaid === undefined && item.level === undefined) {
      problems.push({ path: ['medical', 'inpatient', itemIndex, 'level'], problem: '未填基本医保已支付金额时，必须选择医院级别以便估算' });
    }
  });
  (member.medical?.outpatient ?? []).forEach((item, itemIndex) => {
    if (item) billProblems(item, 'outpatient', itemIndex, problems);
  });
  return { problems, birthDate, sex, idNumber };
}

export function validateCase(input: unknown, options: { today: IsoDate }): Result<NormalizedCase> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ message: '输入应为一个家庭的 JSON 对象（{"household": …, "members": […]}）', path: '' }] };
  }
  // a valid household is read by hand (fastParse.ts); anything else goes through zod, which words the errors
  let data = fastParseCase(input);
  if (!data) {
    const parsed = caseInputSchema.safeParse(input);
    if (!parsed.success) {
      // Parsed again, keeping the offending values, only to word the messages (the common path stays lean).
      const issues = caseInputSchema.safeParse(input, { reportInput: true }).error?.issues ?? parsed.error.issues;
      return { ok: false, errors: zodIssuesToErrors(issues, (path) => describePath(path, input), valueLabel) };
    }
    data = parsed.data;
  }
  const asOf = data.asOf ?? options.today;
  const errors: AppError[] = [];
  const where = (path: PropertyKey[]) => describePath(path, input);
  const push = (path: PropertyKey[], problem: string) => errors.push({ message: `${where(path)}：${problem}`, path: formatPath(path) });

  const seenIds = new Map<string, number>();
  const members: NormalizedMember[] = [];
  data.members.forEach((member, index) => {
    const base: PropertyKey[] = ['members', index];
    const firstWithId = seenIds.get(member.id);
    if (firstWithId !== undefined) push([...base, 'id'], `成员编号「${member.id}」与第${firstWithId + 1}位成员重复`);
    else seenIds.set(member.id, index);

    const found = memberProblems(member, asOf, true);
    for (const { path, problem } of found.problems) push([...base, ...path], problem);
    const { birthDate, sex, idNumber } = found;
    const inpatient = member.medical?.inpatient ?? [];
    const outpatient = member.medical?.outpatient ?? [];

    if (birthDate === undefined) return;
    // the household's 身份 first, then the member's own, in order (no array made for it)
    const statuses = new Set<Status>().add(data.household.status);
    if (member.status !== undefined) {
      if (Array.isArray(member.status)) for (const status of member.status) statuses.add(status);
      else statuses.add(member.status);
    }
    // Built field by field (not spread): rules read these objects for every benefit, and a literal
    // keeps them in V8's fast shape. `Complete` makes the compiler list every schema field here.
    const normalized: Complete<NormalizedMember> = {
      index,
      id: member.id,
      name: member.name,
      relation: member.relation,
      idNumber,
      birthDate,
      sex,
      age: ageOn(birthDate, asOf),
      status: member.status,
      statuses,
      disability: member.disability,
      employment: member.employment,
      tekunCare: member.tekunCare,
      pension: member.pension,
      student: member.student,
      training: member.training,
      startup: member.startup,
      publicWelfareJob: member.publicWelfareJob,
      medical: { inpatient, outpatient },
    };
    members.push(normalized as NormalizedMember);
  });

  if (errors.length > 0) return { ok: false, errors };

  const formerlyRegisteredPoor =
    data.household.formerlyRegisteredPoor === true || members.some((member) => member.statuses.has('alleviated'));
  return {
    ok: true,
    value: {
      asOf,
      year: Number(asOf.slice(0, 4)),
      household: { ...data.household, formerlyRegisteredPoor },
      members,
      params: data.params ?? {},
    },
  };
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(object) : []);
const amount = (value: unknown): Decimal | undefined => {
  const parsed = moneySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/** A bill whose amounts read as money (others wait until they do), with what was paid as far as it reads. */
function typedBill(bill: Json, inpatient: boolean): (BillFacts & { level?: string | undefined }) | null {
  const total = amount(bill.total);
  const policyScope = amount(bill.policyScope);
  if (total === undefined || policyScope === undefined) return null;
  const facts: BillFacts & { level?: string | undefined } = { total, policyScope, basicPaid: amount(bill.basicPaid), criticalPaid: amount(bill.criticalPaid) };
  if (inpatient && typeof bill.level === 'string') facts.level = bill.level;
  return facts;
}

/**
 * The second layer on a case still being typed, for the intake form: validateCase stops at the first
 * layer while any box is missing or malformed, but an ID number's check digit, a birth date after the
 * assessment date and a bill's amounts against each other are worth saying as soon as those boxes are
 * filled. Each member's parts that read are checked with the same rules (memberProblems) and the
 * same wording; the rest is left to the first layer. Paths are the input's ("members[0].idNumber"),
 * problems are worded for beside their box.
 */
export function typedFieldProblems(input: unknown, options: { today: IsoDate }): { path: string; problem: string }[] {
  const root = object(input);
  const asOf = typeof root.asOf === 'string' && isIsoDate(root.asOf) ? root.asOf : options.today;
  const found: { path: string; problem: string }[] = [];
  list(root.members).forEach((member, index) => {
    const medical = object(member.medical);
    const facts: MemberFacts = {
      medical: {
        inpatient: list(medical.inpatient).map((bill) => typedBill(bill, true)),
        outpatient: list(medical.outpatient).map((bill) => typedBill(bill, false)),
      },
    };
    // an ID number typed is what gives the birth date (the form fills the date from it)
    if (typeof member.idNumber === 'string') facts.idNumber = member.idNumber;
    else if (typeof member.birthDate === 'string' && isIsoDate(member.birthDate)) facts.birthDate = member.birthDate;
    for (const { path, problem } of memberProblems(facts, asOf, false).problems) found.push({ path: formatPath(['members', index, ...path]), problem });
  });
  return found;
}
