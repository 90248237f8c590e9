/**
 * Who counts as which 对象 for the non-medical families. Statuses come only from the input (the
 * household's 身份, each member's own, and 原建档立卡); nothing here grants one.
 */
import type { Status } from '../household/codes';
import type { NormalizedCase, NormalizedMember } from '../household/validate';

/** The household holds a 身份 when the household or any member does (电费减免, 危房改造 are per 户). */
export function householdHolds(input: NormalizedCase, status: Status): boolean {
  return input.household.status === status || input.members.some((member) => member.statuses.has(status));
}

/** A 低保 household for 补差: the household's 身份 is 低保, or every member is a 低保对象. */
export function isDibaoHousehold(input: NormalizedCase): boolean {
  return input.household.status === 'dibao' || input.members.every((member) => member.statuses.has('dibao'));
}

/** 脱贫家庭（含监测帮扶对象家庭）: 雨露计划 (002 第二部分 四、稳岗就业（二）7.). */
export function isYuluFamily(input: NormalizedCase): boolean {
  return input.household.formerlyRegisteredPoor || householdHolds(input, 'monitored') || householdHolds(input, 'returned_poverty');
}

/** “两类人员” (002 四、稳岗就业（二）5.): read as 脱贫人口 and 防止返贫监测对象 (rules.json employment.twoGroups). */
export function isTwoGroups(input: NormalizedCase, member: NormalizedMember): boolean {
  return (
    input.household.formerlyRegisteredPoor ||
    member.statuses.has('alleviated') ||
    member.statuses.has('monitored') ||
    member.statuses.has('returned_poverty')
  );
}

/** 重度残疾人: 一、二级残疾证 (002 五、兜底保障（二）1.④ 护理补贴; 000 7、市人社局 代缴). */
export function isSevereDisability(member: NormalizedMember): boolean {
  return member.disability !== undefined && member.disability.grade <= 2;
}

/**
 * “重残” for 单人户 (002 五、兜底保障（二）1.②): 一级、二级重度残疾人 and 三级智力、三级精神残疾人.
 */
export function isSevereForSinglePerson(member: NormalizedMember): boolean {
  const disability = member.disability;
  if (!disability) return false;
  if (disability.grade <= 2) return true;
  return disability.grade === 3 && (disability.kind === 'intellectual' || disability.kind === 'mental');
}
