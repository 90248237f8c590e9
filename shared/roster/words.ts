/**
 * Reading a roster's words through the 名册用语 table (the pack's rosterWords, with the office's own
 * words over it): a 身份 cell ("脱贫户", "农村低保、残疾"), a 残疾 cell ("一级肢体", "视力残疾二级"), a 学段
 * ("七年级") and a 与户主关系 ("之子"). A word the table does not hold is never guessed: it is reported.
 */
import type { Area, DisabilityGrade, DisabilityKind, Stage, Status } from '../household/codes';
import type { Relation } from '../household/schema';
import type { RawRosterWords } from '../packs/types';
import { halfWidth } from './fields';

export type RosterWords = RawRosterWords;
export type WordTable = keyof RosterWords;
export const WORD_TABLES: readonly WordTable[] = ['status', 'disability', 'stage', 'relation'];
export const WORD_TABLE_LABELS: Record<WordTable, string> = { status: '身份', disability: '残疾类别', stage: '在校学段', relation: '与户主关系' };

export const EMPTY_WORDS: RosterWords = { status: {}, disability: {}, stage: {}, relation: {} };

/** The table in force: the pack's, with the office's own entries added or replacing the pack's. */
export function mergeWords(pack: RosterWords | undefined, local: Partial<RosterWords> | undefined): RosterWords {
  const base = pack ?? EMPTY_WORDS;
  return {
    status: { ...base.status, ...(local?.status ?? {}) },
    disability: { ...base.disability, ...(local?.disability ?? {}) },
    stage: { ...base.stage, ...(local?.stage ?? {}) },
    relation: { ...base.relation, ...(local?.relation ?? {}) },
  };
}

/** A word as the table is looked up: half-width, no spaces. */
const SPACE = /[\s\u00a0]/;
export function wordKey(text: string): string {
  const half = halfWidth(text);
  return SPACE.test(half) ? half.replace(/[\s\u00a0]/g, '') : half;
}

/** Cells that say "nothing here" in every roster: empty, 无, 否, a dash or a slash. */
const NOTHING = new Set(['', '无', '否', '-', '--', '—', '——', '/', '\\', '空', '非', 'N', 'n', '0']);
export function saysNothing(text: string): boolean {
  return NOTHING.has(wordKey(text));
}

/** 是 / 否 cells (是否低保, 风险是否消除): true, false, or null when the cell says something else. */
export function yesNo(text: string): boolean | null {
  const key = wordKey(text);
  if (['是', 'Y', 'y', '1', '√', '✓', '有', '已消除', '已标注'].includes(key)) return true;
  if (saysNothing(key) || ['未消除', '未'].includes(key)) return false;
  return null;
}

function lookup<T>(table: Record<string, T>, word: string): T | undefined {
  const key = wordKey(word);
  if (Object.hasOwn(table, key)) return table[key];
  // the table's own keys may carry spaces or full-width forms as typed by a clerk
  for (const [entry, value] of Object.entries(table)) if (wordKey(entry) === key) return value;
  return undefined;
}

/** One cell may hold several words: 农村低保、残疾 · 脱贫户/监测对象 · 低保;特困 */
const SEPARATORS = /[、,，;；/／|｜\s]+/;

export interface StatusReading {
  statuses: Status[];
  area: Area | null;
  formerlyRegisteredPoor: boolean;
  /** the words of the cell the table does not hold */
  unknown: string[];
}

export function readStatusCell(words: RosterWords, cell: string): StatusReading {
  const reading: StatusReading = { statuses: [], area: null, formerlyRegisteredPoor: false, unknown: [] };
  if (saysNothing(cell)) return reading;
  // the whole cell first (a word of the table may itself contain a separator), then its parts
  const whole = lookup(words.status, cell);
  const parts = whole ? [cell] : cell.split(SEPARATORS).filter((part) => !saysNothing(part));
  for (const part of parts) {
    const entry = lookup(words.status, part);
    if (!entry) {
      reading.unknown.push(part.trim());
      continue;
    }
    if (!reading.statuses.includes(entry.status)) reading.statuses.push(entry.status);
    if (entry.area) reading.area = entry.area;
    if (entry.formerlyRegisteredPoor) reading.formerlyRegisteredPoor = true;
  }
  return reading;
}

const GRADE_DIGITS: Record<string, DisabilityGrade> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4, 壹: 1, 贰: 2, 叁: 3, 肆: 4, Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, Ⅳ: 4 };
const GRADE = /([一二三四1-4壹贰叁肆ⅠⅡⅢⅣ])\s*级/;

/** 一级 · 2级 · 二 · 2: the grade of a 残疾等级 cell, or null. */
export function readGrade(text: string): DisabilityGrade | null {
  const key = wordKey(text);
  const found = GRADE.exec(key);
  if (found) return GRADE_DIGITS[found[1] as string] ?? null;
  return GRADE_DIGITS[key] ?? null;
}

/** The 残疾类别 a text names: the longest word of the table found in it (肢体 in 肢体残疾二级). */
export function readKind(words: RosterWords, text: string): DisabilityKind | null {
  const key = wordKey(text);
  const exact = lookup(words.disability, key);
  if (exact) return exact.kind;
  let best: { length: number; kind: DisabilityKind } | null = null;
  for (const [word, entry] of Object.entries(words.disability)) {
    const wordText = wordKey(word);
    if (wordText !== '' && key.includes(wordText) && (!best || wordText.length > best.length)) best = { length: wordText.length, kind: entry.kind };
  }
  return best?.kind ?? null;
}

export type DisabilityReading = { kind: DisabilityKind; grade: DisabilityGrade } | null | { problem: string };

/** A 残疾类别等级 cell ("一级肢体", "肢体残疾二级", "多重（三级）"); null when it says none. */
export function readDisabilityCell(words: RosterWords, cell: string): DisabilityReading {
  if (saysNothing(cell)) return null;
  const kind = readKind(words, cell);
  const grade = readGrade(cell);
  if (!kind && !grade) return { problem: '读不出残疾类别和等级（应如“一级肢体”“视力残疾二级”）' };
  if (!kind) return { problem: '读不出残疾类别（肢体、视力、听力、言语、智力、精神、多重）' };
  if (!grade) return { problem: '读不出残疾等级（一级至四级）' };
  return { kind, grade };
}

/** Two cells, 残疾类别 and 残疾等级; null when both say none. */
export function readDisabilityCells(words: RosterWords, kindCell: string, gradeCell: string): DisabilityReading {
  if (saysNothing(kindCell) && saysNothing(gradeCell)) return null;
  const kind = saysNothing(kindCell) ? null : readKind(words, kindCell);
  const grade = saysNothing(gradeCell) ? null : readGrade(gradeCell);
  if (!kind) return { problem: saysNothing(kindCell) ? '有残疾等级而没有残疾类别' : '读不出残疾类别（肢体、视力、听力、言语、智力、精神、多重）' };
  if (!grade) return { problem: saysNothing(gradeCell) ? '有残疾类别而没有残疾等级' : '读不出残疾等级（一级至四级）' };
  return { kind, grade };
}

export type StageReading = { stage: Stage } | null | { problem: string };

export function readStageCell(words: RosterWords, cell: string): StageReading {
  if (saysNothing(cell)) return null;
  const entry = lookup(words.stage, cell);
  if (!entry) return { problem: '不认识的学段用语' };
  return entry.stage === null ? null : { stage: entry.stage };
}

export function readRelationCell(words: RosterWords, cell: string): Relation | null {
  if (saysNothing(cell)) return null;
  return lookup(words.relation, cell)?.relation ?? null;
}
