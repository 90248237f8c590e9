/**
 * What the core works out once per pack value and keeps (shared/rules/stepText.ts `wholeOf`,
 * shared/packs/bands.ts `sharedSliceName`) is kept by the value's identity: another pack — even one
 * with the same keys and a different number — never gets the first pack's figures, in either order,
 * and a case's own override is read for that case only.
 *   一次性创业开业补贴 (002 第二部分 四、稳岗就业（二）5.②): a first business operating at least
 *   `employment.startupMinMonths` months (shipped: 6) gets 5000; at 6 months it is paid under the
 *   shipped pack and not under a pack asking 8, and the step names the pack's own figure.
 *   大病保险 分段 (河南省医疗保障局 2022, 待核实): 60% to 100000, 70% above; a pack whose band changes at
 *   150000 names its slices 15万元.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { calculate, type CalculateOptions } from '../../../shared/calculate';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';
import type { CalcResult } from '../../../shared/result/types';
import { pack, TODAY } from '../../support/calc';

/** The shipped pack with one value replaced (its first dated value), loaded as a pack of its own. */
function packWith(key: string, value: unknown): Pack {
  const raw = structuredClone(SHIPPED_PACKS[0]) as unknown as RawPack & { parameters: Record<string, { values: { value: unknown }[] }> };
  const parameter = raw.parameters[key];
  if (!parameter) throw new Error(`no ${key}`);
  (parameter.values[0] as { value: unknown }).value = value;
  const loaded = loadPack(raw);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.value;
}

function run(input: unknown, options: Partial<CalculateOptions> & { pack: Pack }): CalcResult {
  const result = calculate(input, { today: TODAY, ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const startup = {
  asOf: '2025-03-01',
  household: { area: 'rural', status: 'alleviated' },
  members: [{ id: 'w1', name: '王工', birthDate: '1990-07-01', startup: { firstBusiness: true, monthsOperating: 6 } }],
};
const subsidy = (result: CalcResult) => result.benefits.find((b) => b.code === 'employment.startupSubsidy');

const stay = {
  asOf: '2025-03-01',
  household: { area: 'rural', status: 'ordinary' },
  members: [{ id: 'm1', name: '李四', birthDate: '1960-05-01', medical: { inpatient: [{ total: 140000, policyScope: 140000, basicPaid: 20000 }] } }],
};
const critical = (result: CalcResult) => result.benefits.find((b) => b.code === 'medical.critical');

describe('values kept per pack value are never another pack\'s', () => {
  const eight = packWith('employment.startupMinMonths', '8');
  const wideBands = packWith('medical.critical.bands', [{ from: '0', rate: '0.60' }, { from: '150000', rate: '0.70' }]);

  it('months of 一次性创业开业补贴: shipped 6 → paid at 6 months; a pack asking 8 → not paid; back and forth, explained and not', () => {
    for (const explain of [true, false]) {
      for (let round = 0; round < 2; round++) {
        const shipped = run(startup, { pack, explain });
        expect(subsidy(shipped)?.annual).toBe('5000.00');
        if (explain) expect(subsidy(shipped)?.steps.join('')).toContain('满 6 个月');
        const asking8 = run(startup, { pack: eight, explain });
        expect(subsidy(asking8)).toBeUndefined();
        const item = asking8.screening.items.find((i) => i.code === 'employment.startupSubsidy');
        expect(item?.reason).toContain('满 8 个月后可申请');
        // a case's own value, for that case only
        const overridden = run({ ...startup, params: { 'employment.startupMinMonths': 7 } }, { pack, explain });
        expect(subsidy(overridden)).toBeUndefined();
        expect(subsidy(run(startup, { pack, explain }))?.annual).toBe('5000.00');
      }
    }
  });

  it('大病保险 slices: (120000 − 11000) … 10万元 under the shipped bands, 15万元 under the other pack, in either order', () => {
    // shipped: (100000 − 11000) × 60% + (120000 − 100000) × 70% = 53400 + 14000 = 67400.00
    // 150000 band: (120000 − 11000) × 60% = 65400.00
    for (let round = 0; round < 2; round++) {
      const shipped = run(stay, { pack });
      expect(critical(shipped)?.annual).toBe('67400.00');
      expect(critical(shipped)?.steps).toContain('10万元以下部分 60%，10万元以上部分 70%，年度最高支付限额 400,000.00 元');
      expect(critical(shipped)?.steps.join('')).toContain('10万元以下部分 89,000.00 元 × 60%');
      const wide = run(stay, { pack: wideBands });
      expect(critical(wide)?.annual).toBe('65400.00');
      expect(critical(wide)?.steps).toContain('15万元以下部分 60%，15万元以上部分 70%，年度最高支付限额 400,000.00 元');
      expect(critical(wide)?.steps.join('')).toContain('15万元以下部分 109,000.00 元 × 60%');
      // bands given with the case: named for that case, then the pack's again
      const own = run({ ...stay, params: { 'medical.critical.bands': [{ from: 0, rate: 0.6 }, { from: 50000, rate: 0.7 }] } }, { pack });
      expect(critical(own)?.steps.join('')).toContain('5万元以上部分');
      expect(critical(run(stay, { pack }))?.steps.join('')).toContain('10万元以上部分 20,000.00 元 × 70%');
    }
  });
});
