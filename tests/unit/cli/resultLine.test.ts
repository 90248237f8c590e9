/**
 * The command line writes each result straight into its output buffer, with the text the pack's
 * citations and warnings share across households encoded once (electron/cli/resultLine.ts). Its
 * bytes must be exactly JSON.stringify's: of the full result, and of briefResult (brief.ts) of the
 * full result for --brief, where the calculation itself runs without explanations (explain: false).
 * Checked over the golden households of the core (tests/support/coreGolden.ts: every family, dates
 * without asOf, --set overrides), the varied households of the bench and of the golden digests (seed
 * 17, with the shipped pack and the old local pack), each written twice by one writer per mode so
 * that both the first use of a shared object and its cached bytes are compared (the golden set has
 * --set overrides, whose citations are made for one case); and on results whose text needs JSON
 * escaping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefResult } from '../../../electron/cli/brief';
import { OutputBuffer } from '../../../electron/cli/outputBuffer';
import { ResultLineWriter } from '../../../electron/cli/resultLine';
import { calculate, type CalculateOptions } from '../../../shared/calculate';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';
import type { CalcResult } from '../../../shared/result/types';
import { variedHouseholds } from '../../bench/variedHouseholds';
import { pack } from '../../support/calc';
import { goldenCases } from '../../support/coreGolden';

const oldPack = (() => {
  const raw = (JSON.parse(readFileSync(join(__dirname, '../../fixtures/packs/local-pack-2026.1.json'), 'utf8')) as { pack: RawPack }).pack;
  const loaded = loadPack(raw);
  if (!loaded.ok) throw new Error('old local pack does not load');
  return loaded.value;
})();

function written(writer: ResultLineWriter, result: CalcResult): string {
  const out = new OutputBuffer(16);
  writer.line(result, out);
  return Buffer.from(out.take()).toString('utf8');
}

interface Case {
  input: unknown;
  options: CalculateOptions;
}

function* cases(): Generator<Case> {
  for (const { input, today, overrides } of goldenCases()) yield { input, options: { pack, today, ...(overrides ? { overrides } : {}) } };
  const bench = variedHouseholds();
  for (let i = 0; i < 1500; i++) yield { input: JSON.parse(bench.next()), options: { pack, today: '2026-11-23' } };
  const digests = variedHouseholds(17);
  for (let i = 0; i < 1500; i++) {
    const input = JSON.parse(digests.next()) as unknown;
    yield { input, options: { pack: (i % 3 === 2 ? oldPack : pack) as Pack, today: '2026-11-23' } };
  }
}

describe('a result line as the command line writes it', () => {
  it('full and --brief: the bytes of JSON.stringify, first use and cached; brief computed without explanations', () => {
    const full = new ResultLineWriter(false);
    const brief = new ResultLineWriter(true);
    let compared = 0;
    let withQuotes = 0;
    for (const { input, options } of cases()) {
      const whole = calculate(input, options);
      const lean = calculate(input, { ...options, explain: false });
      if (!whole.ok || !lean.ok) {
        expect(lean).toEqual(whole);
        continue;
      }
      const expectedFull = `${JSON.stringify(whole.value)}\n`;
      const expectedBrief = `${JSON.stringify(briefResult(whole.value))}\n`;
      for (let pass = 0; pass < 2; pass++) {
        expect(written(full, whole.value)).toBe(expectedFull);
        expect(written(brief, lean.value)).toBe(expectedBrief);
      }
      if (expectedFull.includes('"quote":')) withQuotes++;
      compared++;
    }
    expect(compared).toBeGreaterThan(5000);
    expect(withQuotes).toBeGreaterThan(5000);
  });

  it('text that JSON must escape (quotes, backslashes, control characters, lone surrogates), keys left undefined', () => {
    const base = calculate(variedHouseholdWithBenefits(), { pack, today: '2026-11-23' });
    if (!base.ok) throw new Error('household does not compute');
    const odd = 'a"b\\c\n\t\u0001\u001f\ud800 \udc00 😀 中文';
    const result = structuredClone(base.value) as CalcResult;
    const benefit = result.benefits[0] as CalcResult['benefits'][number] & { extra?: unknown };
    benefit.label = odd;
    benefit.extra = undefined;
    benefit.steps.push(odd);
    benefit.basis = [...benefit.basis, { doc: odd, clause: odd, source: null, verified: false, quote: odd }];
    result.warnings.push({ message: odd, path: `members[0].${odd}` });
    // short ones too (the writer copies printable ASCII itself and hands anything else on): a quote, a
    // backslash, DEL (not escaped by JSON), a control character, accented and CJK text, a key to escape
    benefit.memberId = 'm"1';
    (result.benefits[1] as CalcResult['benefits'][number]).label = 'x\\y';
    (result.benefits[1] as CalcResult['benefits'][number]).annual = '\u007f';
    result.warnings.push({ message: '\n', path: 'é', key: '中', label: '' });
    (benefit as unknown as Record<string, unknown>)['k"ey\u0001'] = 'v';
    // data the writer walks itself, and what it must leave to JSON.stringify: a member id that is a
    // name on Object.prototype, toJSON, a class instance, a null-prototype object, what arrays write as
    // null, numbers JSON spells its own way
    const summary = (Object.values(result.medical)[0] ?? { total: '1.00' }) as CalcResult['medical'][string];
    result.medical = { ...result.medical, toString: summary, constructor: summary };
    const bare = Object.create(null) as Record<string, unknown>;
    bare.a = [1, 'b'];
    (result as unknown as Record<string, unknown>).extra = {
      decimalLike: { toJSON: () => '12.50' },
      date: new Date(Date.UTC(2024, 0, 2)),
      bare,
      list: [undefined, () => 1, Symbol('s'), null, true, false, -0, 0.1, 1e21, Number.NaN, Number.POSITIVE_INFINITY, [], {}],
      nested: { skipped: undefined, deeper: [{ x: '中"文' }] },
    };
    (result.screening.dibao as { steps: string[] }).steps.push(odd);
    for (const brief of [false, true]) {
      const writer = new ResultLineWriter(brief);
      const expected = `${JSON.stringify(brief ? briefResult(result) : result)}\n`;
      for (let pass = 0; pass < 2; pass++) expect(written(writer, result)).toBe(expected);
    }
  });
});

describe('a line that cannot be written', () => {
  it('leaves nothing of itself once truncated (as caseLines.ts does), and the next line is whole', () => {
    const base = calculate(variedHouseholdWithBenefits(), { pack, today: '2026-11-23' });
    if (!base.ok) throw new Error('household does not compute');
    const broken = structuredClone(base.value) as CalcResult;
    (broken.totals as unknown as Record<string, unknown>).annual = 10n; // JSON.stringify throws on a BigInt
    for (const brief of [false, true]) {
      const writer = new ResultLineWriter(brief);
      const out = new OutputBuffer(16);
      out.line('{"before":1}');
      const start = out.size;
      expect(() => writer.line(broken, out)).toThrow(TypeError);
      out.truncate(start);
      writer.line(base.value, out);
      expect(Buffer.from(out.take()).toString('utf8')).toBe(`{"before":1}\n${JSON.stringify(brief ? briefResult(base.value) : base.value)}\n`);
    }
  });
});

function variedHouseholdWithBenefits(): unknown {
  const households = variedHouseholds(99);
  for (;;) {
    const input = JSON.parse(households.next()) as unknown;
    const result = calculate(input, { pack, today: '2026-11-23' });
    if (result.ok && result.value.benefits.length > 2 && result.value.screening.items.length > 0) return input;
  }
}
