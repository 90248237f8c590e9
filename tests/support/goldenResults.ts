/**
 * Byte-identity of the calculation (issue 17: "results are byte-identical on 4,000 random households
 * before and after"). Digests, never the results themselves: 4,000 varied households (seed 17) through
 * `calculate` with the shipped pack; the same first 1,000 with the old-format local pack of 2026.1 (the
 * "not computed" path for the parameters it lacks); every tenth result laid out as a 明白纸/明白卡 model;
 * and the Chinese errors of damaged copies of every fortieth household. A refactoring that changes one
 * byte of any of them changes a digest.
 *
 *   npx tsx tests/support/goldenResults.ts          prints the digests
 *   npx tsx tests/support/goldenResults.ts --write  stores them in tests/fixtures/golden/results.json
 *
 * Written once before the refactoring of issue 17 and never rewritten by it: tests/unit/core/goldenResults.test.ts
 * compares against the stored file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SHIPPED_PACKS } from '../../seeds';
import type { RevisionDetail } from '../../shared/api/contract';
import { calculate } from '../../shared/calculate';
import { loadPack, type Pack } from '../../shared/packs/loadPack';
import type { RawPack } from '../../shared/packs/types';
import { buildHandout } from '../../shared/print/handoutModel';
import { variedHouseholds } from '../bench/variedHouseholds';
import { OFFICE_SETTINGS } from './officeSettings';

export const GOLDEN_FILE = join(__dirname, '../fixtures/golden/results.json');

export interface GoldenDigests {
  households: number;
  seed: number;
  /** sha256 of every result (JSON, one a line), shipped pack */
  results: string;
  /** the same in chunks of 500 households, to say where a difference starts */
  chunks: string[];
  /** the first 1,000 with the old local pack (2026.1) */
  oldPack: string;
  /** buildHandout of every tenth result */
  handouts: string;
  /** calculate's errors for damaged copies of every fortieth household */
  errors: string;
}

const HOUSEHOLDS = 4000;
const SEED = 17;
const CHUNK = 500;
const TODAY = '2026-11-23';

const SETTINGS = OFFICE_SETTINGS;

function loaded(raw: unknown): Pack {
  const result = loadPack(raw);
  if (!result.ok) throw new Error(`pack does not load: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Damaged copies of a household, as they arrive from a hurried desk or a broken file. */
function damaged(input: Record<string, unknown>): unknown[] {
  const members = input.members as Record<string, unknown>[];
  const first = members[0] as Record<string, unknown>;
  return [
    { ...input, asOf: '2020-12-31' },
    { ...input, household: { ...(input.household as object), area: 'suburb' } },
    { ...input, members: [{ ...first, birthDate: '2026-02-30', idNumber: undefined }, ...members.slice(1)] },
    { ...input, members: [{ ...first, disability: { grade: 5, kind: 'physical' } }, ...members.slice(1)] },
    { ...input, params: { 'dibao.standard.rural': -1, 'no.such.key': 3 } },
    { ...input, members: [] },
  ];
}

export function goldenDigests(): GoldenDigests {
  const shipped = loaded(SHIPPED_PACKS[0]);
  const old = loaded((JSON.parse(readFileSync(join(__dirname, '../fixtures/packs/local-pack-2026.1.json'), 'utf8')) as { pack: RawPack }).pack);
  const documents = SHIPPED_PACKS[0]?.documents ?? {};
  const guidance = SHIPPED_PACKS[0]?.guidance ?? null;

  const all = createHash('sha256');
  const oldPack = createHash('sha256');
  const handouts = createHash('sha256');
  const errors = createHash('sha256');
  const chunks: string[] = [];
  let chunk = createHash('sha256');

  const households = variedHouseholds(SEED);
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const line = households.next();
    const input = JSON.parse(line) as Record<string, unknown>;
    const result = calculate(input, { pack: shipped, today: TODAY });
    const text = `${JSON.stringify(result)}\n`;
    all.update(text);
    chunk.update(text);
    if ((i + 1) % CHUNK === 0) {
      chunks.push(chunk.digest('hex'));
      chunk = createHash('sha256');
    }
    if (i < 1000) oldPack.update(`${JSON.stringify(calculate(input, { pack: old, today: TODAY }))}\n`);
    if (i % 10 === 0 && result.ok) {
      const revision: RevisionDetail = {
        caseNo: '2026-000042',
        revision: 1,
        kind: 'save',
        savedAt: '2026-11-23T09:30:00+08:00',
        operator: '王经办',
        packId: shipped.meta.id,
        packVersion: shipped.meta.version,
        reason: null,
        totalAnnual: result.value.totals.annual,
        input,
        result: result.value,
      };
      handouts.update(`${JSON.stringify(buildHandout(revision, SETTINGS, { documents, printedOn: TODAY, guidance }))}\n`);
    }
    if (i % 40 === 0) {
      for (const copy of damaged(input)) errors.update(`${JSON.stringify(calculate(copy, { pack: shipped, today: TODAY }))}\n`);
    }
  }
  return {
    households: HOUSEHOLDS,
    seed: SEED,
    results: all.digest('hex'),
    chunks,
    oldPack: oldPack.digest('hex'),
    handouts: handouts.digest('hex'),
    errors: errors.digest('hex'),
  };
}

if (require.main === module) {
  const digests = goldenDigests();
  if (process.argv.includes('--write')) {
    mkdirSync(dirname(GOLDEN_FILE), { recursive: true });
    writeFileSync(GOLDEN_FILE, `${JSON.stringify(digests, null, 2)}\n`);
  }
  process.stdout.write(`${JSON.stringify(digests, null, 2)}\n`);
}
