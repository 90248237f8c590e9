/**
 * The worker threads of `calc --workers N` (calcWorker.ts). Each gets the pack once, then batches of
 * lines; a batch goes to the worker with the fewest batches in flight (a worker still loading keeps
 * them queued in order), or is computed in the main thread when no worker is alive. The caller bounds
 * the batches in flight and writes outputs in input order (calcBatch.ts).
 *
 * A worker that dies (killed, out of memory, a crash): the batch it was computing — the oldest it was
 * given, as a worker takes its messages in order — is answered with an error line per line (never
 * dropped, never shifted); the batches queued behind it are computed elsewhere; a new worker is
 * started. A worker that dies before it was ready (it could not load) costs no line: its batches are
 * computed elsewhere and it is not replaced.
 */
import { Worker } from 'node:worker_threads';
import type { RawPack } from '../../shared/packs/types';
import { sourceEntry, type WorkerEntry } from '../services/workerEntry';
import { lostBatch, type BatchOutput, type CaseComputer, type CaseSettings, type LineBatch } from './caseLines';
import { CALC_WORKER_FLAG, type CalcWorkerReply, type CalcWorkerRequest } from './calcWorker';


interface Pending {
  id: number;
  batch: LineBatch;
  resolve: (output: BatchOutput) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  /** batches given to it, oldest first */
  inFlight: Pending[];
}

/** The CLI bundle runs itself as the worker; from source, calcWorker.ts through tsx's loader. */
export function defaultWorkerEntry(): WorkerEntry {
  if (__filename.endsWith('.cjs')) return { file: __filename };
  return sourceEntry(__dirname, 'calcWorker');
}

/**
 * Each worker's heap, kept small so memory stays flat: with V8's defaults a worker's young
 * generation grows to ~48 MB and its old one keeps garbage of hundreds of MB before collecting, and
 * 1,000,000 lines through 2 workers peaked near 350 MB; with these, 256 MB (tests/bench/README.md).
 * A line's work needs a few MB; a line is at most MAX_LINE_BYTES (8 MB) of JSON.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 };

export class CalcPool {
  private readonly slots: Slot[] = [];
  private next = 1;
  private closing = false;
  /** batches answered by a worker (the rest: by the main thread, or lost) */
  answered = 0;

  constructor(
    count: number,
    private readonly entry: WorkerEntry,
    private readonly pack: RawPack,
    private readonly settings: CaseSettings,
    /** computes in the main thread when no worker is alive */
    private readonly local: CaseComputer,
    /** an output buffer written out, to be filled again (outputBuffer.ts), if one is free */
    private readonly spare: () => ArrayBuffer | undefined = () => undefined,
  ) {
    for (let i = 0; i < count; i++) this.startWorker();
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.entry.file, { resourceLimits: WORKER_HEAP, workerData: { [CALC_WORKER_FLAG]: true }, ...(this.entry.execArgv ? { execArgv: this.entry.execArgv } : {}) });
    } catch {
      return; // no worker threads here: the main thread computes
    }
    const slot: Slot = { worker, ready: false, dead: false, inFlight: [] };
    worker.on('message', (reply: CalcWorkerReply) => {
      if (reply.type === 'ready') {
        slot.ready = true;
        return;
      }
      const index = slot.inFlight.findIndex((pending) => pending.id === reply.id);
      if (index === -1) return;
      const [pending] = slot.inFlight.splice(index, 1);
      this.answered++;
      pending?.resolve({ bytes: reply.bytes, failed: reply.failed });
    });
    worker.on('error', (error) => this.lost(slot, error.message));
    worker.on('exit', (code) => this.lost(slot, `退出码 ${code}`));
    worker.postMessage({ type: 'setup', pack: this.pack, settings: this.settings } satisfies CalcWorkerRequest);
    this.slots.push(slot);
  }

  private lost(slot: Slot, why: string): void {
    if (slot.dead || this.closing) return;
    slot.dead = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    const pending = slot.inFlight.splice(0);
    if (slot.ready) {
      const computing = pending.shift();
      computing?.resolve(lostBatch(computing.batch, `计算线程意外退出（${why}）`));
      this.startWorker();
    }
    for (const again of pending) this.dispatch(again);
  }

  run(batch: LineBatch): Promise<BatchOutput> {
    return new Promise((resolve) => this.dispatch({ id: this.next++, batch, resolve }));
  }

  private dispatch(pending: Pending): void {
    let slot: Slot | undefined;
    for (const candidate of this.slots) if (!slot || candidate.inFlight.length < slot.inFlight.length) slot = candidate;
    if (!slot) {
      pending.resolve(this.local.batch(pending.batch, this.spare()));
      return;
    }
    slot.inFlight.push(pending);
    // the lines copied, not transferred: if this worker dies, the batch may have to be computed
    // elsewhere; a spare output buffer is the worker's to keep
    const spare = this.spare();
    if (spare) slot.worker.postMessage({ type: 'batch', id: pending.id, batch: pending.batch, spare } satisfies CalcWorkerRequest, [spare]);
    else slot.worker.postMessage({ type: 'batch', id: pending.id, batch: pending.batch } satisfies CalcWorkerRequest);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
