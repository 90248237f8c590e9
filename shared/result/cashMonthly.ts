/**
 * 到手现金 each month: what the family is paid month by month (低保, 特困, 残疾人补贴, 基础养老金 …: the
 * cash benefits with a monthly amount), and the cash paid once or twice a year (助学金 …) beside it.
 * The year's cash (totals.cash) is the contract's figure; these two say how it arrives.
 */
import { fenOf, fenText } from '../money';
import { deliveryOf } from './delivery';
import type { BenefitResult } from './types';

export interface CashByMonth {
  /** the sum of the monthly amounts of cash benefits paid monthly */
  monthly: string;
  /** the yearly amounts of cash benefits without a monthly amount (paid by term or by year) */
  otherYearly: string;
}

export function cashByMonth(benefits: readonly Pick<BenefitResult, 'code' | 'annual' | 'monthly' | 'delivery'>[]): CashByMonth {
  let monthly = 0n;
  let otherYearly = 0n;
  for (const benefit of benefits) {
    if (deliveryOf(benefit) !== 'cash') continue;
    if (benefit.monthly !== null) monthly += fenOf(benefit.monthly);
    else otherYearly += fenOf(benefit.annual);
  }
  return { monthly: fenText(monthly), otherYearly: fenText(otherYearly) };
}
