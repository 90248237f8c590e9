/**
 * The hand-written reading of a valid household (shared/household/fastParse.ts) against zod, which
 * defines what is valid: whenever the fast reader answers, zod accepts the same input and gives the
 * same data (same fields, same order, same trimmed strings, same amounts); when the fast reader is
 * unsure it answers null and zod decides. Checked on the varied households of the benchmarks (which
 * it must all read itself, or it would speed nothing up) and on thousands of them damaged one field
 * at a time: a value replaced by something near the edge of what the schema allows, a field deleted,
 * a field added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseCase } from '../../../shared/household/fastParse';
import { caseInputSchema } from '../../../shared/household/schema';
import { variedHouseholds } from '../../bench/variedHouseholds';

/** The data as text, Decimals by value, undefined shown (JSON.stringify would drop the field). */
const canonical = (data: unknown) => JSON.stringify(data, (_key, value: unknown) => (value === undefined ? '«undefined»' : value));

function agree(input: unknown): boolean {
  const fast = fastParseCase(input);
  const zod = caseInputSchema.safeParse(input);
  if (fast === null) return false;
  expect(zod.success, `fast reader accepted what zod refuses: ${canonical(input).slice(0, 300)}`).toBe(true);
  expect(canonical(fast)).toBe(canonical(zod.data));
  return true;
}

const EDGE_VALUES: unknown[] = [
  undefined, null, '', ' ', '  pad  ', 'x'.repeat(41), 'x'.repeat(101), '中'.repeat(40), 0, -0, -1, 1, 2, 3, 4, 5, 12, 13, 30, 31, 50, 51, 366, 367, 1200, 1201,
  1.5, 0.005, 1.005, 12.34, '12.34', '12.345', ' 12.5 ', '1e3', '12元', 1e9, 1e9 + 1, 2 ** 53, 1e9 + 0.01, '1000000000.01', 1e21, NaN, Infinity, true, false, [], [1], {}, { a: 1 },
  'dibao', 'tekun', 'ordinary', 'rural', 'urban', 'county', 'special', 'chronic', 'preschool', 'full', 'A', 'C', 'none', 'head', 'physical',
  '2024-02-29', '2023-02-29', '2024-13-01', '1899-12-31', '2024-1-1', '411323197903151230', ['dibao', 'tekun'], ['rich'],
];

/** Every path to a value in the object, as keys. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function mutate(input: Record<string, unknown>, path: (string | number)[], action: number, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  if (path.length === 0) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (action === 0 && !Array.isArray(parent)) delete parent[last];
  else if (action === 1 && typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>).extra = replacement;
  else parent[last] = replacement;
  return copy;
}

describe('fastParseCase: a valid household read by hand, exactly as zod reads it', () => {
  it('reads every varied household itself, with the same data as zod', () => {
    for (const seed of [7, 11, 1616]) {
      const households = variedHouseholds(seed);
      for (let i = 0; i < 1500; i++) expect(agree(JSON.parse(households.next()))).toBe(true);
    }
  });

  it('whitespace, status lists, empty objects, every optional field: same data as zod', () => {
    const input = {
      asOf: '2024-10-15',
      params: { 'dibao.standard.rural': 480, '1': 'x' },
      household: { area: 'urban', status: 'dibao_edge', formerlyRegisteredPoor: false, monthlyIncome: '1200.50', annualNetIncomePerCapita: 0, housing: { rating: 'none', priorHousingAid: true, estimatedCost: 0.5 }, township: '  城关镇 ', village: '', address: ' 幸福路1号 ', phone: '0377-1234' },
      members: [
        {
          medical: { outpatient: [{ kind: 'chronic', disease: ' 高血压 ', total: 100, policyScope: '90.00', basicPaid: 10, criticalPaid: 0, hospital: ' 县医院 ', date: '2024-02-29' }], inpatient: [] },
          publicWelfareJob: {},
          startup: { monthsOperating: 0, firstBusiness: false, incubator: { subsidyYear: 1, annualCosts: 3000 } },
          training: { workForTrainingMonths: 12, designatedDays: 366 },
          student: { publicKindergarten: false, kindergartenYear: 3, stage: 'preschool', enrolled: true },
          pension: {},
          tekunCare: 'self',
          employment: { workplaceUrbanDibaoStandard: 650, monthlyWage: 0 },
          disability: { kind: 'mental', grade: 4 },
          status: [],
          birthDate: '2020-01-31',
          idNumber: ' 411323197903151230 ',
          relation: 'other',
          name: ' 王 小 明 ',
          id: ' m1 ',
        },
      ],
    };
    expect(agree(input)).toBe(true);
  });

  it('damaged households: whenever the fast reader answers, zod agrees', () => {
    const households = variedHouseholds(99);
    const base = Array.from({ length: 200 }, () => JSON.parse(households.next()) as Record<string, unknown>);
    let answered = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.nat(10_000), fc.nat(2), fc.nat(EDGE_VALUES.length - 1), (which, at, action, value) => {
        const input = base[which] as Record<string, unknown>;
        const all = paths(input);
        const mutated = mutate(input, all[at % all.length] as (string | number)[], action, EDGE_VALUES[value]);
        if (agree(mutated)) answered++;
        else refused++;
      }),
      { numRuns: 6000, seed: 16 },
    );
    // both sides of the question were asked many times
    expect(answered).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('refuses what it is not sure of, and zod words the error', () => {
    const valid = JSON.parse(variedHouseholds(3).next()) as Record<string, unknown>;
    const withUndefined = { ...valid, asOf: undefined };
    expect(fastParseCase(withUndefined)).toBeNull();
    expect(fastParseCase(Object.assign(Object.create({ inherited: 1 }) as object, valid))).toBeNull();
    expect(fastParseCase(JSON.parse(JSON.stringify(valid).replace('{', '{"params":{"__proto__":{"x":1}},')))).toBeNull();
    expect(fastParseCase({ ...valid, members: [] })).toBeNull();
    expect(fastParseCase(null)).toBeNull();
    expect(fastParseCase([valid])).toBeNull();
  });
});
