/**
 * A result without its explanation: every benefit's `steps` and the 低保 screening's `steps` emptied,
 * everything else (amounts, codes, labels, basis, delivery, medical, 还可申请, alerts, totals, warnings)
 * exactly as computed. 重新测算 stores its results in this form (the case list, totals, exports,
 * 数据检查 and the county read none of the steps); the steps come back when such a revision is opened,
 * by computing it again from its input and the pack it names, and they are only shown if that result,
 * emptied the same way, is byte for byte the stored one (electron/services/store/omittedSteps.ts).
 *
 * The key order stays the core's (a spread keeps it), so JSON.stringify of this is comparable as bytes.
 */
import type { CalcResult } from './types';

export function withoutSteps(result: CalcResult): CalcResult {
  return {
    ...result,
    benefits: result.benefits.map((benefit) => (benefit.steps.length === 0 ? benefit : { ...benefit, steps: [] })),
    screening: { ...result.screening, dibao: { ...result.screening.dibao, steps: [] } },
  };
}
