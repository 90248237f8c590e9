/** 养老保险代缴's "还可申请" item: members of a 代缴 group, of paying age, not yet insured. */
import { memberName, type CalcContext } from '../../calc/context';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { shown, valueOf } from '../stepText';
import { bestPensionSubsidy, inPayingAge, pensionGroupLabel, pensionGroups } from './premium';

/** 养老保险代缴: members of a 代缴 group, of paying age, not yet insured. */
export function pensionHints({ input, params }: CalcContext): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  for (const member of input.members) {
    if (member.pension?.insured === true || member.pension?.receiving === true) continue;
    // 在校学生 do not enrol (参保年龄：年满16周岁，不含在校学生).
    if (member.student && member.student.enrolled !== false) continue;
    const groups = pensionGroups(member, params);
    if (groups.length === 0) continue;
    const age = inPayingAge(member, params);
    if (!age.inRange) continue;
    const best = bestPensionSubsidy(groups, params);
    if (!best) continue;
    items.push(
      screeningItem({
        code: 'pension.enroll',
        memberId: member.id,
        action: 'apply',
        reason: `${memberName(member)}（${groups.map(pensionGroupLabel).join('、')}，${member.age}周岁）${member.pension ? '未参保' : '未填参保情况'}；参加城乡居民养老保险后，按最低缴费档次代缴 ${shown(best.use, params)}`,
        where: OFFICES.humanResources,
        annual: valueOf(best.use),
        basis: [params.rule('pension.premiumSubsidy'), best.use, ...age.uses],
      }),
    );
  }
  return items;
}
