/**
 * Properties of the medical chain over random households (fast-check): whatever the bills and statuses,
 * no amount is negative, 医疗救助 stays within its annual limit, 基本医保 + 大病保险 + 医疗救助 + 自付 =
 * 总费用 to the fen for every item and member, and a member's results do not depend on the order of the
 * other members.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSISTED_STATUSES, HOSPITAL_LEVELS, STATUSES } from '../../../shared/household/codes';
import { Decimal } from '../../../shared/money';
import type { CalcResult } from '../../../shared/result/types';
import { compute } from '../../support/calc';

const fen = (value: number) => (value / 100).toFixed(2);

/** A bill in fen: total ≥ policyScope ≥ given basic + given critical. */
const bill = (kind: 'inpatient' | 'outpatient') =>
  fc
    .record({
      total: fc.integer({ min: 0, max: 60_000_000 }),
      scopeShare: fc.integer({ min: 0, max: 100 }),
      level: fc.constantFrom(...HOSPITAL_LEVELS),
      givenBasic: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      givenCritical: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      outpatientKind: fc.constantFrom('chronic', 'special'),
      disease: fc.constantFrom('终末期肾病', '血友病', '高血压', '恶性肿瘤门诊放化疗', '糖尿病'),
    })
    .map((b) => {
      const scope = Math.floor((b.total * b.scopeShare) / 100);
      const basic = b.givenBasic === undefined ? undefined : Math.floor((scope * b.givenBasic) / 100);
      const critical = b.givenCritical === undefined ? undefined : Math.floor(((scope - (basic ?? 0)) * b.givenCritical) / 100);
      const item: Record<string, unknown> = { total: fen(b.total), policyScope: fen(scope) };
      if (basic !== undefined) item.basicPaid = fen(basic);
      if (critical !== undefined) item.criticalPaid = fen(critical);
      if (kind === 'inpatient') item.level = b.level;
      else {
        item.kind = b.outpatientKind;
        item.disease = b.disease;
      }
      return item;
    });

const member = fc.record({
  status: fc.subarray([...STATUSES], { maxLength: 3 }),
  inpatient: fc.array(bill('inpatient'), { maxLength: 4 }),
  outpatient: fc.array(bill('outpatient'), { maxLength: 3 }),
  birthYear: fc.integer({ min: 1930, max: 2020 }),
});

const householdArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  asOf: fc.constantFrom('2021-06-30', '2023-01-01', '2023-09-01', '2024-12-31', '2025-07-01'),
  members: fc.array(member, { minLength: 1, maxLength: 6 }),
});

type Household = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(h: Household) {
  return {
    asOf: h.asOf,
    household: { area: 'rural', status: h.status },
    members: h.members.map((m, i) => ({
      id: `m${i}`,
      name: `成员${i}`,
      birthDate: `${m.birthYear}-06-15`,
      status: m.status,
      medical: { inpatient: m.inpatient, outpatient: m.outpatient },
    })),
  };
}

const d = (text: string) => new Decimal(text);

function perMember(result: CalcResult, id: string) {
  return {
    medical: result.medical[id],
    benefits: result.benefits.filter((b) => b.memberId === id).map((b) => [b.code, b.annual, b.steps]),
    alerts: result.alerts.filter((a) => a.memberId === id),
  };
}

describe('medical chain properties', () => {
  it('no negative amount; parts add up to the total; assistance within the limit and only for the six statuses', () => {
    fc.assert(
      fc.property(householdArb, (h) => {
        const input = toInput(h);
        const result = compute(input);
        for (const b of result.benefits) expect(d(b.annual).isNegative()).toBe(false);
        input.members.forEach((m) => {
          const summary = result.medical[m.id];
          if (!summary) {
            expect(m.medical.inpatient.length + m.medical.outpatient.length).toBe(0);
            return;
          }
          for (const row of [summary, ...summary.items]) {
            for (const value of [row.basic, row.critical, row.assistance, row.selfPay]) expect(d(value).isNegative()).toBe(false);
            expect(d(row.basic).plus(row.critical).plus(row.assistance).plus(row.selfPay).toFixed(2)).toBe(row.total);
          }
          const statuses = new Set([h.status, ...m.status]);
          const assisted = ASSISTED_STATUSES.filter((s) => statuses.has(s));
          if (assisted.length === 0) expect(summary.assistance).toBe('0.00');
          // the largest limit among the member's statuses (30000 or 10000 in the shipped pack)
          const limit = assisted.some((s) => s === 'tekun' || s === 'dibao' || s === 'returned_poverty') ? 30000 : 10000;
          expect(d(summary.assistance).lessThanOrEqualTo(limit)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a member\'s results are identical whatever the order of the other members', () => {
    fc.assert(
      fc.property(householdArb, fc.integer({ min: 0, max: 1000 }), (h, seed) => {
        const input = toInput(h);
        const shuffled = { ...input, members: [...input.members].sort((a, b) => ((a.id.charCodeAt(1) * 31 + seed) % 7) - ((b.id.charCodeAt(1) * 31 + seed) % 7)) };
        const a = compute(input);
        const b = compute(shuffled);
        for (const m of input.members) expect(perMember(b, m.id)).toEqual(perMember(a, m.id));
        expect(b.totals.annual).toBe(a.totals.annual);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
