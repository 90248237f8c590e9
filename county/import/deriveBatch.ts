/**
 * One batch of received revisions read as the county reads them (derive.ts), from the form they
 * travel to a worker thread in (derivePool.ts → deriveWorker.ts): heads, one buffer of documents and
 * their lengths. Pure: a batch read in a worker is what the main thread would have read.
 */
import type { BundleRevision } from '../protocol/bundle';
import { deriveRevision, type DerivedRevision } from './derive';

/** a revision without its documents, which travel as one buffer (`documents`) cut by `lengths` */
export type RevisionHead = Omit<BundleRevision, 'input' | 'result'>;

export interface DeriveRequest {
  id: number;
  heads: RevisionHead[];
  /** input then result of each revision, back to back */
  documents: Uint8Array;
  /** [input length, result length] of each revision, in order */
  lengths: Int32Array;
  dictionaries: Uint8Array[];
}

/** what the main thread does not already hold of a DerivedRevision */
export type DerivedPart = Omit<DerivedRevision, 'revision'>;

export type DeriveReply = { id: number; derived: DerivedPart[] } | { id: number; failedAt: number } | { id: 0; ready: true };

/** Reads one batch; `failedAt`: the index of the first revision that cannot be read. */
export function deriveBatch(request: DeriveRequest): DeriveReply {
  const documents = Buffer.from(request.documents.buffer, request.documents.byteOffset, request.documents.byteLength);
  const dictionaries = request.dictionaries.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const derived: DerivedPart[] = [];
  let at = 0;
  for (let i = 0; i < request.heads.length; i++) {
    const inputLength = request.lengths[2 * i] as number;
    const resultLength = request.lengths[2 * i + 1] as number;
    const revision: BundleRevision = {
      ...(request.heads[i] as RevisionHead),
      input: documents.subarray(at, at + inputLength),
      result: documents.subarray(at + inputLength, at + inputLength + resultLength),
    };
    at += inputLength + resultLength;
    try {
      const { revision: _revision, ...part } = deriveRevision(revision, dictionaries);
      derived.push(part);
    } catch {
      return { id: request.id, failedAt: i };
    }
  }
  return { id: request.id, derived };
}

