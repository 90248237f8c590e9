/**
 * The store's several-saves-in-one-transaction (a roster import's write): all or none, the import's
 * own record inside the same transaction, the number high-water marks told only once it committed,
 * and a compression dictionary made on the way never rolled back under revisions that name it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readNumberMarks, NUMBERS_FILE_NAME } from '../../../electron/services/store/numberMarks';
import type { RosterBatch } from '../../../electron/services/store/rosterRecords';
import { computedCase, openTestStore, removeTempDirs, tempDataDir, TestClock, validId } from '../store/fixtures/storeTestKit';

afterEach(removeTempDirs);

const household = (n: number) =>
  computedCase({ members: [{ name: `户主${n}`, relation: 'head', idNumber: validId(`41132319700101${String(n * 2 + 1).padStart(3, '0')}`) }], village: '王庄村' });

const record = (caseNos: string[]): RosterBatch => ({
  id: `b${caseNos.length}`,
  fileName: '名册.xlsx',
  sheetName: '表1',
  importedAt: '2026-03-05T09:00:00+08:00',
  operator: '李经办',
  packId: 'henan-nanyang',
  packVersion: 'x',
  created: caseNos.length,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  caseNos,
  villages: ['王庄村'],
});

describe('saveAll: a roster import\'s write', () => {
  it('all or none: one stale update rolls back the new cases, the record and the numbers; the dictionary made meanwhile still reads', async () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const store = openTestStore(dir, { now: clock.now, durability: 'normal' });
    const first = store.cases.save(household(0));
    if (!first.ok) throw new Error(first.errors[0]?.message);
    store.cases.save({ ...household(0), caseNo: first.value.caseNo });
    const marksBefore = readNumberMarks(join(dir, NUMBERS_FILE_NAME));
    // twenty new households (the pack's compression dictionary is made at the 16th) and an update of a case read at revision 1
    const requests: unknown[] = Array.from({ length: 20 }, (_, i) => household(i + 1));
    requests.push({ ...household(0), caseNo: first.value.caseNo, expectedRevision: 1 });
    const refused = await store.roster.importBatch(requests, (saved) => record(saved.map((s) => s.caseNo)));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]).toEqual({ message: `案卷 ${first.value.caseNo} 已有更新的修订（第2版，您打开的是第1版），请重新打开后再保存`, path: '[20].expectedRevision' });
    expect(store.batch.countCases()).toEqual({ ok: true, value: 1 });
    expect(store.roster.batches()).toEqual({ ok: true, value: [] });
    expect(readNumberMarks(join(dir, NUMBERS_FILE_NAME))).toEqual(marksBefore);

    // the same twenty again, without the stale one: in, recorded, and every one reads back through its checksum
    const saved = await store.roster.importBatch(requests.slice(0, 20), (written) => record(written.map((s) => s.caseNo)));
    if (!saved.ok) throw new Error(saved.errors[0]?.message);
    expect(saved.value.saved.map((s) => s.caseNo)).toEqual(Array.from({ length: 20 }, (_, i) => `2026-${String(i + 2).padStart(6, '0')}`));
    for (const { caseNo } of saved.value.saved) expect(store.cases.get({ caseNo }).ok, caseNo).toBe(true);
    expect(store.roster.batches().ok && store.roster.batches()).toMatchObject({ value: [{ caseNos: saved.value.saved.map((s) => s.caseNo) }] });
    expect(readNumberMarks(join(dir, NUMBERS_FILE_NAME))).toMatchObject({ sequences: { 2026: 21 } });
    store.close();
    // and after reopening
    const again = openTestStore(dir, { now: clock.now, durability: 'normal' });
    for (const { caseNo } of saved.value.saved) expect(again.cases.get({ caseNo }).ok, caseNo).toBe(true);
    again.close();
  });
});
