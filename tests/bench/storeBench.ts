/**
 * Case-store benchmark (issue 6): builds N synthetic cases (default 1,000,000), then measures save
 * p95, search p50/p95 for every search kind, export of 100,000 cases (xlsx and CSV), a backup of the
 * whole file and the file size per case, each beside its budget.
 *
 *   npx tsx tests/bench/storeBench.ts [--cases N] [--dir /tmp/folder] [--keep]
 *   npx tsx tests/bench/storeBench.ts --dir /tmp/folder --reuse     (measure a folder kept earlier)
 *   npx tsx tests/bench/storeBench.ts --cases 100000 --checksum-only  (only the checksum's share of a save)
 *
 * Figures go to the console and to artifacts/bench/store.json. runStoreBench() and storeFigures()
 * are exported for `npm run bench` (tests/bench/run.ts). The bulk load goes through the same CaseStore.save as the app, batched in
 * transactions of 2,000 with durability 'normal' (an import, not a desk); the measurements then reopen
 * the folder with openStore() exactly as the app does (durability 'full').
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { dirname, join, resolve } from 'node:path';
import { CaseStore } from '../../electron/services/store/caseStore';
import { Connection } from '../../electron/services/store/connection';
import { DATABASE_FILE_NAME } from '../../electron/services/store/db';
import { openStore, type CaseQuery, type Store } from '../../electron/services/store/index';
import { openCaseDatabase } from '../../electron/services/store/openCaseDatabase';
import { beginStagedTerms, finishStagedTerms, SearchIndexWriter } from '../../electron/services/store/searchIndex';
import { RevisionCodec } from '../../electron/services/store/revisionCodec';
import { SHA256_SEALER, type RevisionSealer } from '../../electron/services/store/revisionChecksum';
import { SettingsStore } from '../../electron/services/store/settingsStore';
import { householdFactory, random, surnameOf, type Household } from '../integration/store/fixtures/syntheticCases';
import type { Figure } from './figures';

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

export interface SearchFigure extends Percentiles {
  kind: string;
  /** average matches (total as counted, capped at 10000) */
  matches: number;
}

export interface StoreBenchFigures {
  cases: number;
  revisions: number;
  machine: { cpus: number; node: string; platform: string };
  loadSeconds: number;
  fileBytes: number;
  bytesPerCase: number;
  tables: Record<string, number>;
  storedDocumentBytesPerRevision: { input: number; result: number; rawInput: number; rawResult: number };
  /** durability 'full' (the app's setting); `normal` for comparison */
  save: { newCase: Percentiles; edit: Percentiles; normal: { newCase: Percentiles; edit: Percentiles }; budgetMs: number };
  search: { kinds: SearchFigure[]; budgetMs: number };
  export: { cases: number; xlsxSeconds: number; xlsxBytes: number; csvSeconds: number; csvBytes: number; csvBenefitsSeconds: number; benefitRows: number };
  backup: { seconds: number; bytes: number; budgetSeconds: number };
  checksum: ChecksumCost;
}

/** The checksum's share of a save: the same saves with and without it, interleaved in one run. */
export interface ChecksumCost {
  with: Percentiles & { best: number };
  without: Percentiles & { best: number };
  /** (median with − median without) / median without, in % */
  overheadPercent: number;
  /** the checksum's own work (two SHA-256 over the documents and one over the canonical text), timed alone on the same documents */
  sealing: Percentiles & { best: number };
  /** median sealing / median save without, in %: the same share, without the noise of the disk */
  sealingPercent: number;
  budgetPercent: number;
}

const SAVE_BUDGET_MS = 5;
const SEARCH_BUDGET_MS = 20;
const BACKUP_BUDGET_S = 30;
const CHECKSUM_BUDGET_PERCENT = 10;
const BATCH = 2000;

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1] as number), runs: samples.length };
}

const round = (value: number, places = 3) => Number(value.toFixed(places));

/** A clock the load drives: cases spread evenly from 2023-01-01 to yesterday. */
class BenchClock {
  time = 0;
  now = () => new Date(this.time);
}

interface Samples {
  names: string[];
  surnames: string[];
  ids: string[];
  townships: string[];
  villages: string[];
  caseNos: string[];
}

function keep<T>(list: T[], item: T, seen: number, rand: () => number, size = 5000): void {
  if (list.length < size) list.push(item);
  else if (rand() < size / seen) list[Math.floor(rand() * size)] = item;
}

interface Loaded {
  seconds: number;
  samples: Samples;
  /** the clock at the last save */
  last: number;
  /** JSON bytes of the input and result of every 100th case, before compression */
  rawInput: number;
  rawResult: number;
}

function bulkLoad(dir: string, cases: number, log: (line: string) => void): Loaded {
  const clock = new BenchClock();
  const opened = openCaseDatabase(join(dir, DATABASE_FILE_NAME), { durability: 'normal', cacheMiB: 1024, now: clock.now });
  if (!opened.ok) throw new Error(opened.errors[0]?.message);
  const conn = new Connection(join(dir, DATABASE_FILE_NAME), opened.value.db);
  const settings = new SettingsStore(conn);
  settings.set({ key: 'operatorName', value: '基准测试' });
  // the term index is staged and built in key order at the end (as a rebuild or an import does)
  beginStagedTerms(conn.db);
  const store = new CaseStore(conn, new RevisionCodec(conn, clock.now), settings, clock.now, new SearchIndexWriter(conn, true));
  const factory = householdFactory(20260305);
  const rand = random(7);
  const start = Date.parse('2023-01-01T08:00:00+08:00');
  const end = Date.now() - 86_400_000;
  const step = (end - start) / cases;
  const samples: Samples = { names: [], surnames: [], ids: [], townships: [], villages: [], caseNos: [] };
  const recent: { caseNo: string; household: Household }[] = [];
  let saved = 0;
  let rawInput = 0;
  let rawResult = 0;
  let measured = 0;
  let seen = 0;
  const began = performance.now();
  const batch = conn.db.transaction((count: number) => {
    for (let i = 0; i < count; i++) {
      clock.time = Math.round(start + step * saved);
      // about one save in ten is a later revision of a recent case, and one in a hundred a 作废
      const roll = rand();
      if (roll < 0.1 && recent.length > 0) {
        const target = recent[Math.floor(rand() * recent.length)] as (typeof recent)[number];
        // a void of an already voided case is refused: that is fine here
        if (roll < 0.01) store.void({ caseNo: target.caseNo, reason: '重复录入' });
        else store.save({ caseNo: target.caseNo, ...factory.edit(target.household) });
        continue;
      }
      const household = factory.next();
      const result = store.save(household);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      saved += 1;
      seen += 1;
      if (saved % 100 === 0) {
        rawInput += Buffer.byteLength(JSON.stringify(household.input));
        rawResult += Buffer.byteLength(JSON.stringify(household.result));
        measured += 1;
      }
      if (recent.length < 1000) recent.push({ caseNo: result.value.caseNo, household });
      else recent[Math.floor(rand() * 1000)] = { caseNo: result.value.caseNo, household };
      const member = household.input.members[Math.floor(rand() * household.input.members.length)] as { name: string; idNumber?: string };
      keep(samples.names, member.name, seen, rand);
      keep(samples.surnames, surnameOf(member.name), seen, rand);
      if (member.idNumber) keep(samples.ids, member.idNumber, seen, rand);
      keep(samples.townships, household.input.household.township as string, seen, rand);
      keep(samples.villages, household.input.household.village as string, seen, rand);
      keep(samples.caseNos, result.value.caseNo, seen, rand);
    }
  });
  while (saved < cases) {
    batch(Math.min(BATCH, cases - saved));
    if (saved % 50_000 < BATCH) {
      const seconds = (performance.now() - began) / 1000;
      log(`  loaded ${saved.toLocaleString()} cases in ${seconds.toFixed(0)} s (${(saved / seconds).toFixed(0)}/s)`);
    }
  }
  const sorting = performance.now();
  const rows = conn.db.transaction(() => finishStagedTerms(conn.db))();
  log(`  search_terms: ${rows.toLocaleString()} rows built in key order in ${((performance.now() - sorting) / 1000).toFixed(0)} s`);
  conn.close();
  return {
    seconds: (performance.now() - began) / 1000,
    samples,
    last: clock.time,
    rawInput: Math.round(rawInput / Math.max(1, measured)),
    rawResult: Math.round(rawResult / Math.max(1, measured)),
  };
}

function timeIt(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function measureSearches(store: Store, samples: Samples, log: (line: string) => void): SearchFigure[] {
  const rand = random(11);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)] as T;
  const now = new Date();
  const day = (offsetDays: number) => new Date(now.getTime() - offsetDays * 86_400_000).toISOString().slice(0, 10);
  const thisYear = now.getFullYear();
  const statuses = ['dibao', 'tekun', 'monitored', 'alleviated', 'ordinary', 'dibao_edge'];
  const benefits = ['medical.assistance', 'medical.basic', 'dibao.allowance', 'tekun.basic', 'disability.living', 'education.compulsory.living'];
  const kinds: [string, () => CaseQuery][] = [
    ['姓名 1字（姓）', () => ({ text: pick(samples.surnames) })],
    ['姓名 2字（子串）', () => ({ text: Array.from(pick(samples.names)).slice(-2).join('') })],
    ['姓名 全名（3字）', () => ({ text: pick(samples.names.filter((name) => Array.from(name).length >= 3)) })],
    ['拼音首字母 2位', () => ({ pinyin: pick(['zs', 'wx', 'lj', 'zy', 'wl', 'lh', 'cx', 'yf', 'wm', 'zh']) })],
    ['拼音首字母 3位', () => ({ pinyin: pick(['zxy', 'wjh', 'lxm', 'wxy', 'lgl', 'zjh', 'ljf', 'chm']) })],
    ['身份证号 全号', () => ({ text: pick(samples.ids) })],
    ['身份证号 后4位', () => ({ text: pick(samples.ids).slice(-4) })],
    ['身份证号 后6位', () => ({ text: pick(samples.ids).slice(-6) })],
    ['乡镇', () => ({ township: pick(samples.townships) })],
    ['村', () => ({ village: pick(samples.villages) })],
    ['身份', () => ({ status: pick(statuses) as CaseQuery['status'] })],
    ['日期范围（1个月）', () => { const start = 30 + Math.floor(rand() * 900); return { from: day(start), to: day(start - 30) }; }],
    ['待遇+年度（今年医疗救助等）', () => ({ benefit: pick(benefits), benefitYear: pick([thisYear, thisYear - 1, thisYear - 2]) })],
    ['案卷编号', () => ({ text: pick(samples.caseNos) })],
    ['全部（无条件，第1页）', () => ({})],
    ['组合：村+身份', () => ({ village: pick(samples.villages), status: pick(statuses) as CaseQuery['status'] })],
    ['组合：乡镇+待遇+年度', () => ({ township: pick(samples.townships), benefit: pick(benefits), benefitYear: pick([thisYear, thisYear - 1]) })],
    ['组合：姓+身份+日期', () => { const start = 60 + Math.floor(rand() * 800); return { text: pick(samples.surnames), status: pick(statuses) as CaseQuery['status'], from: day(start), to: day(start - 60) }; }],
    ['组合：身份+待遇（常见×常见）', () => ({ status: 'ordinary', benefit: 'medical.basic' })],
    ['组合：特困+低保补差（几乎互斥）', () => ({ status: 'tekun', benefit: 'dibao.allowance' })],
    ['组合：一般户+医疗救助（大×大，几乎互斥）', () => ({ status: 'ordinary', benefit: 'medical.assistance', benefitYear: pick([thisYear, thisYear - 1]) })],
    ['翻页：姓 第50页', () => ({ text: pick(samples.surnames), page: 50 })],
    ['含作废', () => ({ text: pick(samples.surnames), voided: 'include' })],
  ];
  const figures: SearchFigure[] = [];
  for (const [kind, make] of kinds) {
    for (let i = 0; i < 10; i++) store.search.search(make()); // warm the statements
    const times: number[] = [];
    let matches = 0;
    const runs = 200;
    for (let i = 0; i < runs; i++) {
      const query = make();
      let total = 0;
      times.push(
        timeIt(() => {
          const found = store.search.search(query);
          if (!found.ok) throw new Error(`${kind}: ${found.errors[0]?.message}`);
          total = found.value.total;
        }),
      );
      matches += total;
    }
    const figure = { kind, ...percentiles(times), matches: Math.round(matches / runs) };
    figures.push(figure);
    log(`  search ${kind}: p50 ${figure.p50} ms, p95 ${figure.p95} ms (≈${figure.matches} matches)`);
  }
  return figures;
}

async function measureSaves(store: Store, samples: Samples, seed: number): Promise<{ newCase: Percentiles; edit: Percentiles }> {
  const factory = householdFactory(seed);
  const rand = random(13);
  const newCase: number[] = [];
  const edit: number[] = [];
  for (let i = 0; i < 40; i++) store.cases.save(factory.next()); // let the pack's dictionary settle, warm statements
  for (let i = 0; i < 1000; i++) {
    const household = factory.next();
    newCase.push(
      timeIt(() => {
        const saved = store.cases.save(household);
        if (!saved.ok) throw new Error(saved.errors[0]?.message);
      }),
    );
    const caseNo = samples.caseNos[Math.floor(rand() * samples.caseNos.length)] as string;
    const revision = factory.edit(factory.next());
    edit.push(
      timeIt(() => {
        store.cases.save({ caseNo, ...revision });
      }),
    );
    // each save is one call from the page: the app returns to its event loop in between
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { newCase: percentiles(newCase), edit: percentiles(edit) };
}

/**
 * A save with its checksum against the same save without it: two CaseStores on one connection (the
 * app's durability, FULL), one sealing revisions with SHA-256 and one writing a constant in its place
 * (a bench-only stand-in: those revisions fail their check, so they are new cases no real case chains
 * to), alternating in random order so load and cache affect both alike.
 */
async function measureChecksumCost(dir: string, log: (line: string) => void, saves = Number(process.env.HUIMIN_BENCH_CHECKSUM_SAVES ?? 600)): Promise<ChecksumCost> {
  const path = join(dir, DATABASE_FILE_NAME);
  const opened = openCaseDatabase(path, { now: () => new Date() });
  if (!opened.ok) throw new Error(opened.errors[0]?.message);
  const conn = new Connection(path, opened.value.db);
  const settings = new SettingsStore(conn);
  settings.set({ key: 'operatorName', value: '基准测试' });
  const codec = new RevisionCodec(conn, () => new Date());
  const constant = Buffer.alloc(32);
  const unsealed: RevisionSealer = { digests: () => ({ input: '', result: '' }), checksum: () => constant };
  const sealed = new CaseStore(conn, codec, settings, () => new Date(), undefined, undefined, SHA256_SEALER);
  const plain = new CaseStore(conn, codec, settings, () => new Date(), undefined, undefined, unsealed);
  const factory = householdFactory(97);
  const rand = random(17);
  const times = { with: [] as number[], without: [] as number[], sealing: [] as number[] };
  for (let i = 0; i < 40; i++) sealed.save(factory.next()); // warm statements and the dictionary
  const facts = { id: 1, caseNo: '2026-000001', revision: 2, kind: 'save' as const, savedAt: new Date().toISOString(), operator: '基准测试', packId: 'p', packVersion: 'v', voidReason: null };
  for (let i = 0; i < saves; i++) {
    const order = rand() < 0.5 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const variant of order) {
      const household = factory.next();
      const store = variant === 'with' ? sealed : plain;
      times[variant].push(
        timeIt(() => {
          const saved = store.save(household);
          if (!saved.ok) throw new Error(saved.errors[0]?.message);
        }),
      );
      if (variant === 'with') {
        const inputJson = JSON.stringify(household.input);
        const resultJson = JSON.stringify(household.result);
        times.sealing.push(timeIt(() => SHA256_SEALER.checksum(facts, SHA256_SEALER.digests(inputJson, resultJson), constant)));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  conn.close();
  const figure = (samples: number[]) => ({ ...percentiles(samples), best: round(Math.min(...samples)) });
  const cost: ChecksumCost = {
    with: figure(times.with),
    without: figure(times.without),
    overheadPercent: 0,
    sealing: figure(times.sealing),
    sealingPercent: 0,
    budgetPercent: CHECKSUM_BUDGET_PERCENT,
  };
  cost.overheadPercent = round(((cost.with.p50 - cost.without.p50) / cost.without.p50) * 100, 1);
  cost.sealingPercent = round((cost.sealing.p50 / cost.without.p50) * 100, 1);
  log(
    `  save with checksum p50 ${cost.with.p50} / p95 ${cost.with.p95} / best ${cost.with.best} ms; without p50 ${cost.without.p50} / p95 ${cost.without.p95} / best ${cost.without.best} ms: ` +
      `checksum ${cost.overheadPercent} % of a save (${saves} each, interleaved); the checksum's own work p50 ${cost.sealing.p50} / best ${cost.sealing.best} ms = ${cost.sealingPercent} % of a save`,
  );
  return cost;
}

/** Samples for the queries, read back from a folder built earlier (--reuse). */
function loadedFrom(dir: string): Loaded & { cases: number } {
  const databasePath = join(dir, DATABASE_FILE_NAME);
  const db = new Database(databasePath, { readonly: true });
  const { cases, last } = db.prepare('SELECT count(*) AS cases, max(updated_at) AS last FROM case_search').get() as { cases: number; last: number };
  db.close();
  const opened = openStore(dir);
  if (!opened.ok) throw new Error(opened.errors[0]?.message);
  const store = opened.value;
  const samples: Samples = { names: [], surnames: [], ids: [], townships: [], villages: [], caseNos: [] };
  const rand = random(5);
  for (let i = 0; i < 3000; i++) {
    const found = store.search.search({ page: 1 + Math.floor(rand() * 100), pageSize: 1, to: new Date(last - rand() * (last - Date.parse('2023-01-02'))).toISOString().slice(0, 10) });
    if (!found.ok || found.value.items.length === 0) continue;
    const caseNo = (found.value.items[0] as { caseNo: string }).caseNo;
    const record = store.cases.get({ caseNo });
    if (!record.ok) continue;
    const input = record.value.input as Household['input'];
    const member = input.members[Math.floor(rand() * input.members.length)] as { name: string; idNumber?: string };
    samples.names.push(member.name);
    samples.surnames.push(surnameOf(member.name));
    if (member.idNumber) samples.ids.push(member.idNumber);
    samples.townships.push(input.household.township as string);
    samples.villages.push(input.household.village as string);
    samples.caseNos.push(caseNo);
  }
  store.close();
  return { cases, seconds: 0, samples, last, rawInput: 0, rawResult: 0 };
}

export async function runStoreBench(
  options: { cases?: number; dir?: string; keep?: boolean; reuse?: boolean; checksumOnly?: boolean; log?: (line: string) => void } = {},
): Promise<StoreBenchFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = options.dir ?? join(tmpdir(), `huimin-store-bench-${process.pid}`);
  if (!options.reuse) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  try {
    let cases = options.cases ?? 1_000_000;
    let load: Loaded;
    if (options.reuse && options.checksumOnly) {
      log(`measuring the checksum in ${dir}`);
      return { cases: 0, checksum: await measureChecksumCost(dir, log) } as StoreBenchFigures;
    }
    if (options.reuse) {
      log(`measuring the cases already in ${dir}`);
      const reused = loadedFrom(dir);
      cases = reused.cases;
      load = reused;
    } else {
      log(`building ${cases.toLocaleString()} cases in ${dir}`);
      load = bulkLoad(dir, cases, log);
    }
    const databasePath = join(dir, DATABASE_FILE_NAME);

    if (options.checksumOnly) {
      const checksum = await measureChecksumCost(dir, log);
      return { cases, checksum } as StoreBenchFigures;
    }
    const opened = openStore(dir);
    if (!opened.ok) throw new Error(opened.errors[0]?.message);
    const store = opened.value;
    const sizes = sizeFigures(databasePath);
    const fileBytes = statSync(databasePath).size;
    log(`file ${(fileBytes / 1e9).toFixed(2)} GB, ${(fileBytes / cases).toFixed(0)} bytes per case (load ${load.seconds.toFixed(0)} s)`);

    const search = measureSearches(store, load.samples, log);
    const saves = await measureSaves(store, load.samples, 99);
    log(`  save (durability full) new case p50 ${saves.newCase.p50} ms p95 ${saves.newCase.p95} ms; edit p50 ${saves.edit.p50} ms p95 ${saves.edit.p95} ms`);
    // the same with synchronous=NORMAL, for comparison (db.ts explains why the app uses FULL)
    store.close();
    const normalOpened = openStore(dir, { durability: 'normal' });
    if (!normalOpened.ok) throw new Error(normalOpened.errors[0]?.message);
    const savesNormal = await measureSaves(normalOpened.value, load.samples, 98);
    normalOpened.value.close();
    log(`  save (durability normal) new case p50 ${savesNormal.newCase.p50} ms p95 ${savesNormal.newCase.p95} ms; edit p95 ${savesNormal.edit.p95} ms`);
    const reopened = openStore(dir);
    if (!reopened.ok) throw new Error(reopened.errors[0]?.message);
    const store2 = reopened.value;

    // export: the latest ~100,000 cases by date
    const perDay = cases / ((load.last - Date.parse('2023-01-01T08:00:00+08:00')) / 86_400_000);
    const days = Math.ceil(100_000 / perDay);
    const to = new Date(load.last);
    const from = new Date(load.last - (days - 1) * 86_400_000);
    const dayText = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    const filter = { from: dayText(from), to: dayText(to) };
    let started = performance.now();
    const xlsx = await store2.exports.export({ format: 'xlsx', filter, path: join(dir, 'export.xlsx') });
    const xlsxSeconds = (performance.now() - started) / 1000;
    if (!xlsx.ok) throw new Error(xlsx.errors[0]?.message);
    started = performance.now();
    const csv = await store2.exports.export({ format: 'csv', filter, path: join(dir, 'export.csv') });
    const csvSeconds = (performance.now() - started) / 1000;
    if (!csv.ok) throw new Error(csv.errors[0]?.message);
    started = performance.now();
    const csvBenefits = await store2.exports.export({ format: 'csv', table: 'benefits', filter, path: join(dir, 'export-benefits.csv') });
    const csvBenefitsSeconds = (performance.now() - started) / 1000;
    if (!csvBenefits.ok) throw new Error(csvBenefits.errors[0]?.message);
    log(
      `  export ${xlsx.value.caseCount} cases: xlsx ${xlsxSeconds.toFixed(1)} s (${xlsx.value.benefitCount} benefit rows), ` +
        `csv cases ${csvSeconds.toFixed(1)} s, csv benefits ${csvBenefitsSeconds.toFixed(1)} s`,
    );

    store2.settings.set({ key: 'backupDir', value: join(dir, 'backups') });
    store2.checkpoint();
    started = performance.now();
    const backup = await store2.backups.backupNow();
    const backupSeconds = (performance.now() - started) / 1000;
    if (!backup.ok) throw new Error(backup.errors[0]?.message);
    log(`  backup ${(backup.value.bytes / 1e9).toFixed(2)} GB in ${backupSeconds.toFixed(1)} s`);
    store2.close();
    // last: its unsealed stand-in revisions must not meet the measurements above
    const checksum = await measureChecksumCost(dir, log);

    return {
      cases,
      revisions: sizes.revisions,
      machine: { cpus: cpus().length, node: process.version, platform: process.platform },
      loadSeconds: round(load.seconds, 1),
      fileBytes,
      bytesPerCase: Math.round(fileBytes / cases),
      tables: sizes.tables,
      storedDocumentBytesPerRevision: { ...sizes.documents, rawInput: load.rawInput, rawResult: load.rawResult },
      save: { ...saves, normal: savesNormal, budgetMs: SAVE_BUDGET_MS },
      search: { kinds: search, budgetMs: SEARCH_BUDGET_MS },
      export: {
        cases: xlsx.value.caseCount,
        xlsxSeconds: round(xlsxSeconds, 1),
        xlsxBytes: xlsx.value.bytes,
        csvSeconds: round(csvSeconds, 1),
        csvBytes: csv.value.bytes,
        csvBenefitsSeconds: round(csvBenefitsSeconds, 1),
        benefitRows: xlsx.value.benefitCount,
      },
      backup: { seconds: round(backupSeconds, 1), bytes: backup.value.bytes, budgetSeconds: BACKUP_BUDGET_S },
      checksum,
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes per table and index (dbstat), and what a stored revision's documents take against their JSON. */
function sizeFigures(path: string): { tables: Record<string, number>; revisions: number; documents: StoreBenchFigures['storedDocumentBytesPerRevision'] } {
  const db = new Database(path, { readonly: true });
  try {
    const tables: Record<string, number> = {};
    for (const row of db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[]) {
      tables[row.name] = row.bytes;
    }
    const { revisions, input, result } = db.prepare('SELECT count(*) AS revisions, avg(length(input)) AS input, avg(length(result)) AS result FROM revisions').get() as {
      revisions: number;
      input: number;
      result: number;
    };
    return { tables, revisions, documents: { input: Math.round(input), result: Math.round(result), rawInput: 0, rawResult: 0 } };
  } finally {
    db.close();
  }
}

/** The figures in the shape `npm run bench` prints (tests/bench/figures.ts). */
export function storeFigures(figures: StoreBenchFigures): Figure[] {
  const lower = (limit: number) => ({ limit, better: 'lower' as const });
  const cases = `${figures.cases.toLocaleString('en-US')} 案`;
  return [
    { name: '保存 p95（新案卷）', value: figures.save.newCase.p95, unit: 'ms', budget: lower(SAVE_BUDGET_MS), note: cases },
    { name: '保存 p95（修改，新修订）', value: figures.save.edit.p95, unit: 'ms', budget: lower(SAVE_BUDGET_MS), note: cases },
    ...figures.search.kinds.flatMap((kind): Figure[] => [
      { name: `查询 p50：${kind.kind}`, value: kind.p50, unit: 'ms' },
      { name: `查询 p95：${kind.kind}`, value: kind.p95, unit: 'ms', budget: lower(SEARCH_BUDGET_MS), note: `约 ${kind.matches} 条` },
    ]),
    { name: `导出 xlsx（${figures.export.cases.toLocaleString('en-US')} 案）`, value: figures.export.xlsxSeconds, unit: 's' },
    { name: `导出 CSV 案卷（${figures.export.cases.toLocaleString('en-US')} 案）`, value: figures.export.csvSeconds, unit: 's' },
    { name: `导出 CSV 待遇明细（${figures.export.cases.toLocaleString('en-US')} 案）`, value: figures.export.csvBenefitsSeconds, unit: 's' },
    { name: '整库备份', value: figures.backup.seconds, unit: 's', budget: lower(BACKUP_BUDGET_S), note: `${(figures.backup.bytes / 1e9).toFixed(2)} GB` },
    {
      name: '修订校验值占保存时间（中位数）',
      value: figures.checksum.overheadPercent,
      unit: '%',
      budget: lower(CHECKSUM_BUDGET_PERCENT),
      note: `有 ${figures.checksum.with.p50} / 无 ${figures.checksum.without.p50} ms，最快 ${figures.checksum.with.best} / ${figures.checksum.without.best} ms`,
    },
    {
      name: '修订校验值本身的计算占保存时间（中位数）',
      value: figures.checksum.sealingPercent,
      unit: '%',
      budget: lower(CHECKSUM_BUDGET_PERCENT),
      note: `计算 ${figures.checksum.sealing.p50} ms（最快 ${figures.checksum.sealing.best}），单独计时`,
    },
    { name: '每案卷占用', value: figures.bytesPerCase, unit: 'B', note: cases },
  ];
}

function table(figures: StoreBenchFigures): string {
  const lines: string[] = [];
  const row = (what: string, value: string, budget: string, okay: boolean | null) =>
    lines.push(`${what.padEnd(34)}${value.padStart(22)}   ${budget.padEnd(12)}${okay === null ? '' : okay ? 'ok' : 'MISSED'}`);
  lines.push(`case store benchmark: ${figures.cases.toLocaleString()} cases, ${figures.revisions.toLocaleString()} revisions, ${figures.machine.cpus} cores, Node ${figures.machine.node}`);
  lines.push('');
  row('figure', 'measured', 'budget', null);
  row('save p95, new case', `${figures.save.newCase.p95} ms`, `< ${SAVE_BUDGET_MS} ms`, figures.save.newCase.p95 < SAVE_BUDGET_MS);
  row('save p95, new revision (edit)', `${figures.save.edit.p95} ms`, `< ${SAVE_BUDGET_MS} ms`, figures.save.edit.p95 < SAVE_BUDGET_MS);
  row('  (synchronous=NORMAL) new case p95', `${figures.save.normal.newCase.p95} ms`, `< ${SAVE_BUDGET_MS} ms`, figures.save.normal.newCase.p95 < SAVE_BUDGET_MS);
  row('  (synchronous=NORMAL) edit p95', `${figures.save.normal.edit.p95} ms`, `< ${SAVE_BUDGET_MS} ms`, figures.save.normal.edit.p95 < SAVE_BUDGET_MS);
  for (const kind of figures.search.kinds) {
    row(`search ${kind.kind}`, `p50 ${kind.p50} / p95 ${kind.p95} ms`, `p95 < ${SEARCH_BUDGET_MS} ms`, kind.p95 < SEARCH_BUDGET_MS);
  }
  row(`export ${figures.export.cases.toLocaleString()} cases, xlsx`, `${figures.export.xlsxSeconds} s`, '—', null);
  row(`export ${figures.export.cases.toLocaleString()} cases, CSV 案卷`, `${figures.export.csvSeconds} s`, '—', null);
  row(`export ${figures.export.cases.toLocaleString()} cases, CSV 待遇明细`, `${figures.export.csvBenefitsSeconds} s`, '—', null);
  row('backup of the whole file', `${figures.backup.seconds} s`, `< ${BACKUP_BUDGET_S} s`, figures.backup.seconds < BACKUP_BUDGET_S);
  row(
    'checksum share of a save (p50)',
    `${figures.checksum.overheadPercent} % (${figures.checksum.with.p50} vs ${figures.checksum.without.p50} ms)`,
    `≤ ${CHECKSUM_BUDGET_PERCENT} %`,
    figures.checksum.overheadPercent <= CHECKSUM_BUDGET_PERCENT,
  );
  row('file size', `${(figures.fileBytes / 1e9).toFixed(2)} GB`, '—', null);
  row('file size per case', `${figures.bytesPerCase} B`, '—', null);
  lines.push('');
  lines.push('largest tables and indexes:');
  for (const [name, bytes] of Object.entries(figures.tables).slice(0, 8)) lines.push(`  ${name.padEnd(40)}${(bytes / 1e6).toFixed(0).padStart(8)} MB`);
  lines.push(
    `stored per revision: input ${figures.storedDocumentBytesPerRevision.input} B (JSON ${figures.storedDocumentBytesPerRevision.rawInput} B), ` +
      `result ${figures.storedDocumentBytesPerRevision.result} B (JSON ${figures.storedDocumentBytesPerRevision.rawResult} B)`,
  );
  return lines.join('\n');
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] !== undefined && /storeBench\.ts$/.test(process.argv[1])) {
  const cases = Number(argument('--cases') ?? 1_000_000);
  const dir = argument('--dir');
  const reuse = process.argv.includes('--reuse');
  const checksumOnly = process.argv.includes('--checksum-only');
  runStoreBench({ cases, dir: dir === undefined ? undefined : resolve(dir), keep: reuse || process.argv.includes('--keep'), reuse, checksumOnly })
    .then((figures) => {
      if (checksumOnly) {
        console.log(`\nchecksum: ${figures.checksum.overheadPercent} % of a save (A/B medians), its own work ${figures.checksum.sealingPercent} %`);
        return;
      }
      console.log(`\n${table(figures)}`);
      const out = resolve('artifacts/bench/store.json');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
      console.log(`\nwritten ${out}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
