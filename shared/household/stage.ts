/**
 * The 学段 suggested on the intake screen from a child's age on `asOf`, so staff only confirm it. A
 * suggestion, never a fact used in a calculation: the rules read `student.stage` as entered. Bands follow
 * the 6-3-3 学制 with school entry at 6 (《义务教育法》第十一条：年满六周岁的儿童…入学) and 幼儿园 from 3;
 * 中职 and 高职 cannot be told from age, so the 普通 track is suggested.
 */
import type { Stage } from './codes';

/** [first age, stage], ascending; an age past the last band has no suggestion. */
const BANDS: readonly (readonly [number, Stage])[] = [
  [3, 'preschool'],
  [6, 'primary'],
  [12, 'junior'],
  [15, 'senior'],
  [18, 'undergraduate'],
  [22, 'master'],
  [25, 'doctoral'],
];
const LAST_AGE = 28;

export function suggestStage(age: number): Stage | null {
  if (!Number.isInteger(age) || age > LAST_AGE) return null;
  let suggested: Stage | null = null;
  for (const [from, stage] of BANDS) if (age >= from) suggested = stage;
  return suggested;
}
