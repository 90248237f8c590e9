/**
 * A worker's own work in 重新测算, alone: the first N stored cases of a prepared folder
 * (recalcBench.ts --prepare DIR) computed again as of 2027-01-01 under the bench's new year's pack by
 * RecalcComputer in this one thread, as a worker does (verify, calculate, compare, compress, search
 * fields), several passes; CPU µs a case per pass. The target dictionary is the one the folder's cases
 * were compressed with (the pack's own is made by the job; the cost is the same).
 *
 *   npx tsx tests/bench/recalcComputeMicro.ts DIR [--cases 3000] [--passes 4]
 */
import { RecalcComputer } from '../../electron/services/packs/recalcCompute';
import { openStore } from '../../electron/services/store/index';
import { builtPack, dibaoDraft } from '../support/packDrafts';

const argv = process.argv.slice(2);
const dir = argv[0] as string;
const flag = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const cases = flag('--cases', 3000);
const passes = flag('--passes', 4);
const opened = openStore(dir);
if (!opened.ok) throw new Error(opened.errors[0]?.message);
const store = opened.value;
const read = store.batch.latestStored({ afterCaseRowId: 0, limit: Math.min(cases, 5000) });
if (!read.ok) throw new Error(read.errors[0]?.message);
const rows = read.value;
const draft = dibaoDraft({ rural: '480', urban: '720', from: '2027-01-01' });
draft.changes.push({ key: 'medical.prevYearDisposableIncome', value: '33000', doc: 'ny-2027-dibao', clause: '附件' });
const { pack } = builtPack(draft);
const dictionaryId = rows.find((row) => row.dictionaryId !== null)?.dictionaryId as number;
const target = { id: dictionaryId, bytes: store.batch.dictionary(dictionaryId) };
const computer = new RecalcComputer(pack, '2027-01-01', (id) => store.batch.dictionary(id));
for (let pass = 0; pass < passes; pass++) {
  const before = process.cpuUsage();
  const computed = computer.compute(rows, target);
  const used = process.cpuUsage(before);
  const changed = computed.filter((row) => row.outcome === 'changed');
  const bytes = changed.reduce((sum, row) => sum + (row.outcome === 'changed' && row.encoded ? row.encoded.input.length + row.encoded.result.length : 0), 0);
  process.stdout.write(
    `pass ${pass + 1}: ${(((used.user + used.system) / rows.length)).toFixed(0)} µs a case; ${changed.length} changed, ${computed.filter((row) => row.outcome === 'failed').length} failed, ${(bytes / Math.max(1, changed.length)).toFixed(0)} bytes a revision\n`,
  );
}
store.close();
