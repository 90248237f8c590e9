/**
 * 恢复 loses no confirmed case and reissues no number: the revisions saved after the backup are merged
 * back from the database it sets aside (same revision ids, same case numbers, verified by checksum),
 * two restores in the same second keep both set-aside files, and the next case number and revision id
 * are above everything the folder ever issued — even when the database is replaced behind the app's
 * back or the file set aside cannot be read.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, restoreDataFolder, type Store } from '../../../electron/services/store/index';
import { withoutManifest } from '../../support/backupFiles';
import { integrityOf, openTestStore, removeTempDirs, tempDataDir, TestClock } from './fixtures/storeTestKit';
import { householdFactory } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

function save(store: Store, request: unknown): { caseNo: string; revision: number } {
  const saved = store.cases.save(request);
  if (!saved.ok) throw new Error(saved.errors.map((error) => error.message).join('; '));
  return saved.value;
}

/** Every revision of a database file: id → [case number, revision, checksum hex]. */
function revisionsIn(path: string): Map<number, string> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT r.id, printf('%d-%06d', c.year, c.sequence) AS caseNo, r.revision, hex(r.checksum) AS checksum FROM revisions r JOIN cases c ON c.id = r.case_id")
      .all() as { id: number; caseNo: string; revision: number; checksum: string }[];
    return new Map(rows.map((row) => [row.id, `${row.caseNo} ${row.revision} ${row.checksum}`]));
  } finally {
    db.close();
  }
}

describe('restore merges what was saved after the backup', { timeout: 60_000 }, () => {
  it('keeps every revision of the set-aside file with its id, case number and checksum, prints included', async () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const store = openTestStore(dir, { now: clock.now, durability: 'normal' });
    const factory = householdFactory(31, 6);
    const early = [save(store, factory.next()), save(store, factory.next()), save(store, factory.next())];
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    clock.advance(60_000);
    // after the backup: a new case, a new revision of an old one, a void, a print
    const fresh = save(store, factory.next());
    const edited = save(store, { caseNo: early[0]?.caseNo, ...factory.next() });
    expect(store.cases.void({ caseNo: early[1]?.caseNo as string, reason: '重复录入' }).ok).toBe(true);
    expect(store.prints.record({ caseNo: fresh.caseNo, document: 'sheet' }).ok).toBe(true);
    const live = revisionsIn(join(dir, 'huimin.sqlite3'));

    clock.advance(60_000);
    const restored = await store.backups.restore({ fileName: backup.value.fileName });
    if (!restored.ok) throw new Error(restored.errors[0]?.message);
    expect(restored.value.merge).toMatchObject({ mergedCount: 3, unmergedCount: 0, prints: 1 });
    expect(restored.value.merge?.merged.map((revision) => [revision.caseNo, revision.revision, revision.kind])).toEqual([
      [fresh.caseNo, 1, 'save'],
      [edited.caseNo, 2, 'save'],
      [early[1]?.caseNo, 2, 'void'],
    ]);
    // the live file holds every revision the set-aside file holds, under the same ids and checksums
    const after = revisionsIn(join(dir, 'huimin.sqlite3'));
    for (const [id, revision] of live) expect(after.get(id), `revision id ${id}`).toBe(revision);
    expect(revisionsIn(restored.value.keptAside as string)).toEqual(live);
    expect(store.prints.list({ caseNo: fresh.caseNo })).toMatchObject({ ok: true, value: [{ revision: 1, document: 'sheet' }] });
    expect(store.search.search({ voided: 'only' })).toMatchObject({ ok: true, value: { total: 1 } });
    const checked = await store.check();
    expect(checked.ok && checked.value.damagedCount).toBe(0);
    store.close();
    expect(integrityOf(join(dir, 'huimin.sqlite3'))).toBe('ok');
  });

  it('two restores in the same second keep both set-aside files and lose nothing', async () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const store = openTestStore(dir, { now: clock.now, durability: 'normal' });
    const factory = householdFactory(32, 4);
    save(store, factory.next());
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    const first = save(store, factory.next());
    const one = await store.backups.restore({ fileName: backup.value.fileName });
    const second = save(store, factory.next());
    // the clock has not moved: the same second
    const two = await store.backups.restore({ fileName: backup.value.fileName });
    if (!one.ok || !two.ok) throw new Error('restore');
    expect(one.value.keptAside).not.toBe(two.value.keptAside);
    expect(existsSync(one.value.keptAside as string) && existsSync(two.value.keptAside as string)).toBe(true);
    expect(two.value.keptAside).toMatch(/replaced-\d{4}-\d{2}-\d{2}-\d{6}-2$/);
    for (const { caseNo } of [first, second]) expect(store.cases.get({ caseNo }).ok, caseNo).toBe(true);
    // and the numbers go on: the third case after the backup gets the next number
    const third = save(store, factory.next());
    expect(third.caseNo.slice(-6)).toBe('000004');
    store.close();
  });

  it('merges nothing damaged: a revision that fails its checksum, and those after it, stay in the set-aside file and are listed', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { durability: 'normal' });
    const factory = householdFactory(33, 4);
    const kept = save(store, factory.next());
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    const good = save(store, factory.next());
    const bad = save(store, factory.next());
    const later = save(store, { caseNo: bad.caseNo, ...factory.next() });
    store.close();
    // a flipped bit in the second new case's first revision (behind the app's back)
    const db = new Database(join(dir, 'huimin.sqlite3'));
    db.exec('DROP TRIGGER revisions_no_update');
    const row = db.prepare("SELECT r.id, r.operator FROM revisions r JOIN cases c ON c.id = r.case_id WHERE printf('%d-%06d', c.year, c.sequence) = ? AND r.revision = 1").get(bad.caseNo) as { id: number; operator: string };
    db.prepare('UPDATE revisions SET operator = ? WHERE id = ?').run(`${row.operator}x`, row.id);
    db.close();

    const reopened = openTestStore(dir, { durability: 'normal' });
    const restored = await reopened.backups.restore({ fileName: backup.value.fileName });
    if (!restored.ok) throw new Error(restored.errors[0]?.message);
    expect(restored.value.merge?.merged.map((revision) => revision.caseNo)).toEqual([good.caseNo]);
    expect(restored.value.merge?.unmerged).toEqual([
      { caseNo: bad.caseNo, revision: 1, reason: '此版本数据已损坏（校验值不符）' },
      { caseNo: later.caseNo, revision: 2, reason: '与恢复的备份中此案卷的修订衔接不上' },
    ]);
    expect(reopened.cases.get({ caseNo: kept.caseNo }).ok).toBe(true);
    expect(reopened.cases.get({ caseNo: bad.caseNo }).ok).toBe(false);
    // the damaged case's number is not given to anyone else
    const next = save(reopened, factory.next());
    expect(next.caseNo.slice(-6)).toBe('000004');
    reopened.close();
  });
});

describe('numbers never go back', { timeout: 60_000 }, () => {
  it('after the database is replaced by an older copy behind the app’s back, no case number or revision id is issued twice', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { durability: 'normal' });
    const factory = householdFactory(34, 4);
    for (let i = 0; i < 3; i++) save(store, factory.next());
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    const issued = [save(store, factory.next()), save(store, factory.next())];
    const revisionsBefore = revisionsIn(join(dir, 'huimin.sqlite3'));
    store.close();
    // someone copies the backup over the live database by hand: no set-aside file, no restore
    const live = join(dir, 'huimin.sqlite3');
    copyFileSync(backup.value.path, live);
    withoutManifest(live);

    const reopened = openTestStore(dir, { durability: 'normal' });
    expect(reopened.opened.notes.join('')).toContain('不会重复');
    const next = save(reopened, factory.next());
    expect(next.caseNo.slice(-6)).toBe('000006');
    for (const { caseNo } of issued) expect(reopened.cases.get({ caseNo }).ok).toBe(false); // lost with the overwritten file, but never reissued
    const after = revisionsIn(live);
    const highestBefore = Math.max(...revisionsBefore.keys());
    expect(Math.max(...after.keys())).toBe(highestBefore + 1);
    reopened.close();
  });

  it('restoring a folder whose database cannot be read goes on above the numbers the folder issued', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { durability: 'normal' });
    const factory = householdFactory(35, 4);
    save(store, factory.next());
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    for (let i = 0; i < 4; i++) save(store, factory.next());
    store.close();
    const live = join(dir, 'huimin.sqlite3');
    const bytes = readFileSync(live);
    bytes.fill(0x5a, 0, 100);
    writeFileSync(live, bytes);
    expect(openStore(dir).ok).toBe(false);

    const restored = await restoreDataFolder(dir, { file: backup.value.path });
    if (!restored.ok) throw new Error(restored.errors[0]?.message);
    expect(restored.value.mergeProblem).toContain('原数据库');
    expect(restored.value.issued.sequences[String(new Date().getFullYear())]).toBe(5);
    const reopened = openTestStore(dir, { durability: 'normal' });
    expect(save(reopened, factory.next()).caseNo.slice(-6)).toBe('000006');
    expect(readdirSync(dir).filter((name) => name.includes('.replaced-'))).toHaveLength(1);
    reopened.close();
  });
});
