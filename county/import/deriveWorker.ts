/**
 * A worker thread of the county import (derivePool.ts): reads batches of received revisions — decodes
 * their documents, derives what the county stores and searches, hashes their content — while the
 * main thread writes another bundle to PostgreSQL. deriveRevision is pure, so a batch read here is
 * what the main thread would have read. A revision it cannot read fails the batch with its position
 * (the import refuses the bundle whole).
 */
import { parentPort } from 'node:worker_threads';
import { deriveBatch, type DeriveReply, type DeriveRequest } from './deriveBatch';

parentPort?.on('message', (request: DeriveRequest) => {
  parentPort?.postMessage(deriveBatch(request));
});
// loaded: the pool sends batches from now on (until then the main thread reads them)
const ready: DeriveReply = { id: 0, ready: true };
parentPort?.postMessage(ready);
