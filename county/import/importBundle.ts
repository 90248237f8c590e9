/**
 * 导入上报包: the union of what the county holds and what a bundle brings, keyed by (office, the
 * office's revision id). One transaction per bundle, under an advisory lock (one import at a time, so
 * the derived tables never see two imports interleave): either the whole bundle is in, with the case
 * state, search terms, people and totals that follow from it, or nothing is. Sending twice, in another
 * order, or again after a crash on either side therefore ends in the same state.
 *
 * A key already held with the same content is acknowledged again and nothing changes; with other
 * content it is kept apart in revision_conflicts (once per distinct content) and never overwrites.
 */
import type { Pool } from 'pg';
import { fail, ok, type Result } from '../../shared/errors';
import type { Bundle, BundleRevision } from '../protocol/bundle';
import type { DerivedRevision } from './derive';
import { readCurrentCases, refreshCases, type FirstLoadTables, type RevisionMeta } from './caseState';
import { copyArray, copyField, formatBinaryRows, formatRows } from './copyRows';
import { DeriveFailure, inMainThread, type DerivePool } from './derivePool';
import { StatementQueue } from './statementQueue';

/** pg_advisory_xact_lock key of imports ("HMCI") */
export const IMPORT_LOCK = 0x484d4349;
/** rows per INSERT statement (a statement's parameters stay a few MB) */
const ROWS_PER_STATEMENT = 2000;

export interface ImportOutcome {
  bundleId: number;
  officeId: number;
  revisions: number;
  /** new to the county */
  added: number;
  /** the office's ids now held with the content sent (new or already there) */
  accepted: number[];
  /** ids held with other content (kept apart as conflicts) */
  conflicts: number[];
  /** cases whose state changed */
  casesChanged: number;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A revision just written, as reading it back from revisions would give it (caseState.ts). */
function freshMeta(derived: DerivedRevision, id: string): RevisionMeta {
  const { revision: r, fields: f, split } = derived;
  return {
    id,
    case_no: r.caseNo,
    revision: r.revision,
    kind: r.kind,
    saved_at: savedAtOf(derived),
    saved_at_text: r.savedAt,
    head_name: f.headName,
    head_id: f.headIdNumber,
    member_names: f.members.map((member) => member.name),
    member_ids: f.members.map((member) => member.idNumber ?? ''),
    township: f.township,
    village: f.village,
    household_status: f.householdStatus,
    as_of: f.asOf,
    total_annual: f.totalAnnual,
    total_cash: split?.cash ?? null,
    total_settlement: split?.settlement ?? null,
    total_waiver: split?.waiver ?? null,
    total_one_off: split?.oneOff ?? null,
    benefit_codes: f.benefits.map((benefit) => benefit.code),
    benefit_amounts: f.benefits.map((benefit) => benefit.annual),
    terms: derived.terms,
  };
}

/**
 * The moment of a save as the county stores it: the office's text read once, here (bundle.ts accepts
 * only texts Date.parse reads), so the row written and the case state computed from it cannot differ.
 */
const savedAtOf = (derived: DerivedRevision): Date => new Date(derived.revision.savedAt);

const REVISION_COLUMNS = `revisions (id, office_id, local_id, case_no, revision, kind, saved_at, saved_at_text, operator, pack_id, pack_version, void_reason,
  content_sha256, bundle_id, head_name, head_id, member_names, member_ids, township, village, household_status, statuses, as_of,
  total_annual, total_cash, total_settlement, total_waiver, total_one_off, benefit_codes, benefit_amounts)`;

/** One revisions row as a COPY line, in REVISION_COLUMNS' order (`meta`: freshMeta of the same revision). */
function revisionLine(meta: RevisionMeta, officeId: number, bundleId: number, derived: DerivedRevision): string {
  const { revision: r, fields: f } = derived;
  return [
    meta.id,
    officeId,
    r.id,
    copyField(r.caseNo),
    r.revision,
    r.kind,
    meta.saved_at.toISOString(),
    copyField(r.savedAt),
    copyField(r.operator),
    copyField(r.packId),
    copyField(r.packVersion),
    copyField(r.reason),
    `\\\\x${derived.contentSha256}`,
    bundleId,
    copyField(meta.head_name),
    copyField(meta.head_id),
    copyArray(meta.member_names),
    copyArray(meta.member_ids),
    copyField(meta.township),
    copyField(meta.village),
    copyField(meta.household_status),
    copyArray(f.statuses),
    copyField(meta.as_of),
    copyField(meta.total_annual),
    copyField(meta.total_cash),
    copyField(meta.total_settlement),
    copyField(meta.total_waiver),
    copyField(meta.total_one_off),
    copyArray(meta.benefit_codes),
    copyArray(meta.benefit_amounts),
  ].join('\t');
}

/**
 * Writes the new revisions (COPY, with ids taken from the sequence beforehand so that nothing waits
 * for ids to come back) and their documents; returns them as RevisionMeta for the case state and the
 * writes still under way, which the caller awaits before COMMIT.
 */
async function insertRevisions(db: StatementQueue, officeId: number, bundleId: number, added: DerivedRevision[], dictionaryIds: (number | null)[]): Promise<RevisionMeta[]> {
  if (added.length === 0) return [];
  const allocated = await db.query<{ id: string }>("SELECT nextval('revisions_id_seq')::text AS id FROM generate_series(1, $1)", [added.length]);
  const ids = allocated.rows.map((row) => row.id);
  const metas = added.map((derived, i) => freshMeta(derived, ids[i] as string));
  void db.copy(REVISION_COLUMNS, await formatRows(added.length, (i) => revisionLine(metas[i] as RevisionMeta, officeId, bundleId, added[i] as DerivedRevision)));
  // The documents in COPY's binary format: their bytes as they are (as text they would go as hex, twice
  // the bytes, parsed by PostgreSQL; as one parameter cut by substring, they were the costliest INSERT)
  void db.copy(
    'revision_documents (revision_id, codec, dictionary_id, input, result)',
    await formatBinaryRows(added.length, (i) => {
      const { revision } = added[i] as DerivedRevision;
      return [
        { bigint: ids[i] as string },
        { int16: revision.codec },
        { int32: revision.dictionary === null ? null : (dictionaryIds[revision.dictionary] ?? null) },
        { bytes: revision.input },
        { bytes: revision.result },
      ];
    }),
    true,
  );
  return metas;
}

function insertConflicts(db: StatementQueue, officeId: number, bundleId: number, conflicting: DerivedRevision[], dictionaryIds: (number | null)[]): void {
  for (const part of chunks(conflicting, ROWS_PER_STATEMENT)) {
    const revision = (derived: DerivedRevision): BundleRevision => derived.revision;
    void db.query(
      `INSERT INTO revision_conflicts (office_id, local_id, content_sha256, bundle_id, case_no, revision, saved_at_text, codec, dictionary_id, input, result)
       SELECT $1, * FROM unnest($2::bigint[], $3::bytea[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::smallint[], $9::int[], $10::bytea[], $11::bytea[])
       ON CONFLICT (office_id, local_id, content_sha256) DO NOTHING`,
      [
        officeId,
        part.map((d) => revision(d).id),
        part.map((d) => Buffer.from(d.contentSha256, 'hex')),
        part.map(() => bundleId),
        part.map((d) => revision(d).caseNo),
        part.map((d) => revision(d).revision),
        part.map((d) => revision(d).savedAt),
        part.map((d) => revision(d).codec),
        part.map((d) => (revision(d).dictionary === null ? null : dictionaryIds[revision(d).dictionary as number])),
        part.map((d) => revision(d).input),
        part.map((d) => revision(d).result),
      ],
    );
  }
}

async function storeDictionaries(db: StatementQueue, dictionaries: readonly Buffer[]): Promise<(number | null)[]> {
  if (dictionaries.length === 0) return [];
  const { createHash } = await import('node:crypto');
  const hashes = dictionaries.map((bytes) => createHash('sha256').update(bytes).digest());
  await db.query('INSERT INTO dictionaries (sha256, bytes) SELECT * FROM unnest($1::bytea[], $2::bytea[]) ON CONFLICT (sha256) DO NOTHING', [hashes, [...dictionaries]]);
  const rows = await db.query<{ id: number; sha256: Buffer }>('SELECT id, sha256 FROM dictionaries WHERE sha256 = ANY($1::bytea[])', [hashes]);
  const byHash = new Map(rows.rows.map((row) => [row.sha256.toString('hex'), row.id]));
  return hashes.map((hash) => byHash.get(hash.toString('hex')) ?? null);
}

/**
 * Reads a bundle's revisions (in the worker threads of `derive` when given, else here in slices) and
 * keeps each office id once; a revision the office's codec cannot read, or one id twice with other
 * content, refuses the bundle whole.
 */
export async function readRevisions(bundle: Bundle, derive?: DerivePool): Promise<Result<DerivedRevision[]>> {
  let derived: DerivedRevision[];
  try {
    derived = await (derive ? derive.derive(bundle.revisions, bundle.dictionaries) : inMainThread(bundle.revisions, bundle.dictionaries, 0));
  } catch (error) {
    if (!(error instanceof DeriveFailure)) throw error;
    return fail('上报包中有无法解读的修订记录，整包未导入；请在乡镇重新导出或发送', 'file');
  }
  // one bundle lists an id once; a repeated id with other content inside one bundle is a damaged office database
  const byId = new Map<number, DerivedRevision>();
  for (const item of derived) {
    const seen = byId.get(item.revision.id);
    if (seen && seen.contentSha256 !== item.contentSha256) return fail(`上报包中修订 ${item.revision.id} 出现两次且内容不同，整包未导入`, 'file');
    byId.set(item.revision.id, item);
  }
  return ok([...byId.values()]);
}

/**
 * The writes of one bundle, inside a transaction that already holds IMPORT_LOCK: the revisions not
 * held yet, conflicts apart, and the derived tables moved by the difference (caseState.ts). Every
 * statement is queued on `db`; the caller awaits db.settled() before COMMIT. `firstLoad`: the derived
 * tables' index work is deferred to the end of a first load (firstLoad.ts).
 */
export async function writeBundle(db: StatementQueue, officeId: number, bundle: Bundle, via: 'network' | 'file', unique: DerivedRevision[], firstLoad?: FirstLoadTables): Promise<ImportOutcome> {
  const held = await db.query<{ local_id: string; content_sha256: Buffer }>('SELECT local_id, content_sha256 FROM revisions WHERE office_id = $1 AND local_id = ANY($2::bigint[])', [
    officeId,
    unique.map((item) => item.revision.id),
  ]);
  const heldHash = new Map(held.rows.map((row) => [Number(row.local_id), row.content_sha256.toString('hex')]));
  const added = unique.filter((item) => !heldHash.has(item.revision.id));
  const conflicting = unique.filter((item) => heldHash.has(item.revision.id) && heldHash.get(item.revision.id) !== item.contentSha256);
  const caseNos = [...new Set(added.map((item) => item.revision.caseNo))];
  const current = readCurrentCases(db, officeId, caseNos);
  current.catch(() => undefined);

  const bundleRow = await db.query<{ id: string }>(
    `INSERT INTO bundles (office_id, sha256, via, created_at, revisions, added, conflicts) VALUES ($1, decode($2, 'hex'), $3, $4, $5, $6, $7) RETURNING id`,
    [officeId, bundle.sha256, via, bundle.header.createdAt, unique.length, added.length, conflicting.length],
  );
  const bundleId = Number(bundleRow.rows[0]?.id);
  const dictionaryIds = await storeDictionaries(db, bundle.dictionaries);
  const fresh = await insertRevisions(db, officeId, bundleId, added, dictionaryIds);
  insertConflicts(db, officeId, bundleId, conflicting, dictionaryIds);
  const casesChanged = await refreshCases(db, officeId, caseNos, fresh, current, firstLoad);
  const conflictIds = new Set(conflicting.map((item) => item.revision.id));
  return {
    bundleId,
    officeId,
    revisions: unique.length,
    added: added.length,
    accepted: unique.filter((item) => !conflictIds.has(item.revision.id)).map((item) => item.revision.id),
    conflicts: [...conflictIds],
    casesChanged,
  };
}

/**
 * Imports a bundle already checked by readBundle (signed by a registered office). Decoding happens
 * before the transaction — in the worker threads of `options.derive` when given (derivePool.ts), else
 * here in slices; a revision the office's codec cannot read refuses the bundle whole.
 */
export async function importBundle(pool: Pool, officeId: number, bundle: Bundle, via: 'network' | 'file', options: { derive?: DerivePool } = {}): Promise<Result<ImportOutcome>> {
  // While this bundle is decoded, the statements of an import holding the lock (an office sending at
  // the same time) go on; PostgreSQL is another process, so the cores share the work.
  const read = await readRevisions(bundle, options.derive);
  if (!read.ok) return read;

  const client = await pool.connect();
  // Statements are queued without waiting for each (statementQueue.ts), so PostgreSQL writes while Node
  // formats what follows; all are finished before COMMIT, and the first failure rolls the bundle back.
  const db = new StatementQueue(client);
  try {
    await db.query('BEGIN');
    await db.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const outcome = await writeBundle(db, officeId, bundle, via, read.value);
    await db.settled();
    await client.query('COMMIT');
    return ok(outcome);
  } catch (error) {
    await db.settled().catch(() => undefined);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
