/**
 * 特困人员救助供养 (002 第二部分 五、兜底保障（二）1.③): 基本生活标准 ≥ 1.3 × 低保标准 (rural: also ≥ 6864 元/年),
 * and 照料护理标准 by care level: 全护理 ≥ 1/3, 半护理 ≥ 1/6 of the 最低工资标准, 全自理 at the 重度残疾人护理补贴.
 * The standards are floors ("不低于"); the amounts shown are those floors.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import type { CalcContext, Outcome } from '../../calc/context';
import { TEKUN_CARE_LABELS, type Area, type TekunCare } from '../../household/codes';
import type { NormalizedMember } from '../../household/validate';
import type { Decimal } from '../../money';
import type { ParamUse, PolicyParams } from '../../packs/params';
import { times } from '../../quantity';
import type { BenefitResult } from '../../result/types';
import { dibaoStandard } from '../dibao/income';
import { finishMonthly, MONTHS_PER_YEAR, shown, valueOf, yuan } from '../stepText';

export interface TekunBasic {
  monthly: Decimal;
  annual: Decimal;
  /** how the year is reached, for the 全年 step (worded only for it) */
  annualFormula: () => string;
  /** empty when the calculation is without explanations (calculate.ts `explain`) */
  steps: string[];
  uses: ParamUse[];
}

/** 基本生活标准 for a 特困 person in the household's area. */
export function tekunBasic(params: PolicyParams, area: Area): TekunBasic {
  const standard = dibaoStandard(params, area);
  const factor = params.get('tekun.basicFactor');
  const fromFactor = times(valueOf(standard), factor.q);
  const { explain } = params;
  const steps: string[] = [];
  if (explain) {
    steps.push(`基本生活标准不低于${area === 'rural' ? '农村' : '城市'}低保标准 ${shown(standard, params)} × ${shown(factor, params)} = ${yuan(fromFactor)}/月，全年 ${yuan(fromFactor.times(MONTHS_PER_YEAR))}`);
  }
  const uses = [standard, factor];
  if (area === 'rural') {
    const minimum = params.get('tekun.basicMinimumRural');
    const minimumValue = valueOf(minimum);
    uses.push(minimum);
    if (fromFactor.times(MONTHS_PER_YEAR).lessThan(minimumValue)) {
      const monthly = minimumValue.dividedBy(MONTHS_PER_YEAR);
      if (explain) steps.push(`农村特困人员基本生活标准年人均不低于 ${shown(minimum, params)}，按此计：${yuan(minimumValue)} ÷ ${MONTHS_PER_YEAR} = ${yuan(monthly)}/月`);
      return { monthly, annual: minimumValue, annualFormula: () => `按年人均下限 ${yuan(minimumValue)}`, steps, uses };
    }
    if (explain) steps.push(`不低于农村特困人员年人均下限 ${shown(minimum, params)}`);
  }
  return { monthly: fromFactor, annual: fromFactor.times(MONTHS_PER_YEAR), annualFormula: () => `${yuan(fromFactor)} × ${MONTHS_PER_YEAR}`, steps, uses };
}

function careSubsidy(member: NormalizedMember, care: TekunCare, params: PolicyParams): BenefitResult {
  const draft = new BenefitDraft('tekun.care', member.id, params.explain).cite(params.rule('tekun.eligibility'));
  const label = TEKUN_CARE_LABELS[care];
  if (care === 'self') {
    const subsidy = params.get('disability.careSubsidy');
    draft.cite(subsidy).step(() => `照料护理标准（${label}）按当地重度残疾人护理补贴标准 ${shown(subsidy, params)}`);
    return finishMonthly(draft, valueOf(subsidy));
  }
  const wage = params.get('minimumWage');
  const fraction = params.get(care === 'full' ? 'tekun.careFraction.full' : 'tekun.careFraction.half');
  const monthly = times(valueOf(wage), fraction.q);
  draft.cite(fraction, wage).step(() => `照料护理标准（${label}）不低于当地最低工资标准 ${shown(wage, params)} × ${shown(fraction, params)} = ${yuan(monthly)}/月`);
  // × 12 before ÷ 3 so the year is exact (2000 × 12 × 1/3 = 8000.00).
  const annual = times(valueOf(wage).times(MONTHS_PER_YEAR), fraction.q);
  return finishMonthly(draft, monthly, { value: annual, formula: () => `${yuan(valueOf(wage))} × ${MONTHS_PER_YEAR} × ${fraction.q.text}` });
}

export function applyTekun(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    if (!member.statuses.has('tekun')) continue;
    const basic = tekunBasic(params, input.household.area);
    const draft = new BenefitDraft('tekun.basic', member.id, params.explain).cite(params.rule('tekun.eligibility'), ...basic.uses);
    for (const step of basic.steps) draft.step(step);
    outcome.benefits.push(finishMonthly(draft, basic.monthly, { value: basic.annual, formula: basic.annualFormula }));
    if (member.tekunCare) outcome.benefits.push(careSubsidy(member, member.tekunCare, params));
  }
}
