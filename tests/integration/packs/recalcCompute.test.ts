/**
 * The per-case work of 重新测算 (recalcCompute.ts) never computes from altered data: it checks each
 * stored revision's documents (as their inflated UTF-8 bytes) against the revision's checksum, and a
 * flipped bit anywhere — in the compressed input, the compressed result or the checksum — makes the
 * case a failure naming it, not a recalculation. The untouched rows of the same batch are computed.
 */
import { describe, expect, it, afterEach } from 'vitest';
import { RecalcComputer, type StoredRow } from '../../../electron/services/packs/recalcCompute';
import { builtPack, dibaoDraft } from '../../support/packDrafts';
import { openTestStore, removeTempDirs, tempDataDir } from '../store/fixtures/storeTestKit';
import { fillStore } from './recalcFixture';

afterEach(removeTempDirs);

const { pack: newPack } = builtPack(dibaoDraft({ rural: '480', urban: '720' }));

function flipBit(bytes: Uint8Array, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at % copy.length] = (copy[at % copy.length] as number) ^ 0x10;
  return copy;
}

describe('RecalcComputer refuses damaged revisions', () => {
  it('a flipped bit in the input, the result or the checksum: failed as damaged; the rest computed', () => {
    const store = openTestStore(tempDataDir());
    fillStore(store, 24, 4);
    const read = store.batch.latestStored({ afterCaseRowId: 0, limit: 50 });
    if (!read.ok) throw new Error('read');
    const rows = read.value.filter((row) => row.kind !== 'void') as StoredRow[];
    const computer = new RecalcComputer(newPack, '2027-01-01', (id) => store.batch.dictionary(id));
    const clean = computer.compute(rows, null);
    expect(clean.every((row) => row.outcome === 'changed' || row.outcome === 'unchanged')).toBe(true);

    const damaged: StoredRow[] = rows.map((row, i) => {
      if (i === 3) return { ...row, input: flipBit(row.input as Uint8Array, 7) };
      if (i === 5) return { ...row, result: flipBit(row.result as Uint8Array, 40) };
      if (i === 6) return { ...row, result: flipBit(row.result as Uint8Array, (row.result as Uint8Array).length - 3) };
      if (i === 8) return { ...row, checksum: flipBit(row.checksum, 0) };
      if (i === 9) return { ...row, previous: row.previous ? flipBit(row.previous, 5) : Buffer.alloc(32) };
      return row;
    });
    const out = computer.compute(damaged, null);
    out.forEach((row, i) => {
      if ([3, 5, 6, 8, 9].includes(i)) {
        expect(row).toEqual({ caseRowId: rows[i]!.caseRowId, caseNo: rows[i]!.caseNo, outcome: 'failed', message: expect.stringContaining(`案卷 ${rows[i]!.caseNo}`) });
        expect(row.outcome === 'failed' && row.message).toContain('此版本数据已损坏（校验值不符）');
      } else {
        expect(row).toEqual(clean[i]);
      }
    });
    store.close();
  });
});
