/**
 * JSONL through the calculation, streamed (calc-contract.md "Command line"): lines are cut into
 * batches as they are read, computed in worker threads (calcPool.ts) or in this thread, and written
 * in input order as soon as the oldest batch is done. At most IN_FLIGHT_PER_WORKER batches per worker
 * are in flight; reading waits on writing (stdout's back-pressure) and writing on the oldest batch,
 * so memory stays flat whatever the size of the input.
 *
 * Output line N answers input line N. A blank line inside the input gets an error line; blank lines
 * after the last case answer no household and are left out (so a file ending in an extra empty line
 * is not an error); an input without any case is reported by the caller.
 */
import type { Pack } from '../../shared/packs/loadPack';
import { CaseComputer, type BatchOutput, type CaseSettings, type LineBatch } from './caseLines';
import type { WorkerEntry } from '../services/workerEntry';
import { CalcPool } from './calcPool';
import { BLANK, isBlank, TOO_LONG, type Line } from './inputLines';
import { SPARE_BUFFERS_KEPT } from './outputBuffer';

export interface BatchRun {
  pack: Pack;
  settings: CaseSettings;
  /** worker threads; 0 or 1 computes in this thread */
  workers: number;
  workerEntry: WorkerEntry;
  /**
   * Writes a batch's output. `written`, when the writer calls it, says the chunk's bytes are no longer
   * needed: its buffer is then filled again by a later batch (outputBuffer.ts). A writer that keeps
   * the chunk never calls it.
   */
  write(chunk: Uint8Array, written?: () => void): void | Promise<void>;
  /** lines written so far (for a message when reading fails half-way) */
  progress?: { written: number };
}

export interface BatchTally {
  /** input lines answered (blank lines after the last case are not) */
  lines: number;
  failed: number;
  /** no case at all: empty, or only blank lines */
  empty: boolean;
  /** batches computed by worker threads */
  workerBatches: number;
}

/** A batch closes at whichever comes first (and only after a case line, so trailing blanks can be left out). */
export const BATCH_LINES = 128;
export const BATCH_BYTES = 256 * 1024;
const IN_FLIGHT_PER_WORKER = 3;

export async function runBatch(lines: AsyncIterable<Line[]>, run: BatchRun): Promise<BatchTally> {
  const local = new CaseComputer(run.pack, run.settings);
  // buffers written out, handed to the next batches (their bytes are not read again once written)
  const spares: ArrayBuffer[] = [];
  const spare = () => spares.pop();
  const release = (bytes: Uint8Array) => {
    let released = false;
    return () => {
      // once only: a buffer handed to two batches would have one overwrite the other
      if (released) return;
      released = true;
      const buffer = bytes.buffer as ArrayBuffer;
      if (spares.length < SPARE_BUFFERS_KEPT && bytes.byteOffset === 0 && buffer.byteLength >= 64 * 1024) spares.push(buffer);
    };
  };
  const useWorkers = run.workers > 1;
  const limit = Math.max(1, useWorkers ? run.workers : 1) * IN_FLIGHT_PER_WORKER;
  let pool: CalcPool | null = null;
  const queue: { output: Promise<BatchOutput>; lines: number }[] = [];
  let failed = 0;
  let lineNo = 0;
  let pendingBlanks = 0;

  let parts: Line[] = [];
  let bytes = 0;
  let firstLine = 1;

  const flushOldest = async () => {
    const oldest = queue.shift() as { output: Promise<BatchOutput>; lines: number };
    const output = await oldest.output;
    failed += output.failed;
    await run.write(output.bytes, release(output.bytes));
    if (run.progress) run.progress.written += oldest.lines;
  };

  /** `last`: the input ended, no batch follows */
  const cut = async (last: boolean) => {
    const joined = new Uint8Array(Math.max(0, bytes - 1));
    const tooLong: number[] = [];
    let at = 0;
    parts.forEach((line, i) => {
      if (line === TOO_LONG) tooLong.push(i);
      else joined.set(line as Buffer, at);
      at += (line === TOO_LONG ? 0 : (line as Buffer).length) + 1;
      if (i < parts.length - 1) joined[at - 1] = 10;
    });
    const batch: LineBatch = { firstLine, count: parts.length, bytes: joined, tooLong };
    parts = [];
    bytes = 0;
    firstLine = lineNo + 1;
    // Workers are started with the first batch, and only when more will follow (one batch is computed
    // here). That batch waits for them too: computed here it would run cold in a third isolate, beside
    // the two starting workers on the same cores — ≈ 0.45 s more CPU a run, and slower on the wall too
    // (tests/bench/README.md, fifth round).
    if (useWorkers && !pool && !last) pool = new CalcPool(run.workers, run.workerEntry, run.pack.raw, run.settings, local, spare);
    if (pool) queue.push({ output: pool.run(batch), lines: batch.count });
    else queue.push({ output: Promise.resolve(local.batch(batch, spare())), lines: batch.count });
    while (queue.length >= limit) await flushOldest();
  };

  const add = async (line: Line) => {
    lineNo++;
    parts.push(line);
    bytes += (line === TOO_LONG ? 0 : (line as Buffer).length) + 1;
    if (parts.length >= BATCH_LINES || bytes >= BATCH_BYTES) await cut(false);
  };

  let readError: unknown = null;
  const iterator = lines[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Line[]>;
      try {
        next = await iterator.next();
      } catch (error) {
        // reading failed half-way: the lines read whole are still answered, then the caller reports it
        readError = error;
        break;
      }
      if (next.done) break;
      for (const line of next.value) {
        if (isBlank(line)) {
          pendingBlanks++;
          continue;
        }
        // blank lines before a case are lines of the input: each gets its error line
        for (; pendingBlanks > 0; pendingBlanks--) await add(BLANK);
        await add(line);
      }
    }
    if (parts.length > 0) await cut(true);
    while (queue.length > 0) await flushOldest();
    if (readError !== null) throw readError;
  } finally {
    await (pool as CalcPool | null)?.close();
  }
  return { lines: lineNo, failed, empty: lineNo === 0, workerBatches: (pool as CalcPool | null)?.answered ?? 0 };
}
