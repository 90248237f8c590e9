/**
 * 三重保障, per member and year (calc-contract.md "Medical chain"): 基本医保 → 大病保险 → 医疗救助 →
 * 个人自付, plus the 高额医疗费用 alert and 参保资助. Thresholds, deductibles and rates are applied
 * exactly; each item's payment is money paid out (and a reported figure on the settlement slip and in
 * `items`), so it is rounded half-up to the fen when it is paid, and the next payer works on what is
 * left. The four parts therefore always add up to the total, to the fen, and self-pay is never negative.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import { heldStatuses, memberName, statusLabel, type CalcContext, type Outcome } from '../../calc/context';
import { ASSISTED_STATUSES, HOSPITAL_LEVEL_LABELS, HOSPITAL_LEVELS, OUTPATIENT_KIND_LABELS, TILT_STATUSES, type AssistedStatus, type HospitalLevel } from '../../household/codes';
import type { NormalizedMember } from '../../household/validate';
import { atLeastZero, compare, Decimal, formatPercent, max, min, roundFen, sum, toFen, ZERO } from '../../money';
import { sharedSliceName, sliceName, type Band } from '../../packs/bands';
import type { ParameterKey } from '../../packs/keys';
import type { ParamUse, PolicyParams } from '../../packs/params';
import { quantityOf, times, toDecimal } from '../../quantity';
import type { MedicalItemResult, MemberMedicalResult } from '../../result/types';
import { percentOf, shown, yuan, yuanOf } from '../stepText';

interface Bill {
  kind: 'inpatient' | 'outpatient';
  index: number;
  label: string;
  total: Decimal;
  policyScope: Decimal;
  level?: 'township' | 'county' | 'city' | 'province' | undefined;
  outpatientKind?: 'chronic' | 'special';
  disease?: string | undefined;
  basicPaid?: Decimal | undefined;
  criticalPaid?: Decimal | undefined;
  basic: Decimal;
  critical: Decimal;
  assistance: Decimal;
}

const ONE = new Decimal(1);

/**
 * Parameter keys by hospital level and by 身份, spelt once: a key built at each read is a new string
 * to hash at each read, and the chain reads these for every bill and every 身份.
 */
function keysBy<T extends string, K extends ParameterKey>(values: readonly T[], key: (value: T) => K): Record<T, K> {
  return Object.fromEntries(values.map((value) => [value, key(value)])) as Record<T, K>;
}
const BASIC_DEDUCTIBLE_KEYS = keysBy(HOSPITAL_LEVELS, (level) => `medical.basic.inpatient.deductible.${level}`);
const BASIC_RATE_KEYS = keysBy(HOSPITAL_LEVELS, (level) => `medical.basic.inpatient.rate.${level}`);
const ASSISTANCE_KEYS_BY_STATUS = Object.fromEntries(
  ASSISTED_STATUSES.map((status) => [
    status,
    {
      inRate: `medical.assistance.inpatient.rate.${status}`,
      deductibleRatio: `medical.assistance.inpatient.deductibleRatio.${status}`,
      outRate: `medical.assistance.outpatient.rate.${status}`,
      limit: `medical.assistance.annualLimit.${status}`,
    } satisfies Record<string, ParameterKey>,
  ]),
) as Record<AssistedStatus, { inRate: ParameterKey; deductibleRatio: ParameterKey; outRate: ParameterKey; limit: ParameterKey }>;

function billsOf(member: NormalizedMember): Bill[] {
  const inpatient = member.medical.inpatient.map<Bill>((item, index) => ({
    kind: 'inpatient',
    index,
    label: `住院第${index + 1}笔${item.level ? `（${HOSPITAL_LEVEL_LABELS[item.level]}）` : ''}${item.hospital ? ` ${item.hospital}` : ''}`,
    total: item.total,
    policyScope: item.policyScope,
    level: item.level,
    basicPaid: item.basicPaid,
    criticalPaid: item.criticalPaid,
    basic: ZERO,
    critical: ZERO,
    assistance: ZERO,
  }));
  const outpatient = member.medical.outpatient.map<Bill>((item, index) => ({
    kind: 'outpatient',
    index,
    label: `门诊第${index + 1}笔（${OUTPATIENT_KIND_LABELS[item.kind]}${item.disease ? `：${item.disease}` : ''}）`,
    total: item.total,
    policyScope: item.policyScope,
    outpatientKind: item.kind,
    disease: item.disease,
    basicPaid: item.basicPaid,
    criticalPaid: item.criticalPaid,
    basic: ZERO,
    critical: ZERO,
    assistance: ZERO,
  }));
  // Contract: inpatient items in the order given, then outpatient items.
  return [...inpatient, ...outpatient];
}

/** Step 1, 基本医保: the slip's figure, or (policy scope − deductible) × rate within the year's cap. */
function basicInsurance(bills: Bill[], params: PolicyParams, draft: BenefitDraft): void {
  const cap = params.get('medical.basic.annualCap');
  let capLeft = toDecimal(cap.q);
  draft.cite(params.rule('medical.basic'));
  for (const bill of bills) {
    if (bill.basicPaid !== undefined) {
      bill.basic = bill.basicPaid;
      draft.step(() => `${bill.label}：结算单载明基本医保支付 ${yuan(bill.basic)}`);
    } else if (bill.kind === 'inpatient') {
      // With 大病保险 given on the slip, the estimate can only be what the policy scope leaves for it.
      const room = bill.criticalPaid === undefined ? bill.policyScope : atLeastZero(bill.policyScope.minus(bill.criticalPaid));
      const level = bill.level as HospitalLevel;
      const deductible = params.get(BASIC_DEDUCTIBLE_KEYS[level]);
      const rate = params.get(BASIC_RATE_KEYS[level]);
      const estimated = times(atLeastZero(bill.policyScope.minus(toDecimal(deductible.q))), rate.q);
      const rounded = roundFen(estimated);
      const withinCap = min(rounded, atLeastZero(capLeft));
      const capped = compare(withinCap, rounded) < 0;
      bill.basic = min(withinCap, room);
      draft
        .step(() =>
          `${bill.label}（估算）：（政策范围内费用 ${yuan(bill.policyScope)} − 起付线 ${yuanOf(deductible)}）× 支付比例 ${percentOf(rate)} = ${yuan(estimated)}` +
            (capped ? `，超过年度最高支付限额剩余额度，按 ${yuan(withinCap)} 计` : '') +
            (compare(bill.basic, withinCap) < 0 ? `；结算单载明大病保险已支付 ${yuan(bill.criticalPaid ?? ZERO)}，基本医保按剩余的 ${yuan(bill.basic)} 计` : ''),
        )
        .cite(deductible, rate);
      if (capped) draft.cite(cap);
    } else {
      const room = bill.criticalPaid === undefined ? bill.policyScope : atLeastZero(bill.policyScope.minus(bill.criticalPaid));
      const rate = params.get('medical.basic.chronicRate');
      const estimated = roundFen(times(bill.policyScope, rate.q));
      bill.basic = min(estimated, room);
      draft
        .step(() =>
          `${bill.label}（估算）：政策范围内费用 ${yuan(bill.policyScope)} × ${percentOf(rate)} = ${yuan(estimated)}（门诊慢特病不设起付线）` +
            (compare(bill.basic, estimated) < 0 ? `；结算单载明大病保险已支付 ${yuan(bill.criticalPaid ?? ZERO)}，基本医保按剩余的 ${yuan(bill.basic)} 计` : ''),
        )
        .cite(rate);
    }
    capLeft = capLeft.minus(bill.basic);
  }
}

/** A band with the rate the member gets (tilt included) and the limits of the slice it pays. */
interface PaidBand {
  /** where the band's slice of the year's accumulated self-pay starts (the threshold, if higher) and ends */
  lower: Decimal;
  upper: Decimal | null;
  rate: Decimal;
  name: string;
}

/**
 * The bands of the year: the pack's dated 分段 (Henan from 2022) or, before them, one band at `rate`
 * from the threshold up; the tilt adds its bonus to every band's rate and leaves the limits in place.
 */
function paidBands(bands: readonly Band[] | null, shared: boolean, threshold: Decimal, baseRate: Decimal, bonus: Decimal): PaidBand[] {
  const source = bands ?? [{ from: ZERO, rate: quantityOf(baseRate) }];
  const paid: PaidBand[] = [];
  source.forEach((band, index) => {
    const next = source[index + 1];
    const lower = max(band.from, threshold);
    if (next && compare(next.from, lower) <= 0) return; // wholly below the threshold
    // the pack's own bands are the same list case after case: their names are spelt once (bands.ts)
    const name = shared && bands ? sharedSliceName(bands, index) : sliceName(source, index);
    paid.push({ lower, upper: next ? next.from : null, rate: bonus.isZero() ? toDecimal(band.rate) : toDecimal(band.rate).plus(bonus), name });
  });
  return paid;
}

/** The part of [start, end) of the year's accumulated self-pay that falls in each band. */
function slices(bands: readonly PaidBand[], start: Decimal, end: Decimal): { band: PaidBand; amount: Decimal }[] {
  const found: { band: PaidBand; amount: Decimal }[] = [];
  for (const band of bands) {
    const from = max(start, band.lower);
    const to = band.upper === null ? end : min(end, band.upper);
    if (compare(to, from) > 0) found.push({ band, amount: to.minus(from) });
  }
  return found;
}

/**
 * Step 2, 大病保险: the year's policy-scope self-pay after 基本医保 accumulates item by item; each item is
 * paid for its own slice of the accumulation above the threshold, at the rate of the band each part of
 * the slice falls in. A figure from the slip is taken as given, and its self-pay still accumulates.
 */
function criticalIllness(member: NormalizedMember, bills: Bill[], params: PolicyParams, draft: BenefitDraft): void {
  const estimating = bills.some((bill) => bill.criticalPaid === undefined);
  draft.cite(params.rule('medical.critical'));
  const fixed = params.has('medical.critical.threshold') ? params.optional('medical.critical.threshold') : undefined;
  const bandsUse = params.bands('medical.critical.bands');
  let threshold: Decimal;
  if (fixed) {
    threshold = toDecimal(fixed.q);
    if (estimating) draft.cite(fixed).step(() => `大病保险起付线 ${shown(fixed, params)}`);
  } else {
    const income = params.get('medical.prevYearDisposableIncome');
    const thresholdRatio = params.get('medical.critical.thresholdRatio');
    threshold = times(toDecimal(income.q), thresholdRatio.q);
    if (estimating) {
      draft.cite(income, thresholdRatio);
      draft.step(() => `大病保险起付线 = 上年度居民人均可支配收入 ${yuanOf(income)} × ${percentOf(thresholdRatio)} = ${yuan(threshold)}`);
    }
  }
  const baseRate = bandsUse ? null : params.get('medical.critical.rate');
  if (estimating && baseRate) draft.cite(baseRate);
  if (estimating && bandsUse) draft.cite(bandsUse);

  const tiltStatus = heldStatuses(member, TILT_STATUSES)[0];
  let bonus = ZERO;
  let capLeft: Decimal | null = null;
  if (tiltStatus) {
    const factor = params.get('medical.critical.tiltThresholdFactor');
    const tiltBonus = params.get('medical.critical.tiltRateBonus');
    threshold = times(threshold, factor.q);
    bonus = toDecimal(tiltBonus.q);
    if (estimating) draft.cite(factor, tiltBonus);
  } else {
    const cap = params.get('medical.critical.annualCap');
    capLeft = toDecimal(cap.q);
    if (estimating) draft.cite(cap);
  }
  const bands = paidBands(bandsUse?.bands ?? null, bandsUse?.overridden === false, threshold, baseRate ? toDecimal(baseRate.q) : ZERO, bonus);
  if (estimating) {
    const rates = () => (bandsUse ? bands.map((band) => `${band.name} ${formatPercent(band.rate)}`).join('，') : `支付比例 ${formatPercent((bands[0] as PaidBand).rate)}`);
    if (tiltStatus) {
      draft.step(() =>
        `${statusLabel(tiltStatus)}倾斜支付：起付线降低 ${formatPercent(ONE.minus(toDecimal(params.get('medical.critical.tiltThresholdFactor').q)))} 为 ${yuan(threshold)}，` +
          (bandsUse ? `各段支付比例提高 ${formatPercent(bonus)}：${rates()}` : `${rates().replace('支付比例 ', '支付比例提高至 ')}`) +
          '，不设年度最高支付限额',
      );
    } else {
      draft.step(() => `${rates()}，年度最高支付限额 ${yuan(capLeft as Decimal)}`);
    }
  }

  let accumulated = ZERO;
  for (const bill of bills) {
    const selfPay = atLeastZero(bill.policyScope.minus(bill.basic));
    const start = accumulated;
    accumulated = accumulated.plus(selfPay);
    const parts = slices(bands, start, accumulated);
    if (bill.criticalPaid !== undefined) {
      bill.critical = bill.criticalPaid;
      draft.step(() => `${bill.label}：结算单载明大病保险支付 ${yuan(bill.critical)}`);
    } else if (parts.length === 0) {
      bill.critical = ZERO;
      draft.step(() => `${bill.label}：基本医保后政策范围内自付 ${yuan(selfPay)}，累计未超过起付线，大病保险不支付`);
    } else {
      const computed = sum(parts.map((part) => part.amount.times(part.band.rate)));
      bill.critical = capLeft === null ? roundFen(computed) : min(roundFen(computed), atLeastZero(capLeft));
      const paid = bill.critical;
      const capped = () => (compare(paid, computed) < 0 ? `，受年度最高支付限额所限按 ${yuan(paid)} 计` : '');
      const end = accumulated;
      if (!bandsUse) {
        const [only] = parts as [{ band: PaidBand; amount: Decimal }];
        draft.step(() => `${bill.label}：基本医保后政策范围内自付 ${yuan(selfPay)}，其中超过起付线的 ${yuan(only.amount)} × ${formatPercent(only.band.rate)} = ${yuan(computed)}${capped()}`);
      } else {
        draft.step(() => {
          const pieces = parts.map((part) => `${part.band.name} ${yuan(part.amount)} × ${formatPercent(part.band.rate)} = ${yuan(part.amount.times(part.band.rate))}`);
          return (
            `${bill.label}：基本医保后政策范围内自付 ${yuan(selfPay)}（全年累计 ${yuan(start)} → ${yuan(end)}），超过起付线的部分分段支付：` +
            `${pieces.join('；')}${parts.length > 1 ? `；合计 ${yuan(computed)}` : ''}${capped()}`
          );
        });
      }
    }
    if (capLeft !== null) capLeft = capLeft.minus(bill.critical);
  }
}

interface AssistanceOption {
  status: AssistedStatus;
  amounts: Decimal[];
  total: Decimal;
  steps: string[];
  uses: ParamUse[];
}

/**
 * Step 3, 医疗救助 under one 身份: inpatient self-pay after 1 and 2, less one deductible a year taken from
 * the inpatient items in order, × the inpatient rate; the nine outpatient diseases × the outpatient
 * rate; one annual limit shared by both.
 */
function assistanceUnder(status: AssistedStatus, bills: Bill[], lefts: readonly Decimal[], params: PolicyParams, diseases: readonly string[]): AssistanceOption {
  const income = params.get('medical.prevYearDisposableIncome');
  const keys = ASSISTANCE_KEYS_BY_STATUS[status];
  const inRate = params.get(keys.inRate);
  const deductibleRatio = params.get(keys.deductibleRatio);
  const outRate = params.get(keys.outRate);
  const limit = params.get(keys.limit);
  // worded only for the steps (a lean calculation has none)
  const inRateText = params.explain ? percentOf(inRate) : '';
  const outRateText = params.explain ? percentOf(outRate) : '';
  const deductible = times(toDecimal(income.q), deductibleRatio.q);
  let deductibleLeft = deductible;
  let limitLeft = toDecimal(limit.q);
  const steps: string[] = [];
  // the steps are worded only when the calculation explains itself (calculate.ts `explain`)
  const step = (text: () => string) => {
    if (params.explain) steps.push(text());
  };
  const uses: ParamUse[] = [inRate, deductibleRatio, outRate, limit];
  if (!deductible.isZero()) uses.push(income);
  step(
    () =>
      `按「${statusLabel(status)}」身份救助：住院救助比例 ${inRateText}，` +
      (deductible.isZero() ? '不设起付标准，' : `年度起付标准 ${yuanOf(income)} × ${percentOf(deductibleRatio)} = ${yuan(deductible)}，`) +
      `门诊救助比例 ${outRateText}，住院与门诊共用年度救助限额 ${yuanOf(limit)}`,
  );

  const amounts = bills.map((bill, index) => {
    const left = lefts[index] as Decimal;
    let computed: Decimal;
    if (bill.kind === 'inpatient') {
      const base = atLeastZero(left.minus(deductibleLeft));
      const usedDeductible = left.minus(base);
      deductibleLeft = deductibleLeft.minus(usedDeductible);
      computed = times(base, inRate.q);
      step(() =>
        usedDeductible.isZero()
          ? `${bill.label}：基本医保、大病保险后政策范围内自付 ${yuan(left)} × 救助比例 ${inRateText} = ${yuan(computed)}`
          : `${bill.label}：（基本医保、大病保险后政策范围内自付 ${yuan(left)} − 起付标准 ${yuan(usedDeductible)}）× 救助比例 ${inRateText} = ${yuan(computed)}`,
      );
    } else if (bill.outpatientKind === 'special' && bill.disease !== undefined && diseases.includes(bill.disease)) {
      computed = times(left, outRate.q);
      step(() => `${bill.label}：属${diseases.length}类门诊救助病种，基本医保、大病保险后政策范围内自付 ${yuan(left)} × 门诊救助比例 ${outRateText} = ${yuan(computed)}（不设起付标准）`);
    } else {
      if (!left.isZero()) step(() => `${bill.label}：不属于${diseases.length}类门诊救助病种，不予门诊救助`);
      return ZERO;
    }
    const paid = min(roundFen(computed), atLeastZero(limitLeft));
    const leftBefore = limitLeft;
    if (compare(paid, computed) < 0) step(() => `　年度救助限额剩余 ${yuan(atLeastZero(leftBefore))}，本笔按 ${yuan(paid)} 计`);
    limitLeft = limitLeft.minus(paid);
    return paid;
  });
  return { status, amounts, total: sum(amounts), steps, uses };
}

/** Statuses with a fixed 参保资助 (dibao_edge only where the pack dates one, as in 2023). */
const FIXED_SUBSIDY_STATUSES = ['dibao', 'returned_poverty', 'monitored', 'dibao_edge'] as const;
const PREMIUM_STATUSES = ['tekun', ...FIXED_SUBSIDY_STATUSES] as const;
const FIXED_SUBSIDY_KEYS = keysBy(FIXED_SUBSIDY_STATUSES, (status) => `medical.premium.fixedSubsidy.${status}`);

/** 参保资助: 特困 the full individual premium; 低保 / 返贫致贫 / 监测 (and dated extras) the fixed amount. */
function premiumSubsidy(member: NormalizedMember, params: PolicyParams): ReturnType<BenefitDraft['finish']> | null {
  if (!PREMIUM_STATUSES.some((status) => member.statuses.has(status))) return null;
  const premium = params.get('medical.premium.individual');
  const premiumAmount = toDecimal(premium.q);
  const draft = new BenefitDraft('medical.premiumSubsidy', member.id, params.explain).cite(params.rule('medical.premiumSubsidy'));
  // each candidate's step is worded only for the one chosen, and only when the calculation explains itself
  const candidates: { amount: Decimal; step: () => string; use: ParamUse }[] = [];
  if (member.statuses.has('tekun')) {
    candidates.push({ amount: premiumAmount, step: () => `特困人员全额资助居民医保个人缴费 ${yuan(premiumAmount)}`, use: premium });
  }
  for (const status of FIXED_SUBSIDY_STATUSES) {
    if (!member.statuses.has(status)) continue;
    const fixed = params.optional(FIXED_SUBSIDY_KEYS[status]);
    if (!fixed) continue;
    const amount = min(toDecimal(fixed.q), premiumAmount);
    const full = compare(amount, premiumAmount) === 0;
    candidates.push({
      amount,
      step: () => `${statusLabel(status)}${full ? '全额资助' : '定额资助'}居民医保个人缴费 ${yuan(amount)}${full ? '' : `（个人缴费标准 ${yuan(premiumAmount)}）`}`,
      use: fixed,
    });
  }
  if (candidates.length === 0) return null;
  // 就高不重复: the most favourable one, once.
  const best = candidates.reduce((a, b) => (compare(b.amount, a.amount) > 0 ? b : a));
  draft.step(best.step).cite(best.use, premium);
  if (candidates.length > 1) draft.step('同时符合多项资助条件的，按就高原则资助一次');
  return draft.finish({ annual: best.amount });
}

export function applyMedicalChain(context: CalcContext, outcome: Outcome): void {
  const { params } = context;
  for (const member of context.input.members) {
    const subsidy = premiumSubsidy(member, params);
    const bills = billsOf(member);
    if (bills.length === 0) {
      if (subsidy) outcome.benefits.push(subsidy);
      continue;
    }
    const basicDraft = new BenefitDraft('medical.basic', member.id, params.explain);
    basicInsurance(bills, params, basicDraft);
    const criticalDraft = new BenefitDraft('medical.critical', member.id, params.explain);
    criticalIllness(member, bills, params, criticalDraft);

    // each bill's policy-scope self-pay after 基本医保 and 大病保险: the same under every 救助身份 and for the alert
    const lefts = bills.map((bill) => atLeastZero(bill.policyScope.minus(bill.basic).minus(bill.critical)));
    const assistedStatuses = heldStatuses(member, ASSISTED_STATUSES);
    let chosen: AssistanceOption | undefined;
    const assistanceDraft = new BenefitDraft('medical.assistance', member.id, params.explain).cite(params.rule('medical.assistance'));
    if (assistedStatuses.length > 0) {
      const diseasesParam = params.list('medical.assistance.outpatient.diseases');
      const options = assistedStatuses.map((status) => assistanceUnder(status, bills, lefts, params, diseasesParam?.items ?? []));
      // 就高不重复: of the member's statuses, the one that gives the most, once (ties: the order of the contract).
      const best = options.reduce((a, b) => (compare(b.total, a.total) > 0 ? b : a));
      chosen = best;
      best.amounts.forEach((amount, i) => ((bills[i] as Bill).assistance = amount));
      assistanceDraft.cite(...best.uses);
      if (bills.some((bill) => bill.kind === 'outpatient')) assistanceDraft.cite(diseasesParam?.basis);
      for (const step of best.steps) assistanceDraft.step(step);
      if (options.length > 1) {
        assistanceDraft.step(() => {
          const others = options.filter((option) => option !== best).map((option) => `${statusLabel(option.status)} ${yuan(option.total)}`);
          return `同时具有多种救助身份，按就高原则取「${statusLabel(best.status)}」（其他身份测算：${others.join('，')}）`;
        });
      }
    }

    const total = sum(bills.map((bill) => bill.total));
    const policyScope = sum(bills.map((bill) => bill.policyScope));
    const basic = sum(bills.map((bill) => bill.basic));
    const critical = sum(bills.map((bill) => bill.critical));
    const assistance = sum(bills.map((bill) => bill.assistance));

    const items: MedicalItemResult[] = bills.map((bill) => ({
      kind: bill.kind,
      index: bill.index,
      label: bill.label,
      total: toFen(bill.total),
      policyScope: toFen(bill.policyScope),
      basic: toFen(bill.basic),
      critical: toFen(bill.critical),
      assistance: toFen(bill.assistance),
      selfPay: toFen(bill.total.minus(bill.basic).minus(bill.critical).minus(bill.assistance)),
      basicEstimated: bill.basicPaid === undefined,
      criticalEstimated: bill.criticalPaid === undefined,
    }));
    const summary: MemberMedicalResult = {
      total: toFen(total),
      policyScope: toFen(policyScope),
      basic: toFen(basic),
      critical: toFen(critical),
      assistance: toFen(assistance),
      selfPay: toFen(total.minus(basic).minus(critical).minus(assistance)),
      assistanceStatus: chosen && !chosen.total.isZero() ? chosen.status : null,
      items,
    };
    outcome.medical[member.id] = summary;

    if (bills.length > 1) {
      basicDraft.step(() => `全年基本医保合计 ${yuan(basic)}`);
      criticalDraft.step(() => `全年大病保险合计 ${yuan(critical)}`);
      if (chosen) assistanceDraft.step(() => `全年医疗救助合计 ${yuan(assistance)}`);
    }
    if (compare(basic, ZERO) > 0) outcome.benefits.push(basicDraft.finish({ annual: basic }));
    if (compare(critical, ZERO) > 0) outcome.benefits.push(criticalDraft.finish({ annual: critical }));
    if (compare(assistance, ZERO) > 0) outcome.benefits.push(assistanceDraft.finish({ annual: assistance }));
    if (subsidy) outcome.benefits.push(subsidy);

    // Step 5, 高额医疗费用预警: 低保边缘 and 监测 members whose policy-scope self-pay after 基本医保 and
    // 大病保险 exceeds the alert line.
    if (member.statuses.has('dibao_edge') || member.statuses.has('monitored')) {
      const income = params.get('medical.prevYearDisposableIncome');
      const ratio = params.get('medical.highCostAlertRatio');
      const line = times(toDecimal(income.q), ratio.q);
      const selfPayInScope = sum(lefts);
      if (selfPayInScope.greaterThan(line)) {
        const who = member.statuses.has('monitored') ? statusLabel('monitored') : statusLabel('dibao_edge');
        outcome.alerts.push({
          code: 'medical.highCost',
          memberId: member.id,
          message:
            `${memberName(member)}（${who}）经基本医保、大病保险后政策范围内年度自付 ${yuan(selfPayInScope)}，` +
            `超过预警线 ${yuan(line)}（上年度居民人均可支配收入的 ${percentOf(ratio)}），请及时预警并研判纳入救助帮扶`,
        });
      }
    }
  }
}
