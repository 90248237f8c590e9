/**
 * How a benefit reaches the family (calc-contract.md "Output", added 2026-12). A family reads "到手" as
 * cash, so the four are kept apart on every total: money paid to the family, money the hospital
 * settles at discharge, a fee or bill not charged, and a one-time grant.
 */

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
 * has (`deliveries`, so a county can record its own practice); this table is what the contract lists,
 * used for packs made before 2026-12 and to read results saved before `delivery` existed.
 */
export const CONTRACT_DELIVERY: Readonly<Record<string, Delivery>> = {
  'medical.basic': 'settlement',
  'medical.critical': 'settlement',
  'medical.assistance': 'settlement',
  'medical.premiumSubsidy': 'waiver',
  'education.preschool.living': 'cash',
  'education.preschool.fee': 'waiver',
  'education.preschool.freeYear': 'waiver',
  'education.compulsory.nutrition': 'waiver',
  'education.compulsory.living': 'cash',
  'education.senior.grant': 'cash',
  'education.senior.feeWaiver': 'waiver',
  'education.vocational.grant': 'cash',
  'education.vocational.feeWaiver': 'waiver',
  'education.higher.grant': 'cash',
  'yulu.vocational': 'cash',
  'yulu.shortTraining': 'oneOff',
  'dibao.allowance': 'cash',
  'tekun.basic': 'cash',
  'tekun.care': 'cash',
  'disability.living': 'cash',
  'disability.care': 'cash',
  'temporaryAssistance.smallMax': 'oneOff',
  'pension.premiumSubsidy': 'waiver',
  'pension.basic': 'cash',
  'childcare.subsidy': 'cash',
  'housing.renovation': 'oneOff',
  'utility.electricity': 'waiver',
  'employment.startupSubsidy': 'oneOff',
  'employment.incubatorSubsidy': 'cash',
  'employment.publicWelfareJob': 'cash',
  'employment.trainingLiving': 'cash',
  'employment.trainingTravel': 'cash',
  'employment.workForTraining': 'oneOff',
};

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
