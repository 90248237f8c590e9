/**
 * 重新测算 stores its results without the explanation steps (schema 7, revisions.steps_omitted;
 * electron/services/store/omittedSteps.ts). Opening such a revision computes the steps again from its
 * stored input and the pack it names, and shows them only when that result without its steps is the
 * stored one byte for byte; otherwise the stored result with a Chinese note, and 数据检查 lists it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RecalcJob } from '../../../electron/services/packs/recalcJob';
import type { Store } from '../../../electron/services/store';
import { auditRevisions } from '../../../electron/services/store/revisionAudit';
import { ok } from '../../../shared/errors';
import type { Pack } from '../../../shared/packs/loadPack';
import type { CalcResult } from '../../../shared/result/types';
import { pack as shipped } from '../../support/calc';
import { builtPack, dibaoDraft } from '../../support/packDrafts';
import { SCHEMA_FIXTURES } from '../store/fixtures/schemaVersions';
import { integrityOf, openTestStore, removeTempDirs, tempDataDir } from '../store/fixtures/storeTestKit';
import { compute, fillStore } from './recalcFixture';

afterEach(removeTempDirs);

// the new year's pack of the tests: 城市低保标准 720 元/月 from 2027-01-01 (宛民〔2026〕99号 第二条)
const { pack: newPack } = builtPack(dibaoDraft({ rural: '480', urban: '720' }));
const lookup = (...packs: Pack[]) => (id: string, version: string) => packs.find((pack) => pack.meta.id === id && pack.meta.version === version) ?? null;
const allPacks = lookup(shipped, newPack);

/** One urban 低保 household of one person with 433 元 a month, assessed in 2027. */
const HOUSEHOLD = {
  asOf: '2027-03-10',
  household: { area: 'urban', status: 'dibao', monthlyIncome: 433, township: '石桥镇', village: '王庄村' },
  members: [{ id: 'm1', name: '孙明白', birthDate: '1972-04-16' }],
};

function latest(store: Store, caseNo: string, revision?: number) {
  const got = store.cases.get(revision === undefined ? { caseNo } : { caseNo, revision });
  if (!got.ok) throw new Error(JSON.stringify(got.errors));
  return got.value;
}

/** The revision's stored row: its mark and its result as stored (inflated), read past the store. */
function storedRow(path: string, caseNo: string, revision: number): { stepsOmitted: number; result: CalcResult } {
  const db = new Database(path, { readonly: true });
  try {
    const [year, sequence] = caseNo.split('-').map(Number);
    const row = db
      .prepare(
        `SELECT r.steps_omitted, r.codec, r.result, d.bytes AS dictionary FROM revisions r JOIN cases c ON c.id = r.case_id
         LEFT JOIN dictionaries d ON d.id = r.dictionary_id WHERE c.year = ? AND c.sequence = ? AND r.revision = ?`,
      )
      .get(year, sequence, revision) as { steps_omitted: number; codec: number; result: Buffer | string; dictionary: Buffer | null };
    const json =
      row.codec === 0 ? String(row.result) : inflateRawSync(row.result as Buffer, row.dictionary ? { dictionary: row.dictionary } : {}).toString('utf8');
    return { stepsOmitted: row.steps_omitted, result: JSON.parse(json) as CalcResult };
  } finally {
    db.close();
  }
}

async function recalculate(store: Store, pack: Pack = newPack, workers = 0) {
  const status = await new RecalcJob(() => ok(store), { pack, asOf: null, operator: '县级管理员' }, { workers, waitForWorkers: true }).done;
  expect(status.state).toBe('done');
  return status;
}

function saveHousehold(store: Store): string {
  const result = compute(HOUSEHOLD);
  const saved = store.cases.save({ input: HOUSEHOLD, result, packId: result.policy.id, packVersion: result.policy.version });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return saved.value.caseNo;
}

describe('a recalculated revision stored without its steps', () => {
  it('stores the result without steps, and opened shows the full computation to the fen with its clause', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor: allPacks });
    const caseNo = saveHousehold(store);
    await recalculate(store);

    const now = latest(store, caseNo);
    expect(now.kind).toBe('recalc');
    expect(now.revision).toBe(2);
    expect(now.stepsNote).toBeNull();
    // exactly what a full computation of the stored input under the new pack gives, steps included
    expect(now.result).toEqual(compute(now.input, newPack));
    // 低保补差 =（城市低保标准 − 家庭月人均收入）× 家庭人数 = (720 − 433) × 1 = 287.00 元/月; × 12 = 3,444.00 元 a year
    const allowance = now.result.benefits.find((benefit) => benefit.code === 'dibao.allowance');
    expect(allowance?.monthly).toBe('287.00');
    expect(allowance?.annual).toBe('3444.00');
    expect(allowance?.steps).toContain('低保补差 =（城市低保标准 − 家庭月人均收入）× 家庭人数 = 720.00 元 × 1 − 433.00 元 = 287.00 元/月');
    expect(allowance?.steps).toContain('全年 287.00 元 × 12 = 3,444.00 元');
    expect(allowance?.basis).toContainEqual(expect.objectContaining({ doc: '宛民〔2026〕99号《关于提高2027年城乡最低生活保障标准的通知》', clause: '第二条', param: 'dibao.standard.urban' }));
    expect(now.result.screening.dibao.steps.length).toBeGreaterThan(0);

    // as stored: marked, every step empty, the amounts and the basis kept
    const stored = storedRow(store.databasePath, caseNo, 2);
    expect(stored.stepsOmitted).toBe(1);
    expect(stored.result.benefits.every((benefit) => benefit.steps.length === 0)).toBe(true);
    expect(stored.result.screening.dibao.steps).toEqual([]);
    expect(stored.result.benefits.find((benefit) => benefit.code === 'dibao.allowance')?.annual).toBe('3444.00');
    expect(stored.result.totals).toEqual(now.result.totals);
    expect(storedRow(store.databasePath, caseNo, 1).stepsOmitted).toBe(0);
    // the history's total is the stored one
    const history = store.cases.history({ caseNo });
    expect(history.ok && history.value[1]?.totalAnnual).toBe(now.result.totals.annual);

    // a 作废 of it carries the same stored result and mark, and reads back whole too
    const voided = store.cases.void({ caseNo, reason: '迁出本县' });
    expect(voided.ok).toBe(true);
    expect(storedRow(store.databasePath, caseNo, 3).stepsOmitted).toBe(1);
    const voidRevision = latest(store, caseNo, 3);
    expect(voidRevision.stepsNote).toBeNull();
    expect(voidRevision.result).toEqual(now.result);

    // computed again with the same pack: nothing it shows changed, so nothing is written
    const second = await recalculate(store);
    expect(second.written).toBe(0);
    store.close();
  });

  it('a second recalculation on stored-without-steps revisions compares them without steps (unchanged ones are not written again)', async () => {
    const store = openTestStore(tempDataDir(), { packFor: allPacks });
    const numbers = fillStore(store, 30);
    const first = await recalculate(store, newPack, 2);
    expect(first.written).toBeGreaterThan(0);
    const again = await recalculate(store, newPack, 2);
    expect(again.written).toBe(0);
    expect(again.unchanged).toBe(first.recomputed);
    for (const caseNo of numbers) {
      const record = latest(store, caseNo);
      expect(record.stepsNote).toBeNull();
      if (record.kind === 'recalc') expect(record.result).toEqual(compute(record.input, newPack));
    }
    store.close();
  });

  it('a result stored whole, computed on another date with the same amounts and wording, is unchanged (its steps compared too)', async () => {
    const store = openTestStore(tempDataDir(), { packFor: allPacks });
    // saved at the desk under the new pack, before its new standard (2027-01-01) and its review date: stored whole
    const input = { ...HOUSEHOLD, asOf: '2026-06-10' };
    const result = compute(input, newPack);
    const saved = store.cases.save({ input, result, packId: result.policy.id, packVersion: result.policy.version });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    // a day later nothing it shows differs (only the policy block's date): no new revision
    const nextDay = await new RecalcJob(() => ok(store), { pack: newPack, asOf: '2026-06-11', operator: '县级管理员' }, { workers: 0 }).done;
    expect(nextDay.unchanged).toBe(1);
    expect(nextDay.written).toBe(0);
    // under the new standard: (720 − 433) × 1 = 287.00 元/月, other amounts, so a recalc revision
    const later = await new RecalcJob(() => ok(store), { pack: newPack, asOf: '2027-03-10', operator: '县级管理员' }, { workers: 0 }).done;
    expect(later.written).toBe(1);
    const now = latest(store, saved.value.caseNo);
    expect(now.result).toEqual(compute(now.input, newPack));
    expect(now.result.benefits.find((benefit) => benefit.code === 'dibao.allowance')?.monthly).toBe('287.00');
    store.close();
  });

  it('a result stored whole whose steps alone differ from the recomputation (same amounts, same result without steps) is changed', async () => {
    const store = openTestStore(tempDataDir(), { packFor: allPacks });
    // saved at the desk under the new pack with one step worded otherwise (an older wording of the rule)
    const input = { ...HOUSEHOLD, asOf: '2026-06-10' };
    const computed = compute(input, newPack);
    const reworded = { ...computed, benefits: computed.benefits.map((benefit, i) => (i === 0 ? { ...benefit, steps: benefit.steps.map((step) => `按旧表述：${step}`) } : benefit)) };
    expect(reworded.benefits[0]?.steps.length).toBeGreaterThan(0);
    const saved = store.cases.save({ input, result: reworded, packId: computed.policy.id, packVersion: computed.policy.version });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    // a day later the amounts and everything but the steps are the same: the steps decide, and they differ
    const nextDay = await new RecalcJob(() => ok(store), { pack: newPack, asOf: '2026-06-11', operator: '县级管理员' }, { workers: 0 }).done;
    expect(nextDay.unchanged).toBe(0);
    expect(nextDay.written).toBe(1);
    const now = latest(store, saved.value.caseNo);
    expect(now.kind).toBe('recalc');
    expect(now.stepsNote).toBeNull();
    expect(now.result).toEqual(compute(now.input, newPack));
    expect(now.result.benefits[0]?.steps).toEqual(computed.benefits[0]?.steps);
    store.close();
  });

  it('without the pack it names: the stored result with the Chinese note, and 数据检查 lists it', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor: allPacks });
    const caseNo = saveHousehold(store);
    await recalculate(store);
    const full = latest(store, caseNo).result;
    const clean = await store.check();
    expect(clean.ok && clean.value.stepsUnavailableCount).toBe(0);
    expect(clean.ok && clean.value.stepsRestored).toBe(1);
    store.close();

    // the office no longer has 2027.1 (only the shipped pack)
    const without = openTestStore(dir, { packFor: lookup(shipped) });
    const shown = latest(without, caseNo);
    expect(shown.stepsNote).toContain('明细无法重现');
    expect(shown.stepsNote).toContain(`${newPack.meta.id} 2027.1`);
    // the amounts as stored (and checked), without steps
    expect(shown.result.totals).toEqual(full.totals);
    expect(shown.result.benefits.map((benefit) => [benefit.code, benefit.annual])).toEqual(full.benefits.map((benefit) => [benefit.code, benefit.annual]));
    expect(shown.result.benefits.every((benefit) => benefit.steps.length === 0)).toBe(true);
    // the first revision (a save, stored whole) is unaffected
    expect(latest(without, caseNo, 1).stepsNote).toBeNull();
    const report = await without.check();
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.damagedCount).toBe(0);
    expect(report.value.stepsUnavailableCount).toBe(1);
    expect(report.value.stepsUnavailable[0]).toMatchObject({ caseNo, revision: 2 });
    expect(report.value.stepsUnavailable[0]?.reason).toContain('本机已没有这个参数包');
    without.close();
  });

  it('a pack of the same version giving another result: the stored result with a note, never the other steps', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor: allPacks });
    const caseNo = saveHousehold(store);
    await recalculate(store);
    store.close();
    // a "2027.1" whose 城市低保标准 is 730: its steps would explain amounts that were never stored
    const { pack: impostor } = builtPack(dibaoDraft({ rural: '480', urban: '730' }));
    const other = openTestStore(dir, { packFor: lookup(shipped, impostor) });
    const shown = latest(other, caseNo);
    expect(shown.stepsNote).toContain('不一致');
    expect(shown.result.benefits.find((benefit) => benefit.code === 'dibao.allowance')?.annual).toBe('3444.00');
    expect(shown.result.benefits.every((benefit) => benefit.steps.length === 0)).toBe(true);
    const report = await other.check();
    expect(report.ok && report.value.stepsUnavailable.map((item) => item.caseNo)).toEqual([caseNo]);
    other.close();
  });

  it('数据检查 in one pass: a damaged recalculated revision is damaged only, the others are listed in case order', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor: allPacks });
    const caseNos = [saveHousehold(store), saveHousehold(store), saveHousehold(store)];
    await recalculate(store);
    const path = store.databasePath;
    store.close();
    // one byte of the middle case's recalculated result changed on disk: its checksum no longer holds
    const raw = new Database(path);
    raw.exec('DROP TRIGGER revisions_no_update');
    const [year, sequence] = caseNos[1]!.split('-').map(Number);
    const target = raw
      .prepare('SELECT r.id, r.result FROM revisions r JOIN cases c ON c.id = r.case_id WHERE c.year = ? AND c.sequence = ? AND r.revision = 2')
      .get(year, sequence) as { id: number; result: Buffer };
    const damaged = Buffer.from(target.result);
    const last = damaged.length - 1;
    damaged.writeUInt8(damaged.readUInt8(last) ^ 0x01, last);
    raw.prepare('UPDATE revisions SET result = ? WHERE id = ?').run(damaged, target.id);
    raw.close();

    // the office has a "2027.1" giving 730 for 城市低保标准: the intact recalculated revisions differ from it
    const { pack: impostor } = builtPack(dibaoDraft({ rural: '480', urban: '730' }));
    const other = openTestStore(dir, { packFor: lookup(shipped, impostor) });
    const report = await other.check();
    other.close();
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.revisions).toBe(6);
    expect(report.value.damaged.map((item) => [item.caseNo, item.revision])).toEqual([[caseNos[1], 2]]);
    // the damaged one is the audit's finding, never also "steps unavailable"; the two intact ones are, in case order
    expect(report.value.stepsUnavailable.map((item) => [item.caseNo, item.revision])).toEqual([
      [caseNos[0], 2],
      [caseNos[2], 2],
    ]);
    expect(report.value.stepsUnavailableCount).toBe(2);
    expect(report.value.stepsRestored).toBe(0);
    expect(report.value.stepsUnavailable[0]?.reason).toContain('不一致');
  });

  it('a restore merges a recalculated revision back with its mark, and its steps come back', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor: allPacks, durability: 'normal' });
    const caseNo = saveHousehold(store);
    const backup = await store.backups.backupNow();
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    await recalculate(store);
    const before = latest(store, caseNo);
    const restored = await store.backups.restore({ fileName: backup.value.fileName });
    if (!restored.ok) throw new Error(restored.errors[0]?.message);
    expect(restored.value.merge?.merged.map((revision) => [revision.caseNo, revision.revision, revision.kind])).toEqual([[caseNo, 2, 'recalc']]);
    expect(storedRow(store.databasePath, caseNo, 2).stepsOmitted).toBe(1);
    const after = latest(store, caseNo);
    expect(after.stepsNote).toBeNull();
    expect(after.result).toEqual(before.result);
    store.close();
  });

  it('an old folder (schema 6, codec 1, results with steps) opens unchanged, and a recalculation on it marks only its own revisions', async () => {
    const dir = tempDataDir();
    const cases = SCHEMA_FIXTURES[6]!(join(dir, 'huimin.sqlite3'));
    const store = openTestStore(dir, { packFor: allPacks });
    for (const fixture of cases) {
      const record = latest(store, fixture.caseNo);
      expect(record.stepsNote).toBeNull();
      expect(record.result).toEqual(fixture.result);
      expect(storedRow(store.databasePath, fixture.caseNo, record.revision).stepsOmitted).toBe(0);
    }
    const db = new Database(store.databasePath, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM revisions WHERE steps_omitted <> 0').get() as { n: number }).n).toBe(0);
    db.close();
    store.close();
  });
});

const KILL_LOOP = join(__dirname, 'fixtures/recalcUntilKilled.ts');
const ROOT = join(__dirname, '../../..');

/** Runs the recalculation in a child process and kills it with SIGKILL after its `afterBatches`-th progress report. */
function recalcUntilKilled(dir: string, afterBatches: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', KILL_LOOP, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const reports = out.split('\n').filter((line) => line.startsWith('progress ')).length;
      if (!killed && reports >= afterBatches) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`recalculation ended by itself (code ${code}): ${stderr}`));
      else resolve(out.split('\n').filter((line) => line.startsWith('progress ')).length);
    });
  });
}

describe('a recalculation killed part-way', () => {
  it('leaves every case with its old latest revision or one whole recalc revision whose steps come back', { timeout: 180_000 }, async () => {
    const dir = tempDataDir();
    const filling = openTestStore(dir, { packFor: allPacks });
    const numbers = fillStore(filling, 80);
    const before = new Map(numbers.map((caseNo) => [caseNo, latest(filling, caseNo)]));
    filling.close();

    const reports = await recalcUntilKilled(dir, 3);
    expect(reports).toBeGreaterThanOrEqual(3);
    expect(integrityOf(join(dir, 'huimin.sqlite3'))).toBe('ok');

    const store = openTestStore(dir, { packFor: allPacks });
    let recalculated = 0;
    let untouched = 0;
    for (const caseNo of numbers) {
      const old = before.get(caseNo)!;
      const now = latest(store, caseNo);
      if (now.revision === old.revision) {
        untouched += 1;
        expect(now.result).toEqual(old.result);
        continue;
      }
      // one new revision, whole: marked, readable, its steps given back exactly
      expect(now.revision).toBe(old.revision + 1);
      expect(now.kind).toBe('recalc');
      expect(now.stepsNote).toBeNull();
      expect(storedRow(store.databasePath, caseNo, now.revision).stepsOmitted).toBe(1);
      expect(now.result).toEqual(compute(now.input, newPack));
      recalculated += 1;
    }
    // killed after some batches were written and before the last
    expect(recalculated).toBeGreaterThan(0);
    expect(untouched).toBeGreaterThan(0);
    const db = new Database(store.databasePath, { readonly: true });
    const audit = await auditRevisions(db);
    db.close();
    expect(audit.damagedCount).toBe(0);

    // running it again finishes the rest
    const rest = await recalculate(store);
    expect(rest.written).toBeGreaterThan(0);
    for (const caseNo of numbers) expect(latest(store, caseNo).stepsNote).toBeNull();
    store.close();
  });
});
