/** 特困's "还可申请" items: the care-level assessment, and members who may meet the conditions. */
import { memberName, type CalcContext, type Outcome } from '../../calc/context';
import type { NormalizedMember } from '../../household/validate';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { wholeOf, yuan } from '../stepText';
import { isSevereForSinglePerson } from '../targetGroups';
import { tekunBasic } from './support';

/**
 * 特困: members who may meet the conditions (老年人, 重度残疾人, 未成年孤儿/事实无人抚养儿童) where nobody else
 * in the household is of working age, and 特困 members whose care level has not been assessed.
 */
export function tekunHints({ input, params }: CalcContext, outcome: Outcome): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  const eligibility = params.rule('tekun.eligibility');
  for (const member of input.members) {
    if (member.statuses.has('tekun') && !member.tekunCare) {
      items.push(
        screeningItem({
          code: 'tekun.careAssessment',
          memberId: member.id,
          action: 'assess',
          reason: `${memberName(member)}为特困人员，未填照料护理等级；经生活自理能力评估确定全护理、半护理或全自理后，按相应标准发放照料护理费`,
          where: OFFICES.civilAffairs,
          basis: [eligibility, params.get('tekun.careFraction.full'), params.get('tekun.careFraction.half')],
        }),
      );
    }
  }
  if (outcome.dibao.result === 'ineligible') return items;
  const elderAge = params.get('tekun.elderAge');
  const minorAge = params.get('tekun.minorAgeLimit');
  const workingAge = (member: NormalizedMember) => member.age >= wholeOf(minorAge) && member.age < wholeOf(elderAge) && !isSevereForSinglePerson(member, params);
  for (const member of input.members) {
    if (member.statuses.has('tekun')) continue;
    const orphan = member.age < wholeOf(minorAge) && (member.student?.orphan === true || member.student?.deFactoUnsupported === true);
    const noOneElse = !input.members.some((other) => other !== member && workingAge(other));
    const why: string[] = [];
    if (orphan) why.push(`未满${wholeOf(minorAge)}周岁的${member.student?.orphan ? '孤儿' : '事实无人抚养儿童'}`);
    if (noOneElse && member.age >= wholeOf(elderAge)) why.push(`年满${wholeOf(elderAge)}周岁`);
    if (noOneElse && isSevereForSinglePerson(member, params)) why.push('重度残疾');
    if (why.length === 0) continue;
    const basic = tekunBasic(params, input.household.area);
    items.push(
      screeningItem({
        code: 'tekun.apply',
        memberId: member.id,
        action: 'assess',
        reason:
          `${memberName(member)}${why.join('、')}${orphan ? '' : '，户内无其他劳动年龄成员'}；如无劳动能力、无生活来源、无法定赡养抚养扶养义务人（或其无履行义务能力），` +
          `可申请特困人员救助供养，基本生活标准不低于 ${yuan(basic.annual)}/年，需民政部门认定`,
        where: OFFICES.civilAffairs,
        annual: basic.annual,
        basis: [eligibility, minorAge, elderAge, ...basic.uses],
      }),
    );
  }
  return items;
}
