/**
 * A recalculation from the 2025 values to the 2026 values lists who gains what (issue 13, item 8): cases
 * saved with a 2025 date are recomputed for 2026-06-01 through the real per-case path (RecalcComputer)
 * and added up by the change report. Worked by hand from the pack's dated values:
 *   基础养老金 143 → 163 元/月 (2025 → 2026 government work reports): +20 × 12 = +240.00 per pensioner
 *   特困 全护理 1/3 of the 二类 minimum wage 2000 → 2150 (2025-12-01): 8000.00 → 8600.00, +600.00
 *   免费学前一年 (国办发〔2025〕27号, from 2025-09-01): a 大班 child gains 600.00 it did not have on 2025-06-01
 *   育儿补贴: a baby born 2025-08 had 2025-09 … 2025-12 (1200.00), has 12 months in 2026 (3600.00), +2400.00
 */
import { describe, expect, it } from 'vitest';
import { ChangeReportBuilder } from '../../../electron/services/packs/changeReport';
import { RecalcComputer, type StoredRow } from '../../../electron/services/packs/recalcCompute';
import { CODEC_JSON_TEXT } from '../../../electron/services/store/revisionCodec';
import { documentDigests, revisionChecksum, type RevisionFacts } from '../../../electron/services/store/revisionChecksum';
import { compute, pack } from '../../support/calc';

const households: Record<string, unknown>[] = [
  {
    asOf: '2025-06-01',
    household: { area: 'rural', status: 'tekun', township: '马山口镇', village: '马山口村' },
    members: [{ id: 'g', name: '王奶奶', birthDate: '1950-02-01', tekunCare: 'full', pension: { receiving: true } }],
  },
  {
    asOf: '2025-11-20',
    household: { area: 'rural', status: 'ordinary', township: '马山口镇', village: '马山口村' },
    members: [
      { id: 'p', name: '李妈妈', birthDate: '1995-01-01' },
      { id: 'b', name: '李宝宝', birthDate: '2025-08-10' },
    ],
  },
  {
    asOf: '2025-06-01',
    household: { area: 'urban', status: 'ordinary', township: '城关镇', village: '东关社区' },
    members: [
      { id: 'p', name: '赵爸爸', birthDate: '1990-01-01' },
      { id: 'k', name: '赵小红', birthDate: '2020-05-01', student: { stage: 'preschool', kindergartenYear: 3 } },
    ],
  },
];

function recalculated() {
  // Each row sealed as a save seals it: the recalculation reads only revisions whose checksum holds.
  const rows: StoredRow[] = households.map((input, index) => {
    const inputJson = JSON.stringify(input);
    const resultJson = JSON.stringify(compute(input));
    const facts: RevisionFacts = {
      id: index + 1,
      caseNo: `2025-00000${index + 1}`,
      revision: 1,
      kind: 'save',
      savedAt: '2025-06-01T09:00:00+08:00',
      operator: '王经办',
      packId: pack.meta.id,
      packVersion: pack.meta.version,
      voidReason: null,
    };
    return {
      caseRowId: index + 1,
      caseNo: facts.caseNo,
      revision: 1,
      kind: 'save',
      stepsOmitted: false,
      codec: CODEC_JSON_TEXT,
      dictionaryId: null,
      input: inputJson,
      result: resultJson,
      facts,
      checksum: revisionChecksum(facts, documentDigests(inputJson, resultJson), null),
      previous: null,
    };
  });
  const computed = new RecalcComputer(pack, '2026-06-01', () => new Uint8Array()).compute(rows, null);
  const builder = new ChangeReportBuilder(pack.deliveries);
  for (const row of computed) {
    if (row.outcome === 'changed' || row.outcome === 'unchanged') builder.addEntry(row.caseNo, row.report);
    else throw new Error(`${row.caseNo} ${row.outcome}`);
  }
  return builder.build({ jobId: 'test', pack: { id: pack.meta.id, version: pack.meta.version, title: pack.meta.title }, asOf: '2026-06-01', startedAt: '', finishedAt: null, state: 'done' });
}

describe('change report, 2025 values → 2026 values', () => {
  const report = recalculated();
  const line = (code: string) => report.byBenefit.find((l) => l.code === code);

  it('lists the rises by benefit, with who gains', () => {
    expect(line('pension.basic')).toMatchObject({ gainers: 1, losers: 0, before: '1716.00', after: '1956.00', delta: '240.00', delivery: 'cash' });
    expect(line('tekun.care')).toMatchObject({ gainers: 1, before: '8000.00', after: '8600.00', delta: '600.00', delivery: 'cash' });
    expect(line('childcare.subsidy')).toMatchObject({ gainers: 1, before: '1200.00', after: '3600.00', delta: '2400.00', delivery: 'cash' });
  });

  it('counts a benefit the household did not have before as a gain of its whole amount', () => {
    expect(line('education.preschool.freeYear')).toMatchObject({ label: '免除学前一年保育教育费', gainers: 1, before: '0.00', after: '600.00', delta: '600.00', delivery: 'waiver' });
    const zhao = report.cases.find((c) => c.headName === '赵爸爸');
    expect(zhao?.changes).toContain('免除学前一年保育教育费 +600.00');
  });

  it('splits the totals by how money reaches the family, and the parts add up', () => {
    const { byDelivery, delta } = report.summary;
    expect(report.summary.gainers).toBe(3);
    expect(byDelivery?.waiver.delta).toBe('600.00');
    const parts = (['cash', 'settlement', 'waiver', 'oneOff'] as const).reduce((sum, d) => sum + Math.round(Number(byDelivery?.[d].delta) * 100), 0);
    expect(parts).toBe(Math.round(Number(delta) * 100));
  });
});
