/**
 * sameLeanAsStored (electron/services/packs/leanComparison.ts): a result recomputed without steps
 * against a result stored with them, apart from the policy block. The byte walk must answer exactly
 * what withoutSteps() of the parsed stored result answers: a steps difference alone is "the same", any
 * other byte is not, and nothing inside a string (a "]" or an escaped quote in a step, a name that
 * reads like a key) may move the walk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameLeanAsStored, sameLeanParsed, walk } from '../../../electron/services/packs/leanComparison';
import { calculate } from '../../../shared/calculate';
import type { CalcResult } from '../../../shared/result/types';
import { withoutSteps } from '../../../shared/result/withoutSteps';
import { pack } from '../../support/calc';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/** One urban 低保 household of one person with 433 元 a month (the recalc tests' household). */
const HOUSEHOLD = {
  asOf: '2026-06-10',
  household: { area: 'urban', status: 'dibao', monthlyIncome: 433, township: '石桥镇', village: '王庄村' },
  members: [{ id: 'm1', name: '孙明白', birthDate: '1972-04-16' }],
};

function computed(input: Record<string, unknown>, explain = true): CalcResult {
  const result = calculate(input, { pack, today: String(input.asOf), explain });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('sameLeanAsStored', () => {
  const whole = computed(HOUSEHOLD);

  it('the stored whole result and the same result computed without wording its steps: the same, on any policy block', () => {
    expect(whole.benefits.some((benefit) => benefit.steps.length > 0)).toBe(true);
    const lean = withoutSteps(computed(HOUSEHOLD, false));
    expect(walk(bytes(lean), bytes(whole))).toBe(true);
    const otherPolicy = { ...lean, policy: { ...lean.policy, version: '2027.1', asOf: '2027-01-01' } };
    expect(sameLeanAsStored(bytes(otherPolicy), bytes(whole))).toBe(true);
  });

  it('the same amounts on another date, a warning or the screening dated otherwise: not the same', () => {
    // 2026-06-11: the same 低保 amount (the standard does not change) — but this household's result
    // names its date nowhere else, so a warning is added by hand to stand for the dated parts
    const lean = withoutSteps(computed(HOUSEHOLD, false));
    const warned = { ...lean, warnings: [...lean.warnings, { message: '收入为 2026 年 6 月申报', path: 'household.monthlyIncome' }] };
    expect(walk(bytes(warned), bytes(whole))).toBe(false);
    const screened = { ...lean, screening: { ...lean.screening, dibao: { ...lean.screening.dibao, standard: '721.00' } } };
    expect(walk(bytes(screened), bytes(whole))).toBe(false);
    // one fen in a benefit's monthly amount
    const fen = { ...lean, benefits: lean.benefits.map((benefit, i) => (i === 0 ? { ...benefit, monthly: '287.01' } : benefit)) };
    expect(walk(bytes(fen), bytes(whole))).toBe(false);
  });

  it('steps holding "]", quotes, braces and a text like a key are skipped whole', () => {
    const tricky = {
      ...whole,
      benefits: whole.benefits.map((benefit, i) => (i === 0 ? { ...benefit, steps: ['a]b', 'c"]d', '{"steps":[1]}', '\\', ',"benefits":'] } : benefit)),
    };
    expect(walk(bytes(withoutSteps(whole)), bytes(tricky))).toBe(true);
    expect(sameLeanParsed(JSON.stringify(withoutSteps(whole)), JSON.stringify(tricky))).toBe(true);
  });

  it('a name that reads like a steps key is compared as the name it is', () => {
    const named = (name: string) => ({ ...whole, warnings: [{ message: name, path: 'members[0].name' }] });
    const lean = withoutSteps(named('"steps":[孙明白]') as CalcResult);
    expect(walk(bytes(lean), bytes(named('"steps":[孙明白]')))).toBe(true);
    expect(sameLeanAsStored(bytes(lean), bytes(named('"steps":[孙明')))).toBe(false);
    // a key ending in an escaped quote and "steps" is not a steps key: its array is compared, not skipped
    const keyed = (list: string[]) => ({ ...whole, warnings: [{ 'a"steps': list }] });
    expect(sameLeanAsStored(bytes(withoutSteps(keyed([]) as unknown as CalcResult)), bytes(keyed(['孙明白'])))).toBe(false);
    expect(sameLeanAsStored(bytes(withoutSteps(keyed(['孙明白']) as unknown as CalcResult)), bytes(keyed(['孙明白'])))).toBe(true);
  });

  it('not in the form the walk reads (no leading policy block): the parsed comparison answers', () => {
    const { policy, ...rest } = whole;
    const reordered = { ...rest, policy };
    expect(walk(bytes(withoutSteps(whole)), bytes(reordered))).toBeNull();
    expect(sameLeanAsStored(bytes(withoutSteps(whole)), bytes(reordered))).toBe(true);
    expect(sameLeanAsStored(bytes({ ...withoutSteps(whole), warnings: [] }), bytes(reordered))).toBe(whole.warnings.length === 0);
  });

  it('the byte walk agrees with withoutSteps() of the parsed stored result on arbitrary results (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '"', ']', '[', '\\', '{', '}', ',', ':', '明', 's', 't', 'e', 'p') , maxLength: 12 });
    const benefit = fc.record({ code: fc.constantFrom('dibao.allowance', 'medical.assistance'), annual: fc.constantFrom('3444.00', '3444.01'), steps: fc.array(text, { maxLength: 3 }) });
    const result = fc.record({
      policy: fc.record({ version: fc.constantFrom('2026.1', '2027.1') }),
      benefits: fc.array(benefit, { maxLength: 3 }),
      screening: fc.record({ dibao: fc.record({ result: fc.constantFrom('eligible', 'edge'), steps: fc.array(text, { maxLength: 2 }) }) }),
      warnings: fc.array(text, { maxLength: 2 }),
    });
    let walkedRuns = 0;
    fc.assert(
      fc.property(result, result, fc.boolean(), (stored, other, sameBody) => {
        // half the time the lean side is the stored result itself without steps (under another policy block)
        const leanSource = sameBody ? { ...stored, policy: other.policy } : other;
        const lean = withoutSteps(leanSource as unknown as CalcResult);
        const walked = walk(bytes(lean), bytes(stored));
        const parsed = sameLeanParsed(JSON.stringify(lean), JSON.stringify(stored));
        if (walked !== null) walkedRuns += 1;
        expect(walked === null ? parsed : walked).toBe(parsed);
        if (sameBody) expect(parsed).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // the walk itself answered (not its fallback) in nearly every run
    expect(walkedRuns).toBeGreaterThan(1900);
  });
});

describe('sameLeanAsStored on a stored result that is not JSON', () => {
  it('is not the same (the case then gets a revision computed from its checked input), and does not throw', () => {
    const lean = Buffer.from('{"benefits":[],"policy":{}}', 'utf8');
    expect(sameLeanAsStored(lean, Buffer.from('{"benefits":[', 'utf8'))).toBe(false);
  });
});
