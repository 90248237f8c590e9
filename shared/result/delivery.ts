/**
 * How a benefit reaches the family (calc-contract.md "Output", added 2026-12). A family reads "到手" as
 * cash, so the four are kept apart on every total: money paid to the family, money the hospital
 * settles at discharge, a fee or bill not charged, and a one-time grant.
 */

import { BENEFIT_CODES } from './benefitCodes';

export const DELIVERIES = ['cash', 'settlement', 'waiver', 'oneOff'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const DELIVERY_LABELS: Record<Delivery, string> = {
  cash: '到手现金',
  settlement: '医院直接结算',
  waiver: '减免',
  oneOff: '一次性补助',
};

/**
 * The contract's classification, by benefit code. The pack says which delivery each of its benefits
 * has (`deliveries`, so a county can record its own practice); this is what the contract lists, as
 * each family declares it beside its codes (shared/rules/<family>/codes.ts). Used for packs made
 * before 2026-12 and to read results saved before `delivery` existed.
 */
export const CONTRACT_DELIVERY: Readonly<Record<string, Delivery>> = Object.fromEntries(
  Object.entries(BENEFIT_CODES).map(([code, info]) => [code, info.delivery]),
);

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === 'string' && (DELIVERIES as readonly string[]).includes(value);
}

/**
 * The delivery of a benefit as stored: its own field, or (a result saved before 2026-12) the contract's
 * classification of its code; a code the contract does not know counts as cash, the reading that never
 * hides money the family is told it receives.
 */
export function deliveryOf(benefit: { code: string; delivery?: unknown }): Delivery {
  if (isDelivery(benefit.delivery)) return benefit.delivery;
  return CONTRACT_DELIVERY[benefit.code] ?? 'cash';
}
