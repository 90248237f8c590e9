/**
 * What the form can tell about a member as it is typed: birth date and sex read from the ID number
 * (GB 11643), or the birth date typed; the age on the 测算日期; the 学段 that age suggests.
 */
import { ageOn, isIsoDate } from '@shared/dates';
import type { Stage } from '@shared/household/codes';
import { readIdNumber, type Sex } from '@shared/household/idNumber';
import { suggestStage } from '@shared/household/stage';
import type { MemberDraft } from './caseDraft';
import { cleanDate, cleanIdNumber } from './typedText';

export interface MemberFacts {
  /** the ID number is complete and valid: birth date and sex come from it */
  fromId: boolean;
  birthDate: string | null;
  sex: Sex | null;
  age: number | null;
  suggestedStage: Stage | null;
}

export const SEX_LABELS: Record<Sex, string> = { male: '男', female: '女' };

export function memberFacts(member: MemberDraft, asOf: string): MemberFacts {
  const idNumber = cleanIdNumber(member.idNumber);
  let birthDate: string | null = null;
  let sex: Sex | null = null;
  let fromId = false;
  if (idNumber !== '') {
    const read = readIdNumber(idNumber);
    if (!('problem' in read)) {
      birthDate = read.birthDate;
      sex = read.sex;
      fromId = true;
    }
  } else {
    const typed = cleanDate(member.birthDate);
    if (isIsoDate(typed)) birthDate = typed;
  }
  const day = cleanDate(asOf);
  const age = birthDate && isIsoDate(day) && birthDate <= day ? ageOn(birthDate, day) : null;
  return { fromId, birthDate, sex, age, suggestedStage: age === null ? null : suggestStage(age) };
}
