/**
 * 城乡居民养老保险费代缴 (000 7、市人社局 新增兜底保障政策; calc-contract.md): at the lowest tier, for
 * insured members aged 16–59 on `asOf` who do not yet receive a pension and are 特困, 低保, 返贫致贫 or
 * 一、二级重度残疾. A member in several groups gets the most favourable group's amount, once.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import { statusLabel, type CalcContext, type Outcome } from '../../calc/context';
import type { NormalizedMember } from '../../household/validate';
import type { ParamUse, PolicyParams } from '../../packs/params';
import { finishMonthly, shown, valueOf, wholeOf, yuan } from '../stepText';
import { isSevereDisability } from '../targetGroups';

export const PENSION_GROUPS = ['tekun', 'dibao', 'returned_poverty', 'severe_disability'] as const;
export type PensionGroup = (typeof PENSION_GROUPS)[number];

export function pensionGroupLabel(group: PensionGroup): string {
  return group === 'severe_disability' ? '重度残疾人（一、二级）' : statusLabel(group);
}

/** The 代缴 groups the member belongs to, in the contract's order. */
export function pensionGroups(member: NormalizedMember, params: PolicyParams): PensionGroup[] {
  return PENSION_GROUPS.filter((group) => (group === 'severe_disability' ? isSevereDisability(member, params) : member.statuses.has(group)));
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
    // absent flags mean false (calc-contract.md "Input")
    if (member.pension?.insured !== true || member.pension.receiving === true) continue;
    const groups = pensionGroups(member, params);
    if (groups.length === 0) continue;
    const age = inPayingAge(member, params);
    if (!age.inRange) continue;
    const best = bestPensionSubsidy(groups, params) as NonNullable<ReturnType<typeof bestPensionSubsidy>>;
    const draft = new BenefitDraft('pension.premiumSubsidy', member.id, params.explain)
      .cite(params.rule('pension.premiumSubsidy'), best.use, ...age.uses)
      .step(() => `已参加城乡居民养老保险、尚未领取待遇，${member.age}周岁（代缴年龄：${age.text}）`)
      .step(() => `按「${pensionGroupLabel(best.group)}」最低缴费档次代缴 ${shown(best.use, params)}`);
    if (groups.length > 1) {
      draft.step(() => `同时属于${groups.map(pensionGroupLabel).join('、')}，按就高原则代缴一次`);
    }
    outcome.benefits.push(draft.finish({ annual: valueOf(best.use) }));
  }
}

/**
 * 城乡居民基础养老金 (calc-contract.md "Added 2026-12") for members who receive the 城乡居民养老金:
 * (the national monthly minimum `pension.basicMinimum` + Henan's addition `pension.basicTopUp`) × 12.
 * The national minimum is dated by the year its rise took effect (103 / 123 / 143 / 163 元 for
 * 2023–2026); the provincial addition is a local value (待核实). The 个人账户养老金 depends on the
 * member's own contributions and is not computed here: the step says so.
 */
export function applyPensionBasic(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    if (member.pension?.receiving !== true) continue;
    const minimum = params.get('pension.basicMinimum');
    const topUp = params.get('pension.basicTopUp');
    const monthly = valueOf(minimum).plus(valueOf(topUp));
    const draft = new BenefitDraft('pension.basic', member.id, params.explain)
      .cite(params.rule('pension.basic'), minimum, topUp)
      .step(() => `已按月领取城乡居民养老保险待遇：基础养老金 = 全国最低标准 ${shown(minimum, params)} + 河南省提高部分 ${shown(topUp, params)} = ${yuan(monthly)}/月`)
      .step('个人账户养老金按本人缴费积累计发，未计入');
    outcome.benefits.push(finishMonthly(draft, monthly));
  }
}
