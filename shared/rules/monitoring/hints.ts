/** 防返贫监测's "还可申请" item: a rural household below the line, not yet monitored, may declare itself. */
import type { CalcContext, Outcome } from '../../calc/context';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { householdHolds } from '../targetGroups';

/** 防返贫监测: a rural household below the line that is not yet monitored may declare itself. */
export function monitoringHints({ input, params }: CalcContext, outcome: Outcome): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  if (input.household.area !== 'rural') return items;
  if (!outcome.alerts.some((alert) => alert.code === 'monitoring.belowLine')) return items;
  if (householdHolds(input, 'monitored') || householdHolds(input, 'returned_poverty')) return items;
  items.push(
    screeningItem({
      code: 'monitoring.apply',
      memberId: null,
      action: 'apply',
      reason: '家庭年人均纯收入低于防止返贫监测范围，可向村委会申报，经入户核实、信息比对、村级初选、乡级审核、县级审批后纳入监测帮扶',
      where: OFFICES.village,
      basis: [params.rule('monitoring.apply'), params.optional('monitoring.incomeLine')],
    }),
  );
  return items;
}
