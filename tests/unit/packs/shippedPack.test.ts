/**
 * The shipped 河南·南阳 pack: it loads, defines every key of the contract, cites each clause once from
 * its clauses file, and every citation is real — each quoted clause is found, word for word, in the
 * policy text shipped with the pack (seeds/henan-nanyang/sources/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { loadPack } from '../../../shared/packs/loadPack';
import { CONTRACT_PARAMETER_KEYS } from '../../../shared/packs/requiredKeys';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import { CONTRACT_DELIVERY } from '../../../shared/result/delivery';

const SOURCES = join(__dirname, '../../../seeds/henan-nanyang/sources');
const raw = SHIPPED_PACKS[0]!;
const clauses = raw.clauses ?? {};

/** Whitespace and full-/half-width punctuation differ between the extracted texts and our quotes. */
function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[，]/g, ',')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[：]/g, ':')
    .replace(/[；]/g, ';')
    .replace(/[“”"]/g, '"');
}

const texts = new Map<string, string>();
const textOf = (seed: string) => {
  if (!texts.has(seed)) texts.set(seed, normalize(readFileSync(join(SOURCES, seed), 'utf8')));
  return texts.get(seed) as string;
};

describe('the shipped pack', () => {
  it('loads without errors', () => {
    const loaded = loadPack(raw);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('defines every parameter key of the contract (minimumWage through its tiers)', () => {
    const loaded = loadPack(raw);
    if (!loaded.ok) throw new Error('does not load');
    for (const key of CONTRACT_PARAMETER_KEYS) expect(loaded.value.parameters.has(key), key).toBe(true);
    expect(loaded.value.parameters.get('minimumWage')?.tieredBy).toBe('minimumWage.tier');
  });

  it('ships the five policy texts and names each in its document', () => {
    const shipped = readdirSync(SOURCES).filter((name) => name.endsWith('.txt')).sort();
    expect(shipped).toHaveLength(5);
    const named = Object.values(raw.documents).flatMap((document) => (document.seed ? [document.seed] : [])).sort();
    expect(named).toEqual(shipped);
  });

  it('cites every value and rule by clause id, and every clause is cited', () => {
    const cited = new Set<string>();
    for (const [key, parameter] of Object.entries(raw.parameters)) {
      for (const value of parameter.values) {
        expect(value.cite, key).toBeDefined();
        expect([value.doc, value.clause, value.quote], key).toEqual([undefined, undefined, undefined]);
        cited.add(value.cite as string);
      }
    }
    for (const [id, rule] of Object.entries(raw.rules)) {
      expect(rule.cite, id).toBeDefined();
      cited.add(rule.cite as string);
    }
    // the 名册用语 that name a category a policy text defines (监测对象, 特困, 低保 …) cite it
    for (const table of Object.values(raw.rosterWords ?? {})) {
      for (const entry of Object.values(table as Record<string, { cite?: string }>)) if (entry.cite) cited.add(entry.cite);
    }
    expect(Object.keys(clauses).filter((id) => !cited.has(id))).toEqual([]);
  });

  it('quotes only shipped texts, and every quote is found in its text', () => {
    let checked = 0;
    for (const [id, clause] of Object.entries(clauses)) {
      if (clause.quote === undefined) continue;
      const seed = raw.documents[clause.doc]?.seed;
      // a paraphrase of a text that is not shipped belongs in `note`
      expect(seed, `${id}: a quote needs its shipped text`).toBeTruthy();
      // "……" marks an omission: each part must be in the text
      for (const part of clause.quote.split('……').map(normalize).filter((p) => p.length > 0)) {
        expect(textOf(seed as string).includes(part), `${id}: 「${part}」 not found in ${seed}`).toBe(true);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('marks every value whose document is not among the shipped texts as unverified', () => {
    for (const [key, parameter] of Object.entries(raw.parameters)) {
      for (const value of parameter.values) {
        const document = raw.documents[clauses[value.cite as string]?.doc as string];
        expect(document, key).toBeDefined();
        if (document?.seed === null) expect(value.verified ?? document.verified, key).toBe(false);
      }
    }
  });

  it('says how every benefit reaches the family, as the contract classifies it', () => {
    expect(Object.keys(raw.deliveries ?? {}).sort()).toEqual(Object.keys(BENEFIT_CODES).sort());
    for (const code of Object.keys(BENEFIT_CODES)) expect(raw.deliveries?.[code], code).toBe(CONTRACT_DELIVERY[code]);
  });

  it('has been reviewed up to a date no later than it was published', () => {
    expect(raw.reviewedThrough).toBeDefined();
    expect(raw.reviewedThrough! <= raw.publishedAt).toBe(true);
  });
});
