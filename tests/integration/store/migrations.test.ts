import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { openStore } from '../../../electron/services/store/index';
import { integrityOf, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';
import { SCHEMA_FIXTURES } from './fixtures/schemaVersions';
import { householdFactory } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** the folder's lock file (folderLock.ts) is there once a program has looked at the folder; it is never removed */
const notLock = (name: string) => name !== 'huimin.lock';

describe('schema migrations', () => {
  it('numbers its steps 1…n and has a fixture for every version', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(Object.keys(SCHEMA_FIXTURES).map(Number)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  for (const version of Object.keys(SCHEMA_FIXTURES).map(Number)) {
    it(`upgrades a version ${version} database to the latest, keeping every case`, async () => {
      const dir = tempDataDir();
      const path = join(dir, 'huimin.sqlite3');
      const cases = (SCHEMA_FIXTURES[version] as (path: string) => ReturnType<(typeof SCHEMA_FIXTURES)[1]>)(path);
      const opened = openStore(dir);
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      const store = opened.value;
      expect(store.opened.previousVersion).toBe(version);
      expect(store.opened.reindexed).toBe(3); // the three cases, indexed from their latest revisions
      // revisions written before checksums existed get theirs at the upgrade (all five), and the report says so
      expect(store.opened.sealed).toBe(version < 5 ? 5 : 0);
      if (version < SCHEMA_VERSION) {
        expect(store.opened.upgradeCopy && existsSync(store.opened.upgradeCopy)).toBe(true);
        expect(integrityOf(store.opened.upgradeCopy as string)).toBe('ok');
      } else {
        expect(store.opened.upgradeCopy).toBeNull();
      }
      for (const fixture of cases) {
        const record = store.cases.get({ caseNo: fixture.caseNo });
        expect(record.ok && record.value.input, fixture.caseNo).toEqual(fixture.input);
        expect(record.ok && record.value.result, fixture.caseNo).toEqual(fixture.result);
        const found = store.search.search({ text: fixture.name });
        expect(found.ok && found.value.items.map((item) => item.caseNo), fixture.name).toEqual([fixture.caseNo]);
      }
      expect(store.search.search({ voided: 'only' })).toMatchObject({ ok: true, value: { total: 1 } });
      expect(store.cases.history({ caseNo: '2024-000001' })).toMatchObject({ ok: true, value: [{ revision: 1, totalAnnual: '3600.00' }, { revision: 2, totalAnnual: '3600.00' }] });
      // every revision, sealed now or carried from version 5, passes the verification pass
      const checked = await store.check();
      expect(checked.ok && [checked.value.revisions, checked.value.damagedCount]).toEqual([5, 0]);
      if (version >= 2) expect(store.settings.get().operatorName).toBe('老经办');
      if (version >= 2) expect(store.prints.list({ caseNo: '2024-000001' })).toMatchObject({ ok: true, value: [{ revision: 1, document: 'sheet' }] });
      // the upgraded store goes on: numbering continues, new saves are compressed
      store.settings.set({ key: 'operatorName', value: '新经办' });
      const saved = store.cases.save(householdFactory(1, 4).next());
      expect(saved.ok).toBe(true);
      store.close();

      const db = new Database(path, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();

      // opening again changes nothing more
      const again = openStore(dir);
      expect(again.ok && [again.value.opened.previousVersion, again.value.opened.upgradeCopy, again.value.opened.reindexed, again.value.opened.sealed]).toEqual([
        SCHEMA_VERSION,
        null,
        null,
        0,
      ]);
      if (again.ok) again.value.close();
    });
  }

  it('runs each step in its own transaction: a failing step leaves the file at the step before', () => {
    const path = join(tempDataDir(), 'huimin.sqlite3');
    (SCHEMA_FIXTURES[1] as (path: string) => unknown)(path);
    const db = new Database(path);
    const broken = {
      version: 3,
      title: '会失败的一步',
      up(target: Database.Database) {
        target.exec('CREATE TABLE half_done (x)');
        throw new Error('磁盘已满');
      },
    };
    expect(() => migrate(db, [MIGRATIONS[0], MIGRATIONS[1], broken] as typeof MIGRATIONS)).toThrow('磁盘已满');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('settings', 'half_done')").all()).toEqual([{ name: 'settings' }]);
    db.close();
  });

  it('refuses a database from a newer version and leaves its bytes as they were', () => {
    const dir = tempDataDir();
    const path = join(dir, 'huimin.sqlite3');
    (SCHEMA_FIXTURES[SCHEMA_VERSION] as (path: string) => unknown)(path);
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha(path);
    const opened = openStore(dir);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.errors[0]?.message).toContain('更新版本');
    expect(!opened.ok && opened.errors[0]?.message).toContain('未做任何改动');
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).filter(notLock)).toEqual(['huimin.sqlite3']);
  });

  it('refuses a file that is not our database and leaves it as it was', () => {
    for (const make of [
      (path: string) => writeFileSync(path, '这不是数据库，是一份说明'.repeat(100)),
      (path: string) => {
        const other = new Database(path);
        other.exec('CREATE TABLE notes (text TEXT)');
        other.close();
      },
    ]) {
      const dir = tempDataDir();
      const path = join(dir, 'huimin.sqlite3');
      make(path);
      const before = sha(path);
      const opened = openStore(dir);
      expect(opened.ok).toBe(false);
      expect(!opened.ok && opened.errors[0]?.message).toContain('不是惠民政策测算台的数据库');
      expect(sha(path)).toBe(before);
      expect(readdirSync(dir).filter(notLock)).toEqual(['huimin.sqlite3']);
    }
  });

  it('rebuilds the search index when the code derives it differently (e.g. a new benefit code)', () => {
    const dir = tempDataDir();
    const first = openStore(dir);
    if (!first.ok) throw new Error(first.errors[0]?.message);
    first.value.settings.set({ key: 'operatorName', value: '经办' });
    const factory = householdFactory(2, 4);
    for (let i = 0; i < 3; i++) first.value.cases.save(factory.next());
    first.value.close();
    const db = new Database(join(dir, 'huimin.sqlite3'));
    db.prepare("UPDATE store_meta SET value = '1:an-older-layout' WHERE key = 'searchIndexVersion'").run();
    db.prepare('DELETE FROM search_terms').run();
    db.close();
    const again = openStore(dir);
    expect(again.ok && again.value.opened.reindexed).toBe(3);
    expect(again.ok && again.value.search.search({})).toMatchObject({ ok: true, value: { total: 3 } });
    if (again.ok) again.value.close();
  });

  it('creates a new database in an empty folder', () => {
    const opened = openStore(join(tempDataDir(), '新建', '数据'));
    expect(opened.ok && opened.value.opened).toEqual({ previousVersion: 0, schemaVersion: SCHEMA_VERSION, upgradeCopy: null, reindexed: 0, sealed: 0, notes: [] });
    if (opened.ok) opened.value.close();
  });
});
