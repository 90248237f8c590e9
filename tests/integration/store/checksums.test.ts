/**
 * 修订校验值 under the damage a USB stick does: single-bit flips inside stored revisions — in the
 * compressed documents (codec 1 plain deflate, codec 2 deflate with a dictionary), in uncompressed JSON
 * text (codec 0, as version 1–2 files stored it), in the dictionary itself and in every other column.
 * Each flip is made in the file behind the store's back (the append-only triggers set aside for it),
 * then the revision is read through the store. A read must give back exactly what was saved, or say
 * "此版本数据已损坏" with the case number: zero altered revisions may read back as valid data.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/services/store/index';
import { SCHEMA_FIXTURES } from './fixtures/schemaVersions';
import { openTestStore, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';
import { householdFactory, random } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

interface Outcome {
  flips: number;
  /** read back exactly as saved (the flip hit a bit the codec ignores) */
  same: number;
  /** refused as damaged, naming the case */
  detected: number;
  /** read back as valid but different: must stay 0 */
  altered: number;
}

/** A connection that may alter history: the triggers that forbid it are dropped (and put back by `done`). */
function tamperer(path: string) {
  const db = new Database(path);
  const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('revisions', 'dictionaries', 'cases')").all() as { name: string; sql: string }[];
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  return {
    db,
    done() {
      for (const trigger of triggers) db.exec(trigger.sql);
      db.close();
    },
  };
}

function flipBit(value: Buffer | string, bit: number): Buffer | string {
  const bytes = Buffer.from(value as Buffer);
  bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
  return typeof value === 'string' ? bytes.toString('utf8') : bytes;
}

/** Reads a revision through the store (by the number it now carries) and sorts the outcome. */
function judge(store: Store, caseNo: string, revision: number, original: unknown, outcome: Outcome): void {
  outcome.flips += 1;
  const read = store.cases.get({ caseNo, revision });
  if (!read.ok) {
    expect(read.errors[0]?.message).toContain('此版本数据已损坏');
    expect(read.errors[0]?.message).toContain(caseNo);
    outcome.detected += 1;
    return;
  }
  const { input, result, operator, savedAt, kind, packVersion } = read.value;
  if (JSON.stringify({ input, result, operator, savedAt, kind, packVersion }) === JSON.stringify(original)) outcome.same += 1;
  else outcome.altered += 1;
}

function snapshot(store: Store, caseNo: string, revision: number): unknown {
  const read = store.cases.get({ caseNo, revision });
  if (!read.ok) throw new Error(read.errors[0]?.message);
  const { input, result, operator, savedAt, kind, packVersion } = read.value;
  return { input, result, operator, savedAt, kind, packVersion };
}

/** Flips `count` bits spread over one column of one revision, one at a time, reading after each. */
function flipColumn(store: Store, path: string, target: { id: number; caseNo: string; revision: number }, column: string, count: number, rand: () => number, outcome: Outcome): void {
  const original = snapshot(store, target.caseNo, target.revision);
  const { db, done } = tamperer(path);
  try {
    const stored = (db.prepare(`SELECT ${column} AS value FROM revisions WHERE id = ?`).get(target.id) as { value: Buffer | string | number | null }).value;
    if (stored === null) return;
    const write = db.prepare(`UPDATE revisions SET ${column} = ? WHERE id = ?`);
    // a flip the table's own constraints refuse (CHECK, UNIQUE) never reaches a reader
    const tryWrite = (value: unknown) => {
      try {
        write.run(value, target.id);
        return true;
      } catch {
        return false;
      }
    };
    if (typeof stored === 'number') {
      for (let bit = 0; bit < Math.min(count, 16); bit++) {
        const flipped = stored ^ (1 << bit);
        // revision 0 cannot be asked for (the data check walks the table and reports it)
        if ((column === 'revision' && flipped < 1) || !tryWrite(flipped)) continue;
        judge(store, target.caseNo, column === 'revision' ? flipped : target.revision, original, outcome);
        write.run(stored, target.id);
      }
      return;
    }
    const bits = Buffer.byteLength(stored as string) * 8;
    for (let i = 0; i < count; i++) {
      if (!tryWrite(flipBit(stored, Math.floor(rand() * bits)))) continue;
      judge(store, target.caseNo, target.revision, original, outcome);
      write.run(stored, target.id);
    }
  } finally {
    done();
  }
}

function revisionsOf(path: string): { id: number; caseNo: string; revision: number; codec: number }[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT r.id, printf('%d-%06d', c.year, c.sequence) AS caseNo, r.revision, r.codec FROM revisions r JOIN cases c ON c.id = r.case_id ORDER BY r.id")
        .all() as { id: number; caseNo: string; revision: number; codec: number }[]
    );
  } finally {
    db.close();
  }
}

describe('revision checksums against damage', () => {
  it('reads no revision with a flipped bit back as valid data: compressed codecs, every column, the dictionary', { timeout: 120_000 }, () => {
    const dir = tempDataDir();
    const path = join(dir, 'huimin.sqlite3');
    const store = openTestStore(dir);
    const factory = householdFactory(14, 10);
    const saved: string[] = [];
    // enough saves for the pack's dictionary to be made: later revisions are codec 2
    for (let i = 0; i < 24; i++) {
      const made = store.cases.save(factory.next());
      if (!made.ok) throw new Error(made.errors[0]?.message);
      saved.push(made.value.caseNo);
    }
    expect(store.cases.save({ caseNo: saved[20] as string, ...factory.next() }).ok).toBe(true);
    expect(store.cases.void({ caseNo: saved[21] as string, reason: '重复录入' }).ok).toBe(true);
    const rows = revisionsOf(path);
    const plain = rows.filter((row) => row.codec === 1).slice(0, 2);
    const withDictionary = rows.filter((row) => row.codec === 2).slice(-3);
    expect(plain).toHaveLength(2);
    expect(withDictionary).toHaveLength(3);

    const rand = random(5856);
    const documents: Outcome = { flips: 0, same: 0, detected: 0, altered: 0 };
    for (const target of [...plain, ...withDictionary]) {
      for (const column of ['input', 'result']) flipColumn(store, path, target, column, 300, rand, documents);
    }
    const columns: Outcome = { flips: 0, same: 0, detected: 0, altered: 0 };
    for (const target of [plain[0], withDictionary[2]] as typeof plain) {
      for (const column of ['operator', 'saved_at', 'kind', 'pack_id', 'pack_version', 'void_reason', 'checksum']) flipColumn(store, path, target, column, 40, rand, columns);
      for (const column of ['codec', 'dictionary_id', 'revision']) flipColumn(store, path, target, column, 16, rand, columns);
    }

    // the dictionary the newest revisions were compressed with
    const dictionary: Outcome = { flips: 0, same: 0, detected: 0, altered: 0 };
    const victim = withDictionary[2] as (typeof rows)[number];
    const original = snapshot(store, victim.caseNo, victim.revision);
    const { db, done } = tamperer(path);
    const { id, bytes } = db.prepare('SELECT id, bytes FROM dictionaries ORDER BY id DESC LIMIT 1').get() as { id: number; bytes: Buffer };
    const write = db.prepare('UPDATE dictionaries SET bytes = ? WHERE id = ?');
    for (let i = 0; i < 300; i++) {
      write.run(flipBit(bytes, Math.floor(rand() * bytes.length * 8)), id);
      // a store caches dictionaries per file: a fresh one reads the flipped bytes
      const fresh = openTestStore(dir, { readOnly: { reason: '测试', holder: null } }, '');
      judge(fresh, victim.caseNo, victim.revision, original, dictionary);
      fresh.close();
      write.run(bytes, id);
    }
    done();

    console.log('bit flips in stored revisions', { documents, columns, dictionary });
    for (const outcome of [documents, columns, dictionary]) {
      expect(outcome.altered).toBe(0);
      expect(outcome.same + outcome.detected).toBe(outcome.flips);
    }
    expect(documents.flips).toBe(3000);
    expect(documents.detected).toBeGreaterThan(2900);
    expect(columns.detected).toBeGreaterThan(columns.flips * 0.9);
    store.close();
  });

  it('reads no flipped bit back as valid data in uncompressed revisions (codec 0, upgraded from version 2)', { timeout: 60_000 }, () => {
    const dir = tempDataDir();
    const path = join(dir, 'huimin.sqlite3');
    (SCHEMA_FIXTURES[2] as (path: string) => unknown)(path);
    const store = openTestStore(dir);
    expect(store.opened.sealed).toBe(5);
    const rows = revisionsOf(path).filter((row) => row.codec === 0);
    expect(rows.length).toBe(5);
    const outcome: Outcome = { flips: 0, same: 0, detected: 0, altered: 0 };
    const rand = random(2);
    for (const target of rows) for (const column of ['input', 'result']) flipColumn(store, path, target, column, 150, rand, outcome);
    console.log('bit flips in uncompressed revisions', outcome);
    expect(outcome.altered).toBe(0);
    // JSON text has no bits to spare: every flip changes what the revision says
    expect(outcome.detected).toBe(outcome.flips);
    store.close();
  });

  it('names a damaged revision in the history, the data check and the index, and will not void or recompute it', async () => {
    const dir = tempDataDir();
    const path = join(dir, 'huimin.sqlite3');
    const store = openTestStore(dir);
    const factory = householdFactory(8, 4);
    const first = store.cases.save(factory.next());
    const second = store.cases.save(factory.next());
    if (!first.ok || !second.ok) throw new Error('save');
    expect(store.cases.save({ caseNo: first.value.caseNo, ...factory.next() }).ok).toBe(true);
    const rows = revisionsOf(path).filter((row) => row.caseNo === first.value.caseNo);
    // the latest revision of the first case gets one flipped bit in its result
    const { db, done } = tamperer(path);
    const latest = rows[1] as (typeof rows)[number];
    const stored = (db.prepare('SELECT result FROM revisions WHERE id = ?').get(latest.id) as { result: Buffer }).result;
    db.prepare('UPDATE revisions SET result = ? WHERE id = ?').run(flipBit(stored, 200), latest.id);
    done();

    const read = store.cases.get({ caseNo: first.value.caseNo });
    expect(read).toMatchObject({ ok: false, errors: [{ path: 'revision' }] });
    expect(!read.ok && read.errors[0]?.message).toContain(`案卷 ${first.value.caseNo} 第2版：此版本数据已损坏`);
    // the earlier revision is intact and still opens
    expect(store.cases.get({ caseNo: first.value.caseNo, revision: 1 }).ok).toBe(true);
    const history = store.cases.history({ caseNo: first.value.caseNo });
    expect(history.ok && history.value.map((revision) => [revision.revision, revision.damaged ?? false, revision.totalAnnual === ''])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);
    const voided = store.cases.void({ caseNo: first.value.caseNo, reason: '测试作废' });
    expect(!voided.ok && voided.errors[0]?.message).toContain('此版本数据已损坏');
    const latestBatch = store.batch.latest({ afterCaseRowId: 0, limit: 10 });
    expect(!latestBatch.ok && latestBatch.errors[0]?.message).toContain(first.value.caseNo);

    const checked = await store.check();
    expect(checked.ok && checked.value).toMatchObject({ fileCheck: 'ok', cases: 2, revisions: 3, damagedCount: 1, damaged: [{ caseNo: first.value.caseNo, revision: 2 }], reindexed: 2 });
    expect(checked.ok && checked.value.indexedFromOlder).toEqual([`${first.value.caseNo} 第2版`]);
    // the index now holds the first case from its intact revision: it is still found, with the amounts that revision showed
    const found = store.search.search({ caseNo: first.value.caseNo });
    expect(found.ok && found.value.items.map((item) => item.revision)).toEqual([1]);
    store.close();
  });
});
