/**
 * A result's totals (shared/result/totals.ts) add the reported amounts exactly, to the fen. Real
 * amounts are added as whole fen in plain numbers; long ones (10^10 yuan and more) as bigint. Both
 * must give what adding the fen as integers gives, whatever the amounts and their signs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BENEFIT_CODES, BENEFIT_GROUPS } from '../../../shared/result/benefitCodes';
import { deliveryOf } from '../../../shared/result/delivery';
import { totalsOf } from '../../../shared/result/totals';

const CODES = Object.keys(BENEFIT_CODES);
const text = (fen: bigint) => {
  const digits = String(fen < 0n ? -fen : fen).padStart(3, '0');
  return `${fen < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

describe('totalsOf', () => {
  it('worked example: 低保 10320.00 + 医疗救助 1234.56 + 学费 0.05', () => {
    const totals = totalsOf([
      { code: 'dibao.allowance', annual: '10320.00', group: 'assistance' },
      { code: 'medical.assistance', annual: '1234.56', group: 'medical' },
      { code: 'education.senior.feeWaiver', annual: '0.05', group: 'education' },
    ]);
    expect(totals).toMatchObject({ annual: '11554.61', cash: '10320.00', settlement: '1234.56', waiver: '0.05', oneOff: '0.00' });
    expect(totals.byGroup).toMatchObject({ assistance: '10320.00', medical: '1234.56', education: '0.05', housing: '0.00' });
  });

  it('equals integer addition of the fen for amounts of every length and sign', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...CODES), fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.nat(17)), { maxLength: 40 }),
        (items) => {
          const benefits = items.map(([code, fen, digits]) => ({ code, annual: text(fen % 10n ** BigInt(digits + 1)), group: (BENEFIT_CODES[code] as { group: (typeof BENEFIT_GROUPS)[number] }).group }));
          const sum = (pick: (b: (typeof benefits)[number]) => boolean) => text(benefits.filter(pick).reduce((total, b) => total + BigInt(b.annual.replace('.', '')), 0n));
          const totals = totalsOf(benefits);
          expect(totals.annual).toBe(sum(() => true));
          for (const delivery of ['cash', 'settlement', 'waiver', 'oneOff'] as const) expect(totals[delivery]).toBe(sum((b) => deliveryOf(b) === delivery));
          for (const group of BENEFIT_GROUPS) expect(totals.byGroup[group]).toBe(sum((b) => b.group === group));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
