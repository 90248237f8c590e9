/**
 * 重新测算's batch size (recalcBatchSize.ts): one slice of time at the rate just measured, within
 * bounds — the one formula for batches computed in the workers and in the main thread.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BATCH, MIN_BATCH, nextBatchSize } from '../../../electron/services/packs/recalcBatchSize';

describe('nextBatchSize', () => {
  it('one slice at the measured rate: 150 ms at 0.5 ms a case is 300 cases', () => {
    expect(nextBatchSize(150, 100, 50)).toBe(300);
    expect(nextBatchSize(150, 40, 100)).toBe(60); // 2.5 ms a case
  });
  it('never more than MAX_BATCH, however fast, and a batch of near-free cases counts as 0.01 ms each', () => {
    expect(nextBatchSize(150, 1000, 1)).toBe(MAX_BATCH);
    expect(nextBatchSize(10, 500, 0)).toBe(1000); // 10 ms ÷ 0.01 ms
  });
  it('never fewer than MIN_BATCH, however slow; an empty batch counts as one case', () => {
    expect(nextBatchSize(150, 10, 60_000)).toBe(MIN_BATCH);
    expect(nextBatchSize(0.001, 50, 5)).toBe(MIN_BATCH);
    expect(nextBatchSize(150, 0, 300)).toBe(MIN_BATCH);
  });
});
