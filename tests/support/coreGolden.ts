/**
 * The core's output on a fixed, seeded set of households, as one hash a household: the guard of the
 * speed work on the core (issue 16 item 4). The golden file was written from the core as it was
 * before that work; the test (tests/unit/core/coreGolden.test.ts) computes the same set again and
 * compares, so any change in a result — an amount, a step's wording, a citation, a warning, the order
 * of anything, an error message of a bad household — shows as the line that changed.
 *
 * The set: varied households (tests/bench/variedHouseholds.ts: every family, bills, overrides, dates
 * 2021–2026), the bench's typical household, some without `asOf` (the caller's today is used), some
 * with --set overrides, and about one in twelve made invalid in one of several ways, so the
 * validation messages are covered too.
 *
 *   npx tsx tests/support/coreGolden.ts --write     (only when a change of results is intended)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculate } from '../../shared/calculate';
import { TYPICAL_HOUSEHOLD } from '../bench/coreBench';
import { variedHouseholds } from '../bench/variedHouseholds';
import { pack } from './calc';

export const GOLDEN_FILE = join(__dirname, '../fixtures/coreGolden.json');
export const GOLDEN_SEED = 1616;
export const GOLDEN_HOUSEHOLDS = 3000;

type Json = Record<string, unknown>;
type Members = Json[];

/** Ways a household is made invalid (each leaves the rest of it as it was). */
const BREAKS: ((input: Json) => void)[] = [
  (input) => {
    const m = (input.members as Members)[0] as Json;
    delete m.idNumber;
    delete m.birthDate;
  },
  (input) => {
    (input.household as Json).status = 'rich';
  },
  (input) => {
    (input.household as Json).monthlyIncome = '12元';
  },
  (input) => {
    ((input.members as Members)[0] as Json).medical = { inpatient: [{ total: 1000, policyScope: 2000, level: 'county' }] };
  },
  (input) => {
    input.asOf = '2019-01-01';
  },
  (input) => {
    input.params = { 'no.such.key': 1 };
  },
  (input) => {
    ((input.members as Members)[0] as Json).nickname = '小王';
  },
  (input) => {
    (input.members as Members).push({ ...((input.members as Members)[0] as Json) });
  },
  (input) => {
    input.params = { 'dibao.standard.rural': -5 };
  },
  (input) => {
    ((input.members as Members)[0] as Json).birthDate = '2099-02-30';
  },
];

const SET_OVERRIDES: Record<string, unknown>[] = [{ 'dibao.standard.rural': '500' }, { 'medical.assistance.inpatient.rate.dibao': '0.8', minimumWage: 2000 }];

export interface GoldenCase {
  input: unknown;
  today: string;
  overrides?: Record<string, unknown>;
}

/** The seeded households of the golden set, in order. */
export function goldenCases(): GoldenCase[] {
  const households = variedHouseholds(GOLDEN_SEED);
  const cases: GoldenCase[] = [{ input: TYPICAL_HOUSEHOLD, today: '2026-11-23' }];
  for (let i = 0; i < GOLDEN_HOUSEHOLDS; i++) {
    const input = JSON.parse(households.next()) as Json;
    let today = '2026-11-23';
    if (i % 17 === 3) {
      today = String(input.asOf);
      delete input.asOf;
    }
    if (i % 12 === 5) (BREAKS[Math.floor(i / 12) % BREAKS.length] as (input: Json) => void)(input);
    const overrides = i % 29 === 7 ? SET_OVERRIDES[Math.floor(i / 29) % SET_OVERRIDES.length] : undefined;
    cases.push({ input, today, ...(overrides ? { overrides } : {}) });
  }
  return cases;
}

/** The first 16 hex digits of the SHA-256 of the result (or errors) as the CLI writes it, one a case. */
export function goldenHashes(): string[] {
  return goldenCases().map(({ input, today, overrides }) => {
    const result = calculate(input, { pack, today, ...(overrides ? { overrides } : {}) });
    const text = JSON.stringify(result.ok ? result.value : { errors: result.errors });
    return createHash('sha256').update(text).digest('hex').slice(0, 16);
  });
}

export interface GoldenFile {
  note: string;
  seed: number;
  households: number;
  hashes: string[];
}

export function readGolden(): GoldenFile {
  return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as GoldenFile;
}

if (process.argv[1]?.endsWith('coreGolden.ts') && process.argv.includes('--write')) {
  const hashes = goldenHashes();
  const file: GoldenFile = {
    note: 'tests/support/coreGolden.ts: the core output of a seeded household set, one SHA-256 prefix a household; written before the speed work of issue 16',
    seed: GOLDEN_SEED,
    households: hashes.length,
    hashes,
  };
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(file, null, 0).replace(/","/g, '",\n"')}\n`);
  process.stdout.write(`${hashes.length} hashes written to ${GOLDEN_FILE}\n`);
}
