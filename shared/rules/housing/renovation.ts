/**
 * 农村危房改造 (002 第二部分 三、住房安全（二）2.–3.; 000 9、市住建局): for rural households of the six target
 * groups, a C-grade house is repaired (≤ repairCap) and a D-grade house or a household without one is
 * rebuilt or newly built (≤ rebuildCap), at the estimated cost when that is lower. A rebuild has a
 * minimum building area by household size.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import type { CalcContext, Outcome } from '../../calc/context';
import { HOUSING_RATING_LABELS } from '../../household/codes';
import type { NormalizedCase } from '../../household/validate';
import type { Decimal as DecimalValue } from '../../money';
import type { ParamUse, PolicyParams } from '../../packs/params';
import { shown, valueOf, yuan } from '../stepText';
import { householdHolds } from '../targetGroups';

/** The six target groups the household belongs to (names as in the clause), in the clause's order. */
export function housingTargetGroups(input: NormalizedCase): string[] {
  const groups: string[] = [];
  if (householdHolds(input, 'monitored') || householdHolds(input, 'returned_poverty')) groups.push('农村易返贫致贫户');
  if (householdHolds(input, 'dibao')) groups.push('农村低保户');
  if (householdHolds(input, 'tekun')) groups.push('农村分散供养特困人员');
  if (householdHolds(input, 'illness_poverty')) groups.push('因病因灾因意外事故等导致基本生活出现严重困难家庭');
  if (householdHolds(input, 'dibao_edge')) groups.push('农村低保边缘家庭');
  // 其他脱贫户: only those never aided by a rural housing programme (and unable to solve it alone).
  if (input.household.formerlyRegisteredPoor && input.household.housing?.priorHousingAid !== true) groups.push('未享受过农村住房保障政策支持的脱贫户');
  return groups;
}

/**
 * Households of a size the pack lists (housing.minArea.1 … .3) have a fixed minimum; larger ones persons ×
 * the per-person area ("3人以上户人均面积不低于13平方米").
 */
export function minimumArea(params: PolicyParams, size: number): { area: DecimalValue; use: ParamUse; text: string } {
  // named from the household's size: read when the pack has it
  const fixed = params.pack.parameters.get(`housing.minArea.${size}`);
  if (fixed) {
    const use = params.ofPack.get(fixed);
    return { area: valueOf(use), use, text: `${size}人户不低于 ${shown(use, params)}` };
  }
  const perPerson = params.get('housing.minAreaPerPerson');
  const area = valueOf(perPerson).times(size);
  return { area, use: perPerson, text: `${size}人户人均不低于 ${shown(perPerson, params)}：${size} × ${valueOf(perPerson).toString()} = ${area.toString()} 平方米` };
}

export function applyHousing(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  const housing = input.household.housing;
  if (input.household.area !== 'rural' || !housing) return;
  const rebuild = housing.rating === 'D' || housing.rating === 'none';
  if (housing.rating !== 'C' && !rebuild) return;
  const groups = housingTargetGroups(input);
  if (groups.length === 0) return;

  const cap = params.get(rebuild ? 'housing.rebuildCap' : 'housing.repairCap');
  const capValue = valueOf(cap);
  const draft = new BenefitDraft('housing.renovation', null, params.explain)
    .cite(params.rule('housing.targets'), params.rule('housing.classification'), cap)
    .step(() => `改造对象：${groups.join('、')}`)
    .step(() => `房屋鉴定为「${HOUSING_RATING_LABELS[housing.rating]}」，${rebuild ? (housing.rating === 'none' ? '可选址新建' : '应拆除重建') : '实施维修加固'}，补助每户不高于 ${shown(cap, params)}`);
  let amount = capValue;
  const estimated = housing.estimatedCost;
  if (estimated !== undefined && estimated.lessThan(capValue)) {
    amount = estimated;
    draft.step(() => `改造预算 ${yuan(estimated)} 低于补助上限，按预算 ${yuan(amount)} 计`);
  } else if (estimated !== undefined) {
    draft.step(() => `改造预算 ${yuan(estimated)} 不低于补助上限，按上限 ${yuan(amount)} 计`);
  } else {
    draft.step(() => `未填改造预算，按补助上限 ${yuan(amount)} 计`);
  }
  let minArea: DecimalValue | null = null;
  if (rebuild) {
    const area = minimumArea(params, input.members.length);
    minArea = area.area;
    draft.cite(area.use).step(() => `拆除重建或选址新建的最小建筑面积：${area.text}`);
  }
  outcome.benefits.push(draft.finish({ annual: amount, minArea }));
}
