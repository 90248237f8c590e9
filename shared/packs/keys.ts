/**
 * The keys a rule may read, each from one source. Parameter and rule-citation keys are those of the
 * shipped pack's files (seeds/henan-nanyang: parameters/*.json, rules.json), plus the tiered parameters
 * assembled when a pack loads (minimumWage, from minimumWage.tier and minimumWage.tier1|2|3).
 * PolicyParams.get / optional / has / list / bands and PolicyParams.rule accept only these: a mistyped
 * key does not compile. A pack from data may still lack one (a local pack made before the key existed):
 * the rule that needs it is then reported as not computed (calculate.ts), never guessed.
 */
import type { ShippedParameterKey, ShippedRuleKey } from '../../seeds/henan-nanyang';
import type { Unit } from './types';

/**
 * Parameters a pack may give as local tiers (calc-contract.md "Added 2026-12"): `minimumWage` is the
 * value of the tier `minimumWage.tier` picks among `minimumWage.tier1|2|3`. A pack that still gives
 * `minimumWage` itself (one made before 2026-12) is read as it is.
 */
export const TIERED_PARAMETERS = {
  minimumWage: { tier: 'minimumWage.tier', label: '当地最低工资标准（月）', unit: 'yuanPerMonth' },
} as const satisfies Record<string, { tier: ShippedParameterKey; label: string; unit: Unit }>;

export type TieredParameterKey = keyof typeof TIERED_PARAMETERS;

/** A parameter a rule reads. */
export type ParameterKey = ShippedParameterKey | TieredParameterKey;

/** A rule's citation (pack.rules: the clause behind a rule that is not a number). */
export type RuleKey = ShippedRuleKey;

/** "minimumWage.tier2": a tier's own parameter, named from the pack's data (the tier it picks). */
export const tierKey = (key: string, tier: number): string => `${key}.tier${tier}`;
