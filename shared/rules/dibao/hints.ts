/**
 * 低保's "还可申请" items: apply (income test met), 低保边缘 assessment, 单人户 for 重病、重残 members of an
 * 边缘 household, 渐退期 or 复核 when the 补差 is zero, members who are 低保对象 on their own, and the
 * ceiling of 小额临时救助 for households in difficulty. They open the list (RuleEntry.hintsFirst).
 */
import { memberName, type CalcContext, type Outcome } from '../../calc/context';
import { ASSISTED_STATUSES } from '../../household/codes';
import type { NormalizedMember } from '../../household/validate';
import { times } from '../../quantity';
import type { ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { MONTHS_PER_YEAR, shown, valueOf, wholeOf, yuan } from '../stepText';
import { householdHolds, isDibaoHousehold, isSevereForSinglePerson } from '../targetGroups';
import { dibaoIncome, dibaoStandard, monthlyAllowance } from './income';

/** 重病 for 单人户: a 因病致贫重病患者, or a member treated for one of the nine 重特大疾病 as an outpatient. */
function seriousIllness(member: NormalizedMember, diseases: readonly string[]): boolean {
  return member.statuses.has('illness_poverty') || member.medical.outpatient.some((item) => item.kind === 'special' && item.disease !== undefined && diseases.includes(item.disease));
}

/** 低保: apply / 边缘 / 单人户 / 渐退期 / individual members / 小额临时救助. */
export function dibaoHints({ input, params }: CalcContext, outcome: Outcome): ScreeningItem[] {
  const items: ScreeningItem[] = [];
  const screening = outcome.dibao;
  const standard = dibaoStandard(params, input.household.area);
  const income = dibaoIncome(input, params);
  const dibaoHousehold = isDibaoHousehold(input);
  const screeningRule = params.rule('dibao.screening');

  const allTekun = input.members.every((member) => member.statuses.has('tekun'));
  if (!householdHolds(input, 'dibao') && !allTekun && income && screening.result === 'eligible') {
    const monthly = monthlyAllowance(income, valueOf(standard));
    items.push(
      screeningItem({
        code: 'dibao.apply',
        memberId: null,
        action: 'apply',
        reason: `家庭月人均收入 ${yuan(income.perCapita)} 不高于低保标准 ${shown(standard, params)}；家庭财产状况符合规定的可申请低保，按补差估算每月 ${yuan(monthly)}`,
        where: OFFICES.civilAffairs,
        annual: monthly.times(MONTHS_PER_YEAR),
        basis: [screeningRule, standard, params.rule('dibao.allowance')],
      }),
    );
  }
  if (income && !dibaoHousehold && screening.result === 'edge' && !householdHolds(input, 'dibao_edge')) {
    items.push(
      screeningItem({
        code: 'dibao.edge',
        memberId: null,
        action: 'assess',
        reason: `家庭月人均收入 ${yuan(income.perCapita)} 高于低保标准 ${shown(standard, params)}、不高于边缘线 ${screening.edgeLine ?? ''} 元；财产状况符合规定的可申请认定为低保边缘家庭`,
        where: OFFICES.civilAffairs,
        basis: [params.get('dibao.edgeFactor'), standard],
      }),
    );
  }

  // 单人户: only rural 边缘 households (by 身份 or by the income test), on the person's own application.
  const edgeHousehold = householdHolds(input, 'dibao_edge') || screening.result === 'edge';
  if (input.household.area === 'rural' && edgeHousehold && !dibaoHousehold) {
    const diseases = params.list('medical.assistance.outpatient.diseases')?.items ?? [];
    for (const member of input.members) {
      if (member.statuses.has('dibao') || member.statuses.has('tekun')) continue;
      const why = [isSevereForSinglePerson(member, params) ? '重残' : '', seriousIllness(member, diseases) ? '重病' : ''].filter(Boolean);
      if (why.length === 0) continue;
      items.push(
        screeningItem({
          code: 'dibao.singlePerson',
          memberId: member.id,
          action: 'apply',
          reason: `${memberName(member)}属低保边缘家庭中的“${why.join('、')}”人员，根据本人申请可参照“单人户”纳入低保（重病须经有关部门认定为重特大疾病）`,
          where: OFFICES.civilAffairs,
          basis: [params.rule('dibao.singlePerson')],
        }),
      );
    }
  }

  if (dibaoHousehold && income && monthlyAllowance(income, valueOf(standard)).isZero()) {
    if (income.employedMembers > 0 && income.perCapita.greaterThan(valueOf(standard))) {
      const months = params.get('dibao.taperMonths');
      const aboveEdge = screening.result === 'ineligible';
      items.push(
        screeningItem({
          code: 'dibao.taper',
          memberId: null,
          action: 'info',
          reason:
            `就业后家庭月人均收入 ${yuan(income.perCapita)} 超过低保标准 ${shown(standard, params)}，可给予不超过 ${wholeOf(months)} 个月的渐退期，期内继续享受低保` +
            (aboveEdge ? `；南阳清单所列渐退条件为人均收入不高于低保标准的 ${shown(params.get('dibao.edgeFactor'), params)}（${screening.edgeLine ?? ''} 元），本户已超过，请核实` : ''),
          where: OFFICES.civilAffairs,
          basis: [months, params.rule('dibao.taper')],
        }),
      );
    } else {
      items.push(
        screeningItem({
          code: 'dibao.review',
          memberId: null,
          action: 'info',
          reason: `家庭月人均收入 ${yuan(income.perCapita)} 不低于低保标准 ${shown(standard, params)}，补差为零；请核实家庭收入，或由民政部门按规定复核`,
          where: OFFICES.civilAffairs,
          basis: [screeningRule, standard],
        }),
      );
    }
  }
  if (!dibaoHousehold) {
    for (const member of input.members) {
      if (!member.statuses.has('dibao')) continue;
      items.push(
        screeningItem({
          code: 'dibao.individual',
          memberId: member.id,
          action: 'info',
          reason: `${memberName(member)}个人为低保对象（如参照单人户纳入），低保金按其个人收入核定，本次未测算补差`,
          where: OFFICES.civilAffairs,
          basis: [params.rule('dibao.singlePerson')],
        }),
      );
    }
  }

  // 小额临时救助: a ceiling on what the township may approve directly, shown to households in difficulty.
  const inDifficulty =
    ASSISTED_STATUSES.some((status) => householdHolds(input, status)) ||
    screening.result === 'eligible' ||
    screening.result === 'edge' ||
    outcome.alerts.some((alert) => alert.code === 'medical.highCost');
  if (inDifficulty) {
    const factor = params.get('temporaryAssistance.smallFactor');
    const urban = params.get('dibao.standard.urban');
    const ceiling = times(valueOf(urban), factor.q);
    items.push(
      screeningItem({
        code: 'temporaryAssistance.smallMax',
        memberId: null,
        action: 'apply',
        reason:
          `因收入突然大幅下降，或教育、医疗等必需支出突然大幅增加导致基本生活严重困难的，可申请临时救助；` +
          `不超过城市月低保标准 ${shown(urban, params)} × ${shown(factor, params)} = ${yuan(ceiling)} 的小额临时救助由乡镇（街道）直接审批发放。此为审批额度上限，不是应得金额`,
        where: OFFICES.civilAffairs,
        annual: ceiling,
        basis: [params.rule('temporaryAssistance.small'), factor, urban],
      }),
    );
  }
  return items;
}
