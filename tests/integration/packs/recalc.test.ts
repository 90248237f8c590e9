/**
 * 重新测算 over a real store: the same amounts as computing each case fresh, old revisions untouched,
 * voided cases left alone, the change report to the fen, and a cancel part-way that leaves the store
 * consistent (and can be resumed).
 */
import { copyFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { auditRevisions } from '../../../electron/services/store/revisionAudit';
import { CODEC_DEFLATE_DICTIONARY, RECALC_DEFLATE_LEVEL, RECALC_INPUT_DICTIONARY_TAIL } from '../../../electron/services/store/revisionCodec';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildSearchIndex } from '../../../electron/services/store/searchIndex';
import { ok } from '../../../shared/errors';
import { Decimal, toFen, ZERO } from '../../../shared/money';
import type { RecalcStatus } from '../../../shared/api/packApi';
import { nextBatchSize } from '../../../electron/services/packs/recalcBatchSize';
import { RecalcJob, type BatchMeasure } from '../../../electron/services/packs/recalcJob';
import type { Store } from '../../../electron/services/store';
import { builtPack, dibaoDraft } from '../../support/packDrafts';
import { pack as shipped } from '../../support/calc';
import { integrityOf, openTestStore, removeTempDirs, tempDataDir } from '../store/fixtures/storeTestKit';
import { compute, fillStore, revisionRows, type RevisionRow } from './recalcFixture';

afterEach(removeTempDirs);

function indexTables(db: Database.Database) {
  return {
    cases: db.prepare('SELECT * FROM case_search ORDER BY case_id').all(),
    terms: db.prepare('SELECT * FROM search_terms ORDER BY term, updated_at, case_id').all(),
    places: db.prepare('SELECT * FROM places ORDER BY township, village').all(),
  };
}

function liveIndex(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return indexTables(db);
  } finally {
    db.close();
  }
}

/** The index a rebuild makes, on a copy of the file. */
function rebuiltIndex(path: string) {
  const copy = `${path}.rebuild`;
  copyFileSync(path, copy);
  const db = new Database(copy);
  try {
    db.transaction(() => rebuildSearchIndex(db))();
    return indexTables(db);
  } finally {
    db.close();
  }
}

/** The recalc revisions' stored result and the dictionary it names. */
function recalcCompression(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare("SELECT r.codec, r.input, r.result, d.bytes AS dictionary FROM revisions r JOIN dictionaries d ON d.id = r.dictionary_id WHERE r.kind = 'recalc' ORDER BY r.id")
      .all() as { codec: number; input: Buffer; result: Buffer; dictionary: Buffer }[];
  } finally {
    db.close();
  }
}

async function auditOf(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return await auditRevisions(db);
  } finally {
    db.close();
  }
}

const { pack: newPack } = builtPack(dibaoDraft({ rural: '480', urban: '720' }));
/** the office's packs: a recalc revision stored without its steps gets them back from the one it names */
const packFor = (id: string, version: string) => [shipped, newPack].find((pack) => pack.meta.id === id && pack.meta.version === version) ?? null;

function latestOf(store: Store, caseNo: string) {
  const got = store.cases.get({ caseNo });
  if (!got.ok) throw new Error(JSON.stringify(got.errors));
  return got.value;
}

const byCode = (result: { benefits: { code: string; annual: string }[] }) => {
  const map = new Map<string, Decimal>();
  for (const b of result.benefits) map.set(b.code, (map.get(b.code) ?? ZERO).plus(b.annual));
  return map;
};

// computed in worker threads (as the app does) and in the main thread (the fallback)
describe.each([2, 0])('recalculation of a mixed set (%i workers)', (workers) => {
  it('writes recalc revisions equal to a fresh computation, keeps old ones, and reports to the fen', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor });
    const numbers = fillStore(store, 60);
    const before = new Map(numbers.map((caseNo) => [caseNo, latestOf(store, caseNo)]));
    const rowsBefore = revisionRows(store.databasePath);

    const job = new RecalcJob(() => ok(store), { pack: newPack, asOf: null, operator: '县级管理员' }, { firstBatch: 7, sliceMs: 5, workers, waitForWorkers: true });
    const status = await job.done;
    expect(status.state).toBe('done');
    expect(status.processed).toBe(numbers.length);
    expect(status.voided).toBe(1);
    expect(status.failed).toBe(0);
    expect(status.recomputed).toBe(numbers.length - 1);
    expect(status.written + status.unchanged).toBe(status.recomputed);
    if (workers > 0) expect(job.computedInWorkers).toBeGreaterThan(numbers.length / 2);
    else expect(job.computedInWorkers).toBe(0);

    // old revisions are exactly as they were
    const rowsAfter = revisionRows(store.databasePath);
    expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
    expect(rowsAfter.slice(rowsBefore.length).every((row: RevisionRow) => row.kind === 'recalc')).toBe(true);
    expect(rowsAfter.length - rowsBefore.length).toBe(status.written);

    const benefitDelta = new Map<string, Decimal>();
    const villageDelta = new Map<string, Decimal>();
    let total = ZERO;
    let changed = 0;
    let unchangedCases = 0;
    for (const caseNo of numbers) {
      const old = before.get(caseNo)!;
      const now = latestOf(store, caseNo);
      if (old.voided) {
        expect(now.revision).toBe(old.revision);
        continue;
      }
      const fresh = compute({ ...(old.input as object), asOf: old.result.policy.asOf }, newPack);
      const { policy: _p1, ...freshRest } = fresh;
      const { policy: _p2, ...oldRest } = old.result;
      if (JSON.stringify(freshRest) === JSON.stringify(oldRest)) {
        // nothing it shows changed: no new revision
        expect(now.revision).toBe(old.revision);
        unchangedCases += 1;
        continue;
      }
      expect(now.kind).toBe('recalc');
      expect(now.revision).toBe(old.revision + 1);
      expect(now.operator).toBe('县级管理员');
      expect(now.packVersion).toBe('2027.1');
      // the same result as computing the stored input fresh, and the input kept with its date made explicit
      expect(now.result).toEqual(compute(now.input, newPack));
      expect({ ...(now.input as object), asOf: undefined }).toEqual({ ...(old.input as object), asOf: undefined });
      expect((now.input as { asOf: string }).asOf).toBe(old.result.policy.asOf);
      const a = byCode(old.result);
      const b = byCode(now.result);
      let caseChanged = false;
      for (const code of new Set([...a.keys(), ...b.keys()])) {
        const delta = (b.get(code) ?? ZERO).minus(a.get(code) ?? ZERO);
        if (!delta.isZero()) caseChanged = true;
        benefitDelta.set(code, (benefitDelta.get(code) ?? ZERO).plus(delta));
      }
      const { township, village } = (old.input as { household: { township: string; village: string } }).household;
      const caseDelta = new Decimal(now.result.totals.annual).minus(old.result.totals.annual);
      villageDelta.set(`${township}/${village}`, (villageDelta.get(`${township}/${village}`) ?? ZERO).plus(caseDelta));
      total = total.plus(caseDelta);
      if (caseChanged) changed += 1;
    }
    expect(unchangedCases).toBe(status.unchanged);
    expect(unchangedCases).toBeGreaterThan(0);
    // the new standards raise 低保 for some, and some cases do not change in amount
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(numbers.length - 1);

    const report = job.report();
    expect(report.state).toBe('done');
    expect(report.summary.cases).toBe(status.recomputed);
    expect(report.summary.changed).toBe(changed);
    expect(report.summary.delta).toBe(toFen(total));
    expect(report.cases).toHaveLength(changed);
    for (const line of report.byBenefit) expect(line.delta).toBe(toFen(benefitDelta.get(line.code) ?? ZERO));
    expect(report.byBenefit.find((line) => line.code === 'dibao.allowance')?.gainers).toBeGreaterThan(0);
    for (const line of report.byVillage) expect(line.delta).toBe(toFen(villageDelta.get(`${line.township}/${line.village}`) ?? ZERO));
    const sumOfCases = report.cases.reduce((sum, row) => sum.plus(row.delta), ZERO);
    expect(toFen(sumOfCases)).toBe(report.summary.delta);

    // written at the recalculation's deflate level, by the workers and the main thread alike (codec 2
    // like every dictionary revision: inflate reads any level), and every revision still passes its checksum.
    // The workers keep their deflate streams open between revisions (zlibStream.ts): a reset stream may
    // pick another, equally valid match now and then, so a document's bytes are the one-shot deflate's
    // at that level or within a few bytes of them — and always inflate to the same JSON.
    const compressed = recalcCompression(store.databasePath);
    const deflated = (row: (typeof compressed)[number], level?: number) =>
      deflateRawSync(inflateRawSync(row.result, { dictionary: row.dictionary }), { dictionary: row.dictionary, ...(level === undefined ? {} : { level }) });
    expect(compressed.length).toBe(status.written);
    let sameAsOneShot = 0;
    for (const row of compressed) {
      expect(row.codec).toBe(CODEC_DEFLATE_DICTIONARY);
      const atLevel = deflated(row, RECALC_DEFLATE_LEVEL);
      expect(Math.abs(row.result.length - atLevel.length)).toBeLessThanOrEqual(4);
      // the input against the dictionary's last 8 KB only (RECALC_INPUT_DICTIONARY_TAIL), read back with the whole dictionary it names
      expect(row.dictionary.length).toBeGreaterThan(RECALC_INPUT_DICTIONARY_TAIL);
      const inputJson = inflateRawSync(row.input, { dictionary: row.dictionary });
      const tail = row.dictionary.subarray(row.dictionary.length - RECALC_INPUT_DICTIONARY_TAIL);
      const inputAtLevel = deflateRawSync(inputJson, { dictionary: tail, level: RECALC_DEFLATE_LEVEL });
      expect(Math.abs(row.input.length - inputAtLevel.length)).toBeLessThanOrEqual(4);
      if (row.result.equals(atLevel) && row.input.equals(inputAtLevel)) sameAsOneShot += 1;
      expect(JSON.parse(inputJson.toString('utf8'))).toHaveProperty('asOf');
    }
    expect(sameAsOneShot).toBeGreaterThan(compressed.length / 2);
    // the level is not the default's: results compress differently at zlib's default
    expect(compressed.some((row) => !row.result.equals(deflated(row)))).toBe(true);
    const audit = await auditOf(store.databasePath);
    expect(audit.damagedCount).toBe(0);
    expect(audit.revisions).toBe(rowsAfter.length);

    // a second run under the same pack finds nothing to change
    const again = await new RecalcJob(() => ok(store), { pack: newPack, asOf: null, operator: '县级管理员' }, { workers }).done;
    expect(again.written).toBe(0);
    expect(again.unchanged).toBe(again.recomputed);
    store.close();
    expect(integrityOf(store.databasePath)).toBe('ok');
    // the search index kept live through the run is the one a rebuild from the revisions gives
    expect(liveIndex(store.databasePath)).toEqual(rebuiltIndex(store.databasePath));
  });

  it('progress after every batch, and every batch sized by the one formula from what the batch before it measured', async () => {
    // the cadence of the progress bar, without a clock limit: a progress report follows each batch
    // written, and each batch is one time slice at the measured rate (recalcBatchSize.ts), so the
    // gap between two reports is one batch's slice
    const store = openTestStore(tempDataDir(), { packFor });
    const numbers = fillStore(store, 60, 9);
    const sliceMs = 5;
    type Event = ({ kind: 'batch' } & BatchMeasure) | { kind: 'progress'; processed: number };
    const events: Event[] = [];
    const status = await new RecalcJob(() => ok(store), { pack: newPack, asOf: '2027-01-01', operator: '县级管理员' }, {
      firstBatch: 7,
      sliceMs,
      workers,
      waitForWorkers: true,
      onBatch: (batch) => events.push({ kind: 'batch', ...batch }),
      onProgress: (now) => events.push({ kind: 'progress', processed: now.processed }),
    }).done;
    store.close();
    expect(status.state).toBe('done');
    const batches = events.filter((event): event is Extract<Event, { kind: 'batch' }> => event.kind === 'batch');
    expect(batches.length).toBeGreaterThan(3);
    // batch, its progress (counting its cases), batch, progress, …, and the final report
    expect(events).toHaveLength(2 * batches.length + 1);
    let processed = 0;
    batches.forEach((batch, i) => {
      expect(events[2 * i]).toBe(batch);
      processed += batch.cases;
      expect(events[2 * i + 1]).toEqual({ kind: 'progress', processed });
    });
    expect(events.at(-1)).toEqual({ kind: 'progress', processed: numbers.length });
    // the size each batch set: one slice at its rate (in the main thread: computing and writing it one
    // after the other; in a worker: the slower of the write and the worker's time shared by the workers
    // computing side by side, which all run beside the write)
    for (const batch of batches) {
      // the workers ready when it came back (the second may still be loading for the first batches)
      if (batch.local) expect(batch.parallel).toBe(1);
      else expect([1, workers]).toContain(batch.parallel);
      // …and at least its computing and writing shared by the threads there are cores for
      const sharing = Math.min(availableParallelism(), batch.parallel + 1);
      const ms = batch.local ? batch.computeMs + batch.writeMs : Math.max(batch.computeMs / batch.parallel, batch.writeMs, (batch.computeMs + batch.writeMs) / sharing);
      expect(batch.nextSize).toBe(nextBatchSize(sliceMs, batch.cases, ms));
    }
    expect(batches[0]?.cases).toBe(7);
    if (workers === 0) {
      // read one after the other: each batch has the size the one before set, the last what was left
      let read = batches[0]?.cases ?? 0;
      for (let i = 1; i < batches.length; i++) {
        const set = batches[i - 1]?.nextSize ?? 0;
        expect(batches[i]?.cases).toBe(i === batches.length - 1 ? Math.min(set, numbers.length - read) : set);
        read += batches[i]?.cases ?? 0;
      }
    } else {
      // read a few ahead for the workers: each batch has a size set before it was written (the last: what was left)
      const sizes = new Set([7]);
      batches.forEach((batch, i) => {
        if (i < batches.length - 1) expect(sizes.has(batch.cases)).toBe(true);
        sizes.add(batch.nextSize);
      });
    }
  });

  it('one assessment date for all: every case is computed on that date', async () => {
    const store = openTestStore(tempDataDir(), { packFor });
    const numbers = fillStore(store, 12, 5);
    const status = await new RecalcJob(() => ok(store), { pack: newPack, asOf: '2027-01-01', operator: '县级管理员' }, { workers }).done;
    expect(status.state).toBe('done');
    for (const caseNo of numbers) {
      const now = latestOf(store, caseNo);
      if (now.voided) continue;
      expect(now.result.policy.asOf).toBe('2027-01-01');
      expect(now.result).toEqual(compute(now.input, newPack));
    }
    store.close();
    // a new year moves every case's year and its facets: the live index is still what a rebuild gives
    expect(liveIndex(store.databasePath)).toEqual(rebuiltIndex(store.databasePath));
  });

  it('a cancel part-way leaves every case with its old latest revision or one new recalc revision', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { packFor });
    const numbers = fillStore(store, 150, 3);
    const before = new Map(numbers.map((caseNo) => [caseNo, latestOf(store, caseNo)]));
    const updates: RecalcStatus[] = [];
    const job: RecalcJob = new RecalcJob(
      () => ok(store),
      { pack: newPack, asOf: null, operator: '县级管理员' },
      {
        firstBatch: 10,
        sliceMs: 0.001,
        workers,
        waitForWorkers: true,
        onProgress: (status) => {
          updates.push(status);
          if (updates.length === 3) job.cancel();
        },
      },
    );
    const status = await job.done;
    expect(status.state).toBe('cancelled');
    expect(status.written).toBeGreaterThan(0);
    expect(status.processed).toBeLessThan(numbers.length);
    let recalculated = 0;
    for (const caseNo of numbers) {
      const old = before.get(caseNo)!;
      const now = latestOf(store, caseNo);
      if (now.revision === old.revision) {
        expect(now.result).toEqual(old.result);
        continue;
      }
      expect(now.revision).toBe(old.revision + 1);
      expect(now.kind).toBe('recalc');
      expect(now.result).toEqual(compute(now.input, newPack));
      recalculated += 1;
    }
    expect(recalculated).toBe(status.written);
    expect(job.report().state).toBe('cancelled');
    expect(job.report().summary.cases).toBe(status.recomputed);

    // running again completes the rest; the cases already done are unchanged the second time
    const rest = await new RecalcJob(() => ok(store), { pack: newPack, asOf: null, operator: '县级管理员' }, { workers }).done;
    expect(rest.state).toBe('done');
    let recalcRevisions = 0;
    for (const caseNo of numbers) {
      const old = before.get(caseNo)!;
      const now = latestOf(store, caseNo);
      if (old.voided) continue;
      // every case now shows what the new pack gives, with at most one recalc revision added
      const { policy: _p1, ...fresh } = compute({ ...(old.input as object), asOf: old.result.policy.asOf }, newPack);
      const { policy: _p2, ...shown } = now.result;
      expect(shown).toEqual(fresh);
      expect(now.revision - old.revision).toBeLessThanOrEqual(1);
      if (now.revision > old.revision) recalcRevisions += 1;
    }
    expect(recalcRevisions).toBe(status.written + rest.written);
    store.close();
    expect(integrityOf(store.databasePath)).toBe('ok');
  });

  it('a case saved at the desk while the job ran keeps the newer save (stale item skipped)', async () => {
    const store = openTestStore(tempDataDir(), { packFor });
    const numbers = fillStore(store, 5, 9);
    const target = numbers[0] as string;
    const latest = latestOf(store, target);
    const read = store.batch.latest({ afterCaseRowId: 0, limit: 1 });
    expect(read.ok).toBe(true);
    const row = read.ok ? read.value[0]! : null;
    const result = compute(latest.input);
    store.cases.save({ caseNo: target, input: latest.input, result, packId: result.policy.id, packVersion: result.policy.version });
    const written = store.batch.recalc({
      operator: '县级管理员',
      items: [{ caseRowId: row!.caseRowId, expectedRevision: row!.revision, inputJson: row!.inputJson, resultJson: row!.resultJson, packId: 'x', packVersion: '1' }],
    });
    expect(written).toEqual({ ok: true, value: { written: 0, stale: [row!.caseRowId] } });
    expect(latestOf(store, target).kind).toBe('save');
    store.close();
  });
});
