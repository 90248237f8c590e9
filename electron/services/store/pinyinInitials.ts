/**
 * 拼音首字母 of a person's name, for search ("zs" finds 张三). The surname is read as a surname
 * (pinyin-pro surname mode: 曾 zēng, 单 shàn, 解 xiè, 仇 qiú, 朴 piáo); the other characters with
 * their usual reading plus, for 多音字 such as 长 (cháng/zhǎng), the other readings as alternatives,
 * so staff find the family whichever way they say the name. Letters only, lower case. The full
 * spelling is indexed too ("zhangsan" finds 张三 as "zs" does), its usual reading only.
 */
import { pinyin } from 'pinyin-pro';

/** Alternatives per name beyond which the rest of the combinations are left out (names of 多音字 only). */
const MAX_VARIANTS = 4;
const LETTER = /^[a-z]$/;

function firstLetters(readings: readonly string[]): string[] {
  const letters: string[] = [];
  for (const reading of readings) {
    const letter = reading.slice(0, 1).toLowerCase();
    if (LETTER.test(letter) && !letters.includes(letter)) letters.push(letter);
  }
  return letters;
}

/**
 * Names repeat (a county has many 王建国, and one household's name is read again for each index), and
 * pinyin-pro is the costliest step of indexing a case: the spellings of recent names are kept. When
 * full the cache starts again, so memory stays bounded.
 */
const CACHE_SIZE = 50_000;
const cache = new Map<string, readonly string[]>();

/** Every spelling of the name's initials, the usual one first: 李长青 → ["lcq", "lzq"]. */
export function nameInitials(name: string): string[] {
  let found = cache.get(name);
  if (!found) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    found = spellInitials(name);
    cache.set(name, found);
  }
  return [...found];
}

/** every reading's first letter of one character (a few thousand characters in names: kept) */
const characterReadings = new Map<string, string[]>();
function readingsOf(character: string): string[] {
  let readings = characterReadings.get(character);
  if (!readings) {
    readings = pinyin(character, { pattern: 'first', toneType: 'none', type: 'array', multiple: true });
    characterReadings.set(character, readings);
  }
  return readings;
}

function spellInitials(name: string): string[] {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return [];
  const usual = pinyin(characters.join(''), { pattern: 'first', toneType: 'none', type: 'array', mode: 'surname' });
  const options: string[][] = characters.map((character, index) => {
    const inContext = usual[index] ?? character;
    if (index === 0 || !/\p{Script=Han}/u.test(character)) return firstLetters([inContext]);
    return firstLetters([inContext, ...readingsOf(character)]);
  });
  let variants = [''];
  for (const letters of options) {
    if (letters.length === 0) continue;
    const next: string[] = [];
    for (const prefix of variants) for (const letter of letters) next.push(prefix + letter);
    variants = next.slice(0, MAX_VARIANTS);
  }
  return variants[0] === '' ? [] : variants;
}

/** The name in full pinyin, usual reading, letters only (ü as v): 张三 → "zhangsan", 吕平 → "lvping". */
export function fullSpelling(name: string): string {
  let spelt = fullCache.get(name);
  if (spelt === undefined) {
    if (fullCache.size >= CACHE_SIZE) fullCache.clear();
    const syllables = pinyin(name.trim(), { toneType: 'none', type: 'array', mode: 'surname', v: true });
    spelt = syllables.join('').toLowerCase().replace(/[^a-z]/g, '');
    fullCache.set(name, spelt);
  }
  return spelt;
}

/** full spellings of recent names, kept as the initials are (a recalculation reads every name again) */
const fullCache = new Map<string, string>();

/** What a name is found by when typed in letters: its initials' spellings, then its full spelling. */
export function nameSpellings(name: string): string[] {
  const spellings = nameInitials(name);
  const full = fullSpelling(name);
  if (full !== '' && !spellings.includes(full)) spellings.push(full);
  return spellings;
}
