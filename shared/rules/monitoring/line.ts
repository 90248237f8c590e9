/**
 * 防止返贫动态监测 (002 第三部分 一、（二）2.②): an alert when the household's 年人均纯收入 is strictly below
 * the year's 监测范围. The line is set each year; before its first year the pack has no value, and the
 * household is not compared rather than compared against a guessed line.
 */
import type { CalcContext, Outcome } from '../../calc/context';
import { shown, valueOf, yuan } from '../stepText';

export function applyMonitoring(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  const income = input.household.annualNetIncomePerCapita;
  if (income === undefined) return;
  const line = params.optional('monitoring.incomeLine');
  if (!line) {
    outcome.warnings.push({
      message: `${input.year}年没有防止返贫监测范围（家庭年人均纯收入）的数值，未作监测比对，请在政策参数页补充`,
      path: 'household.annualNetIncomePerCapita',
    });
    return;
  }
  if (!income.lessThan(valueOf(line))) return;
  outcome.alerts.push({
    code: 'monitoring.belowLine',
    memberId: null,
    message: `家庭年人均纯收入 ${yuan(income)} 低于防止返贫监测范围 ${shown(line, params)}，请按程序开展入户核实，符合条件的及时纳入监测帮扶`,
  });
}
