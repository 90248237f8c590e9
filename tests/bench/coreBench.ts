/**
 * The calculation core alone, on one core: a typical 4-member 低保 household with medical bills (two
 * stays, a special outpatient disease), a boarding pupil, a worker and a disabled grandmother — every
 * family of rules has something to do. Validation is included: it is part of every calculation.
 * Budget (issue 4): ≥ 10,000 households/s and p95 < 1 ms.
 */
import { performance } from 'node:perf_hooks';
import { calculate } from '../../shared/calculate';
import { pack, TODAY } from '../support/calc';
import { percentile, type Figure } from './figures';

export const TYPICAL_HOUSEHOLD = {
  asOf: '2024-10-15',
  household: { area: 'rural', status: 'dibao', formerlyRegisteredPoor: true, monthlyIncome: 600, annualNetIncomePerCapita: 7200, housing: { rating: 'C', estimatedCost: 15000 } },
  members: [
    { id: 'm1', name: '王建国', relation: 'head', idNumber: '411323197903151230', employment: { monthlyWage: 2400, workplaceUrbanDibaoStandard: 650 }, pension: { insured: true, receiving: false } },
    {
      id: 'm2',
      name: '李秀英',
      relation: 'spouse',
      birthDate: '1981-07-02',
      pension: { insured: true, receiving: false },
      medical: {
        inpatient: [
          { total: 42000, policyScope: 38000, level: 'county' },
          { total: 16500, policyScope: 15000, level: 'city' },
        ],
      },
    },
    { id: 'm3', name: '王小明', relation: 'child', birthDate: '2010-09-01', student: { stage: 'junior', boarding: true } },
    {
      id: 'm4',
      name: '张桂兰',
      relation: 'parent',
      birthDate: '1950-02-11',
      disability: { grade: 2, kind: 'physical' },
      medical: { outpatient: [{ kind: 'special', disease: '终末期肾病', total: 36000, policyScope: 34000 }] },
    },
  ],
};

export function runCoreBench(options: { seconds?: number } = {}): Figure[] {
  const seconds = options.seconds ?? 3;
  const run = () => {
    const result = calculate(TYPICAL_HOUSEHOLD, { pack, today: TODAY });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value;
  };
  for (let i = 0; i < 2000; i++) run(); // warm up the JIT
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - start) / 1000;
  return [
    { name: '核心计算：每秒家庭数', value: Math.round(samples.length / elapsed), unit: '户/秒', budget: { limit: 10_000, better: 'higher' } },
    { name: '核心计算：单户耗时 p50', value: percentile(samples, 50), unit: 'ms' },
    { name: '核心计算：单户耗时 p95', value: percentile(samples, 95), unit: 'ms', budget: { limit: 1, better: 'lower' } },
    { name: '核心计算：样本数', value: samples.length, unit: '户', note: `单线程，${seconds} 秒，含输入校验` },
  ];
}
