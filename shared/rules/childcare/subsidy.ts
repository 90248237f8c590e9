/**
 * 育儿补贴 (中共中央办公厅 国务院办公厅《育儿补贴制度实施方案》, 2025; calc-contract.md "Added 2026-12"):
 * 300 元 a month for each child under 3, for the months of the year of `asOf` that are eligible. A
 * child's eligible months run from the month after its birth month through the month of its 3rd
 * birthday (36 months), and none before the subsidy began (the first date of `childcare.monthly`,
 * 2025-01). That reproduces the official example (born 2023-12: 24 months, 12 in 2025 and 12 in 2026)
 * and, by itself, leaves out children born before 2022 (their 36 months end before 2025-01). How a
 * child born from 2025 on is counted is not stated in what was found: the step says so.
 *
 * Not counted as income in the 低保 and 特困 tests (方案: "不计入家庭或个人收入"): the intake form says so
 * beside 家庭月收入, and no rule here adds it to any income.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import { memberName, type CalcContext, type Outcome } from '../../calc/context';
import { parseIsoDate, type IsoDate } from '../../dates';
import type { NormalizedMember } from '../../household/validate';
import type { PolicyParams } from '../../packs/params';
import type { BenefitResult } from '../../result/types';
import { shown, valueOf, wholeOf, yuan } from '../stepText';

/** Months as a running count (year × 12 + month − 1), so that windows are intervals. */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;
const monthText = (index: number) => `${Math.floor(index / 12)}年${(index % 12) + 1}月`;
const monthOf = (date: IsoDate) => {
  const parts = parseIsoDate(date) as NonNullable<ReturnType<typeof parseIsoDate>>;
  return monthIndex(parts.year, parts.month);
};

export interface ChildcareMonths {
  /** the month after the birth month … the month of the birthday at the age limit */
  first: number;
  last: number;
  /** the eligible months of the year of asOf (empty when none) */
  from: number;
  to: number;
  count: number;
}

/** The child's eligible months in `year`, given the age limit and the month the subsidy began. */
export function childcareMonths(birthDate: IsoDate, year: number, ageLimit: number, start: IsoDate): ChildcareMonths {
  const birth = monthOf(birthDate);
  const first = birth + 1;
  const last = birth + ageLimit * 12;
  const from = Math.max(first, monthOf(start), monthIndex(year, 1));
  const to = Math.min(last, monthIndex(year, 12));
  return { first, last, from, to, count: Math.max(0, to - from + 1) };
}

function subsidyFor(member: NormalizedMember, params: PolicyParams, year: number): BenefitResult | null {
  const monthly = params.optional('childcare.monthly');
  if (!monthly) return null; // before 2025: the subsidy did not exist
  const ageLimit = params.get('childcare.ageLimit');
  const start = (params.pack.parameters.get('childcare.monthly')?.values[0]?.from ?? monthly.from) as IsoDate;
  const months = childcareMonths(member.birthDate, year, wholeOf(ageLimit), start);
  if (months.count === 0) return null;
  const annual = valueOf(monthly).times(months.count);
  const draft = new BenefitDraft('childcare.subsidy', member.id, params.explain)
    .cite(params.rule('childcare.subsidy'), monthly, ageLimit)
    .step(() =>
      `${memberName(member)}（${member.birthDate.slice(0, 4)}年${Number(member.birthDate.slice(5, 7))}月出生）：补贴月份自出生次月（${monthText(months.first)}）起至满${wholeOf(ageLimit)}周岁当月（${monthText(months.last)}）止，` +
        `育儿补贴自${monthText(monthOf(start))}起发放`,
    )
    .step(() => `${year}年可享受 ${monthText(months.from)}至${monthText(months.to)}，共 ${months.count} 个月`)
    .step(() => `${months.count} 个月 × 每月 ${shown(monthly, params)} = ${yuan(annual)}`);
  if (member.birthDate >= start) {
    draft.step('2025年以后出生的婴幼儿按出生次月起计算补贴月份，公开材料未见明文规定，此计算方法待核实');
  }
  return draft.finish({ annual });
}

export function applyChildcare(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    // only the young need a look: a member aged 4 or more on asOf has no month left in its year
    if (member.age > 3) continue;
    const benefit = subsidyFor(member, params, input.year);
    if (benefit) outcome.benefits.push(benefit);
  }
}
