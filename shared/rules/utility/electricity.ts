/**
 * 电费减免 (000 18、国网南阳供电公司): each 低保户 and 分散供养特困（五保）户 has 10 度 a month waived, valued
 * at the residential tariff. One benefit per household, whichever of the two 身份 it holds.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import type { CalcContext, Outcome } from '../../calc/context';
import { times } from '../../quantity';
import { finishMonthly, shown, valueOf, yuan } from '../stepText';
import { householdHolds } from '../targetGroups';

export function applyUtility(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  const holder = householdHolds(input, 'dibao') ? '低保户' : householdHolds(input, 'tekun') ? '特困（五保）户' : null;
  if (!holder) return;
  const kwh = params.get('utility.electricity.kwhPerMonth');
  const price = params.get('utility.electricity.price');
  const monthly = times(valueOf(kwh), price.q);
  const draft = new BenefitDraft('utility.electricity', null, params.explain)
    .cite(params.rule('utility.electricity'), kwh, price)
    .step(() => `${holder}每月每户减免电量 ${shown(kwh, params)} × 居民生活电价 ${shown(price, params)} = ${yuan(monthly)}/月`);
  outcome.benefits.push(finishMonthly(draft, monthly));
}
