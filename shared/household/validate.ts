/**
 * Household input → a normalized case the rules can trust, or every problem as a Chinese message with
 * its field path. Invalid input never reaches a rule. Checks that need the policy pack (unknown
 * parameter keys, a date before the pack) are made in calculate.ts.
 */
import { ageOn, type IsoDate } from '../dates';
import { formatPath, type AppError, type Result } from '../errors';
import { zodIssuesToErrors } from '../zodErrors';
import { compare, ZERO, type Decimal } from '../money';
import type { Status } from './codes';
import { describePath, valueLabel } from './fieldLabels';
import { readIdNumber, type Sex } from './idNumber';
import { fastParseCase } from './fastParse';
import { caseInputSchema, type ParsedCase, type ParsedHousehold, type ParsedMember } from './schema';

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

function ownStatuses(member: ParsedMember): Status[] {
  if (member.status === undefined) return [];
  return Array.isArray(member.status) ? member.status : [member.status];
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

    let birthDate = member.birthDate;
    let sex: Sex | null = null;
    let idNumber = member.idNumber;
    if (member.idNumber !== undefined) {
      const read = readIdNumber(member.idNumber);
      if ('problem' in read) {
        push([...base, 'idNumber'], read.problem);
      } else {
        idNumber = read.normalized;
        sex = read.sex;
        if (member.birthDate !== undefined && member.birthDate !== read.birthDate) {
          push([...base, 'birthDate'], `与身份证号码中的出生日期 ${read.birthDate} 不一致`);
        }
        birthDate = read.birthDate;
      }
    } else if (birthDate === undefined) {
      push([...base, 'birthDate'], '未填身份证号码时必须填写出生日期');
    }
    if (birthDate !== undefined && birthDate > asOf) push([...base, 'birthDate'], `出生日期 ${birthDate} 晚于测算日期 ${asOf}`);
    const student = member.student;
    if (student && student.stage !== 'preschool') {
      if (student.kindergartenYear !== undefined) push([...base, 'student', 'kindergartenYear'], '幼儿园年级只适用于学前（幼儿园）学段');
      if (student.publicKindergarten !== undefined) push([...base, 'student', 'publicKindergarten'], '公办幼儿园只适用于学前（幼儿园）学段');
    }

    const inpatient = member.medical?.inpatient ?? [];
    const outpatient = member.medical?.outpatient ?? [];
    const checkBill = (
      kind: 'inpatient' | 'outpatient',
      item: { total: Decimal; policyScope: Decimal; basicPaid?: Decimal | undefined; criticalPaid?: Decimal | undefined },
      itemIndex: number,
    ) => {
      const path: PropertyKey[] = [...base, 'medical', kind, itemIndex];
      if (compare(item.policyScope, item.total) > 0) {
        push([...path, 'policyScope'], `政策范围内费用（${item.policyScope.toString()}）不能大于总费用（${item.total.toString()}）`);
      }
      if (item.basicPaid === undefined && item.criticalPaid === undefined) return; // nothing paid yet: nothing to check
      const paid = (item.basicPaid ?? ZERO).plus(item.criticalPaid ?? ZERO);
      if (compare(paid, item.policyScope) > 0) {
        const target = item.criticalPaid !== undefined ? 'criticalPaid' : 'basicPaid';
        push([...path, target], `基本医保与大病保险已支付之和（${paid.toString()}）不能大于政策范围内费用（${item.policyScope.toString()}）`);
      }
    };
    inpatient.forEach((item, itemIndex) => {
      checkBill('inpatient', item, itemIndex);
      if (item.basicPaid === undefined && item.level === undefined) {
        push([...base, 'medical', 'inpatient', itemIndex, 'level'], '未填基本医保已支付金额时，必须选择医院级别以便估算');
      }
    });
    outpatient.forEach((item, itemIndex) => checkBill('outpatient', item, itemIndex));

    if (birthDate === undefined) return;
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
      statuses: new Set<Status>([data.household.status, ...ownStatuses(member)]),
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
