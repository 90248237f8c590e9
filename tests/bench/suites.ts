/**
 * The benchmarks `npm run bench` runs, in order: one entry per suite (calculation core, command line
 * at county scale, case store at 1M cases, UI latency and bundle size, printing, village campaign
 * printing, recalculation, the 入户发放 roster import). Each returns figures with budgets.
 */
import { runCampaignBench } from './campaignBench';
import { runCliBench } from './cliBench';
import { runCoreBench } from './coreBench';
import { runCountyBench } from './countyBench';
import type { Figure } from './figures';
import { runPrintBench } from './printBench';
import { runRecalcBench } from './recalcBench';
import { runRosterBench } from './rosterBench';
import { runStoreBench, storeFigures } from './storeBench';
import { runUiBench } from './uiBench';

export interface Suite {
  id: string;
  label: string;
  run(quick: boolean): Promise<Figure[]> | Figure[];
}

export const SUITES: Suite[] = [
  { id: 'core', label: '计算核心', run: (quick) => runCoreBench({ seconds: quick ? 1 : 3 }) },
  { id: 'cli', label: '命令行批量', run: (quick) => runCliBench({ quick }) },
  // HUIMIN_BENCH_STORE_DIR: measure a folder kept by `storeBench.ts --keep` instead of building 1M cases again (≈25 min)
  { id: 'store', label: '案卷库（100万户）', run: async (quick) => storeFigures(await runStoreBench(process.env.HUIMIN_BENCH_STORE_DIR ? { dir: process.env.HUIMIN_BENCH_STORE_DIR, reuse: true, keep: true } : quick ? { cases: 50_000 } : {})) },
  { id: 'ui', label: '前台界面', run: (quick) => runUiBench({ quick }) },
  { id: 'print', label: '打印', run: (quick) => runPrintBench({ quick }) },
  // 入户发放 (issue 18): 1,000 cards imposed into one PDF through the panel, against npm run web
  { id: 'campaign', label: '入户发放打印', run: (quick) => runCampaignBench({ quick }) },
  { id: 'recalc', label: '重新测算', run: (quick) => runRecalcBench({ quick }) },
  // 入户发放: a 5,000-household roster read, checked, imported and computed (--quick: 1,000, scaled)
  { id: 'roster', label: '入户发放名册', run: (quick) => runRosterBench({ quick }) },
  // 县级服务器 on a private PostgreSQL cluster; --quick: 20,000 cases and a 2,000-revision send, figures scaled to the budgets' sizes
  { id: 'county', label: '县级服务器', run: (quick) => runCountyBench(quick ? { cases: 20_000, sendRevisions: 2_000 } : {}) },
];
