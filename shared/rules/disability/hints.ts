/** 残疾人两项补贴's "还可申请" item: 残疾评定 for members who seem to need it. */
import { memberName, type CalcContext } from '../../calc/context';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { shown } from '../stepText';

/** 残疾评定: members cared for as 全护理/半护理, or treated for 重性精神病, without a certificate on file. */
export function disabilityHints({ input, params }: CalcContext): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  const care = params.get('disability.careSubsidy');
  for (const member of input.members) {
    if (member.disability) continue;
    const needsCare = member.tekunCare === 'full' || member.tekunCare === 'half';
    const mental = member.medical.outpatient.some((item) => item.disease?.includes('重性精神病') === true);
    if (!needsCare && !mental) continue;
    items.push(
      screeningItem({
        code: 'disability.assessment',
        memberId: member.id,
        action: 'assess',
        reason: `${memberName(member)}${needsCare ? '需要他人照料护理' : '在接受重性精神病药物维持治疗'}但未登记残疾人证；经评定持一、二级残疾证的可享受重度残疾人护理补贴 ${shown(care, params)}，纳入低保的残疾人另有困难残疾人生活补贴`,
        where: OFFICES.disabledFederation,
        basis: [care],
      }),
    );
  }
  return items;
}
