/**
 * 城乡居民养老保险费代缴 (000 7、市人社局 新增兜底保障政策; calc-contract.md): at the lowest tier, for
 * insured members aged 16–59 on `asOf` who do not yet receive a pension and are 特困, 低保, 返贫致贫 or
 * 一、二级重度残疾. A member in several groups gets the most favourable group's amount, once.
 */
import { BenefitDraft } from '../calc/benefitDraft';
import { statusLabel, type CalcContext, type Outcome } from '../calc/context';
import type { NormalizedMember } from '../household/validate';
import type { ParamUse, PolicyParams } from '../packs/params';
import { shown, valueOf, wholeOf } from './stepText';
import { isSevereDisability } from './targetGroups';

export const PENSION_GROUPS = ['tekun', 'dibao', 'returned_poverty', 'severe_disability'] as const;
export type PensionGroup = (typeof PENSION_GROUPS)[number];

export function pensionGroupLabel(group: PensionGroup): string {
  return group === 'severe_disability' ? '重度残疾人（一、二级）' : statusLabel(group);
}

/** The 代缴 groups the member belongs to, in the contract's order. */
export function pensionGroups(member: NormalizedMember): PensionGroup[] {
  return PENSION_GROUPS.filter((group) => (group === 'severe_disability' ? isSevereDisability(member) : member.statuses.has(group)));
}

/** Aged from pension.minAge up to (not including) pension.receivingAge on `asOf`. */
export function inPayingAge(member: NormalizedMember, params: PolicyParams): { inRange: boolean; uses: ParamUse[]; text: string } {
  const minAge = params.get('pension.minAge');
  const receivingAge = params.get('pension.receivingAge');
  const inRange = member.age >= wholeOf(minAge) && member.age < wholeOf(receivingAge);
  return { inRange, uses: [minAge, receivingAge], text: `${wholeOf(minAge)}周岁以上、未满${wholeOf(receivingAge)}周岁` };
}

/** The most favourable group's amount (ties: the contract's order). */
export function bestPensionSubsidy(groups: readonly PensionGroup[], params: PolicyParams): { group: PensionGroup; use: ParamUse } | null {
  let best: { group: PensionGroup; use: ParamUse } | null = null;
  for (const group of groups) {
    const use = params.get(`pension.subsidy.${group}`);
    if (!best || valueOf(use).greaterThan(valueOf(best.use))) best = { group, use };
  }
  return best;
}

export function applyPension(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    if (member.pension?.insured !== true || member.pension.receiving) continue;
    const groups = pensionGroups(member);
    if (groups.length === 0) continue;
    const age = inPayingAge(member, params);
    if (!age.inRange) continue;
    const best = bestPensionSubsidy(groups, params) as NonNullable<ReturnType<typeof bestPensionSubsidy>>;
    const draft = new BenefitDraft('pension.premiumSubsidy', member.id)
      .cite(params.pack.rules.get('pension.premiumSubsidy'), best.use, ...age.uses)
      .step(`已参加城乡居民养老保险、尚未领取待遇，${member.age}周岁（代缴年龄：${age.text}）`)
      .step(`按「${pensionGroupLabel(best.group)}」最低缴费档次代缴 ${shown(best.use, params)}`);
    if (groups.length > 1) {
      draft.step(`同时属于${groups.map(pensionGroupLabel).join('、')}，按就高原则代缴一次`);
    }
    outcome.benefits.push(draft.finish({ annual: valueOf(best.use) }));
  }
}
