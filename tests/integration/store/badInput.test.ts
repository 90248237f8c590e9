import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/services/store/index';
import { computedCase, openTestStore, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';

afterEach(removeTempDirs);

let dir: string;
let store: Store;
beforeEach(() => {
  dir = tempDataDir();
  store = openTestStore(dir);
});
afterEach(() => store.close());

const SQL_NAME = "'; DROP TABLE cases;--";

function tables(): string[] {
  const db = new Database(join(dir, 'huimin.sqlite3'), { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
  db.close();
  return names;
}

describe('bad input through the services', () => {
  it('stores SQL-looking names verbatim, finds them, and runs none of it', () => {
    const before = tables();
    const body = computedCase({
      members: [
        { name: SQL_NAME, relation: 'head' },
        { name: 'Robert"); DELETE FROM revisions; --' },
      ],
      township: "x' OR 1=1 --",
      village: '%_\\',
    });
    const saved = store.cases.save(body);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const record = store.cases.get({ caseNo: saved.value.caseNo });
    expect(record.ok && record.value.input).toEqual(body.input);
    expect(store.search.search({ text: SQL_NAME })).toMatchObject({ ok: true, value: { total: 1, items: [{ headName: SQL_NAME }] } });
    expect(store.search.search({ township: "x' OR 1=1 --" })).toMatchObject({ ok: true, value: { total: 1 } });
    expect(store.search.search({ village: '%_\\' })).toMatchObject({ ok: true, value: { total: 1 } });
    expect(store.search.search({ village: '%' })).toMatchObject({ ok: true, value: { total: 0 } });
    expect(store.cases.void({ caseNo: saved.value.caseNo, reason: "'); DELETE FROM revisions; --" }).ok).toBe(true);
    expect(store.prints.record({ caseNo: saved.value.caseNo, document: 'sheet', operator: "'; DROP TABLE x;--" }).ok).toBe(true);
    expect(tables()).toEqual(before);
    expect(store.cases.history({ caseNo: saved.value.caseNo })).toMatchObject({ ok: true, value: [{ kind: 'save' }, { kind: 'void', reason: "'); DELETE FROM revisions; --" }] });
  });

  it('rejects oversized strings with Chinese messages naming the field', () => {
    const long = computedCase({ members: [{ name: '张三' }] });
    (long.input.members as { name: string }[])[0]!.name = '张'.repeat(41);
    const refused = store.cases.save(long);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]).toMatchObject({ path: 'input.members[0].name' });
    expect(!refused.ok && refused.errors[0]?.message).toContain('不能超过40个字');

    const huge = computedCase({ members: [{ name: '张三' }] });
    (huge.input as { params: Record<string, string> }).params = { 'dibao.standard.rural': '4'.repeat(300_000) };
    const tooBig = store.cases.save(huge);
    expect(tooBig).toMatchObject({ ok: false });

    const body = computedCase({ members: [{ name: '张三' }] });
    expect(store.cases.save({ ...body, operator: '经'.repeat(21) })).toMatchObject({ ok: false, errors: [{ path: 'operator' }] });
    expect(store.cases.save({ ...body, packId: 'x'.repeat(61) })).toMatchObject({ ok: false, errors: [{ path: 'packId' }] });
    const saved = store.cases.save(body);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(store.cases.void({ caseNo: saved.value.caseNo, reason: '因'.repeat(201) })).toMatchObject({ ok: false, errors: [{ path: 'reason' }] });
    expect(store.search.search({ text: '张'.repeat(41) })).toMatchObject({ ok: false, errors: [{ path: 'text' }] });
    expect(store.search.search({ text: '张'.repeat(10_000) })).toMatchObject({ ok: false });
  });

  it('rejects wrong types and unknown fields', () => {
    const body = computedCase({ members: [{ name: '张三' }] });
    const cases: [unknown, string][] = [
      [null, ''],
      ['a string', ''],
      [{ ...body, input: { ...body.input, members: '张三' } }, 'input.members'],
      [{ ...body, input: { ...body.input, members: [] } }, 'input.members'],
      [{ ...body, input: { ...body.input, household: { ...(body.input.household as object), status: 'rich' } } }, 'input.household.status'],
      [{ ...body, input: { ...body.input, extra: 1 } }, 'input.extra'],
      [{ ...body, result: { ...body.result, totals: undefined } }, 'result.totals'],
      [{ ...body, result: { ...body.result, benefits: [{ ...body.result.benefits[0], annual: 12.5 }] } }, 'result.benefits[0].annual'],
      [{ ...body, packId: 7 }, 'packId'],
      [{ ...body, caseNo: 20260001 }, 'caseNo'],
      [{ ...body, kind: 'void' }, 'kind'],
      [{ ...body, surprise: true }, 'surprise'],
    ];
    for (const [request, path] of cases) {
      const result = store.cases.save(request);
      expect(result.ok, path).toBe(false);
      if (result.ok) continue;
      expect(result.errors.map((error) => error.path), JSON.stringify(request).slice(0, 80)).toContain(path);
      for (const error of result.errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(store.cases.get({ caseNo: { $gt: '' } })).toMatchObject({ ok: false });
    expect(store.cases.void({ caseNo: '2026-000001' })).toMatchObject({ ok: false, errors: [{ path: 'reason' }] });
    expect(store.search.search({ page: -1 })).toMatchObject({ ok: false, errors: [{ path: 'page' }] });
    expect(store.search.search({ benefitYear: '2026' })).toMatchObject({ ok: false, errors: [{ path: 'benefitYear' }] });
    expect(store.search.search('张三')).toMatchObject({ ok: false });
    expect(store.search.search(undefined)).toMatchObject({ ok: true });
    expect(store.search.search({})).toMatchObject({ ok: true, value: { total: 0 } });
  });
});
