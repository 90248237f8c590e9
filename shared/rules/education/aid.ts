/**
 * 各学段学生资助 (002 第二部分 一、教育帮扶（二）2., summarising 豫教财〔2023〕171号), per enrolled student and
 * school year. National grant standards are dated in the pack (财教〔2024〕181号), so `asOf` picks the one
 * in force. Who counts as 家庭经济困难 is fixed by the contract; 监测/边缘 families are left to the school
 * (hints.ts) rather than counted here.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import type { CalcContext, Outcome } from '../../calc/context';
import { STAGE_LABELS, type Status } from '../../household/codes';
import type { NormalizedCase, NormalizedMember } from '../../household/validate';
import type { Decimal } from '../../money';
import type { ParamUse, PolicyParams } from '../../packs/params';
import type { Basis } from '../../packs/types';
import type { BenefitCode } from '../../result/benefitCodes';
import type { BenefitResult } from '../../result/types';
import { OFFICES, screeningItem } from '../screeningItem';
import { shown, valueOf, yuan } from '../stepText';
import { isYuluFamily } from '../targetGroups';

/** Families the school may assess as 家庭经济困难 (002 同款 2.①: 边缘易致贫户, 严重困难户, 监测户). */
export const SCHOOL_ASSESSED_STATUSES = ['monitored', 'returned_poverty', 'dibao_edge', 'illness_poverty'] as const satisfies readonly Status[];

/** Why the student counts as 家庭经济困难 (contract list); empty when it does not. */
export function hardshipReasons(input: NormalizedCase, member: NormalizedMember): string[] {
  const student = member.student;
  const reasons: string[] = [];
  if (input.household.formerlyRegisteredPoor) reasons.push('原建档立卡贫困家庭');
  if (member.statuses.has('dibao')) reasons.push('低保家庭');
  if (member.statuses.has('tekun')) reasons.push('特困供养');
  if (student?.orphan) reasons.push('孤儿');
  if (student?.deFactoUnsupported) reasons.push('事实无人抚养儿童');
  if (member.disability) reasons.push('残疾学生');
  if (student?.hardship) reasons.push('学校认定家庭经济困难');
  return reasons;
}

/** The aid of one student given the 家庭经济困难 reasons (none: only what does not depend on them). */
export function studentAid(input: NormalizedCase, params: PolicyParams, member: NormalizedMember, hardship: readonly string[]): BenefitResult[] {
  const student = member.student;
  if (!student || student.enrolled === false) return [];
  const stage = student.stage;
  const hardshipRule = params.rule('education.hardship');
  const poorFamily = input.household.formerlyRegisteredPoor;
  const rural = input.household.area === 'rural';
  const why = hardship.join('、');
  const results: BenefitResult[] = [];
  const grant = (code: BenefitCode, use: ParamUse, text: string, extra: (Basis | undefined)[] = [], label?: string) => {
    const draft = new BenefitDraft(code, member.id, params.explain).cite(use, ...extra).step(() => `${text} ${shown(use, params)}`);
    results.push(draft.finish({ annual: valueOf(use), ...(label ? { label } : {}) }));
  };
  const average = '按平均标准测算，实际按学校评定的档次发放';

  switch (stage) {
    case 'preschool':
      if (hardship.length > 0) grant('education.preschool.living', params.get('education.preschool.living'), `普惠性幼儿园在园家庭经济困难儿童（${why}）生活补助，每生每年`, [hardshipRule]);
      // the 保教费 of a child whose final year is free is not charged: nothing is left to subsidise
      if (poorFamily && !freePreschoolYear(params, member)) {
        grant('education.preschool.fee', params.get('education.preschool.fee'), '具有正式学籍的原建档立卡贫困家庭幼儿学前教育保教费，每生每年');
      }
      break;
    case 'primary':
    case 'junior': {
      if (poorFamily && !student.nationalNutritionPlan) {
        grant('education.compulsory.nutrition', params.get('education.compulsory.nutrition'), '原建档立卡贫困家庭学生（未享受国定营养改善计划）省定营养改善计划，年生均');
      }
      if (hardship.length > 0) {
        const boarding = student.boarding === true;
        const use = params.get(`education.compulsory.${boarding ? 'boarding' : 'dayStudent'}.${stage}`);
        grant('education.compulsory.living', use, `义务教育家庭经济困难学生（${why}）${STAGE_LABELS[stage]}${boarding ? '寄宿生' : '非寄宿生'}生活补助，每生每年`, [hardshipRule]);
      }
      break;
    }
    case 'senior': {
      const targets: string[] = [];
      if (poorFamily) targets.push('原建档立卡贫困家庭学生');
      if (member.disability) targets.push('家庭经济困难残疾学生');
      if (rural && member.statuses.has('dibao')) targets.push('农村低保家庭学生');
      if (rural && member.statuses.has('tekun')) targets.push('农村特困救助供养学生');
      if (targets.length > 0) results.push(seniorFeeWaiver(params, member, targets));
      if (hardship.length > 0) grant('education.senior.grant', params.get('education.senior.grant'), `普通高中家庭经济困难学生（${why}）国家助学金（${average}），每生每年`, [hardshipRule]);
      break;
    }
    case 'vocational':
      grant('education.vocational.feeWaiver', params.get('education.vocational.tuition'), '中职全日制学历教育正式学籍在校生免学费（按公办学校学费标准），每生每年', [params.rule('education.vocational.feeWaiver')]);
      if (hardship.length > 0) grant('education.vocational.grant', params.get('education.vocational.grant'), `中职家庭经济困难学生（${why}）国家助学金（${average}），每生每年`, [hardshipRule]);
      break;
    case 'college':
    case 'undergraduate':
      if (hardship.length > 0) {
        grant('education.higher.grant', params.get(`education.higher.grant.${stage}`), `${STAGE_LABELS[stage]}家庭经济困难学生（${why}）国家助学金（${average}），每生每年`, [hardshipRule], `国家助学金（${STAGE_LABELS[stage]}）`);
      }
      break;
    case 'master':
    case 'doctoral':
      grant('education.higher.grant', params.get(`education.higher.grant.${stage}`), `全日制${STAGE_LABELS[stage]}（有固定收入的除外）国家助学金，每生每年`, [], `国家助学金（${STAGE_LABELS[stage]}）`);
      break;
  }
  if ((stage === 'vocational' || stage === 'college') && isYuluFamily(input)) {
    grant('yulu.vocational', params.get('yulu.vocational'), `脱贫家庭（含监测帮扶对象家庭）${STAGE_LABELS[stage]}学生“雨露计划”职业教育补助，每生每学年`, [params.rule('yulu.family')]);
  }
  return results;
}

/** 免学费、住宿费 at the local public-school fees; the 住宿费 only for a boarder. */
function seniorFeeWaiver(params: PolicyParams, member: NormalizedMember, targets: readonly string[]): BenefitResult {
  const tuition = params.get('education.senior.tuition');
  const draft = new BenefitDraft('education.senior.feeWaiver', member.id, params.explain)
    .cite(params.rule('education.senior.feeWaiver'), tuition)
    .step(() => `${targets.join('、')}免除普通高中学费、住宿费，按公办学校收费标准执行`)
    .step(() => `免学费 ${shown(tuition, params)}`);
  let amount: Decimal = valueOf(tuition);
  if (member.student?.boarding === true) {
    const accommodation = params.get('education.senior.accommodation');
    amount = amount.plus(valueOf(accommodation));
    draft.cite(accommodation).step(() => `免住宿费 ${shown(accommodation, params)}；合计 ${yuan(amount)}`);
  } else {
    draft.step('非寄宿生，无住宿费');
  }
  if (!tuition.basis.verified) draft.step('学费、住宿费为本地默认标准（待核实），以学校所在地物价、财政部门批准的标准为准');
  return draft.finish({ annual: amount });
}

export function applyEducation(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    if (!member.student) continue;
    outcome.benefits.push(...studentAid(input, params, member, hardshipReasons(input, member)));
  }
}

/**
 * 免费学前教育 (国办发〔2025〕27号; calc-contract.md "Added 2026-12"): the final kindergarten year
 * (`student.kindergartenYear` 3) at a public kindergarten (`publicKindergarten` absent = true) pays no
 * 保育教育费 from the 2025 autumn term, in the pack from 2025-09-01 with the local approved fee
 * (`education.preschool.publicFee`, 待核实). A private kindergarten is reduced by the same-type public
 * level: that depends on the kindergarten, so it is listed under screening, not counted.
 */
export function freePreschoolYear(params: PolicyParams, member: NormalizedMember): ParamUse | undefined {
  const student = member.student;
  if (!student || student.stage !== 'preschool' || student.enrolled === false || student.kindergartenYear !== 3) return undefined;
  if (student.publicKindergarten === false || !params.has('education.preschool.publicFee')) return undefined;
  return params.optional('education.preschool.publicFee');
}

export function applyPreschoolFreeYear(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    const student = member.student;
    if (!student || student.stage !== 'preschool' || student.enrolled === false || student.kindergartenYear !== 3) continue;
    const rule = params.rule('education.preschool.freeYear');
    if (student.publicKindergarten === false) {
      const fee = params.optional('education.preschool.publicFee');
      if (!fee) continue;
      outcome.screeningItems.push(
        screeningItem({
          code: 'education.preschool.freeYear',
          memberId: member.id,
          action: 'info',
          reason: `在民办幼儿园就读大班：按当地同类型公办幼儿园免除保育教育费的标准相应减免（公办园标准 ${shown(fee, params)}），具体金额以幼儿园收费为准`,
          where: OFFICES.kindergarten,
          annual: null,
          basis: [rule, fee],
        }),
      );
      continue;
    }
    const fee = freePreschoolYear(params, member);
    if (!fee) continue;
    const draft = new BenefitDraft('education.preschool.freeYear', member.id, params.explain)
      .cite(rule, fee)
      .step(() => `在公办幼儿园就读大班（学前最后一年），免除保育教育费，按当地核定的公办幼儿园保育教育费标准 ${shown(fee, params)}`)
      .step('伙食费、住宿费和代收费仍按规定收取');
    if (input.household.formerlyRegisteredPoor) draft.step('原建档立卡家庭幼儿的学前教育保教费资助不再重复享受');
    outcome.benefits.push(draft.finish({ annual: valueOf(fee) }));
  }
}
