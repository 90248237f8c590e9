/**
 * Varied households as a county analyst's JSONL would hold them, for the CLI benchmark and tests:
 * every benefit family has cases (medical bills at every level, with and without the settlement
 * slip's figures, the nine outpatient diseases; students of every stage; 低保 with wages; 特困 care;
 * disability; pension and 基础养老金; housing; training, start-ups, public-welfare jobs; the monitoring
 * line; 育儿补贴 for the under-threes and 免费学前一年 in the last kindergarten year), every
 * 身份, assessment dates 2021–2026, ID numbers or birth dates, and about one line in twenty with
 * `params` overrides. Deterministic for a seed; every household is valid.
 *
 *   npx tsx tests/bench/variedHouseholds.ts --lines 100000 [--seed 7] > households.jsonl
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DISABILITY_KINDS, HOSPITAL_LEVELS, STAGES, STATUSES, TEKUN_CARE_LEVELS } from '../../shared/household/codes';
import { idNumber, personName, places, random, type Place } from '../integration/store/fixtures/syntheticCases';

const NINE_DISEASES = ['终末期肾病', '血友病', '慢性粒细胞性白血病', 'I型糖尿病', '耐多药肺结核', '再生障碍性贫血', '恶性肿瘤门诊放化疗', '器官移植术后抗排异治疗', '重性精神病人药物维持治疗'];
const CHRONIC = ['高血压', '糖尿病', '冠心病', '慢性阻塞性肺疾病'];
const AS_OF = ['2021-06-30', '2022-03-01', '2023-09-01', '2024-01-01', '2024-10-15', '2025-03-01', '2025-09-01', '2026-06-01', '2026-11-23'];
const OVERRIDES: Record<string, unknown>[] = [
  { 'dibao.standard.rural': 480 },
  { 'medical.assistance.inpatient.rate.dibao': 0.75 },
  { minimumWage: 1900, 'disability.livingSubsidy': 80 },
  { 'medical.prevYearDisposableIncome': 30000 },
];

export interface VariedHouseholds {
  /** the next household, as one JSON line (without '\n') */
  next(): string;
}

export function variedHouseholds(seed = 7): VariedHouseholds {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const chance = (p: number) => rand() < p;
  const yuan = (min: number, max: number) => Math.round((min + rand() * (max - min)) * 100) / 100;
  const placeList: Place[] = places(rand, 40);

  const date = (fromYear: number, toYear: number) => {
    const year = fromYear + Math.floor(rand() * (toYear - fromYear + 1));
    return `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  };

  const bills = (): Record<string, unknown> => {
    const medical: Record<string, unknown[]> = {};
    const stays = chance(0.7) ? 1 + Math.floor(rand() * 3) : 0;
    if (stays > 0) {
      medical.inpatient = Array.from({ length: stays }, () => {
        const total = yuan(3000, 150000);
        const policyScope = Math.round(total * (0.75 + rand() * 0.2));
        const item: Record<string, unknown> = { total, policyScope, level: pick(HOSPITAL_LEVELS) };
        if (chance(0.3)) {
          // from the settlement slip: 基本医保 paid, sometimes 大病保险 too
          const basicPaid = Math.round(policyScope * 0.55);
          item.basicPaid = basicPaid;
          if (chance(0.5)) item.criticalPaid = Math.round((policyScope - basicPaid) * 0.3);
        }
        return item;
      });
    }
    if (stays === 0 || chance(0.4)) {
      const special = chance(0.6);
      const total = yuan(2000, 60000);
      medical.outpatient = [{ kind: special ? 'special' : 'chronic', disease: special ? pick(NINE_DISEASES) : pick(CHRONIC), total, policyScope: Math.round(total * 0.9) }];
    }
    return medical;
  };

  const member = (index: number, asOf: string, adult: boolean): Record<string, unknown> => {
    const asOfYear = Number(asOf.slice(0, 4));
    const birth = adult ? date(1940, asOfYear - 20) : date(asOfYear - 22, asOfYear - 1);
    const age = asOfYear - Number(birth.slice(0, 4));
    const m: Record<string, unknown> = { id: `m${index + 1}`, name: personName(rand), relation: index === 0 ? 'head' : adult ? pick(['spouse', 'parent', 'sibling']) : pick(['child', 'grandchild']) };
    if (chance(0.6)) m.idNumber = idNumber(rand, birth);
    else m.birthDate = birth;
    if (chance(0.08)) m.status = pick(['monitored', 'illness_poverty', 'dibao_edge', 'tekun']);
    if (chance(0.12)) m.disability = { grade: pick([1, 2, 3, 4] as const), kind: pick(DISABILITY_KINDS) };
    if (adult && age < 60 && chance(0.45)) m.employment = chance(0.7) ? { monthlyWage: yuan(800, 4500), workplaceUrbanDibaoStandard: pick([650, 700, 720]) } : { monthlyWage: yuan(800, 4500) };
    if (adult && age >= 16 && chance(0.6)) m.pension = { insured: chance(0.85), receiving: age >= 60 && chance(0.8) };
    if (chance(0.06)) m.tekunCare = pick(TEKUN_CARE_LEVELS);
    if (!adult && age >= 3) {
      const stage = age < 6 ? 'preschool' : age < 12 ? 'primary' : age < 15 ? 'junior' : age < 18 ? pick(['senior', 'vocational'] as const) : pick(STAGES.slice(5));
      m.student = { stage, ...(stage === 'preschool' ? { kindergartenYear: Math.min(3, age - 2), ...(chance(0.2) ? { publicKindergarten: false } : {}) } : {}), boarding: chance(0.4), hardship: chance(0.3), ...(chance(0.2) ? { nationalNutritionPlan: true } : {}), ...(chance(0.03) ? { orphan: true } : {}), ...(chance(0.03) ? { deFactoUnsupported: true } : {}) };
    }
    if (adult && age < 55) {
      if (chance(0.1)) m.training = { yuluShort: pick(['A', 'B', 'C'] as const), designatedDays: Math.floor(rand() * 30), ...(chance(0.5) ? { outOfCountyCosts: yuan(100, 3000) } : {}), ...(asOf < '2022' && chance(0.5) ? { workForTrainingMonths: 1 + Math.floor(rand() * 6) } : {}) };
      if (chance(0.05)) m.startup = { firstBusiness: true, monthsOperating: Math.floor(rand() * 36), ...(chance(0.4) ? { incubator: { annualCosts: yuan(2000, 30000), subsidyYear: 1 + Math.floor(rand() * 3) } } : {}) };
      if (chance(0.05)) m.publicWelfareJob = chance(0.5) ? { yearInPost: 1 + Math.floor(rand() * 4) } : {};
    }
    if (chance(0.35)) m.medical = bills();
    return m;
  };

  return {
    next(): string {
      const asOf = pick(AS_OF);
      const adults = 1 + Math.floor(rand() * 3);
      const children = Math.floor(rand() * 3);
      const place = pick(placeList);
      const household: Record<string, unknown> = {
        area: chance(0.85) ? 'rural' : 'urban',
        status: pick(STATUSES),
        township: place.township,
        village: place.village,
      };
      if (chance(0.2)) household.formerlyRegisteredPoor = true;
      if (chance(0.8)) household.monthlyIncome = yuan(0, 3000);
      if (chance(0.5)) household.annualNetIncomePerCapita = yuan(3000, 20000);
      if (chance(0.2)) household.housing = { rating: pick(['A', 'B', 'C', 'D', 'none'] as const), ...(chance(0.5) ? { estimatedCost: yuan(5000, 80000) } : {}), ...(chance(0.1) ? { priorHousingAid: true } : {}) };
      const members = [...Array.from({ length: adults }, (_, i) => member(i, asOf, true)), ...Array.from({ length: children }, (_, i) => member(adults + i, asOf, false))];
      const input: Record<string, unknown> = { asOf, household, members };
      if (chance(0.05)) input.params = pick(OVERRIDES);
      return JSON.stringify(input);
    },
  };
}

/** Writes `lines` households, one a line, to a file or stream, with back-pressure. */
export async function writeVariedJsonl(out: NodeJS.WritableStream, lines: number, seed = 7): Promise<void> {
  const households = variedHouseholds(seed);
  const chunk: string[] = [];
  for (let i = 0; i < lines; i++) {
    chunk.push(households.next());
    if (chunk.length === 500 || i === lines - 1) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk.length = 0;
    }
  }
}

export async function writeVariedFile(file: string, lines: number, seed = 7): Promise<void> {
  const out = createWriteStream(file);
  await writeVariedJsonl(out, lines, seed);
  out.end();
  await once(out, 'finish');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  void writeVariedJsonl(process.stdout, arg('--lines', 1000), arg('--seed', 7));
}
