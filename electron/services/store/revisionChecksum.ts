/**
 * 修订校验值: each revision carries a SHA-256 of its canonical content, chained to the previous revision
 * of the same case, so a flipped bit anywhere — in the compressed documents, the dictionary they were
 * compressed with, the operator, the case number — is found when the revision is read, and a revision
 * cannot be dropped, reordered or moved to another case without breaking the chain.
 *
 * The canonical content is codec-independent (the documents as JSON text, not their stored bytes), so
 * a revision keeps its checksum when it is copied into another file with other dictionary ids (a
 * restore's merge). It is plain text, one field a line, strings as JSON:
 *
 *   huimin-revision-v1
 *   id:1234                      revision id, unique in the data folder (numberFloors.ts)
 *   case:"2026-000123"           案卷编号
 *   revision:2
 *   kind:"save"                  save | void | recalc
 *   savedAt:"2026-03-05T09:00:00.000+08:00"
 *   operator:"李经办"
 *   pack:"henan-nanyang"
 *   packVersion:"2026.1"
 *   voidReason:null
 *   input:<SHA-256 hex of the input JSON, UTF-8>
 *   result:<SHA-256 hex of the result JSON, UTF-8>
 *   previous:<the previous revision's checksum, hex; "-" for revision 1>
 *
 * The checksum is SHA-256 of that text (UTF-8). A released form is never changed: another form gets
 * another first line.
 */
import * as crypto from 'node:crypto';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RevisionKind } from './searchIndex';

export const CHECKSUM_BYTES = 32;
const FORM = 'huimin-revision-v1';

/** What a revision says besides its documents. */
export interface RevisionFacts {
  id: number;
  caseNo: string;
  revision: number;
  kind: RevisionKind;
  savedAt: string;
  operator: string;
  packId: string;
  packVersion: string;
  voidReason: string | null;
}

/** How a save computes a revision's checksum: SHA256_SEALER (the benchmark compares a save without it, tests/bench/storeBench.ts). */
export interface RevisionSealer {
  digests(inputJson: string, resultJson: string): DocumentDigests;
  checksum(facts: RevisionFacts, digests: DocumentDigests, previous: Buffer | null): Buffer;
}

/** SHA-256 of the two documents (computed where the JSON is at hand: a save, a worker thread). */
export interface DocumentDigests {
  input: string;
  result: string;
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest();

/**
 * SHA-256 as hex in one call where Node has crypto.hash (20.12 and later): no Hash object a document,
 * which 重新测算 makes four times a case (the stored pair checked, the new pair sealed).
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;
const sha256Hex: (text: string | Buffer) => string = typeof oneShot === 'function' ? (text) => oneShot('sha256', text, 'hex') : (text) => sha256(text).toString('hex');

/** SHA-256 of each document's JSON, UTF-8: given as text, or as its UTF-8 bytes already made. */
export function documentDigests(inputJson: string | Buffer, resultJson: string | Buffer): DocumentDigests {
  return { input: sha256Hex(inputJson), result: sha256Hex(resultJson) };
}

export function canonicalRevision(facts: RevisionFacts, digests: DocumentDigests, previous: Buffer | null): string {
  return [
    FORM,
    `id:${facts.id}`,
    `case:${JSON.stringify(facts.caseNo)}`,
    `revision:${facts.revision}`,
    `kind:${JSON.stringify(facts.kind)}`,
    `savedAt:${JSON.stringify(facts.savedAt)}`,
    `operator:${JSON.stringify(facts.operator)}`,
    `pack:${JSON.stringify(facts.packId)}`,
    `packVersion:${JSON.stringify(facts.packVersion)}`,
    `voidReason:${JSON.stringify(facts.voidReason)}`,
    `input:${digests.input}`,
    `result:${digests.result}`,
    `previous:${previous === null ? '-' : previous.toString('hex')}`,
    '',
  ].join('\n');
}

export function revisionChecksum(facts: RevisionFacts, digests: DocumentDigests, previous: Buffer | null): Buffer {
  return sha256(canonicalRevision(facts, digests, previous));
}

export const SHA256_SEALER: RevisionSealer = { digests: documentDigests, checksum: revisionChecksum };

/** A stored checksum as read from the database (a damaged one may be of any type or length). */
export function sameChecksum(stored: unknown, computed: Buffer): boolean {
  return Buffer.isBuffer(stored) && stored.length === CHECKSUM_BYTES && timingSafeEqual(stored, computed);
}

/** The row columns the facts come from (revisions table), with the case number beside them. */
export interface FactColumns {
  id: number;
  revision: number;
  kind: RevisionKind;
  saved_at: string;
  operator: string;
  pack_id: string;
  pack_version: string;
  void_reason: string | null;
}

export function factsOf(row: FactColumns, caseNo: string): RevisionFacts {
  return {
    id: row.id,
    caseNo,
    revision: row.revision,
    kind: row.kind,
    savedAt: row.saved_at,
    operator: row.operator,
    packId: row.pack_id,
    packVersion: row.pack_version,
    voidReason: row.void_reason,
  };
}

/** What a reader says instead of showing a revision whose checksum does not match. */
export function damagedRevisionMessage(caseNo: string, revision: number): string {
  return `案卷 ${caseNo} 第${revision}版：此版本数据已损坏（校验值不符），为免显示错误的金额或姓名，不予显示。请在“设置 · 数据检查”中检查，并从备份恢复`;
}
