/** 危房改造's "还可申请" item: 房屋安全鉴定 for a target-group household whose house is not rated. */
import type { CalcContext } from '../../calc/context';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { shown } from '../stepText';
import { housingTargetGroups } from './renovation';

/** 房屋安全鉴定 for rural target-group households whose house has not been rated. */
export function housingHints({ input, params }: CalcContext): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  if (input.household.area !== 'rural' || input.household.housing) return items;
  const groups = housingTargetGroups(input);
  if (groups.length === 0) return items;
  items.push(
    screeningItem({
      code: 'housing.safetyAssessment',
      memberId: null,
      action: 'assess',
      reason: `本户属${groups.join('、')}，未填房屋安全等级；应进行房屋安全鉴定，鉴定为C级的可维修加固（不高于 ${shown(params.get('housing.repairCap'), params)}），D级或无房户可拆除重建、新建（不高于 ${shown(params.get('housing.rebuildCap'), params)}）`,
      where: OFFICES.housing,
      basis: [params.rule('housing.targets'), params.rule('housing.classification')],
    }),
  );
  return items;
}
