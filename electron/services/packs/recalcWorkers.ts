/**
 * The worker threads of 重新测算 (recalcWorker.ts): each gets the pack once, then batches of stored
 * cases, and the compression dictionaries those name the first time it needs them. Built app: the
 * bundled recalcWorker.js beside the main bundle; from source (tsx, tests, the web host): the .ts
 * file through tsx's loader.
 */
import { Worker } from 'node:worker_threads';
import type { RawPack } from '../../../shared/packs/types';
import { entryBeside, type WorkerEntry } from '../workerEntry';
import type { ComputedRow, StoredRow } from './recalcCompute';
import type { WorkerReply, WorkerRequest } from './recalcWorker';

interface Slot {
  worker: Worker;
  /** loaded and set up (loading the code takes a moment; until then the job computes in the main thread) */
  ready: boolean;
  busy: number;
  sent: Set<number>;
  waiting: Map<number, { resolve: (done: { rows: ComputedRow[]; ms: number }) => void; reject: (error: Error) => void }>;
}


export class RecalcWorkerPool {
  private readonly slots: Slot[] = [];
  private next = 1;
  private failed: Error | null = null;

  private constructor(count: number, entry: WorkerEntry, pack: RawPack, asOf: string | null) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry.file, entry.execArgv ? { execArgv: entry.execArgv } : {});
      const slot: Slot = { worker, ready: false, busy: 0, sent: new Set(), waiting: new Map() };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          slot.ready = true;
          return;
        }
        const waiting = slot.waiting.get(reply.id);
        if (!waiting) return;
        slot.waiting.delete(reply.id);
        slot.busy -= 1;
        if (reply.type === 'done') waiting.resolve({ rows: reply.rows, ms: reply.ms });
        else waiting.reject(new Error(reply.message));
      });
      const fail = (error: Error) => {
        this.failed = error;
        for (const waiting of slot.waiting.values()) waiting.reject(error);
        slot.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`recalc worker exited with code ${code}`));
      });
      const setup: WorkerRequest = { type: 'setup', pack, asOf };
      worker.postMessage(setup);
      this.slots.push(slot);
    }
  }

  /**
   * A pool of `count` workers, or null when worker threads cannot be used here. `entry`: the worker's
   * script (the benchmark gives a bundle, as the app has); default as above.
   */
  static start(count: number, pack: RawPack, asOf: string | null, entry: WorkerEntry | null = entryBeside(__dirname, 'recalcWorker')): RecalcWorkerPool | null {
    if (count < 1 || !entry) return null;
    try {
      return new RecalcWorkerPool(count, entry, pack, asOf);
    } catch {
      return null;
    }
  }

  /** workers ready to take batches */
  get size(): number {
    return this.slots.filter((slot) => slot.ready).length;
  }

  get broken(): Error | null {
    return this.failed;
  }

  /** Computes a batch on the least busy worker; `ms`: the worker's own time for it. */
  run(rows: StoredRow[], target: { id: number; bytes: Uint8Array }, dictionary: (id: number) => Uint8Array): Promise<{ rows: ComputedRow[]; ms: number }> {
    if (this.failed) return Promise.reject(this.failed);
    const slot = this.slots.filter((candidate) => candidate.ready).reduce((a, b) => (b.busy < a.busy ? b : a));
    const needed = new Set<number>([target.id]);
    for (const row of rows) if (row.dictionaryId !== null) needed.add(row.dictionaryId);
    const dictionaries: [number, Uint8Array][] = [];
    for (const id of needed) {
      if (id === target.id || slot.sent.has(id)) continue;
      let bytes: Uint8Array;
      try {
        bytes = dictionary(id);
      } catch {
        // a revision naming a dictionary that is not there is damaged: the worker reports that case
        continue;
      }
      dictionaries.push([id, bytes]);
      slot.sent.add(id);
    }
    if (!slot.sent.has(target.id)) {
      dictionaries.push([target.id, target.bytes]);
      slot.sent.add(target.id);
    }
    const id = this.next++;
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = { type: 'batch', id, rows, dictionaries, target };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
