/**
 * 解读上报包的工作线程: the revisions of a bundle are decoded and read (derive.ts) in worker threads
 * (deriveWorker.ts), in batches, while the main thread writes another bundle to PostgreSQL. Reading a
 * revision is most of Node's work in an import and independent per revision; a county server has more
 * cores than one.
 *
 * - Results come back in bundle order, whatever order the workers finish in.
 * - A revision a worker cannot read refuses the bundle whole, as in the main thread (DeriveFailure).
 * - A worker that dies (or is not yet loaded: loading the code takes a moment) loses nothing: its
 *   batches are read in the main thread, and a new worker is started for the next bundle. One that dies
 *   before it has loaded (its code cannot run here) is not started again: reading stays in the main thread.
 * - Size: the county setting `deriveWorkers` (CLI --derive-workers, HUIMIN_COUNTY_DERIVE_WORKERS);
 *   by default one fewer than the machine's cores, at least one; 0 reads in the main thread only.
 *
 * An idle worker is unref'd (an idle pool never keeps the process alive); one with batches to answer
 * is ref'd, so a one-off command (npm run county -- import) does not end before its replies.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { entryBeside, type WorkerEntry } from '../../electron/services/workerEntry';
import type { BundleRevision } from '../protocol/bundle';
import { breathe } from './copyRows';
import { deriveRevision, type DerivedRevision } from './derive';
import type { DeriveReply, DeriveRequest, DerivedPart, RevisionHead } from './deriveBatch';

/** revisions per batch sent to a worker: small enough that all workers share a bundle, large enough that messages are few */
export const DERIVE_BATCH = 200;
/** revisions read between two turns of the event loop when the main thread reads (≈10 ms) */
const MAIN_SLICE = 48;

/** The bundle cannot be read: the revision at `index` (bundle order) fails to decode or parse. */
export class DeriveFailure extends Error {
  constructor(readonly index: number) {
    super(`revision ${index} of the bundle cannot be read`);
  }
}

/** the default size: one fewer than the cores (the main thread and PostgreSQL need theirs), at least one */
export function defaultDeriveWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The setting's value: a whole number ≥ 0, or the default when unset or not a number. */
export function deriveWorkersSetting(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultDeriveWorkers();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > 256) throw new Error(`解读线程数不正确：${value}（应为 0–256 的整数，0 表示不用工作线程）`);
  return count;
}


interface Pending {
  resolve: (reply: DeriveReply) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  waiting: Map<number, Pending>;
}

export const inMainThread = async (revisions: readonly BundleRevision[], dictionaries: readonly Buffer[], offset: number): Promise<DerivedRevision[]> => {
  const derived: DerivedRevision[] = [];
  for (let i = 0; i < revisions.length; i++) {
    try {
      derived.push(deriveRevision(revisions[i] as BundleRevision, dictionaries));
    } catch {
      throw new DeriveFailure(offset + i);
    }
    if (i % MAIN_SLICE === MAIN_SLICE - 1) await breathe();
  }
  return derived;
};

export class DerivePool {
  private readonly slots: Slot[] = [];
  private next = 1;
  private turn = 0;
  /** workers started in all (a dead one is replaced), and batches read by where: for tests and the log */
  readonly stats = { started: 0, inWorkers: 0, inMainThread: 0, recovered: 0 };

  constructor(
    readonly size: number,
    private readonly entry: WorkerEntry | null = entryBeside(__dirname, 'deriveWorker'),
  ) {}

  /** workers loaded and taking batches now */
  get ready(): number {
    return this.slots.filter((slot) => slot.ready && !slot.dead).length;
  }

  /** a worker died before it had loaded (its code cannot run here): no more are started, reading stays in the main thread */
  private unusable = false;

  /** Starts the workers not running (first use, or after one died); they take batches once loaded. */
  private fill(): void {
    if (!this.entry || this.unusable) return;
    for (let i = this.slots.length - 1; i >= 0; i--) if ((this.slots[i] as Slot).dead) this.slots.splice(i, 1);
    while (this.slots.length < this.size) {
      let worker: Worker;
      try {
        worker = new Worker(this.entry.file, this.entry.execArgv ? { execArgv: this.entry.execArgv } : {});
      } catch {
        return;
      }
      this.stats.started += 1;
      worker.unref();
      const slot: Slot = { worker, ready: false, dead: false, waiting: new Map() };
      worker.on('message', (reply: DeriveReply) => {
        if ('ready' in reply) {
          slot.ready = true;
          return;
        }
        const pending = slot.waiting.get(reply.id);
        if (!pending) return;
        slot.waiting.delete(reply.id);
        if (slot.waiting.size === 0) worker.unref();
        pending.resolve(reply);
      });
      const die = (error: Error) => {
        if (slot.dead) return;
        slot.dead = true;
        if (!slot.ready) this.unusable = true;
        for (const pending of slot.waiting.values()) pending.reject(error);
        slot.waiting.clear();
      };
      worker.on('error', die);
      worker.on('exit', (code) => die(new Error(`derive worker exited with code ${code}`)));
      this.slots.push(slot);
    }
  }

  /** the workers, for tests (to stop one mid-import) */
  get workers(): Worker[] {
    return this.slots.filter((slot) => !slot.dead).map((slot) => slot.worker);
  }

  private send(slot: Slot, revisions: readonly BundleRevision[], dictionaries: readonly Buffer[]): Promise<DeriveReply> {
    const heads: RevisionHead[] = revisions.map(({ input: _input, result: _result, ...head }) => head);
    const lengths = new Int32Array(revisions.length * 2);
    let total = 0;
    revisions.forEach((revision, i) => {
      lengths[2 * i] = revision.input.length;
      lengths[2 * i + 1] = revision.result.length;
      total += revision.input.length + revision.result.length;
    });
    // one buffer of its own (a revision's bytes are a view of the whole bundle, which must not be copied per batch)
    const documents = new Uint8Array(total);
    let at = 0;
    for (const revision of revisions) {
      documents.set(revision.input, at);
      documents.set(revision.result, at + revision.input.length);
      at += revision.input.length + revision.result.length;
    }
    const id = this.next++;
    const request: DeriveRequest = { id, heads, documents, lengths, dictionaries: dictionaries.map((bytes) => new Uint8Array(bytes)) };
    return new Promise((resolve, reject) => {
      if (slot.waiting.size === 0) slot.worker.ref();
      slot.waiting.set(id, { resolve, reject });
      try {
        slot.worker.postMessage(request, [documents.buffer, lengths.buffer]);
      } catch (error) {
        slot.waiting.delete(id);
        if (slot.waiting.size === 0) slot.worker.unref();
        reject(error as Error);
      }
    });
  }

  /** One batch in a worker when one is ready, else here; a worker lost on the way means it is read here. */
  private async batch(revisions: readonly BundleRevision[], dictionaries: readonly Buffer[], offset: number): Promise<DerivedRevision[]> {
    const ready = this.slots.filter((slot) => slot.ready && !slot.dead);
    if (ready.length > 0) {
      const slot = ready[this.turn++ % ready.length] as Slot;
      let reply: DeriveReply | null = null;
      try {
        reply = await this.send(slot, revisions, dictionaries);
      } catch {
        reply = null; // the worker died: read here instead (derive is pure, the result is the same)
        this.stats.recovered += 1;
      }
      if (reply && 'failedAt' in reply) throw new DeriveFailure(offset + reply.failedAt);
      if (reply && 'derived' in reply) {
        this.stats.inWorkers += 1;
        return reply.derived.map((part: DerivedPart, i) => ({ revision: revisions[i] as BundleRevision, ...part }));
      }
    }
    this.stats.inMainThread += 1;
    return inMainThread(revisions, dictionaries, offset);
  }

  /**
   * Reads every revision of a bundle, in bundle order; rejects with DeriveFailure (the first revision
   * in bundle order that cannot be read) when any cannot be.
   */
  async derive(revisions: readonly BundleRevision[], dictionaries: readonly Buffer[]): Promise<DerivedRevision[]> {
    if (this.size < 1) return inMainThread(revisions, dictionaries, 0);
    this.fill();
    const batches: Promise<DerivedRevision[]>[] = [];
    for (let first = 0; first < revisions.length; first += DERIVE_BATCH) {
      const part = revisions.slice(first, first + DERIVE_BATCH);
      const done = this.batch(part, dictionaries, first);
      done.catch(() => undefined);
      batches.push(done);
    }
    const settled = await Promise.allSettled(batches);
    const failures = settled.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected').map((outcome) => outcome.reason as unknown);
    if (failures.length > 0) {
      const first = failures.filter((reason): reason is DeriveFailure => reason instanceof DeriveFailure).sort((a, b) => a.index - b.index)[0];
      throw first ?? failures[0];
    }
    return settled.flatMap((outcome) => (outcome as PromiseFulfilledResult<DerivedRevision[]>).value);
  }

  /** Starts the workers and waits until they are loaded (at most `timeoutMs`); resolves with how many are. */
  async warm(timeoutMs = 30_000): Promise<number> {
    if (this.size < 1) return 0;
    this.fill();
    const until = Date.now() + timeoutMs;
    while (this.slots.some((slot) => !slot.ready && !slot.dead) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.ready;
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
