/**
 * A worker thread of `calc --workers` loads the main thread's `pack.raw` without running the pack
 * schema again (shared/packs/loadPack.ts `schemaChecked`, electron/cli/calcWorker.ts): that raw went
 * through the schema when the main thread loaded it. The pack it gives must be the one the schema
 * path gives — same meta, parameters (every dated value, its quantity, list, bands and citation),
 * rules and deliveries — for each shipped pack and an older local pack, and the other checks still
 * run: a pack whose citation names a document it does not list is refused either way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';

/** Everything a pack holds, as plain data (Maps as entries; Decimals through their toJSON text). */
const plain = (pack: Pack) =>
  JSON.parse(
    JSON.stringify({ meta: pack.meta, raw: pack.raw, parameters: [...pack.parameters], rules: [...pack.rules], deliveries: [...pack.deliveries] }, (_key, value: unknown) =>
      value instanceof Map ? [...value] : value,
    ),
  ) as unknown;

const oldLocal = (JSON.parse(readFileSync(join(__dirname, '../../fixtures/packs/local-pack-2026.1.json'), 'utf8')) as { pack: RawPack }).pack;

describe('loading a pack already checked by the schema (worker threads)', () => {
  const packs: [string, unknown][] = [...SHIPPED_PACKS.map((raw, i): [string, unknown] => [`shipped ${i}`, raw]), ['old local pack', oldLocal]];
  for (const [name, source] of packs) {
    it(`${name}: the same pack from its own raw without the schema as with it`, () => {
      const checked = loadPack(source);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const again = loadPack(structuredClone(checked.value.raw), { schemaChecked: true });
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      expect(plain(again.value)).toEqual(plain(checked.value));
      expect(again.value.parameters.size).toBeGreaterThan(50);
    });
  }

  it('the checks beyond the schema still run: a citation of a document the pack does not list is refused', () => {
    const loaded = loadPack(SHIPPED_PACKS[0]);
    if (!loaded.ok) throw new Error('shipped pack does not load');
    const raw = structuredClone(loaded.value.raw);
    const [firstClause] = Object.keys(raw.clauses ?? {});
    if (firstClause === undefined) throw new Error('the shipped pack has no clauses');
    (raw.clauses as Record<string, { doc: string }>)[firstClause] = { ...(raw.clauses as Record<string, { doc: string }>)[firstClause], doc: '不存在的文件' };
    const again = loadPack(raw, { schemaChecked: true });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors[0]?.message).toContain('不存在的文件');
  });
});
