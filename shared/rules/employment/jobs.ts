/**
 * 稳岗就业 (002 第二部分 四、稳岗就业（二）5.–7.; 003 三、（六）; 004 七、): 雨露计划 short training, the
 * one-off 创业开业补贴, 创业孵化 cost subsidy, 乡村公益性岗位 subsidy, training living and travel
 * allowances, and 以工代训 while the pack has it in force. Inputs are the project's extension of the
 * contract (members[].training.*, members[].startup, members[].publicWelfareJob).
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import { memberName, type CalcContext, type Outcome } from '../../calc/context';
import { formatChineseDate } from '../../dates';
import type { NormalizedCase, NormalizedMember } from '../../household/validate';
import { min } from '../../money';
import { valueAt } from '../../packs/loadPack';
import type { PolicyParams } from '../../packs/params';
import { times } from '../../quantity';
import type { BenefitResult, ScreeningItem } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { finishMonthly, shown, valueOf, wholeOf, yuan } from '../stepText';
import { isTwoGroups, isYuluFamily } from '../targetGroups';

interface Found {
  benefits: BenefitResult[];
  items: ScreeningItem[];
}

/** 雨露计划 短期技能培训: one-off, by 工种 class, for 脱贫家庭（含监测户） members. */
function yuluShortTraining(input: NormalizedCase, params: PolicyParams, member: NormalizedMember, found: Found): void {
  const level = member.training?.yuluShort;
  if (!level) return;
  const family = params.rule('yulu.family');
  const use = params.get(`yulu.shortTraining.${level}`);
  if (!isYuluFamily(input)) {
    found.items.push(
      screeningItem({ code: 'yulu.shortTraining', memberId: member.id, action: 'info', reason: '雨露计划短期技能培训补助限脱贫家庭（含监测帮扶对象家庭）成员，本户不在范围内', where: OFFICES.ruralRevitalization, basis: [family] }),
    );
    return;
  }
  const draft = new BenefitDraft('yulu.shortTraining', member.id, params.explain)
    .cite(family, use)
    .step(() => `脱贫家庭（含监测帮扶对象家庭）成员参加短期技能培训并取得证书，${level}类工种一次性补助 ${shown(use, params)}`);
  found.benefits.push(draft.finish({ annual: valueOf(use) }));
}

/** 一次性创业开业补贴 and 创业孵化 cost subsidy for a member's own business. */
function startup(input: NormalizedCase, params: PolicyParams, member: NormalizedMember, found: Found): void {
  const business = member.startup;
  if (!business || !isTwoGroups(input, member)) return;
  const twoGroups = params.rule('employment.twoGroups');
  if (business.firstBusiness) {
    const subsidy = params.get('employment.startupSubsidy');
    const minMonths = params.get('employment.startupMinMonths');
    if (business.monthsOperating >= wholeOf(minMonths)) {
      const draft = new BenefitDraft('employment.startupSubsidy', member.id, params.explain)
        .cite(twoGroups, subsidy, minMonths)
        .step(() => `首次自主创业、取得营业执照并已正常经营 ${business.monthsOperating} 个月（满 ${wholeOf(minMonths)} 个月），一次性创业开业补贴 ${shown(subsidy, params)}`);
      found.benefits.push(draft.finish({ annual: valueOf(subsidy) }));
    } else {
      found.items.push(
        screeningItem({
          code: 'employment.startupSubsidy',
          memberId: member.id,
          action: 'info',
          reason: `已正常经营 ${business.monthsOperating} 个月，满 ${wholeOf(minMonths)} 个月后可申请一次性创业开业补贴 ${yuan(valueOf(subsidy))}`,
          where: OFFICES.humanResources,
          annual: valueOf(subsidy),
          basis: [twoGroups, subsidy, minMonths],
        }),
      );
    }
  }
  const incubator = business.incubator;
  if (!incubator) return;
  const ratio = params.get('employment.incubatorRatio');
  const cap = params.get('employment.incubatorAnnualCap');
  const maxYears = params.get('employment.incubatorMaxYears');
  if (incubator.subsidyYear > wholeOf(maxYears)) {
    found.items.push(
      screeningItem({ code: 'employment.incubatorSubsidy', memberId: member.id, action: 'info', reason: `创业孵化补贴期限最长 ${wholeOf(maxYears)} 年，本年度为第 ${incubator.subsidyYear} 年，已期满`, where: OFFICES.humanResources, basis: [maxYears] }),
    );
    return;
  }
  const computed = times(incubator.annualCosts, ratio.q);
  const amount = min(computed, valueOf(cap));
  const draft = new BenefitDraft('employment.incubatorSubsidy', member.id, params.explain)
    .cite(twoGroups, ratio, cap, maxYears)
    .step(() => `创办的实体在创业孵化基地本年度发生物管、卫生、房租、水电费 ${yuan(incubator.annualCosts)} × ${shown(ratio, params)} = ${yuan(computed)}`)
    .step(() => amount.lessThan(computed) ? `超过年补贴最高限额，按 ${yuan(amount)} 计` : `未超过年补贴最高限额 ${shown(cap, params)}`)
    .step(() => `补贴期限最长 ${wholeOf(maxYears)} 年，本年度为第 ${incubator.subsidyYear} 年；补贴发放给创办的实体`);
  found.benefits.push(draft.finish({ annual: amount }));
}

/** 乡村公益性岗位补贴: ≥ 50% of the minimum wage a month, normally for up to 3 years per placement. */
function publicWelfareJob(params: PolicyParams, member: NormalizedMember, found: Found): void {
  const job = member.publicWelfareJob;
  if (!job) return;
  const ratio = params.get('employment.publicWelfareJobRatio');
  const wage = params.get('minimumWage');
  const maxYears = params.get('employment.publicWelfareJobMaxYears');
  if (job.yearInPost !== undefined && job.yearInPost > wholeOf(maxYears)) {
    // a pack made before the count was in it: the clause's 2 (002 四、（二）6. 累计安置次数不超过2次)
    const placements = params.has('employment.publicWelfareJobMaxPlacements') ? wholeOf(params.get('employment.publicWelfareJobMaxPlacements')) : 2;
    found.items.push(
      screeningItem({
        code: 'employment.publicWelfareJob',
        memberId: member.id,
        action: 'info',
        reason: `乡村公益性岗位补贴期限一般不超过 ${wholeOf(maxYears)} 年，本次安置已到第 ${job.yearInPost} 年；期满后仍存在返贫风险的脱贫家庭劳动力可按程序再次安置（累计不超过${placements}次）`,
        where: OFFICES.humanResources,
        basis: [maxYears],
      }),
    );
    return;
  }
  const monthly = times(valueOf(wage), ratio.q);
  const draft = new BenefitDraft('employment.publicWelfareJob', member.id, params.explain)
    .cite(ratio, wage, maxYears)
    .step(() => `乡村公益性岗位安置人员岗位补贴不低于当地最低工资标准 ${shown(wage, params)} × ${shown(ratio, params)} = ${yuan(monthly)}/月`)
    .step(() => job.yearInPost === undefined ? `补贴期限一般不超过 ${wholeOf(maxYears)} 年（未填在岗年度）` : `补贴期限一般不超过 ${wholeOf(maxYears)} 年，本次安置第 ${job.yearInPost} 年`);
  found.benefits.push(finishMonthly(draft, monthly));
}

/** 培训期间生活费, 县外省内培训交通住宿费, and 以工代训 (all for “两类人员”). */
function training(input: NormalizedCase, params: PolicyParams, member: NormalizedMember, found: Found): void {
  const course = member.training;
  if (!course || !isTwoGroups(input, member)) return;
  const twoGroups = params.rule('employment.twoGroups');
  if (course.designatedDays !== undefined && course.designatedDays > 0) {
    const perDay = params.get('employment.trainingLivingPerDay');
    const amount = valueOf(perDay).times(course.designatedDays);
    const draft = new BenefitDraft('employment.trainingLiving', member.id, params.explain)
      .cite(twoGroups, perDay)
      .step(() => `参加定点培训机构集中培训（含实习）${course.designatedDays} 天 × ${shown(perDay, params)} = ${yuan(amount)}，随培训补贴一并申请`);
    found.benefits.push(draft.finish({ annual: amount }));
  }
  const costs = course.outOfCountyCosts;
  if (costs !== undefined && costs.greaterThan(0)) {
    const cap = params.get('employment.trainingTravelCap');
    const amount = min(costs, valueOf(cap));
    const draft = new BenefitDraft('employment.trainingTravel', member.id, params.explain)
      .cite(twoGroups, cap)
      .step(() => `到县市外省内定点培训机构培训，交通费、住宿费发票 ${yuan(costs)}，据实补贴，每人最高 ${shown(cap, params)}：按 ${yuan(amount)} 计`);
    found.benefits.push(draft.finish({ annual: amount }));
  }
  const months = course.workForTrainingMonths;
  if (months !== undefined && months > 0) {
    const monthly = params.optional('employment.workForTraining.monthly');
    const maxMonths = params.get('employment.workForTraining.maxMonths');
    if (!monthly) {
      // The pack dates the end: a `null` value from the day the policy stopped.
      const parameter = params.pack.parameters.get('employment.workForTraining.monthly');
      const ended = parameter ? valueAt(parameter, input.asOf) : undefined;
      found.items.push(
        screeningItem({
          code: 'employment.workForTraining',
          memberId: member.id,
          action: 'info',
          reason: `以工代训补贴${ended ? `自${formatChineseDate(ended.from)}起` : '在测算日期'}不再执行，${memberName(member)}的以工代训月数不予测算`,
          where: OFFICES.humanResources,
          basis: [ended?.basis],
        }),
      );
      return;
    }
    const counted = Math.min(months, wholeOf(maxMonths));
    const amount = valueOf(monthly).times(counted);
    const draft = new BenefitDraft('employment.workForTraining', member.id, params.explain)
      .cite(twoGroups, monthly, maxMonths)
      .step(() => `企业吸纳就业并开展以工代训 ${months} 个月${counted < months ? `，最长按 ${counted} 个月` : ''}：${shown(monthly, params)} × ${counted} = ${yuan(amount)}`)
      .step('补贴发放给吸纳就业的企业，不直接发给个人');
    found.benefits.push(draft.finish({ annual: amount }));
  }
}

export function applyEmployment(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  const found: Found = { benefits: [], items: [] };
  for (const member of input.members) {
    yuluShortTraining(input, params, member, found);
    startup(input, params, member, found);
    publicWelfareJob(params, member, found);
    training(input, params, member, found);
  }
  outcome.benefits.push(...found.benefits);
  outcome.screeningItems.push(...found.items);
}
