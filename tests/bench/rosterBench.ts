/**
 * 入户发放 benchmark (issue 18): a generated 防返贫监测 workbook of N households (default 5,000, about
 * 15,000 rows) through the handler table exactly as the page drives it, into a durable ('full')
 * store: read, check (every household laid over the office's cases and computed), import (one
 * transaction), then 计算本村 on the recalculation workers on the campaign's date (every household
 * computed again; nothing to write). Budget: imported and computed in < 30 s. Then 计算本村 on a new
 * date, when every household's result changes and is written again (the heaviest case), and the same
 * file imported again: every household unchanged, nothing written.
 *
 *   npx tsx tests/bench/rosterBench.ts [--households N] [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RosterBatchSummary, RosterCheckReply, RosterFile, VillageJobStatus } from '../../shared/api/rosterApi';
import { createHandlerTable, dispatch, type HandlerTable } from '../../electron/handlers';
import { createServices } from '../../electron/services';
import { rosterCampaign } from '../../electron/services/roster';
import { fangfanpinXlsx, rosterHouseholds } from '../support/rosterFixture';
import type { Figure } from './figures';

const FULL = 5000;
const QUICK = 1000;
const BUDGET_SECONDS = 30;

async function call<T>(table: HandlerTable, channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(table, channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.errors)}`);
  return reply.value as T;
}

export interface RosterMeasure {
  households: number;
  rows: number;
  bytes: number;
  readSeconds: number;
  checkSeconds: number;
  importSeconds: number;
  computeSeconds: number;
  totalSeconds: number;
  /** 计算本村 on a new date: every result written again */
  rewriteSeconds: number;
  written: number;
  computedInWorkers: number;
  againSeconds: number;
  againUnchanged: number;
}

export async function measureRoster(households: number): Promise<RosterMeasure> {
  const { bytes, rows } = await fangfanpinXlsx(rosterHouseholds('a', households), { plant: false });
  const dir = join(mkdtempSync(join(tmpdir(), 'huimin-roster-bench-')), 'data');
  const services = createServices({ dataDir: dir, portable: false, transport: 'web', scheduleBackups: false });
  try {
    const table = createHandlerTable(services);
    await call(table, 'settings.set', { key: 'operatorName', value: '基准测试' });
    const base64 = bytes.toString('base64');
    const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
      const started = performance.now();
      const value = await run();
      return [value, (performance.now() - started) / 1000];
    };
    const importOnce = async () => {
      const [file, readSeconds] = await timed(() => call<RosterFile>(table, 'roster.read', { fileName: '防返贫监测.xlsx', base64 }));
      const sheet = file.sheets[file.sheet] as RosterFile['sheets'][number];
      const [checked, checkSeconds] = await timed(() =>
        call<RosterCheckReply>(table, 'roster.check', { sessionId: file.sessionId, sheet: file.sheet, headerRow: sheet.headerRow, mapping: sheet.suggested, defaultArea: 'rural', asOf: '2026-06-01' }),
      );
      const [batch, importSeconds] = await timed(() => call<RosterBatchSummary>(table, 'roster.import', { planId: checked.planId }));
      return { checked, batch, readSeconds, checkSeconds, importSeconds };
    };
    const first = await importOnce();
    if (first.batch.created !== households) throw new Error(`imported ${first.batch.created} of ${households}`);
    const compute = (asOf: string) =>
      timed(async () => {
        let status = await call<VillageJobStatus>(table, 'village.start', { batchId: first.batch.id, asOf });
        while (status.state === 'running' || status.state === 'cancelling') {
          await new Promise((resolve) => setTimeout(resolve, 100));
          status = (await call<VillageJobStatus | null>(table, 'village.status', undefined)) as VillageJobStatus;
        }
        if (status.state !== 'done') throw new Error(`village compute ${status.state}: ${status.message}`);
        return status;
      });
    // 计算本村 on the campaign's date: every household computed on the workers, each result as imported
    const [done, computeSeconds] = await compute('2026-06-01');
    if (done.written !== 0 || done.recomputed !== households) throw new Error(`computed ${done.recomputed}, wrote ${done.written}`);
    const computedInWorkers = rosterCampaign(services).jobs.job()?.computedInWorkers ?? 0;
    // on a new date: every result changes and is written again
    const [rewritten, rewriteSeconds] = await compute('2027-01-01');
    const [again, againSeconds] = await timed(importOnce);
    return {
      households,
      rows,
      bytes: bytes.length,
      readSeconds: first.readSeconds,
      checkSeconds: first.checkSeconds,
      importSeconds: first.importSeconds,
      computeSeconds,
      totalSeconds: first.readSeconds + first.checkSeconds + first.importSeconds + computeSeconds,
      rewriteSeconds,
      written: rewritten.written,
      computedInWorkers,
      againSeconds,
      againUnchanged: again.batch.unchanged,
    };
  } finally {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runRosterBench(options: { quick?: boolean } = {}): Promise<Figure[]> {
  const households = options.quick ? QUICK : FULL;
  const m = await measureRoster(households);
  const scale = FULL / households;
  const parts = `读入 ${m.readSeconds.toFixed(1)} s · 检查与测算 ${m.checkSeconds.toFixed(1)} s · 写入 ${m.importSeconds.toFixed(1)} s · 计算本村 ${m.computeSeconds.toFixed(1)} s`;
  return [
    {
      name: `名册 ${FULL.toLocaleString()} 户导入并计算用时`,
      value: households === FULL ? m.totalSeconds : m.totalSeconds * scale,
      unit: 's',
      budget: { limit: BUDGET_SECONDS, better: 'lower' },
      note: `${m.households.toLocaleString()} 户 ${m.rows.toLocaleString()} 行（${(m.bytes / 1024 / 1024).toFixed(1)} MB）：${parts}${households === FULL ? '' : `；按此推算 ${FULL.toLocaleString()} 户`}`,
    },
    { name: '计算本村：工作线程计算的户数', value: m.computedInWorkers, unit: '户', note: `共 ${m.households.toLocaleString()} 户（其余在主线程计算：工作线程启动之前的几批）` },
    {
      name: '计算本村（新测算日期，每户写入新修订）用时',
      value: households === FULL ? m.rewriteSeconds : m.rewriteSeconds * scale,
      unit: 's',
      note: `${m.written.toLocaleString()} 户结果有变化并写入${households === FULL ? '' : `；按此推算 ${FULL.toLocaleString()} 户`}`,
    },
    { name: '同一名册再导入：用时', value: m.againSeconds, unit: 's', note: `${m.againUnchanged.toLocaleString()} 户无变化，未写入任何修订` },
  ];
}

if (process.argv[1]?.endsWith('rosterBench.ts')) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--households');
  const households = at >= 0 ? Number(argv[at + 1]) : argv.includes('--quick') ? QUICK : FULL;
  measureRoster(households).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
