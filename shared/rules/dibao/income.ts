/**
 * 低保: the income test every household gets (outcome.dibao: eligible / edge / ineligible / unknown) and
 * the 补差 allowance for a 低保 household (calc-contract.md "Rules that fix the other amounts").
 *
 * Per-capita monthly income = (家庭月收入 + Σ 务工月工资 less 就业成本, not below zero) ÷ 家庭人数, where
 * 就业成本 = 30% × 务工地同期城市低保标准 (002 第二部分 五、兜底保障（二）2.①). 低保财政补助月人均不低于220元
 * (same clause 1.②) is the county's fiscal target, not a floor per person, so it is not applied here.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import { memberName, type CalcContext, type Outcome } from '../../calc/context';
import type { Area } from '../../household/codes';
import type { NormalizedCase } from '../../household/validate';
import { atLeastZero, sum, toFen, type Decimal as DecimalValue } from '../../money';
import type { ParamUse, PolicyParams } from '../../packs/params';
import { times } from '../../quantity';
import { finishMonthly, shown, valueOf, yuan } from '../stepText';
import { isDibaoHousehold } from '../targetGroups';

/** The 低保 standard that applies to the household: rural or urban, 元/月. */
export function dibaoStandard(params: PolicyParams, area: Area): ParamUse {
  return params.get(area === 'rural' ? 'dibao.standard.rural' : 'dibao.standard.urban');
}

export interface DibaoIncome {
  /** 家庭月收入 after 就业成本 */
  total: DecimalValue;
  perCapita: DecimalValue;
  size: number;
  employedMembers: number;
  steps: string[];
  uses: ParamUse[];
}

/** The household's counted monthly income, or null when 家庭月收入 is not given (result `unknown`). */
export function dibaoIncome(input: NormalizedCase, params: PolicyParams): DibaoIncome | null {
  const monthlyIncome = input.household.monthlyIncome;
  if (monthlyIncome === undefined) return null;
  // worded only when the calculation explains itself (calculate.ts `explain`)
  const explain = params.explain;
  const steps = explain ? [`家庭月收入（不含务工工资）${yuan(monthlyIncome)}`] : [];
  const uses: ParamUse[] = [];
  const wages: DecimalValue[] = [];
  for (const member of input.members) {
    if (!member.employment) continue;
    const ratio = params.get('dibao.employmentCostRatio');
    const given = member.employment.workplaceUrbanDibaoStandard;
    const urban = given === undefined ? params.get('dibao.standard.urban') : undefined;
    const workplaceStandard = given ?? valueOf(urban as ParamUse);
    const cost = times(workplaceStandard, ratio.q);
    const counted = atLeastZero(member.employment.monthlyWage.minus(cost));
    uses.push(ratio);
    if (urban) uses.push(urban);
    wages.push(counted);
    if (explain)
      steps.push(
        `${memberName(member)}务工月工资 ${yuan(member.employment.monthlyWage)} − 就业成本（${given === undefined ? '务工地城市低保标准按本地' : '务工地城市低保标准'} ${yuan(workplaceStandard)} × ${shown(ratio, params)} = ${yuan(cost)}）= 计入 ${yuan(counted)}`,
      );
  }
  const total = monthlyIncome.plus(sum(wages));
  const size = input.members.length;
  const perCapita = total.dividedBy(size);
  if (explain) steps.push(`家庭月人均收入 = ${yuan(total)} ÷ ${size} 人 = ${yuan(perCapita)}`);
  return { total, perCapita, size, employedMembers: wages.length, steps, uses };
}

/** 补差 for a month: (standard − per-capita income) × size, written as standard × size − total so it is exact. */
export function monthlyAllowance(income: DibaoIncome, standard: DecimalValue): DecimalValue {
  return atLeastZero(standard.times(income.size).minus(income.total));
}

export function applyDibao(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  const standard = dibaoStandard(params, input.household.area);
  const edgeFactor = params.get('dibao.edgeFactor');
  const standardValue = valueOf(standard);
  const edgeLine = times(standardValue, edgeFactor.q);
  const areaWord = input.household.area === 'rural' ? '农村' : '城市';
  // the screening's steps, like a benefit's, are worded only when the calculation explains itself
  const explain = params.explain;
  const lines = () => `${areaWord}低保标准 ${shown(standard, params)}；低保边缘线 = ${yuan(standardValue)} × ${shown(edgeFactor, params)} = ${yuan(edgeLine)}`;

  const income = dibaoIncome(input, params);
  if (!income) {
    outcome.dibao = { result: 'unknown', perCapitaIncome: null, standard: toFen(standardValue), edgeLine: toFen(edgeLine), steps: explain ? ['未填写家庭月收入，无法判断是否符合低保收入条件', lines()] : [] };
    if (isDibaoHousehold(input)) {
      outcome.warnings.push({ message: '低保家庭未填写家庭月收入，无法测算低保补差金额', path: 'household.monthlyIncome' });
    }
    return;
  }

  const { perCapita } = income;
  let result: 'eligible' | 'edge' | 'ineligible';
  let verdict: () => string;
  if (perCapita.lessThanOrEqualTo(standardValue)) {
    result = 'eligible';
    verdict = () => `家庭月人均收入 ${yuan(perCapita)} 不高于低保标准 ${yuan(standardValue)}：符合低保收入条件（还须家庭财产状况符合规定，经民政部门认定）`;
  } else if (perCapita.lessThanOrEqualTo(edgeLine)) {
    result = 'edge';
    verdict = () => `家庭月人均收入 ${yuan(perCapita)} 高于低保标准、不高于边缘线 ${yuan(edgeLine)}：属低保边缘收入范围（经民政部门认定）`;
  } else {
    result = 'ineligible';
    verdict = () => `家庭月人均收入 ${yuan(perCapita)} 高于边缘线 ${yuan(edgeLine)}：不符合低保及低保边缘收入条件`;
  }
  outcome.dibao = {
    result,
    perCapitaIncome: toFen(perCapita),
    standard: toFen(standardValue),
    edgeLine: toFen(edgeLine),
    steps: explain ? [...income.steps, lines(), verdict()] : [],
  };

  if (!isDibaoHousehold(input)) return;
  const monthly = monthlyAllowance(income, standardValue);
  if (monthly.isZero()) return;
  const draft = new BenefitDraft('dibao.allowance', null, params.explain)
    .cite(params.rule('dibao.screening'), params.rule('dibao.allowance'), standard, ...income.uses);
  for (const step of income.steps) draft.step(step);
  draft.step(() => `低保补差 =（${areaWord}低保标准 − 家庭月人均收入）× 家庭人数 = ${yuan(standardValue)} × ${income.size} − ${yuan(income.total)} = ${yuan(monthly)}/月`);
  outcome.benefits.push(finishMonthly(draft, monthly));
}
