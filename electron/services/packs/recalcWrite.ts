/**
 * Writing 重新测算's computed batches: each batch's new revisions in one transaction (store.batch.recalc),
 * and the batch counted into the job's tallies and its change report. A case whose result did not
 * change gets no revision but is reported; one saved at the desk meanwhile keeps that save (stale).
 */
import type { RecalcStatus } from '../../../shared/api/packApi';
import type { RecalcBatchRequest } from '../store/caseBatch';
import type { Store } from '../store';
import type { ChangeReportBuilder } from './changeReport';
import type { ComputedRow } from './recalcCompute';
import { StoreFailure } from './recalcStore';

/** problems listed one by one in the status; the rest are counted */
const MAX_PROBLEMS = 50;

export type RecalcTally = Pick<RecalcStatus, 'processed' | 'recomputed' | 'written' | 'unchanged' | 'voided' | 'failed' | 'stale' | 'problems'>;

export class RecalcWriter {
  constructor(
    private readonly pack: { id: string; version: string },
    private readonly operator: string,
    /** counted into as batches are written (the job's status) */
    private readonly tally: RecalcTally,
    private readonly report: ChangeReportBuilder,
  ) {}

  /** Writes one computed batch in one transaction and counts it. */
  write(store: Store, computed: readonly ComputedRow[]): void {
    const { tally } = this;
    const items: RecalcBatchRequest['items'] = [];
    const pending = new Map<number, Extract<ComputedRow, { outcome: 'changed' }>>();
    for (const row of computed) {
      tally.processed += 1;
      if (row.outcome === 'void') tally.voided += 1;
      else if (row.outcome === 'failed') this.problem(row.caseNo, row.message);
      else if (row.outcome === 'unchanged') {
        tally.recomputed += 1;
        tally.unchanged += 1;
        this.report.addEntry(row.caseNo, row.report);
      } else {
        tally.recomputed += 1;
        const base = { caseRowId: row.caseRowId, expectedRevision: row.revision, packId: this.pack.id, packVersion: this.pack.version, fields: row.fields, digests: row.digests, stepsOmitted: true as const };
        items.push(row.encoded ? { ...base, encoded: row.encoded } : { ...base, inputJson: row.inputJson as string, resultJson: row.resultJson as string });
        pending.set(row.caseRowId, row);
      }
    }
    if (items.length === 0) return;
    const written = store.batch.recalc({ operator: this.operator, items });
    if (!written.ok) throw new StoreFailure(written.errors[0]?.message ?? '');
    const stale = new Set(written.value.stale);
    tally.written += written.value.written;
    tally.stale += stale.size;
    for (const [caseRowId, row] of pending) if (!stale.has(caseRowId)) this.report.addEntry(row.caseNo, row.report);
  }

  private problem(caseNo: string, message: string): void {
    this.tally.failed += 1;
    if (this.tally.problems.length < MAX_PROBLEMS) this.tally.problems.push({ caseNo, message });
  }
}
