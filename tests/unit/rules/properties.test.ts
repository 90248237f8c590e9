/**
 * Properties of every family over random households (fast-check), through `calculate` with the shipped
 * pack: no amount is negative anywhere; a member's results do not depend on the order of the members;
 * a monthly benefit's annual is its month × 12; the totals are the sum of the benefits, and
 * cash + settlement + waiver + oneOff = annual (calc-contract.md "Output").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREAS, DISABILITY_KINDS, HOUSING_RATINGS, STAGES, STATUSES } from '../../../shared/household/codes';
import { Decimal } from '../../../shared/money';
import type { CalcResult } from '../../../shared/result/types';
import { compute } from './cases';

const fen = (value: number) => (value / 100).toFixed(2);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const memberArb = fc.record({
  birthYear: fc.integer({ min: 1930, max: 2026 }),
  birthMonth: fc.integer({ min: 1, max: 12 }),
  status: fc.subarray([...STATUSES], { maxLength: 2 }),
  disability: maybe(fc.record({ grade: fc.constantFrom(1, 2, 3, 4), kind: fc.constantFrom(...DISABILITY_KINDS) })),
  employment: maybe(fc.record({ monthlyWage: fc.integer({ min: 0, max: 800_000 }).map(fen), workplaceUrbanDibaoStandard: maybe(fc.integer({ min: 0, max: 120_000 }).map(fen)) })),
  tekunCare: maybe(fc.constantFrom('full', 'half', 'self')),
  // absent flags mean false
  pension: maybe(fc.record({ insured: maybe(fc.boolean()), receiving: maybe(fc.boolean()) })),
  student: maybe(
    fc.record({
      stage: fc.constantFrom(...STAGES),
      enrolled: maybe(fc.boolean()),
      boarding: maybe(fc.boolean()),
      hardship: maybe(fc.boolean()),
      nationalNutritionPlan: maybe(fc.boolean()),
      orphan: maybe(fc.boolean()),
      deFactoUnsupported: maybe(fc.boolean()),
      kindergartenYear: maybe(fc.constantFrom(1, 2, 3)),
      publicKindergarten: maybe(fc.boolean()),
    }).map(({ kindergartenYear, publicKindergarten, ...student }) =>
      // 幼儿园年级 and 公办 are for 学前 only (validation refuses them elsewhere)
      student.stage === 'preschool' ? { ...student, kindergartenYear, publicKindergarten } : student,
    ),
  ),
  training: maybe(
    fc.record({
      yuluShort: maybe(fc.constantFrom('A', 'B', 'C')),
      designatedDays: maybe(fc.integer({ min: 0, max: 90 })),
      outOfCountyCosts: maybe(fc.integer({ min: 0, max: 100_000 }).map(fen)),
      workForTrainingMonths: maybe(fc.integer({ min: 0, max: 12 })),
    }),
  ),
  startup: maybe(
    fc.record({
      firstBusiness: fc.boolean(),
      monthsOperating: fc.integer({ min: 0, max: 48 }),
      incubator: maybe(fc.record({ annualCosts: fc.integer({ min: 0, max: 5_000_000 }).map(fen), subsidyYear: fc.integer({ min: 1, max: 5 }) })),
    }),
  ),
  publicWelfareJob: maybe(fc.record({ yearInPost: maybe(fc.integer({ min: 1, max: 5 })) })),
});

const householdArb = fc.record({
  asOf: fc.constantFrom('2021-06-30', '2021-12-31', '2022-01-01', '2023-09-01', '2024-08-31', '2024-09-01', '2025-02-28', '2025-03-01', '2026-11-23'),
  area: fc.constantFrom(...AREAS),
  status: fc.constantFrom(...STATUSES),
  formerlyRegisteredPoor: maybe(fc.boolean()),
  monthlyIncome: maybe(fc.integer({ min: 0, max: 1_000_000 }).map(fen)),
  annualNetIncomePerCapita: maybe(fc.integer({ min: 0, max: 3_000_000 }).map(fen)),
  housing: maybe(fc.record({ rating: fc.constantFrom(...HOUSING_RATINGS), priorHousingAid: maybe(fc.boolean()), estimatedCost: maybe(fc.integer({ min: 0, max: 10_000_000 }).map(fen)) })),
  members: fc.array(memberArb, { minLength: 1, maxLength: 6 }),
});

type Household = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

/** Plain JSON, as the app receives it (undefined fields dropped). */
function toInput(h: Household): Record<string, unknown> {
  const { asOf, members, ...household } = h;
  const input = {
    asOf,
    household,
    // a member born after the assessment date would be an input error: born the year before instead
    members: members.map(({ birthYear, birthMonth, ...m }, i) => ({
      id: `m${i}`,
      name: `成员${i}`,
      birthDate: `${Math.min(birthYear, Number(asOf.slice(0, 4)) - 1)}-${String(birthMonth).padStart(2, '0')}-15`,
      ...m,
    })),
  };
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

const d = (text: string) => new Decimal(text);

/** What a member (or the household, for null) gets and is told, independent of the order of members. */
function view(result: CalcResult, id: string | null) {
  const byCode = <T extends { code: string }>(rows: T[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code));
  return {
    benefits: byCode(result.benefits.filter((b) => b.memberId === id)).map((b) => [b.code, b.annual, b.monthly, b.minArea]),
    items: byCode(result.screening.items.filter((i) => i.memberId === id)).map((i) => [i.code, i.action, i.annual]),
    alerts: result.alerts.filter((a) => a.memberId === id).map((a) => a.code).sort(),
  };
}

describe('properties of the non-medical families', () => {
  it('no negative amount anywhere; totals are the sum of the benefits; monthly × 12 = annual', () => {
    fc.assert(
      fc.property(householdArb, (h) => {
        const result = compute(toInput(h));
        for (const b of result.benefits) {
          expect(d(b.annual).isNegative()).toBe(false);
          if (b.monthly !== null) expect(d(b.monthly).isNegative()).toBe(false);
          if (b.minArea !== null) expect(d(b.minArea).isNegative()).toBe(false);
        }
        for (const item of result.screening.items) if (item.annual !== null) expect(d(item.annual).isNegative()).toBe(false);
        if (result.screening.dibao.perCapitaIncome !== null) expect(d(result.screening.dibao.perCapitaIncome).isNegative()).toBe(false);

        const total = result.benefits.reduce((acc, b) => acc.plus(b.annual), new Decimal(0));
        expect(result.totals.annual).toBe(total.toFixed(2));
        const groups = Object.values(result.totals.byGroup).reduce((acc, v) => acc.plus(v), new Decimal(0));
        expect(groups.toFixed(2)).toBe(result.totals.annual);
        // the four ways money reaches the family add up to the year, each the sum of its benefits
        const { cash, settlement, waiver, oneOff } = result.totals;
        expect(d(cash).plus(settlement).plus(waiver).plus(oneOff).toFixed(2)).toBe(result.totals.annual);
        for (const delivery of ['cash', 'settlement', 'waiver', 'oneOff'] as const) {
          const own = result.benefits.filter((b) => b.delivery === delivery).reduce((acc, b) => acc.plus(b.annual), new Decimal(0));
          expect(own.toFixed(2)).toBe(result.totals[delivery]);
        }

        for (const b of result.benefits) {
          if (b.monthly === null) continue;
          const twelve = d(b.monthly).times(12);
          if (b.code === 'tekun.care' || b.code === 'tekun.basic') {
            // the clause fixes the year (1/3, 1/6 of the wage × 12; the rural 6,864 元/年 floor): the year
            // is exact and the month rounded to the fen, so they are at most 12 × 0.005 apart
            expect(twelve.minus(b.annual).abs().lessThanOrEqualTo('0.06')).toBe(true);
          } else {
            expect(twelve.toFixed(2)).toBe(b.annual);
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('results are identical per member (and for the household) whatever the order of the members', () => {
    fc.assert(
      fc.property(householdArb, fc.integer({ min: 1, max: 1000 }), (h, seed) => {
        const input = toInput(h);
        const members = input.members as { id: string }[];
        const shuffled = { ...input, members: [...members].sort((a, b) => ((Number(a.id.slice(1)) * 7 + seed) % 11) - ((Number(b.id.slice(1)) * 7 + seed) % 11)) };
        const a = compute(input);
        const b = compute(shuffled);
        for (const id of [null, ...members.map((m) => m.id)]) expect(view(b, id)).toEqual(view(a, id));
        expect(b.screening.dibao.result).toBe(a.screening.dibao.result);
        expect(b.screening.dibao.perCapitaIncome).toBe(a.screening.dibao.perCapitaIncome);
        expect(b.totals).toEqual(a.totals);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
