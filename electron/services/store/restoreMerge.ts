/**
 * 恢复不丢已确认的案卷: the database a restore sets aside holds every revision saved after the backup
 * was taken. Revisions are append-only and their ids unique in the folder (numberFloors.ts), so the
 * union by revision id is safe: each revision of the set-aside file that the restored one lacks is
 * checked (its checksum and its place in its case's chain) and copied in with the same id, case
 * number, stored bytes and checksum — a number on a handout keeps opening the same family. What
 * cannot be merged (damaged, or a case or chain that does not line up with the backup's) stays in the
 * set-aside file and is listed. Prints of merged or restored revisions come along too.
 *
 * Works on the restored candidate with the set-aside database ATTACHed as `aside`, inside the
 * caller's transaction.
 */
import { formatCaseNumber } from './caseNumber';
import type { Db } from './db';
import { SCHEMA_VERSION } from './migrations';
import { decodeDocument, type StoredDocuments } from './revisionCodec';
import { sameChecksum } from './revisionChecksum';
import { reindexCases, type RevisionKind } from './searchIndex';
import type { CaseRevisionRow } from './rows';
import { decodeVerified } from './verifiedRevision';

export const ASIDE = 'aside';

export interface MergedRevision {
  caseNo: string;
  revision: number;
  kind: RevisionKind;
  savedAt: string;
  operator: string;
  /** 户主 as saved (the first member's name) */
  headName: string;
}

export interface UnmergedRevision {
  caseNo: string;
  revision: number;
  reason: string;
}

export interface MergeOutcome {
  /** the merged revisions, oldest first (the first LISTED; mergedCount counts them all) */
  merged: MergedRevision[];
  mergedCount: number;
  unmerged: UnmergedRevision[];
  unmergedCount: number;
  prints: number;
}

/** How many merged or unmerged revisions the report names (the counts cover all). */
export const LISTED = 500;

interface AsideRow extends CaseRevisionRow {
  created_at: string;
  /** the restored file's checksum for the same revision id, when it has one */
  main_checksum: unknown;
  main_has: number | null;
}

/** Reads the set-aside file's dictionaries by id (its ids differ from the restored file's). */
class AsideDictionaries {
  private readonly byId = new Map<number, Buffer>();
  constructor(private readonly db: Db) {}

  get(id: number): Buffer {
    let bytes = this.byId.get(id);
    if (!bytes) {
      const row = this.db.prepare(`SELECT bytes FROM ${ASIDE}.dictionaries WHERE id = ?`).get(id) as { bytes: Buffer } | undefined;
      if (!row) throw new Error(`compression dictionary ${id} is missing`);
      this.byId.set(id, (bytes = row.bytes));
    }
    return bytes;
  }

  decode(stored: StoredDocuments): { inputJson: string; resultJson: string } {
    const dictionary = stored.dictionary_id === null ? null : this.get(stored.dictionary_id);
    return { inputJson: decodeDocument(stored.input, stored.codec, dictionary), resultJson: decodeDocument(stored.result, stored.codec, dictionary) };
  }
}

/** The set-aside file can be merged from: our database at the current schema version. */
export function asideIsMergeable(db: Db): boolean {
  const version = db.prepare(`SELECT user_version FROM ${ASIDE}.pragma_user_version`).get() as { user_version: number } | undefined;
  return version?.user_version === SCHEMA_VERSION;
}

function headName(inputJson: string): string {
  try {
    const members = (JSON.parse(inputJson) as { members?: { name?: unknown }[] }).members;
    const name = Array.isArray(members) ? members[0]?.name : undefined;
    return typeof name === 'string' ? name.slice(0, 40) : '';
  } catch {
    return '';
  }
}

export function mergeSetAside(db: Db): MergeOutcome {
  const outcome: MergeOutcome = { merged: [], mergedCount: 0, unmerged: [], unmergedCount: 0, prints: 0 };
  const dictionaries = new AsideDictionaries(db);
  const refuse = (caseNo: string, revision: number, reason: string) => {
    outcome.unmergedCount += 1;
    if (outcome.unmerged.length < LISTED) outcome.unmerged.push({ caseNo, revision, reason });
  };
  // in batches by id: the set-aside file may hold many revisions the backup lacks
  const batch = db.prepare(
      `SELECT a.id, a.case_id, a.revision, a.kind, a.saved_at, a.operator, a.pack_id, a.pack_version, a.void_reason,
              a.codec, a.dictionary_id, a.input, a.result, a.checksum, a.steps_omitted, c.year, c.sequence, c.created_at,
              m.checksum AS main_checksum, m.id AS main_has
       FROM ${ASIDE}.revisions a JOIN ${ASIDE}.cases c ON c.id = a.case_id
       LEFT JOIN main.revisions m ON m.id = a.id
       WHERE a.id > ? AND (m.id IS NULL OR m.checksum IS NOT a.checksum)
       ORDER BY a.id LIMIT 500`,
    );
  const asidePrevious = db.prepare(`SELECT checksum FROM ${ASIDE}.revisions WHERE case_id = ? AND revision = ?`);
  const caseById = db.prepare('SELECT year, sequence FROM main.cases WHERE id = ?');
  const caseByNumber = db.prepare('SELECT id FROM main.cases WHERE year = ? AND sequence = ?');
  const insertCase = db.prepare('INSERT INTO main.cases (id, year, sequence, created_at) VALUES (?, ?, ?, ?)');
  const latestInMain = db.prepare('SELECT revision, checksum FROM main.revisions WHERE case_id = ? ORDER BY revision DESC LIMIT 1');
  const sameDictionary = db.prepare('SELECT id FROM main.dictionaries WHERE bytes = ? ORDER BY id LIMIT 1');
  const insertDictionary = db.prepare(`INSERT INTO main.dictionaries (pack_id, pack_version, created_at, bytes) SELECT pack_id, pack_version, created_at, bytes FROM ${ASIDE}.dictionaries WHERE id = ?`);
  const insertRevision = db.prepare(
    `INSERT INTO main.revisions (id, case_id, revision, kind, saved_at, operator, pack_id, pack_version, void_reason, codec, dictionary_id, input, result, checksum, steps_omitted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const dictionaryIds = new Map<number, number>();
  const touched = new Set<number>();

  let after = 0;
  for (;;) {
    const rows = batch.all(after) as AsideRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.id;
      const caseNo = formatCaseNumber(row.year, row.sequence);
      if (row.main_has !== null) {
        refuse(caseNo, row.revision, '恢复的备份中同一修订编号是另一份内容');
        continue;
      }
      const previousRow = row.revision === 1 ? null : (asidePrevious.get(row.case_id, row.revision - 1) as { checksum: unknown } | undefined);
      const previous = row.revision === 1 ? null : previousRow && Buffer.isBuffer(previousRow.checksum) ? previousRow.checksum : undefined;
      const checked = decodeVerified((stored) => dictionaries.decode(stored), row, caseNo, previous);
      if (!checked.ok) {
        refuse(caseNo, row.revision, '此版本数据已损坏（校验值不符）');
        continue;
      }
      // the case: the same id and number in both files, or new to the restored one
      const existing = caseById.get(row.case_id) as { year: number; sequence: number } | undefined;
      if (existing && (existing.year !== row.year || existing.sequence !== row.sequence)) {
        refuse(caseNo, row.revision, '案卷的内部编号在恢复的备份中属于另一个案卷');
        continue;
      }
      if (!existing && caseByNumber.get(row.year, row.sequence)) {
        refuse(caseNo, row.revision, '恢复的备份中此案卷编号属于另一户');
        continue;
      }
      // its place in the chain: right after the case's latest revision in the restored file
      const latest = latestInMain.get(row.case_id) as { revision: number; checksum: unknown } | undefined;
      const fits =
        row.revision === 1
          ? latest === undefined
          : latest !== undefined && latest.revision === row.revision - 1 && Buffer.isBuffer(previous) && sameChecksum(latest.checksum, previous);
      if (!fits) {
        refuse(caseNo, row.revision, '与恢复的备份中此案卷的修订衔接不上');
        continue;
      }
      if (!existing) insertCase.run(row.case_id, row.year, row.sequence, row.created_at);
      let dictionaryId: number | null = null;
      if (row.dictionary_id !== null) {
        dictionaryId = dictionaryIds.get(row.dictionary_id) ?? null;
        if (dictionaryId === null) {
          const same = sameDictionary.get(dictionaries.get(row.dictionary_id)) as { id: number } | undefined;
          dictionaryId = same ? same.id : Number(insertDictionary.run(row.dictionary_id).lastInsertRowid);
          dictionaryIds.set(row.dictionary_id, dictionaryId);
        }
      }
      insertRevision.run(
        row.id,
        row.case_id,
        row.revision,
        row.kind,
        row.saved_at,
        row.operator,
        row.pack_id,
        row.pack_version,
        row.void_reason,
        row.codec,
        dictionaryId,
        row.input,
        row.result,
        row.checksum,
        row.steps_omitted,
      );
      touched.add(row.case_id);
      outcome.mergedCount += 1;
      if (outcome.merged.length < LISTED) {
        outcome.merged.push({ caseNo, revision: row.revision, kind: row.kind, savedAt: row.saved_at, operator: row.operator, headName: headName(checked.inputJson) });
      }
    }
  }

  // prints recorded in the set-aside file of revisions the restored file now holds
  outcome.prints = db
    .prepare(
      `INSERT INTO main.print_log (revision_id, document, operator, printed_at)
       SELECT p.revision_id, p.document, p.operator, p.printed_at FROM ${ASIDE}.print_log p
       WHERE EXISTS (SELECT 1 FROM main.revisions r JOIN ${ASIDE}.revisions a ON a.id = r.id WHERE r.id = p.revision_id AND r.checksum = a.checksum)
         AND NOT EXISTS (SELECT 1 FROM main.print_log q WHERE q.revision_id = p.revision_id AND q.document = p.document AND q.operator = p.operator AND q.printed_at = p.printed_at)
       ORDER BY p.id`,
    )
    .run().changes;
  reindexCases(db, touched);
  return outcome;
}
