/**
 * What the village campaigns (入户发放 · 村级批量) keep in the case database beside the cases: the column
 * mapping presets saved by name, the office's own 名册用语 (added to the pack's table), and the list of
 * roster imports with the cases each one covers. They live in the settings table (one row each, JSON),
 * so they travel with every backup and need no migration; a row that no longer reads is read as empty.
 * Also here: finding the live case of a 户主 by ID number, through the search index.
 */
import { z } from 'zod';
import { AREAS, DISABILITY_KINDS, STAGES, STATUSES } from '../../../shared/household/codes';
import { maskIdNumber } from '../../../shared/household/idNumber';
import { RELATIONS } from '../../../shared/household/schema';
import { fail, ok, type Result } from '../../../shared/errors';
import { ROSTER_FIELDS } from '../../../shared/roster/fields';
import type { RosterWords } from '../../../shared/roster/words';
import { parseCaseNumber } from './caseNumber';
import type { Connection } from './connection';
import { parseRequest } from './schemas';
import { idNumberTerm } from './searchTerms';

const PRESETS_KEY = 'roster.presets';
const WORDS_KEY = 'roster.words';
const BATCHES_KEY = 'roster.batches';
/** imports listed (the oldest drop off; their cases stay) */
export const MAX_BATCHES = 30;
export const MAX_PRESETS = 50;

export const presetSchema = z.strictObject({
  name: z.string().trim().min(1, { message: '请填写方案名称' }).max(40, { message: '方案名称不能超过40个字' }),
  /** the header text of each mapped column, and its field */
  columns: z
    .array(z.strictObject({ header: z.string().max(100), field: z.enum(ROSTER_FIELDS) }))
    .min(1, { message: '方案中没有指定任何列' })
    .max(200),
  defaultArea: z.enum(AREAS),
  savedAt: z.string().max(40).optional(),
});
export type RosterPreset = z.output<typeof presetSchema>;

const note = z.string().trim().min(1, { message: '请写明这个用语的含义或出处' }).max(200, { message: '说明不能超过200个字' });
const word = z.string().trim().min(1).max(30, { message: '用语不能超过30个字' });
export const localWordsSchema = z.strictObject({
  status: z.record(word, z.strictObject({ status: z.enum(STATUSES), area: z.enum(AREAS).optional(), formerlyRegisteredPoor: z.boolean().optional(), note })).default({}),
  disability: z.record(word, z.strictObject({ kind: z.enum(DISABILITY_KINDS), note })).default({}),
  stage: z.record(word, z.strictObject({ stage: z.enum(STAGES).nullable(), note })).default({}),
  relation: z.record(word, z.strictObject({ relation: z.enum(RELATIONS), note })).default({}),
});

export const batchSchema = z.strictObject({
  id: z.string(),
  fileName: z.string(),
  sheetName: z.string(),
  importedAt: z.string(),
  operator: z.string(),
  packId: z.string(),
  packVersion: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  /** every household of the roster that is in the store now: new, updated or unchanged */
  caseNos: z.array(z.string()),
  villages: z.array(z.string()),
});
export type RosterBatch = z.output<typeof batchSchema>;

export class RosterRecords {
  constructor(private readonly conn: Connection) {}

  private read<T>(key: string, schema: z.ZodType<T>, empty: T): T {
    const row = this.conn.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return empty;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : empty;
    } catch {
      return empty;
    }
  }

  private write(key: string, value: unknown): void {
    this.conn.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  presets(): RosterPreset[] {
    return this.read(PRESETS_KEY, z.array(presetSchema), []);
  }

  /** Saves (or replaces, by name) a preset; returns them all, by name. */
  savePreset(request: unknown, savedAt: string): Result<RosterPreset[]> {
    const parsed = parseRequest(presetSchema, request);
    if (!parsed.ok) return parsed;
    const presets = this.presets().filter((preset) => preset.name !== parsed.value.name);
    if (presets.length >= MAX_PRESETS) return fail(`最多保存${MAX_PRESETS}个方案，请先删去不用的`, 'name');
    presets.push({ ...parsed.value, savedAt });
    presets.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    this.write(PRESETS_KEY, presets);
    return ok(presets);
  }

  deletePreset(name: string): Result<RosterPreset[]> {
    const presets = this.presets();
    const kept = presets.filter((preset) => preset.name !== name);
    if (kept.length === presets.length) return fail(`没有名为「${name}」的方案`, 'name');
    this.write(PRESETS_KEY, kept);
    return ok(kept);
  }

  localWords(): RosterWords {
    return this.read(WORDS_KEY, localWordsSchema, { status: {}, disability: {}, stage: {}, relation: {} }) as RosterWords;
  }

  setLocalWords(request: unknown): Result<RosterWords> {
    const parsed = parseRequest(localWordsSchema, request);
    if (!parsed.ok) return parsed;
    this.write(WORDS_KEY, parsed.value);
    return ok(parsed.value as RosterWords);
  }

  batches(): RosterBatch[] {
    return this.read(BATCHES_KEY, z.array(batchSchema), []);
  }

  /** Records an import, newest first (inside the import's own transaction when called from it). */
  addBatch(batch: RosterBatch): void {
    this.write(BATCHES_KEY, [batch, ...this.batches().filter((other) => other.id !== batch.id)].slice(0, MAX_BATCHES));
  }

  /**
   * The live (not voided) cases whose 户主 has each ID number: from the index of every member's number
   * (search_terms "i:" + the number reversed), then the 户主 of each case checked on its indexed masked
   * number; the caller confirms on the case itself. Several cases for one number are all returned.
   */
  casesOfHeads(idNumbers: readonly string[]): Map<string, string[]> {
    return this.casesOfPeople(idNumbers).heads;
  }

  /** As casesOfHeads, and the live cases where each number is a member but not the 户主 (a household whose 户主 changed). */
  casesOfPeople(idNumbers: readonly string[]): { heads: Map<string, string[]>; members: Map<string, string[]> } {
    const found = new Map<string, string[]>();
    const asMember = new Map<string, string[]>();
    const byTerm = this.conn.prepare(
      `SELECT s.case_no AS caseNo, s.head_id_masked AS headMasked FROM search_terms t JOIN case_search s ON s.case_id = t.case_id
       WHERE t.term = ? AND s.voided = 0`,
    );
    for (const id of idNumbers) {
      const masked = maskIdNumber(id);
      const rows = byTerm.all(idNumberTerm(id)) as { caseNo: string; headMasked: string | null }[];
      const cases = [...new Set(rows.filter((row) => row.headMasked === masked).map((row) => row.caseNo))];
      if (cases.length > 0) found.set(id, cases);
      const others = [...new Set(rows.filter((row) => row.headMasked !== masked).map((row) => row.caseNo))];
      if (others.length > 0) asMember.set(id, others);
    }
    return { heads: found, members: asMember };
  }

  /** The internal ids of cases by number (a village's cases computed again, rosterVillage.ts); numbers not found are left out. */
  caseRowIds(caseNos: readonly string[]): number[] {
    const find = this.conn.prepare('SELECT id FROM cases WHERE year = ? AND sequence = ?');
    const ids: number[] = [];
    for (const caseNo of caseNos) {
      const parsed = parseCaseNumber(caseNo);
      const row = parsed ? (find.get(parsed.year, parsed.sequence) as { id: number } | undefined) : undefined;
      if (row) ids.push(row.id);
    }
    return ids;
  }

  /** Each case's latest revision and whether it is voided, as the index holds it (cheap: no document is decoded). */
  latestRevisions(caseNos: readonly string[]): Map<string, { revision: number; voided: boolean }> {
    const find = this.conn.prepare('SELECT s.revision, s.voided FROM cases c JOIN case_search s ON s.case_id = c.id WHERE c.year = ? AND c.sequence = ?');
    const found = new Map<string, { revision: number; voided: boolean }>();
    for (const caseNo of caseNos) {
      const parsed = parseCaseNumber(caseNo);
      const row = parsed ? (find.get(parsed.year, parsed.sequence) as { revision: number; voided: number } | undefined) : undefined;
      if (row) found.set(caseNo, { revision: row.revision, voided: row.voided === 1 });
    }
    return found;
  }
}
