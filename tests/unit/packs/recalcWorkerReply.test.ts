/**
 * A worker's reply carries each changed case's compressed documents in buffers of their own
 * (recalcWorker.ts standalone): zlib returns a view on its 16 KB working chunk, and a message copies a
 * view's whole ArrayBuffer — 32 KB a case through the main thread for ≈ 2 KB of documents.
 */
import { MessageChannel } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ComputedRow } from '../../../electron/services/packs/recalcCompute';
import { standalone } from '../../../electron/services/packs/recalcWorker';

function received<T>(message: T): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port2.once('message', (value: T) => {
      port1.close();
      port2.close();
      resolve(value);
    });
    port1.postMessage(message);
  });
}

describe('a worker reply', () => {
  it('sends the compressed documents, not the 16 KB chunk zlib made them in', async () => {
    const input = deflateRawSync(Buffer.from('{"asOf":"2027-01-01","household":{"township":"石桥镇"}}', 'utf8'));
    const result = deflateRawSync(Buffer.from('{"policy":{},"benefits":[]}', 'utf8'));
    expect(input.buffer.byteLength).toBeGreaterThan(input.byteLength); // what zlib gives: a view on a larger chunk
    const row = { caseRowId: 7, caseNo: '2026-000007', outcome: 'changed', encoded: { codec: 2, dictionaryId: 1, input, result } } as unknown as ComputedRow;
    const asIs = await received(row);
    expect(asIs.outcome === 'changed' && asIs.encoded?.input.buffer.byteLength).toBe(input.buffer.byteLength);
    const sent = await received(standalone(row));
    if (sent.outcome !== 'changed' || !sent.encoded) throw new Error('changed row expected');
    expect(sent.encoded.input.buffer.byteLength).toBe(input.byteLength);
    expect(sent.encoded.result.buffer.byteLength).toBe(result.byteLength);
    expect(Buffer.from(sent.encoded.input).equals(input)).toBe(true);
    expect(Buffer.from(sent.encoded.result).equals(result)).toBe(true);
    // other outcomes pass as they are
    const unchanged = { caseRowId: 8, caseNo: '2026-000008', outcome: 'void' } as ComputedRow;
    expect(standalone(unchanged)).toBe(unchanged);
  });
});
