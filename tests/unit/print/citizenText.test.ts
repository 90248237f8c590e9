/**
 * Nothing a resident reads carries internal notes, file names or software wording (DEVELOPERS.md; issue:
 * a handout printed "第十二条（议题引作第十条）"). Every text that can reach a screen or a printout is
 * scanned: the pack's labels, clauses, quotes, notes and document names, and everything a calculation
 * writes (labels, steps, citations, screening reasons and offices, alerts, warnings, payment texts,
 * medical item labels), over hand-picked households that use every rule and a few hundred random ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { AREAS, HOUSING_RATINGS, STAGES, STATUSES } from '../../../shared/household/codes';
import { documentName, resolveCitation } from '../../../shared/packs/loadPack';
import { UNIT_LABELS } from '../../../shared/packs/types';
import { BENEFIT_CODES, BENEFIT_GROUP_LABELS } from '../../../shared/result/benefitCodes';
import { DELIVERY_LABELS } from '../../../shared/result/delivery';
import type { CalcResult } from '../../../shared/result/types';
import { cardLabel } from '../../../shared/print/cardLabels';
import { PREVAIL_LINE } from '../../../shared/print/handoutModel';
import { ruleSentence } from '../../../shared/print/ruleSentences';
import { compute } from '../../support/calc';

/** Internal words and file names; English words (two Latin letters or more: "I型", "A类", "C级" are fine). */
const FORBIDDEN: [RegExp, string][] = [
  [/\.txt|\.json|\.md\b|\.ts\b/i, 'a file name'],
  [/议题|issue/i, 'an issue reference'],
  [/seed|出厂|软件|本程序|代码/i, 'software wording'],
  [/TODO|FIXME|XXX/, 'a team note'],
  [/policy-sources|shared\/|tests?\//i, 'a path'],
  [/随附文本|随附政策文本/, 'a note about the shipped texts'],
  [/[A-Za-z]{2,}/, 'an English word or code'],
];

function problemsIn(where: string, text: string | null | undefined): string[] {
  if (!text) return [];
  return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${where}: ${what} in 「${text}」`);
}

function resultTexts(result: CalcResult): [string, string][] {
  const texts: [string, string][] = [];
  const add = (where: string, text: string | null | undefined) => {
    if (text) texts.push([where, text]);
  };
  for (const b of result.benefits) {
    add(`${b.code} label`, b.label);
    add(`${b.code} payment`, b.payment);
    b.steps.forEach((step, i) => add(`${b.code} step ${i}`, step));
    for (const basis of b.basis) {
      add(`${b.code} basis doc`, basis.doc);
      add(`${b.code} basis clause`, basis.clause);
      add(`${b.code} basis quote`, basis.quote);
      add(`${b.code} basis note`, basis.note);
    }
  }
  for (const item of result.screening.items) {
    add(`${item.code} item label`, item.label);
    add(`${item.code} reason`, item.reason);
    add(`${item.code} where`, item.where);
    for (const basis of item.basis) {
      add(`${item.code} item basis`, `${basis.doc} ${basis.clause} ${basis.quote ?? ''} ${basis.note ?? ''}`);
    }
  }
  result.screening.dibao.steps.forEach((step, i) => add(`低保 step ${i}`, step));
  for (const alert of result.alerts) add(`alert ${alert.code}`, alert.message);
  for (const warning of result.warnings) {
    add('warning', warning.message);
    add('warning label', warning.label);
    add('warning value', warning.value);
  }
  for (const medical of Object.values(result.medical)) for (const item of medical.items) add('medical item', item.label);
  return texts;
}

const person = (id: string, birthDate: string, extra: Record<string, unknown> = {}) => ({ id, name: `成员${id}`, birthDate, ...extra });

/** Households that between them use every rule of the pack. */
const HANDPICKED: Record<string, unknown>[] = ['2021-06-30', '2023-09-01', '2025-10-01', '2026-12-15'].flatMap((asOf) => [
  {
    asOf,
    household: { area: 'rural', status: 'dibao', formerlyRegisteredPoor: true, monthlyIncome: 500, annualNetIncomePerCapita: 6000, housing: { rating: 'D', estimatedCost: 60000 } },
    members: [
      person('a', '1960-01-01', { status: 'tekun', tekunCare: 'full', pension: { insured: true, receiving: true }, disability: { grade: 1, kind: 'physical' }, medical: { inpatient: [{ total: 300000, policyScope: 250000, level: 'province' }], outpatient: [{ kind: 'special', disease: '终末期肾病', total: 40000, policyScope: 40000 }, { kind: 'chronic', disease: '高血压', total: 3000, policyScope: 3000 }] } }),
      person('b', '1985-01-01', { pension: { insured: true }, employment: { monthlyWage: 2500 }, training: { yuluShort: 'A', designatedDays: 10, outOfCountyCosts: 800, workForTrainingMonths: 3 }, startup: { firstBusiness: true, monthsOperating: 8, incubator: { annualCosts: 12000, subsidyYear: 1 } }, publicWelfareJob: { yearInPost: 1 } }),
      person('c', '2020-06-01', { student: { stage: 'preschool', kindergartenYear: 3 } }),
      person('d', '2021-01-01', { student: { stage: 'preschool', kindergartenYear: 2, publicKindergarten: false } }),
      person('e', '2012-01-01', { student: { stage: 'junior', boarding: true } }),
      person('f', '2008-01-01', { student: { stage: 'senior', boarding: true } }),
      person('g', '2007-01-01', { student: { stage: 'vocational' } }),
      person('h', '2004-01-01', { student: { stage: 'college' } }),
      person('i', '2000-01-01', { student: { stage: 'doctoral' } }),
      // a baby (育儿补贴) from 2025 on; a child of 1 before
      person('j', asOf >= '2025-01-01' ? '2024-03-01' : '2020-03-01'),
    ],
  },
  {
    asOf,
    household: { area: 'urban', status: 'monitored', monthlyIncome: 3000, annualNetIncomePerCapita: 20000, housing: { rating: 'C' } },
    members: [
      person('a', '1970-01-01', { status: ['illness_poverty', 'dibao_edge'], medical: { inpatient: [{ total: 150000, policyScope: 140000, level: 'county' }, { total: 20000, policyScope: 18000, level: 'city', hospital: '南阳市中心医院' }] } }),
      person('b', '1998-01-01', { status: 'returned_poverty', startup: { firstBusiness: true, monthsOperating: 2 }, publicWelfareJob: { yearInPost: 5 } }),
      person('c', '2016-01-01', { student: { stage: 'primary', hardship: true, orphan: true } }),
    ],
  },
  {
    asOf,
    household: { area: 'rural', status: 'ordinary', monthlyIncome: 900, housing: { rating: 'none' } },
    members: [person('a', '1950-01-01', { disability: { grade: 2, kind: 'intellectual' } }), person('b', '1990-05-05', { employment: { monthlyWage: 1000 } })],
  },
]);

describe('citizen-facing text is clean', () => {
  it('the pack: every label, description, clause, quote, note and document name', () => {
    const raw = SHIPPED_PACKS[0]!;
    const problems: string[] = [];
    problems.push(...problemsIn('pack title', raw.title), ...problemsIn('pack description', raw.description));
    for (const [id, document] of Object.entries(raw.documents)) {
      problems.push(...problemsIn(`document ${id}`, `${documentName(document)} ${document.issuer ?? ''} ${document.note ?? ''}`));
    }
    for (const [id, clause] of Object.entries(raw.clauses ?? {})) {
      problems.push(...problemsIn(`clause ${id}`, clause.clause), ...problemsIn(`clause ${id} quote`, clause.quote), ...problemsIn(`clause ${id} note`, clause.note));
    }
    for (const [key, parameter] of Object.entries(raw.parameters)) {
      problems.push(...problemsIn(`${key} label`, parameter.label), ...problemsIn(`${key} description`, parameter.description));
      for (const value of parameter.values) {
        const resolved = resolveCitation(raw, value);
        if (typeof resolved === 'string') problems.push(`${key}: ${resolved}`);
        else problems.push(...problemsIn(`${key} ${value.from}`, `${resolved.clause} ${resolved.note ?? ''}`));
      }
    }
    for (const [id, rule] of Object.entries(raw.rules)) problems.push(...problemsIn(`rule ${id}`, rule.label));
    // 带齐这些，去这里办 (issue 15): offices and materials are printed for the family
    for (const [id, office] of Object.entries(raw.guidance?.offices ?? {})) problems.push(...problemsIn(`office ${id}`, `${office.name} ${office.place} ${office.phone}`));
    for (const [code, item] of Object.entries(raw.guidance?.items ?? {})) problems.push(...problemsIn(`guidance ${code}`, item.materials.join('、')));
    expect(problems).toEqual([]);
  });

  it('the fixed wording: benefit labels, payments, card labels and rule sentences, groups, deliveries, units, the footer line', () => {
    const texts = [
      ...Object.entries(BENEFIT_CODES).flatMap(([code, info]) => [info.label, info.payment, cardLabel(code, info.label), ruleSentence(code, [])]),
      ...Object.values(BENEFIT_GROUP_LABELS),
      ...Object.values(DELIVERY_LABELS),
      ...Object.values(UNIT_LABELS),
      PREVAIL_LINE,
    ];
    expect(texts.flatMap((text) => problemsIn('fixed', text))).toEqual([]);
  });

  it('every text a calculation writes, for households using every rule, in 2021, 2023, 2025 and after the review date', () => {
    const problems: string[] = [];
    const codes = new Set<string>();
    for (const input of HANDPICKED) {
      const result = compute(input);
      for (const benefit of result.benefits) codes.add(benefit.code);
      for (const item of result.screening.items) codes.add(item.code);
      for (const [where, text] of resultTexts(result)) problems.push(...problemsIn(where, text));
    }
    expect(problems).toEqual([]);
    // the households reach every benefit (as a benefit, or as an item to apply for): a rule they missed would go unscanned
    const missed = Object.keys(BENEFIT_CODES).filter((code) => !codes.has(code));
    expect(missed).toEqual([]);
  });

  it('and for random households (statuses, stages, bills, overrides of nothing)', () => {
    const arb = fc.record({
      asOf: fc.constantFrom('2021-06-30', '2022-03-01', '2024-09-01', '2025-09-01', '2026-12-15'),
      area: fc.constantFrom(...AREAS),
      status: fc.constantFrom(...STATUSES),
      rating: fc.constantFrom(...HOUSING_RATINGS),
      stage: fc.constantFrom(...STAGES),
      own: fc.subarray([...STATUSES], { maxLength: 2 }),
      selfPay: fc.integer({ min: 0, max: 400_000 }),
      birthYear: fc.integer({ min: 1940, max: 2020 }),
    });
    fc.assert(
      fc.property(arb, (h) => {
        const input = {
          asOf: h.asOf,
          household: { area: h.area, status: h.status, monthlyIncome: 800, housing: { rating: h.rating } },
          members: [
            person('a', `${h.birthYear}-04-01`, { status: h.own, pension: { insured: true }, medical: { inpatient: [{ total: h.selfPay + 1000, policyScope: h.selfPay + 1000, basicPaid: 1000 }] } }),
            person('b', '2010-04-01', { student: { stage: h.stage } }),
          ],
        };
        const problems = resultTexts(compute(input)).flatMap(([where, text]) => problemsIn(where, text));
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
