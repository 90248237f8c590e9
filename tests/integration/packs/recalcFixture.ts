/**
 * A store with a mixed set of cases for the recalculation tests: 低保 households of both areas (they
 * gain under the new pack), ordinary households (no amount change), cases assessed before the new
 * values (no change on their own dates), an edited case, a voided case, and a case stored with a
 * result that no longer matches its input (it changes under any pack).
 */
import Database from 'better-sqlite3';
import { calculate } from '../../../shared/calculate';
import type { Pack } from '../../../shared/packs/loadPack';
import type { Store } from '../../../electron/services/store';
import { pack as shipped } from '../../support/calc';
import { random } from '../store/fixtures/syntheticCases';

const VILLAGES = [
  ['石桥镇', '王庄村'],
  ['石桥镇', '李营村'],
  ['赵河镇', '东岗村'],
] as const;

const STATUSES = ['dibao', 'ordinary', 'dibao', 'tekun', 'monitored', 'dibao_edge', 'alleviated'] as const;

function householdInput(i: number, rand: () => number): Record<string, unknown> {
  const [township, village] = VILLAGES[i % VILLAGES.length] as readonly [string, string];
  const year = rand() < 0.3 ? 2026 : 2027;
  const members = 1 + Math.floor(rand() * 4);
  return {
    asOf: `${year}-0${1 + Math.floor(rand() * 8)}-1${Math.floor(rand() * 9)}`,
    household: { area: rand() < 0.7 ? 'rural' : 'urban', status: STATUSES[i % STATUSES.length], monthlyIncome: Math.floor(rand() * 900), township, village },
    members: Array.from({ length: members }, (_, m) => ({
      id: `m${m + 1}`,
      name: `测${i}号${m}`,
      birthDate: `${1950 + Math.floor(rand() * 60)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      ...(m === 0 && rand() < 0.3 ? { medical: { inpatient: [{ total: 20000 + Math.floor(rand() * 50000), policyScope: 18000, level: 'county' }] } } : {}),
    })),
  };
}

export function compute(input: unknown, pack: Pack = shipped) {
  const asOf = (input as { asOf: string }).asOf;
  const result = calculate(input, { pack, today: asOf });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** Saves `count` cases (one voided, one edited, one with a stale result); returns their numbers. */
export function fillStore(store: Store, count: number, seed = 11): string[] {
  const rand = random(seed);
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = householdInput(i, rand);
    const result = compute(input);
    const saved = store.cases.save({ input, result, packId: result.policy.id, packVersion: result.policy.version });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    numbers.push(saved.value.caseNo);
  }
  const voided = store.cases.void({ caseNo: numbers[1] as string, reason: '重复录入' });
  if (!voided.ok) throw new Error(JSON.stringify(voided.errors));
  const edited = store.cases.get({ caseNo: numbers[2] as string });
  if (!edited.ok) throw new Error('missing');
  const input = { ...(edited.value.input as Record<string, unknown>), household: { area: 'rural', status: 'dibao', monthlyIncome: 50, township: '赵河镇', village: '东岗村' } };
  const result = compute(input);
  store.cases.save({ caseNo: numbers[2], input, result, packId: result.policy.id, packVersion: result.policy.version });
  // a result computed for another input: what an old version of the app might have left
  const other = compute(householdInput(count + 1, rand));
  const staleInput = householdInput(count + 2, rand);
  const stale = store.cases.save({ input: { ...staleInput, asOf: other.policy.asOf }, result: other, packId: other.policy.id, packVersion: other.policy.version });
  if (!stale.ok) throw new Error(JSON.stringify(stale.errors));
  numbers.push(stale.value.caseNo);
  return numbers;
}

export interface RevisionRow {
  id: number;
  case_id: number;
  revision: number;
  kind: string;
  input: Buffer | string;
  result: Buffer | string;
  saved_at: string;
  pack_version: string;
}

export function revisionRows(path: string): RevisionRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id, case_id, revision, kind, input, result, saved_at, pack_version FROM revisions ORDER BY id').all() as RevisionRow[];
  } finally {
    db.close();
  }
}
