/**
 * leanResultBytes.ts: the bytes 重新测算 stores, hashes and compares for a recalculated result are
 * exactly Buffer.from(JSON.stringify(withoutSteps(result))) — the form omittedSteps.ts compares a
 * reopened revision against and the checksum covers — for varied households (every family, overrides,
 * dates 2021–2026) under the shipped pack and a new year's pack, with and without worded steps, each
 * written after others through the same reused buffer.
 */
import { describe, expect, it } from 'vitest';
import { LeanResultBytes } from '../../../electron/services/packs/leanResultBytes';
import { calculate } from '../../../shared/calculate';
import { loadPack } from '../../../shared/packs/loadPack';
import { withoutSteps } from '../../../shared/result/withoutSteps';
import { variedHouseholds } from '../../bench/variedHouseholds';
import { BASE, builtPack, dibaoDraft } from '../../support/packDrafts';

const shipped = loadPack(BASE);
if (!shipped.ok) throw new Error('shipped pack');
const draft = dibaoDraft({ rural: '480', urban: '720', from: '2027-01-01' });
draft.changes.push({ key: 'medical.prevYearDisposableIncome', value: '33000', doc: 'ny-2027-dibao', clause: '附件' });
const newYear = builtPack(draft).pack;

describe('LeanResultBytes', () => {
  it('writes exactly the UTF-8 of JSON.stringify(withoutSteps(result)), case after case in one buffer', () => {
    const lean = new LeanResultBytes();
    const households = variedHouseholds(16);
    let compared = 0;
    let largest = 0;
    for (let i = 0; i < 600; i++) {
      const input = JSON.parse(households.next()) as Record<string, unknown>;
      const pack = i % 2 === 0 ? shipped.value : newYear;
      const today = i % 3 === 0 ? '2027-01-01' : String(input.asOf);
      for (const explain of [true, false]) {
        const computed = calculate(i % 3 === 0 ? { ...input, asOf: today } : input, { pack, today, explain });
        if (!computed.ok) continue;
        const expected = Buffer.from(JSON.stringify(withoutSteps(computed.value)), 'utf8');
        const bytes = lean.bytes(withoutSteps(computed.value));
        expect(bytes.equals(expected)).toBe(true);
        largest = Math.max(largest, bytes.length);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1_000);
    // results up to ≈ 40 KB went through the same buffer
    expect(largest).toBeGreaterThan(20_000);
  });
});
