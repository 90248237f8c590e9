/**
 * Reading a revision means checking it: its documents are decoded and its checksum recomputed against
 * the stored one (revisionChecksum.ts). A revision that fails — a flipped bit in its documents, in the
 * dictionary they were compressed with, in any of its columns, or a deflate stream that no longer
 * decodes — is reported as damaged, never shown.
 */
import type { Statement } from './db';
import { documentDigests, factsOf, revisionChecksum, sameChecksum, type DocumentDigests, type FactColumns } from './revisionChecksum';
import type { StoredDocuments } from './revisionCodec';

export interface StoredRevision extends FactColumns, StoredDocuments {
  checksum: unknown;
}

export type VerifiedDocuments = { ok: true; inputJson: string; resultJson: string; digests: DocumentDigests } | { ok: false };

/**
 * Decodes and checks one revision. `previous` is the stored checksum of the case's revision before it
 * (null for revision 1; undefined when that revision is missing, which fails the check).
 */
export function decodeVerified(
  decode: (stored: StoredDocuments) => { inputJson: string; resultJson: string },
  row: StoredRevision,
  caseNo: string,
  previous: Buffer | null | undefined,
): VerifiedDocuments {
  if (previous === undefined || (previous === null) !== (row.revision === 1)) return { ok: false };
  let documents: { inputJson: string; resultJson: string };
  try {
    documents = decode(row);
  } catch {
    // a damaged deflate stream, a dictionary that is gone, an unknown codec
    return { ok: false };
  }
  const digests = documentDigests(documents.inputJson, documents.resultJson);
  if (!sameChecksum(row.checksum, revisionChecksum(factsOf(row, caseNo), digests, previous))) return { ok: false };
  return { ok: true, ...documents, digests };
}

/** The stored checksum of a case's revision before `revision` (null for the first; undefined when missing or not a checksum). */
export function previousChecksum(statement: Statement, caseRowId: number, revision: number): Buffer | null | undefined {
  if (revision === 1) return null;
  const row = statement.get(caseRowId, revision - 1) as { checksum: unknown } | undefined;
  return checksumBefore(revision, row?.checksum);
}

/** previousChecksum's answer from the column already read (a query that joins the revision before). */
export function checksumBefore(revision: number, stored: unknown): Buffer | null | undefined {
  if (revision === 1) return null;
  return Buffer.isBuffer(stored) ? stored : undefined;
}

/** SQL for previousChecksum's statement. */
export const PREVIOUS_CHECKSUM = 'SELECT checksum FROM revisions WHERE case_id = ? AND revision = ?';
