/**
 * A worker thread of 重新测算: computes batches of stored cases (recalcCompute.ts) while the main
 * process reads and writes the database. Messages: 'setup' (the pack and date), then 'batch'es.
 */
import { parentPort } from 'node:worker_threads';
import { loadPack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';
import { RecalcComputer, type ComputedRow, type StoredRow } from './recalcCompute';

export type WorkerRequest =
  | { type: 'setup'; pack: RawPack; asOf: string | null }
  | { type: 'batch'; id: number; rows: StoredRow[]; dictionaries: [number, Uint8Array][]; target: { id: number; bytes: Uint8Array } | null };

export type WorkerReply = { type: 'ready' } | { type: 'done'; id: number; rows: ComputedRow[]; ms: number } | { type: 'error'; id: number; message: string };

const dictionaries = new Map<number, Uint8Array>();
let computer: RecalcComputer | null = null;

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'setup') {
    const loaded = loadPack(message.pack);
    if (!loaded.ok) throw new Error(`参数包无法加载：${loaded.errors[0]?.message ?? ''}`);
    computer = new RecalcComputer(loaded.value, message.asOf, (id) => {
      const bytes = dictionaries.get(id);
      if (!bytes) throw new Error(`compression dictionary ${id} was not sent`);
      return bytes;
    });
    const ready: WorkerReply = { type: 'ready' };
    parentPort?.postMessage(ready);
    return;
  }
  try {
    for (const [id, bytes] of message.dictionaries) dictionaries.set(id, bytes);
    if (!computer) throw new Error('worker not set up');
    const started = performance.now();
    const rows = computer.compute(message.rows, message.target);
    const reply: WorkerReply = { type: 'done', id: message.id, rows, ms: performance.now() - started };
    parentPort?.postMessage(reply);
  } catch (error) {
    const reply: WorkerReply = { type: 'error', id: message.id, message: (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
