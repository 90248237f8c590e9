import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/services/store/index';
import { computedCase, openTestStore, removeTempDirs, tempDataDir, TestClock, validId } from './fixtures/storeTestKit';
import { householdFactory } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

function mustSave(store: Store, request: unknown) {
  const saved = store.cases.save(request);
  if (!saved.ok) throw new Error(saved.errors.map((error) => error.message).join('; '));
  return saved.value;
}

describe('append-only case history', () => {
  it('reads every save back exactly, including after the compression dictionary is made', () => {
    const dir = tempDataDir();
    const store = openTestStore(dir);
    const factory = householdFactory(3, 12);
    const saved: { caseNo: string; body: ReturnType<typeof factory.next> }[] = [];
    // the first results are deflated plainly, later ones with the dictionary learnt from them
    for (let i = 0; i < 40; i++) {
      const body = factory.next();
      saved.push({ caseNo: mustSave(store, body).caseNo, body });
    }
    for (const { caseNo, body } of saved) {
      const record = store.cases.get({ caseNo });
      expect(record.ok).toBe(true);
      if (!record.ok) continue;
      expect(record.value.input).toEqual(body.input);
      expect(record.value.result).toEqual(body.result);
      expect(JSON.stringify(record.value.input)).toBe(JSON.stringify(body.input));
      expect(record.value.packId).toBe(body.packId);
      expect(record.value.packVersion).toBe(body.packVersion);
    }
    store.close();
    const db = new Database(join(dir, 'huimin.sqlite3'), { readonly: true });
    const codecs = db.prepare('SELECT codec, count(*) AS n FROM revisions GROUP BY codec ORDER BY codec').all();
    db.close();
    expect(codecs).toEqual([
      { codec: 1, n: 15 },
      { codec: 2, n: 25 },
    ]);
  });

  it('numbers cases by year, orders revisions, keeps every revision readable', () => {
    const clock = new TestClock(new Date(2025, 11, 31, 16, 0, 0).getTime());
    const store = openTestStore(tempDataDir(), { now: clock.now });
    const first = computedCase({ members: [{ name: '张三', relation: 'head' }] });
    const a = mustSave(store, first);
    clock.advance();
    const b = mustSave(store, computedCase({ members: [{ name: '李四' }] }));
    expect([a.caseNo, b.caseNo]).toEqual(['2025-000001', '2025-000002']);
    clock.advance(24 * 3600 * 1000); // into 2026: the sequence starts again
    const c = mustSave(store, computedCase({ members: [{ name: '王五' }] }));
    expect(c.caseNo).toBe('2026-000001');

    const second = computedCase({ members: [{ name: '张三', relation: 'head' }, { name: '李秀英', relation: 'spouse' }] });
    const edited = mustSave(store, { caseNo: a.caseNo, ...second, operator: '赵主任' });
    expect(edited).toMatchObject({ caseNo: a.caseNo, revision: 2, kind: 'save', operator: '赵主任' });
    expect(edited.savedAt).toMatch(/^2026-01-01T\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);

    const history = store.cases.history({ caseNo: a.caseNo });
    expect(history.ok && history.value.map((revision) => [revision.revision, revision.kind, revision.operator, revision.totalAnnual])).toEqual([
      [1, 'save', '李经办', first.result.totals.annual],
      [2, 'save', '赵主任', second.result.totals.annual],
    ]);
    const latest = store.cases.get({ caseNo: a.caseNo });
    const original = store.cases.get({ caseNo: a.caseNo, revision: 1 });
    expect(latest.ok && latest.value.input).toEqual(second.input);
    expect(original.ok && original.value.input).toEqual(first.input);
    expect(latest.ok && [latest.value.revision, latest.value.latestRevision, latest.value.voided]).toEqual([2, 2, false]);
    expect(store.cases.get({ caseNo: a.caseNo, revision: 3 })).toMatchObject({ ok: false, errors: [{ path: 'revision' }] });
    store.close();
  });

  it('voids with a reason as a new revision, keeps the history, refuses a second void, and can be saved again', () => {
    const clock = new TestClock();
    const store = openTestStore(tempDataDir(), { now: clock.now });
    const body = computedCase({ members: [{ name: '张三' }] });
    const { caseNo } = mustSave(store, body);
    clock.advance();
    expect(store.cases.void({ caseNo, reason: '   ' })).toMatchObject({ ok: false, errors: [{ path: 'reason' }] });
    const voided = store.cases.void({ caseNo, reason: '重复录入' });
    expect(voided).toMatchObject({ ok: true, value: { caseNo, revision: 2, kind: 'void' } });
    expect(store.cases.void({ caseNo, reason: '再次作废' })).toMatchObject({ ok: false });

    const history = store.cases.history({ caseNo });
    expect(history.ok && history.value.map((revision) => [revision.kind, revision.reason])).toEqual([
      ['save', null],
      ['void', '重复录入'],
    ]);
    const record = store.cases.get({ caseNo });
    expect(record.ok && record.value).toMatchObject({ kind: 'void', voided: true, reason: '重复录入' });
    expect(record.ok && record.value.input).toEqual(body.input); // the void carries the case as it was

    clock.advance();
    const restored = mustSave(store, { caseNo, ...body });
    expect(restored.revision).toBe(3);
    const again = store.cases.get({ caseNo });
    expect(again.ok && again.value.voided).toBe(false);
    store.close();
  });

  it('records a recalculation as its own kind of revision', () => {
    const store = openTestStore(tempDataDir());
    const { caseNo } = mustSave(store, computedCase({ members: [{ name: '张三' }] }));
    const recalculated = mustSave(store, { caseNo, kind: 'recalc', ...computedCase({ members: [{ name: '张三' }], asOf: '2025-06-01' }) });
    expect(recalculated.kind).toBe('recalc');
    store.close();
  });

  it('refuses a save over a revision the operator has not seen', () => {
    const store = openTestStore(tempDataDir());
    const body = computedCase({ members: [{ name: '张三' }] });
    const { caseNo } = mustSave(store, body);
    mustSave(store, { caseNo, expectedRevision: 1, ...body });
    const stale = store.cases.save({ caseNo, expectedRevision: 1, ...body });
    expect(stale).toMatchObject({ ok: false, errors: [{ path: 'expectedRevision' }] });
    expect(!stale.ok && stale.errors[0]?.message).toContain('第2版');
    store.close();
  });

  it('answers a missing case, a missing operator and a result of another pack in Chinese', () => {
    const store = openTestStore(tempDataDir(), {}, '');
    const body = computedCase({ members: [{ name: '张三' }] });
    const noOperator = store.cases.save(body);
    expect(noOperator).toMatchObject({ ok: false, errors: [{ path: 'operator' }] });
    expect(!noOperator.ok && noOperator.errors[0]?.message).toContain('经办人');
    expect(store.cases.save({ ...body, operator: '张经办', packVersion: '1999.1' })).toMatchObject({ ok: false, errors: [{ path: 'packVersion' }] });
    expect(store.cases.get({ caseNo: '2026-009999' })).toMatchObject({ ok: false, errors: [{ message: '找不到案卷 2026-009999', path: 'caseNo' }] });
    expect(store.cases.save({ caseNo: '2026-009999', ...body, operator: '张经办' })).toMatchObject({ ok: false, errors: [{ path: 'caseNo' }] });
    expect(store.cases.get({ caseNo: '123' })).toMatchObject({ ok: false, errors: [{ path: 'caseNo' }] });
    store.close();
  });

  it('lets the database itself refuse UPDATE and DELETE of saved history', () => {
    const dir = tempDataDir();
    const store = openTestStore(dir);
    mustSave(store, computedCase({ members: [{ name: '张三' }] }));
    store.close();
    const db = new Database(join(dir, 'huimin.sqlite3'));
    expect(() => db.prepare("UPDATE revisions SET operator = 'x'").run()).toThrow(/只能追加/);
    expect(() => db.prepare('DELETE FROM revisions').run()).toThrow(/只能追加/);
    expect(() => db.prepare('DELETE FROM cases').run()).toThrow(/只能追加/);
    expect(() => db.prepare("UPDATE cases SET created_at = 'x'").run()).toThrow(/只能追加/);
    db.close();
  });

  it('has no UPDATE or DELETE of saved history anywhere in the store code', () => {
    const folder = join(__dirname, '../../../electron/services/store');
    const history = /\b(UPDATE|DELETE\s+FROM|REPLACE\s+INTO|INSERT\s+OR\s+REPLACE\s+INTO)\s+(revisions|cases|print_log|dictionaries)\b/gi;
    // the one exception: a revision written before checksums existed gets its checksum once (revisionAudit.ts)
    const sealing = "UPDATE revisions SET checksum = ? WHERE id = ?";
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(folder, file), 'utf8');
      const found = [...source.matchAll(history)].map((match) => source.slice(match.index, match.index + sealing.length));
      expect(found, file).toEqual(file === 'revisionAudit.ts' ? [sealing] : []);
    }
  });

  it('lets the database fill a missing checksum once, and nothing else', () => {
    const dir = tempDataDir();
    const store = openTestStore(dir);
    mustSave(store, computedCase({ members: [{ name: '张三' }] }));
    store.close();
    const db = new Database(join(dir, 'huimin.sqlite3'));
    expect(() => db.prepare('UPDATE revisions SET checksum = randomblob(32)').run()).toThrow(/只能追加/);
    expect(() => db.prepare('UPDATE revisions SET checksum = NULL').run()).toThrow(/只能追加/);
    expect(() => db.prepare("INSERT INTO revisions (case_id, revision, kind, saved_at, operator, pack_id, pack_version, input, result) SELECT case_id, 2, kind, saved_at, operator, pack_id, pack_version, input, result FROM revisions").run()).toThrow(/缺少校验值/);
    db.close();
  });

  it('keeps ID numbers as given (upper-cased only in the index)', () => {
    const store = openTestStore(tempDataDir());
    const id = validId('41132319930501123');
    const body = computedCase({ members: [{ name: '张三', idNumber: id }] });
    const { caseNo } = mustSave(store, body);
    const record = store.cases.get({ caseNo });
    expect(record.ok && (record.value.input as { members: { idNumber: string }[] }).members[0]?.idNumber).toBe(id);
    store.close();
  });
});
