/**
 * suggestStage: the 学段 offered on the intake screen from the age on asOf (6-3-3 学制, school entry at 6,
 * 幼儿园 from 3). Only a suggestion; rules read `student.stage` as entered.
 */
import { describe, expect, it } from 'vitest';
import { suggestStage } from '../../../shared/household/stage';

describe('suggestStage', () => {
  it.each<[number, string | null]>([
    [0, null],
    [2, null],
    [3, 'preschool'],
    [5, 'preschool'],
    [6, 'primary'],
    [11, 'primary'],
    [12, 'junior'],
    [14, 'junior'],
    [15, 'senior'],
    [17, 'senior'],
    [18, 'undergraduate'],
    [21, 'undergraduate'],
    [22, 'master'],
    [24, 'master'],
    [25, 'doctoral'],
    [28, 'doctoral'],
    [29, null],
    [60, null],
  ])('age %i → %s', (age, stage) => {
    expect(suggestStage(age)).toBe(stage);
  });
  it('no suggestion for a negative or fractional age', () => {
    expect(suggestStage(-1)).toBeNull();
    expect(suggestStage(6.5)).toBeNull();
  });
});
