/**
 * "还可申请": what the household may still apply for, have assessed, or should know, and why
 * (outcome.screeningItems). It runs after the benefit rules and reads their findings (the 低保 income
 * test, alerts); it never grants a 身份 and its amounts are estimates or ceilings, never counted in the
 * totals. Items about one family's near misses (创业 months short, …) are added by that family's rule;
 * this module adds the rest and puts the list in member order.
 */
import { memberName, statusLabel, type CalcContext, type Outcome } from './calc/context';
import { ASSISTED_STATUSES } from './household/codes';
import type { NormalizedMember } from './household/validate';
import { Decimal, formatYuan, sum } from './money';
import { times } from './quantity';
import { dibaoIncome, dibaoStandard, monthlyAllowance } from './rules/dibao';
import { hardshipReasons, SCHOOL_ASSESSED_STATUSES, studentAid } from './rules/education';
import { housingTargetGroups } from './rules/housing';
import { bestPensionSubsidy, inPayingAge, pensionGroupLabel, pensionGroups } from './rules/pension';
import { OFFICES, screeningItem } from './rules/screeningItem';
import { MONTHS_PER_YEAR, shown, valueOf, wholeOf, yuan } from './rules/stepText';
import { householdHolds, isDibaoHousehold, isSevereForSinglePerson } from './rules/targetGroups';
import { tekunBasic } from './rules/tekun';
import type { ScreeningItem } from './result/types';

type Push = (item: ScreeningItem) => void;

/** 重病 for 单人户: a 因病致贫重病患者, or a member treated for one of the nine 重特大疾病 as an outpatient. */
function seriousIllness(member: NormalizedMember, diseases: readonly string[]): boolean {
  return member.statuses.has('illness_poverty') || member.medical.outpatient.some((item) => item.kind === 'special' && item.disease !== undefined && diseases.includes(item.disease));
}

/** 低保: apply / 边缘 / 单人户 / 渐退期 / individual members / 小额临时救助. */
function dibaoItems({ input, params }: CalcContext, outcome: Outcome, push: Push): void {
  const screening = outcome.dibao;
  const standard = dibaoStandard(params, input.household.area);
  const income = dibaoIncome(input, params);
  const dibaoHousehold = isDibaoHousehold(input);
  const screeningRule = params.rule('dibao.screening');

  const allTekun = input.members.every((member) => member.statuses.has('tekun'));
  if (!householdHolds(input, 'dibao') && !allTekun && income && screening.result === 'eligible') {
    const monthly = monthlyAllowance(income, valueOf(standard));
    push(
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
    push(
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
      const why = [isSevereForSinglePerson(member) ? '重残' : '', seriousIllness(member, diseases) ? '重病' : ''].filter(Boolean);
      if (why.length === 0) continue;
      push(
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
      push(
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
      push(
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
      push(
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
    push(
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
}

/** 监测/边缘 families' students: the aid they would get once the school assesses them as 家庭经济困难. */
function schoolAssessmentItems({ input, params }: CalcContext, push: Push): void {
  for (const member of input.members) {
    if (!member.student || member.student.enrolled === false) continue;
    if (hardshipReasons(input, member).length > 0) continue;
    const held = SCHOOL_ASSESSED_STATUSES.filter((status) => member.statuses.has(status));
    if (held.length === 0) continue;
    const without = studentAid(input, params, member, []);
    const withAid = studentAid(input, params, member, ['学校认定家庭经济困难']);
    const extra = withAid.filter((benefit) => !without.some((b) => b.code === benefit.code));
    if (extra.length === 0) continue;
    const estimate = sum(extra.map((benefit) => new Decimal(benefit.annual)));
    push(
      screeningItem({
        code: 'education.hardshipAssessment',
        memberId: member.id,
        action: 'assess',
        reason: `${memberName(member)}为${held.map(statusLabel).join('、')}家庭学生，可申请，需学校认定为家庭经济困难学生；认定后可享受：${extra.map((b) => `${b.label} ${formatYuan(b.annual)}`).join('、')}`,
        where: OFFICES.school,
        annual: estimate,
        basis: [params.rule('education.schoolAssessment'), ...extra.flatMap((b) => b.basis)],
      }),
    );
  }
}

/**
 * 特困: members who may meet the conditions (老年人, 重度残疾人, 未成年孤儿/事实无人抚养儿童) where nobody else
 * in the household is of working age, and 特困 members whose care level has not been assessed.
 */
function tekunItems({ input, params }: CalcContext, outcome: Outcome, push: Push): void {
  const eligibility = params.rule('tekun.eligibility');
  for (const member of input.members) {
    if (member.statuses.has('tekun') && !member.tekunCare) {
      push(
        screeningItem({
          code: 'tekun.careAssessment',
          memberId: member.id,
          action: 'assess',
          reason: `${memberName(member)}为特困人员，未填照料护理等级；经生活自理能力评估确定全护理、半护理或全自理后，按相应标准发放照料护理费`,
          where: OFFICES.civilAffairs,
          basis: [eligibility, params.get('tekun.careFraction.full'), params.get('tekun.careFraction.half')],
        }),
      );
    }
  }
  if (outcome.dibao.result === 'ineligible') return;
  const elderAge = params.get('tekun.elderAge');
  const minorAge = params.get('tekun.minorAgeLimit');
  const workingAge = (member: NormalizedMember) => member.age >= wholeOf(minorAge) && member.age < wholeOf(elderAge) && !isSevereForSinglePerson(member);
  for (const member of input.members) {
    if (member.statuses.has('tekun')) continue;
    const orphan = member.age < wholeOf(minorAge) && (member.student?.orphan === true || member.student?.deFactoUnsupported === true);
    const noOneElse = !input.members.some((other) => other !== member && workingAge(other));
    const why: string[] = [];
    if (orphan) why.push(`未满${wholeOf(minorAge)}周岁的${member.student?.orphan ? '孤儿' : '事实无人抚养儿童'}`);
    if (noOneElse && member.age >= wholeOf(elderAge)) why.push(`年满${wholeOf(elderAge)}周岁`);
    if (noOneElse && isSevereForSinglePerson(member)) why.push('重度残疾');
    if (why.length === 0) continue;
    const basic = tekunBasic(params, input.household.area);
    push(
      screeningItem({
        code: 'tekun.apply',
        memberId: member.id,
        action: 'assess',
        reason:
          `${memberName(member)}${why.join('、')}${orphan ? '' : '，户内无其他劳动年龄成员'}；如无劳动能力、无生活来源、无法定赡养抚养扶养义务人（或其无履行义务能力），` +
          `可申请特困人员救助供养，基本生活标准不低于 ${yuan(basic.annual)}/年，需民政部门认定`,
        where: OFFICES.civilAffairs,
        annual: basic.annual,
        basis: [eligibility, minorAge, elderAge, ...basic.uses],
      }),
    );
  }
}

/** 残疾评定: members cared for as 全护理/半护理, or treated for 重性精神病, without a certificate on file. */
function disabilityItems({ input, params }: CalcContext, push: Push): void {
  const care = params.get('disability.careSubsidy');
  for (const member of input.members) {
    if (member.disability) continue;
    const needsCare = member.tekunCare === 'full' || member.tekunCare === 'half';
    const mental = member.medical.outpatient.some((item) => item.disease?.includes('重性精神病') === true);
    if (!needsCare && !mental) continue;
    push(
      screeningItem({
        code: 'disability.assessment',
        memberId: member.id,
        action: 'assess',
        reason: `${memberName(member)}${needsCare ? '需要他人照料护理' : '在接受重性精神病药物维持治疗'}但未登记残疾人证；经评定持一、二级残疾证的可享受重度残疾人护理补贴 ${shown(care, params)}，纳入低保的残疾人另有困难残疾人生活补贴`,
        where: OFFICES.disabledFederation,
        basis: [care],
      }),
    );
  }
}

/** 养老保险代缴: members of a 代缴 group, of paying age, not yet insured. */
function pensionItems({ input, params }: CalcContext, push: Push): void {
  for (const member of input.members) {
    if (member.pension?.insured === true || member.pension?.receiving === true) continue;
    // 在校学生 do not enrol (参保年龄：年满16周岁，不含在校学生).
    if (member.student && member.student.enrolled !== false) continue;
    const groups = pensionGroups(member);
    if (groups.length === 0) continue;
    const age = inPayingAge(member, params);
    if (!age.inRange) continue;
    const best = bestPensionSubsidy(groups, params);
    if (!best) continue;
    push(
      screeningItem({
        code: 'pension.enroll',
        memberId: member.id,
        action: 'apply',
        reason: `${memberName(member)}（${groups.map(pensionGroupLabel).join('、')}，${member.age}周岁）${member.pension ? '未参保' : '未填参保情况'}；参加城乡居民养老保险后，按最低缴费档次代缴 ${shown(best.use, params)}`,
        where: OFFICES.humanResources,
        annual: valueOf(best.use),
        basis: [params.rule('pension.premiumSubsidy'), best.use, ...age.uses],
      }),
    );
  }
}

/** 房屋安全鉴定 for rural target-group households whose house has not been rated. */
function housingItems({ input, params }: CalcContext, push: Push): void {
  if (input.household.area !== 'rural' || input.household.housing) return;
  const groups = housingTargetGroups(input);
  if (groups.length === 0) return;
  push(
    screeningItem({
      code: 'housing.safetyAssessment',
      memberId: null,
      action: 'assess',
      reason: `本户属${groups.join('、')}，未填房屋安全等级；应进行房屋安全鉴定，鉴定为C级的可维修加固（不高于 ${shown(params.get('housing.repairCap'), params)}），D级或无房户可拆除重建、新建（不高于 ${shown(params.get('housing.rebuildCap'), params)}）`,
      where: OFFICES.housing,
      basis: [params.rule('housing.targets'), params.rule('housing.classification')],
    }),
  );
}

/** 防返贫监测: a rural household below the line that is not yet monitored may declare itself. */
function monitoringItems({ input, params }: CalcContext, outcome: Outcome, push: Push): void {
  if (input.household.area !== 'rural') return;
  if (!outcome.alerts.some((alert) => alert.code === 'monitoring.belowLine')) return;
  if (householdHolds(input, 'monitored') || householdHolds(input, 'returned_poverty')) return;
  push(
    screeningItem({
      code: 'monitoring.apply',
      memberId: null,
      action: 'apply',
      reason: '家庭年人均纯收入低于防止返贫监测范围，可向村委会申报，经入户核实、信息比对、村级初选、乡级审核、县级审批后纳入监测帮扶',
      where: OFFICES.village,
      basis: [params.rule('monitoring.apply'), params.optional('monitoring.incomeLine')],
    }),
  );
}

export function applyScreening(context: CalcContext, outcome: Outcome): void {
  const items: ScreeningItem[] = [];
  const push: Push = (item) => items.push(item);
  dibaoItems(context, outcome, push);
  schoolAssessmentItems(context, push);
  tekunItems(context, outcome, push);
  disabilityItems(context, push);
  pensionItems(context, push);
  housingItems(context, push);
  monitoringItems(context, outcome, push);
  outcome.screeningItems.push(...items);
  // Household items first, then by member in input order; within each, in the order found.
  const order = new Map(context.input.members.map((member) => [member.id, member.index]));
  const rank = (item: ScreeningItem) => (item.memberId === null ? -1 : (order.get(item.memberId) ?? Number.MAX_SAFE_INTEGER));
  const sorted = [...outcome.screeningItems].sort((a, b) => rank(a) - rank(b));
  outcome.screeningItems.splice(0, outcome.screeningItems.length, ...sorted);
}
