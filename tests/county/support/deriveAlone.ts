/**
 * A process with nothing but a derive pool reading one bundle (derivePool.test.ts): the pending
 * batches must keep it alive until their replies, as in `npm run county -- import 文件`.
 */
import { DerivePool } from '../../../county/import/derivePool';
import type { BundleRevision } from '../../../county/protocol/bundle';

const revisions: BundleRevision[] = Array.from({ length: 450 }, (_, i) => ({
  id: i + 1,
  caseNo: `2026-${i}`,
  revision: 1,
  kind: 'save',
  savedAt: '2026-03-01T10:00:00.000+08:00',
  operator: '李经办',
  packId: 'henan-nanyang',
  packVersion: '2026.2',
  reason: null,
  codec: 0,
  dictionary: null,
  input: Buffer.from(JSON.stringify({ household: { township: '城关镇', village: '东关村' }, members: [{ name: `王建国${i}`, relation: 'head' }] })),
  result: Buffer.from(JSON.stringify({ policy: { asOf: '2026-03-01' }, benefits: [], totals: { annual: '0' } })),
}));

void (async () => {
  const pool = new DerivePool(1);
  if ((await pool.warm()) !== 1) throw new Error('worker not loaded');
  // nothing else keeps the event loop alive from here: only the worker's pending replies
  const derived = await pool.derive(revisions, []);
  process.stdout.write(`read ${derived.length} in workers ${pool.stats.inWorkers}\n`);
})();
