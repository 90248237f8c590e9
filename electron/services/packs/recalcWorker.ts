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

/**
 * A changed row with its compressed documents in buffers of their own. zlib's output is a view on its
 * 16 KB working chunk, and postMessage copies a view's whole ArrayBuffer: two 16 KB copies a case for
 * ≈ 2 KB of documents, made and collected again on the main thread (the single writer) for every case.
 */
export function standalone(row: ComputedRow): ComputedRow {
  if (row.outcome !== 'changed' || !row.encoded) return row;
  const { input, result } = row.encoded;
  return { ...row, encoded: { ...row.encoded, input: new Uint8Array(input), result: new Uint8Array(result) } };
}

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
    const rows = computer.compute(message.rows, message.target).map(standalone);
    const reply: WorkerReply = { type: 'done', id: message.id, rows, ms: performance.now() - started };
    parentPort?.postMessage(reply);
  } catch (error) {
    const reply: WorkerReply = { type: 'error', id: message.id, message: (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
