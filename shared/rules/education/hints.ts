/** 教育's "还可申请" item: a 监测/边缘 family's student, once the school assesses 家庭经济困难. */
import { memberName, statusLabel, type CalcContext } from '../../calc/context';
import { Decimal, formatYuan, sum } from '../../money';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { hardshipReasons, SCHOOL_ASSESSED_STATUSES, studentAid } from './aid';

/** 监测/边缘 families' students: the aid they would get once the school assesses them as 家庭经济困难. */
export function educationHints({ input, params }: CalcContext): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  for (const member of input.members) {
    if (!member.student || member.student.enrolled === false) continue;
    if (hardshipReasons(input, member).length > 0) continue;
    const held = SCHOOL_ASSESSED_STATUSES.filter((status) => member.statuses.has(status));
    if (held.length === 0) continue;
    const without = studentAid(input, params, member, []);
    const withAid = studentAid(input, params, member, ['学校认定家庭经济困难']);
    const extra = withAid.filter((benefit) => !without.some((b) => b.code === benefit.code));
    if (extra.length === 0) continue;
    const estimate = sum(extra.map((benefit) => new Decimal(benefit.annual)));
    items.push(
      screeningItem({
        code: 'education.hardshipAssessment',
        memberId: member.id,
        action: 'assess',
        reason: `${memberName(member)}为${held.map(statusLabel).join('、')}家庭学生，可申请，需学校认定为家庭经济困难学生；认定后可享受：${extra.map((b) => `${b.label} ${formatYuan(b.annual)}`).join('、')}`,
        where: OFFICES.school,
        annual: estimate,
        basis: [params.rule('education.schoolAssessment'), ...extra.flatMap((b) => b.basis)],
      }),
    );
  }
  return items;
}
