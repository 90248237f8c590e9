/**
 * Who counts as which 对象 for the non-medical families. Statuses come only from the input (the
 * household's 身份, each member's own, and 原建档立卡); nothing here grants one.
 */
import type { Status } from '../household/codes';
import type { NormalizedCase, NormalizedMember } from '../household/validate';
import type { ParameterKey } from '../packs/keys';
import type { PolicyParams } from '../packs/params';
import { wholeOf } from './stepText';

/**
 * A 残疾等级 the pack gives (this grade or a more severe one, 一级 being the most severe). A pack made
 * before the grades were in it reads the contract's: grade 1–2 is 重度 (calc-contract.md), and 单人户
 * also counts 三级 智力、精神残疾 (002 五、（二）1.②).
 */
function gradeUpTo(params: PolicyParams, key: ParameterKey, contract: number): number {
  return params.has(key) ? wholeOf(params.get(key)) : contract;
}

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

/** 重度残疾人: 一、二级残疾证 (002 五、兜底保障（二）1.④ 护理补贴; 000 7、市人社局 代缴), by the pack's grade. */
export function isSevereDisability(member: NormalizedMember, params: PolicyParams): boolean {
  return member.disability !== undefined && member.disability.grade <= gradeUpTo(params, 'disability.severeGradeMax', 2);
}

/**
 * “重残” for 单人户 (002 五、兜底保障（二）1.②): 一级、二级重度残疾人 and 三级智力、三级精神残疾人.
 */
export function isSevereForSinglePerson(member: NormalizedMember, params: PolicyParams): boolean {
  const disability = member.disability;
  if (!disability) return false;
  if (disability.grade <= gradeUpTo(params, 'dibao.singlePerson.severeGradeMax', 2)) return true;
  return (disability.kind === 'intellectual' || disability.kind === 'mental') && disability.grade <= gradeUpTo(params, 'dibao.singlePerson.intellectualMentalGradeMax', 3);
}
