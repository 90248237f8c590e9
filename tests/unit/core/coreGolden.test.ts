/**
 * The core's results are byte for byte what they were before the speed work of issue 16 (item 4): a
 * seeded set of 3,001 households (every family, bills, overrides, dates 2021–2026, cases without
 * `asOf`, --set overrides, one in twelve invalid in one of ten ways) is computed and each result's
 * JSON hashed; the hashes must equal the golden file written from the earlier core
 * (tests/support/coreGolden.ts). A mismatch names the households whose output changed.
 */
import { describe, expect, it } from 'vitest';
import { briefResult } from '../../../electron/cli/brief';
import { calculate } from '../../../shared/calculate';
import { pack } from '../../support/calc';
import { GOLDEN_HOUSEHOLDS, GOLDEN_SEED, goldenCases, goldenHashes, readGolden } from '../../support/coreGolden';

describe('core output golden file', () => {
  it('the golden file is the set this code computes (same seed and size)', () => {
    const golden = readGolden();
    expect(golden.seed).toBe(GOLDEN_SEED);
    expect(golden.households).toBe(GOLDEN_HOUSEHOLDS + 1);
    expect(golden.hashes).toHaveLength(goldenCases().length);
    // households differ, so their outputs do (only the invalid ones may share an error message)
    expect(new Set(golden.hashes).size).toBeGreaterThan(golden.hashes.length * 0.9);
  });

  it('every household gives exactly the output recorded before the speed work', () => {
    const golden = readGolden().hashes;
    const now = goldenHashes();
    const changed = now.flatMap((hash, i) => (hash === golden[i] ? [] : [i]));
    expect(changed, `households whose output changed (index in goldenCases()): ${changed.slice(0, 20).join(', ')}`).toEqual([]);
  });

  it('without explanations (explain: false, what --brief uses): everything but the steps (benefits, 低保 screening) exactly as the full result', () => {
    let results = 0;
    for (const { input, today, overrides } of goldenCases()) {
      const options = { pack, today, ...(overrides ? { overrides } : {}) };
      const full = calculate(input, options);
      const lean = calculate(input, { ...options, explain: false });
      if (!full.ok || !lean.ok) {
        expect(lean).toEqual(full);
        continue;
      }
      results++;
      expect(lean.value.benefits.every((benefit) => benefit.steps.length === 0)).toBe(true);
      expect(lean.value.screening.dibao.steps).toEqual([]);
      expect(JSON.stringify(briefResult(lean.value))).toBe(JSON.stringify(briefResult(full.value)));
      const withoutSteps = {
        ...full.value,
        benefits: full.value.benefits.map((benefit) => ({ ...benefit, steps: [] })),
        screening: { ...full.value.screening, dibao: { ...full.value.screening.dibao, steps: [] } },
      };
      expect(JSON.stringify(lean.value)).toBe(JSON.stringify(withoutSteps));
    }
    expect(results).toBeGreaterThan(2500);
  });
});
