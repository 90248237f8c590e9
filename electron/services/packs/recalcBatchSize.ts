/**
 * How many cases the next batch of 重新测算 reads: about one time slice's worth at the rate just
 * measured (a worker's own time for its batch, or the main thread's compute-and-write time), within
 * fixed bounds. One formula for every batch, wherever it was computed.
 */

/** never fewer (a batch has fixed costs: a read, a transaction) */
export const MIN_BATCH = 10;
/** never more (one transaction must stay short enough for the progress bar and the desk's calls) */
export const MAX_BATCH = 2000;
/** a rate measured as faster than this per case is taken as this (a batch of voided cases costs almost nothing) */
const FASTEST_MS_PER_CASE = 0.01;

/** Cases that take about `sliceMs` at the rate of `cases` cases in `ms`. */
export function nextBatchSize(sliceMs: number, cases: number, ms: number): number {
  const perCase = Math.max(ms / Math.max(1, cases), FASTEST_MS_PER_CASE);
  return Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.round(sliceMs / perCase)));
}
