/**
 * The shipped 河南·南阳 pack: it loads, defines every key of the contract, and every citation is real —
 * each quote attributed to a policy text in ../shared/policy-sources appears in that text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { loadPack } from '../../../shared/packs/loadPack';
import { CONTRACT_PARAMETER_KEYS } from '../../../shared/packs/requiredKeys';

const SOURCES = join(__dirname, '../../../../shared/policy-sources');
const raw = SHIPPED_PACKS[0]!;

/** Whitespace and full-/half-width punctuation differ between the extracted texts and our quotes. */
function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[，]/g, ',')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[：]/g, ':')
    .replace(/[；]/g, ';')
    .replace(/[“”"]/g, '"')
    .replace(/[〔]/g, '〔');
}

describe('the shipped pack', () => {
  it('loads without errors', () => {
    const loaded = loadPack(raw);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('defines every parameter key of the contract', () => {
    for (const key of CONTRACT_PARAMETER_KEYS) expect(raw.parameters[key], key).toBeDefined();
  });

  it('cites documents that exist, and seed files that exist in policy-sources', () => {
    for (const [id, document] of Object.entries(raw.documents)) {
      if (document.seed) expect(() => readFileSync(join(SOURCES, document.seed as string)), `${id} → ${document.seed}`).not.toThrow();
    }
  });

  it('every quote attributed to a shipped text is found in that text', () => {
    const texts = new Map<string, string>();
    const textOf = (seed: string) => {
      if (!texts.has(seed)) texts.set(seed, normalize(readFileSync(join(SOURCES, seed), 'utf8')));
      return texts.get(seed) as string;
    };
    const checked: string[] = [];
    const check = (where: string, docId: string, quote: string | undefined) => {
      const seed = raw.documents[docId]?.seed;
      if (!quote || !seed) return;
      // "……" marks an omission: each part must be in the text
      for (const part of quote.split('……').map(normalize).filter((p) => p.length > 0)) {
        expect(textOf(seed).includes(part), `${where}: 「${part}」 not found in ${seed}`).toBe(true);
      }
      checked.push(where);
    };
    for (const [key, parameter] of Object.entries(raw.parameters)) {
      parameter.values.forEach((value, i) => check(`${key}[${i}]`, value.doc, value.quote));
    }
    for (const [id, rule] of Object.entries(raw.rules)) check(`rules.${id}`, rule.doc, rule.quote);
    expect(checked.length).toBeGreaterThan(50);
  });

  it('marks every value whose document is not among the shipped texts as unverified', () => {
    for (const [key, parameter] of Object.entries(raw.parameters)) {
      for (const value of parameter.values) {
        const document = raw.documents[value.doc];
        if (document && document.seed === null) expect(value.verified ?? document.verified, key).toBe(false);
      }
    }
  });
});
