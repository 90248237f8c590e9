/**
 * The common case of caseInputSchema.safeParse, by hand: a household that is valid as it stands is
 * read field by field into exactly what the zod schema gives (the same fields in the schema's order,
 * strings trimmed where the schema trims them, money as Decimal). Every calculation validates its
 * input, and through zod's general machinery that was a fifth of the time of a whole calculation.
 *
 * It only ever answers for input it is sure of: anything else — an unknown or missing field, a value
 * out of range, a field present but undefined, a key zod would treat specially — returns null and the
 * caller asks zod, which words the errors. So zod stays the one definition of what is valid;
 * tests/unit/household/fastParse.test.ts checks on generated and mutated households that whenever this
 * answers, zod accepts and gives the same data.
 */
import { isIsoDate } from '../dates';
import { compare, Decimal, parseDecimal } from '../money';
import { AREAS, DISABILITY_KINDS, HOSPITAL_LEVELS, HOUSING_RATINGS, OUTPATIENT_KINDS, SHORT_TRAINING_CLASSES, STAGES, STATUSES, TEKUN_CARE_LEVELS } from './codes';
import { MONEY_CEILING_YUAN, RELATIONS, type ParsedCase } from './schema';

type Json = Record<string, unknown>;

/** Thrown inside the reader when the input is not the simple valid case; never leaves this module. */
const NOT_SIMPLE = Symbol('not simple');

function fail(): never {
  throw NOT_SIMPLE;
}

const MONEY_CEILING = new Decimal(MONEY_CEILING_YUAN);

/** A plain object whose keys are all among `known` (and none is undefined or __proto__). */
function object(value: unknown, known: ReadonlySet<string>): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail();
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) fail();
  for (const key in value) {
    if (!known.has(key) || (value as Json)[key] === undefined) fail();
  }
  return value as Json;
}

function oneOf<T extends string>(value: unknown, allowed: ReadonlySet<string>): T {
  if (typeof value !== 'string' || !allowed.has(value)) fail();
  return value as T;
}

function bool(value: unknown): boolean {
  if (typeof value !== 'boolean') fail();
  return value;
}

function whole(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail();
  return value;
}

/** z.string().trim().max(max) */
function text(value: unknown, max: number): string {
  if (typeof value !== 'string') fail();
  const trimmed = value.trim();
  if (trimmed.length > max) fail();
  return trimmed;
}

function isoDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) fail();
  return value;
}

/** The schema's money: ≥ 0, at most two decimals, not above the ceiling. */
function money(value: unknown): Decimal {
  // a whole number of yuan in range (most amounts) needs no digit checks: no decimals, not negative
  // (−0 reads as 0, as parseDecimal gives it), within the ceiling
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MONEY_CEILING_YUAN) return parseDecimal(value) as Decimal;
  const amount = parseDecimal(value);
  if (!amount || amount.isNegative() || amount.decimalPlaces() > 2 || compare(amount, MONEY_CEILING) > 0) fail();
  return amount;
}

const set = (values: readonly string[]) => new Set<string>(values);
const AREA = set(AREAS);
const STATUS = set(STATUSES);
const RELATION = set(RELATIONS);
const DISABILITY_KIND = set(DISABILITY_KINDS);
const TEKUN_CARE = set(TEKUN_CARE_LEVELS);
const STAGE = set(STAGES);
const SHORT_TRAINING = set(SHORT_TRAINING_CLASSES);
const HOSPITAL_LEVEL = set(HOSPITAL_LEVELS);
const OUTPATIENT_KIND = set(OUTPATIENT_KINDS);
const HOUSING_RATING = set(HOUSING_RATINGS);

const CASE_KEYS = set(['asOf', 'params', 'household', 'members']);
const HOUSEHOLD_KEYS = set(['area', 'status', 'formerlyRegisteredPoor', 'monthlyIncome', 'annualNetIncomePerCapita', 'housing', 'township', 'village', 'address', 'phone']);
const HOUSING_KEYS = set(['rating', 'priorHousingAid', 'estimatedCost']);
const MEMBER_KEYS = set(['id', 'name', 'relation', 'idNumber', 'birthDate', 'status', 'disability', 'employment', 'tekunCare', 'pension', 'student', 'training', 'startup', 'publicWelfareJob', 'medical']);
const DISABILITY_KEYS = set(['grade', 'kind']);
const EMPLOYMENT_KEYS = set(['monthlyWage', 'workplaceUrbanDibaoStandard']);
const PENSION_KEYS = set(['insured', 'receiving']);
const STUDENT_KEYS = set(['stage', 'enrolled', 'boarding', 'hardship', 'nationalNutritionPlan', 'orphan', 'deFactoUnsupported', 'kindergartenYear', 'publicKindergarten']);
const STUDENT_FLAGS = ['enrolled', 'boarding', 'hardship', 'nationalNutritionPlan', 'orphan', 'deFactoUnsupported'] as const;
const TRAINING_KEYS = set(['yuluShort', 'designatedDays', 'outOfCountyCosts', 'workForTrainingMonths']);
const STARTUP_KEYS = set(['firstBusiness', 'monthsOperating', 'incubator']);
const INCUBATOR_KEYS = set(['annualCosts', 'subsidyYear']);
const JOB_KEYS = set(['yearInPost']);
const MEDICAL_KEYS = set(['inpatient', 'outpatient']);
const INPATIENT_KEYS = set(['total', 'policyScope', 'level', 'basicPaid', 'criticalPaid', 'hospital', 'date']);
const OUTPATIENT_KEYS = set(['kind', 'disease', 'total', 'policyScope', 'basicPaid', 'criticalPaid', 'hospital', 'date']);

/** Each element of an array of at most `max` read by `read` (a hole reads as undefined, which fails). */
function list<T>(value: unknown, max: number, read: (item: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length > max) fail();
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) out.push(read(value[i]));
  return out;
}

/** A bill's optional fields, in the schema's order after its amounts. */
function billTail(source: Json, out: Json): void {
  if ('basicPaid' in source) out.basicPaid = money(source.basicPaid);
  if ('criticalPaid' in source) out.criticalPaid = money(source.criticalPaid);
  if ('hospital' in source) out.hospital = text(source.hospital, 60);
  if ('date' in source) out.date = isoDate(source.date);
}

function inpatient(value: unknown): Json {
  const source = object(value, INPATIENT_KEYS);
  const out: Json = { total: money(source.total), policyScope: money(source.policyScope) };
  if ('level' in source) out.level = oneOf(source.level, HOSPITAL_LEVEL);
  billTail(source, out);
  return out;
}

function outpatient(value: unknown): Json {
  const source = object(value, OUTPATIENT_KEYS);
  const out: Json = { kind: oneOf(source.kind, OUTPATIENT_KIND) };
  if ('disease' in source) out.disease = text(source.disease, 40);
  out.total = money(source.total);
  out.policyScope = money(source.policyScope);
  billTail(source, out);
  return out;
}

function student(value: unknown): Json {
  const source = object(value, STUDENT_KEYS);
  const out: Json = { stage: oneOf(source.stage, STAGE) };
  for (const flag of STUDENT_FLAGS) if (flag in source) out[flag] = bool(source[flag]);
  if ('kindergartenYear' in source) out.kindergartenYear = whole(source.kindergartenYear, 1, 3);
  if ('publicKindergarten' in source) out.publicKindergarten = bool(source.publicKindergarten);
  return out;
}

function training(value: unknown): Json {
  const source = object(value, TRAINING_KEYS);
  const out: Json = {};
  if ('yuluShort' in source) out.yuluShort = oneOf(source.yuluShort, SHORT_TRAINING);
  if ('designatedDays' in source) out.designatedDays = whole(source.designatedDays, 0, 366);
  if ('outOfCountyCosts' in source) out.outOfCountyCosts = money(source.outOfCountyCosts);
  if ('workForTrainingMonths' in source) out.workForTrainingMonths = whole(source.workForTrainingMonths, 0, 12);
  return out;
}

function startup(value: unknown): Json {
  const source = object(value, STARTUP_KEYS);
  const out: Json = { firstBusiness: bool(source.firstBusiness), monthsOperating: whole(source.monthsOperating, 0, 1200) };
  if ('incubator' in source) {
    const incubator = object(source.incubator, INCUBATOR_KEYS);
    out.incubator = { annualCosts: money(incubator.annualCosts), subsidyYear: whole(incubator.subsidyYear, 1, 50) };
  }
  return out;
}

function statusOf(value: unknown): unknown {
  if (!Array.isArray(value)) return oneOf(value, STATUS);
  return list(value, Number.MAX_SAFE_INTEGER, (status) => oneOf(status, STATUS));
}

function member(value: unknown): Json {
  const source = object(value, MEMBER_KEYS);
  const id = text(source.id, 32);
  const name = text(source.name, 40);
  if (id.length === 0 || name.length === 0) fail();
  const out: Json = { id, name };
  if ('relation' in source) out.relation = oneOf(source.relation, RELATION);
  if ('idNumber' in source) {
    if (typeof source.idNumber !== 'string') fail();
    out.idNumber = source.idNumber;
  }
  if ('birthDate' in source) out.birthDate = isoDate(source.birthDate);
  if ('status' in source) out.status = statusOf(source.status);
  if ('disability' in source) {
    const disability = object(source.disability, DISABILITY_KEYS);
    out.disability = { grade: whole(disability.grade, 1, 4), kind: oneOf(disability.kind, DISABILITY_KIND) };
  }
  if ('employment' in source) {
    const employment = object(source.employment, EMPLOYMENT_KEYS);
    const parsed: Json = { monthlyWage: money(employment.monthlyWage) };
    if ('workplaceUrbanDibaoStandard' in employment) parsed.workplaceUrbanDibaoStandard = money(employment.workplaceUrbanDibaoStandard);
    out.employment = parsed;
  }
  if ('tekunCare' in source) out.tekunCare = oneOf(source.tekunCare, TEKUN_CARE);
  if ('pension' in source) {
    const pension = object(source.pension, PENSION_KEYS);
    const parsed: Json = {};
    if ('insured' in pension) parsed.insured = bool(pension.insured);
    if ('receiving' in pension) parsed.receiving = bool(pension.receiving);
    out.pension = parsed;
  }
  if ('student' in source) out.student = student(source.student);
  if ('training' in source) out.training = training(source.training);
  if ('startup' in source) out.startup = startup(source.startup);
  if ('publicWelfareJob' in source) {
    const job = object(source.publicWelfareJob, JOB_KEYS);
    out.publicWelfareJob = 'yearInPost' in job ? { yearInPost: whole(job.yearInPost, 1, 50) } : {};
  }
  if ('medical' in source) {
    const medical = object(source.medical, MEDICAL_KEYS);
    const parsed: Json = {};
    if ('inpatient' in medical) parsed.inpatient = list(medical.inpatient, 200, inpatient);
    if ('outpatient' in medical) parsed.outpatient = list(medical.outpatient, 200, outpatient);
    out.medical = parsed;
  }
  return out;
}

function household(value: unknown): Json {
  const source = object(value, HOUSEHOLD_KEYS);
  const out: Json = { area: oneOf(source.area, AREA), status: oneOf(source.status, STATUS) };
  if ('formerlyRegisteredPoor' in source) out.formerlyRegisteredPoor = bool(source.formerlyRegisteredPoor);
  if ('monthlyIncome' in source) out.monthlyIncome = money(source.monthlyIncome);
  if ('annualNetIncomePerCapita' in source) out.annualNetIncomePerCapita = money(source.annualNetIncomePerCapita);
  if ('housing' in source) {
    const housing = object(source.housing, HOUSING_KEYS);
    const parsed: Json = { rating: oneOf(housing.rating, HOUSING_RATING) };
    if ('priorHousingAid' in housing) parsed.priorHousingAid = bool(housing.priorHousingAid);
    if ('estimatedCost' in housing) parsed.estimatedCost = money(housing.estimatedCost);
    out.housing = parsed;
  }
  if ('township' in source) out.township = text(source.township, 40);
  if ('village' in source) out.village = text(source.village, 40);
  if ('address' in source) out.address = text(source.address, 100);
  if ('phone' in source) out.phone = text(source.phone, 30);
  return out;
}

/** params: a record of anything, checked against the pack later (calculate.ts readOverrides). */
function params(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) fail();
  const out: Json = {};
  for (const key in value) {
    const item = (value as Json)[key];
    if (key === '__proto__' || item === undefined) fail();
    out[key] = item;
  }
  return out;
}

/** The parsed case, exactly as caseInputSchema would give it; null: ask zod. */
export function fastParseCase(input: unknown): ParsedCase | null {
  try {
    const source = object(input, CASE_KEYS);
    const out: Json = {};
    if ('asOf' in source) out.asOf = isoDate(source.asOf);
    if ('params' in source) out.params = params(source.params);
    out.household = household(source.household);
    const members = list(source.members, 30, member);
    if (members.length === 0) fail();
    out.members = members;
    return out as unknown as ParsedCase;
  } catch (error) {
    if (error === NOT_SIMPLE) return null;
    throw error;
  }
}
