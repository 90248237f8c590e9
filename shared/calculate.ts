/**
 * One household in, every entitlement out (calc-contract.md). Input → validation → rules reading the
 * pack in force on `asOf` → result. Pure: the same input, pack and date always give the same result.
 */
import { Outcome, type CalcContext, type RuleEntry } from './calc/context';
import { formatChineseDate, yearOf, type IsoDate } from './dates';
import type { AppError, Result } from './errors';
import { describePath } from './household/fieldLabels';
import { validateCase } from './household/validate';
import { parseBands, type Band } from './packs/bands';
import type { Pack } from './packs/loadPack';
import { displayOf, ParameterMissing, ParameterNotInForce, PolicyParams, type Override, type UsedValue } from './packs/params';
import { checkValue } from './packs/valueRules';
import { parseQuantity } from './quantity';
import { BENEFIT_CODES, BENEFIT_GROUPS } from './result/benefitCodes';
import { totalsOf } from './result/totals';
import type { BenefitResult, CalcResult, ResultWarning } from './result/types';
import { RULES } from './rules';
import { screeningRule } from './screening';

/** The rule table (rules/index.ts), then "还可申请" over the families' hints. */
const TABLE: readonly RuleEntry[] = [...RULES, { id: 'screening', label: '还可申请', apply: screeningRule(RULES) }];

export interface CalculateOptions {
  pack: Pack;
  /** the date used when the case gives no `asOf` (the caller's today; the core never reads the clock) */
  today: IsoDate;
  /** --set values, applied after the case's own `params` */
  overrides?: Record<string, unknown>;
  /**
   * false: each benefit and the 低保 screening come without their `steps` (empty), which are then not
   * worded at all — for a batch printed with --brief, which leaves them out. Everything else is
   * exactly what a full calculation gives (tests/unit/core/coreGolden.test.ts checks it). Default true.
   */
  explain?: boolean;
}

/** Checks and converts the overrides against the pack: an unknown key or a bad value is an input error. */
export function readOverrides(pack: Pack, given: Record<string, unknown>): Result<Map<string, Override>> {
  const errors: AppError[] = [];
  const overrides = new Map<string, Override>();
  for (const [key, value] of Object.entries(given)) {
    const path = `params.${key}`;
    const parameter = pack.parameters.get(key);
    if (!parameter) {
      errors.push({ message: `${describePath(['params', key])}：参数包「${pack.meta.id}」中没有这个参数，请检查拼写（可用 --params 列出全部参数）`, path });
      continue;
    }
    const problem = checkValue(parameter.unit, value);
    if (problem) {
      errors.push({ message: `${describePath(['params', key])}（${parameter.label}）：${problem}`, path });
      continue;
    }
    if (parameter.unit === 'list') overrides.set(key, { list: value as string[] });
    else if (parameter.unit === 'bands') overrides.set(key, { bands: (parseBands(value) as { bands: Band[] }).bands });
    else overrides.set(key, { quantity: parseQuantity(value) as NonNullable<ReturnType<typeof parseQuantity>> });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: overrides };
}

const CODE_ORDER = new Map(Object.keys(BENEFIT_CODES).map((code, index) => [code, index]));
const GROUP_ORDER = new Map(BENEFIT_GROUPS.map((group, index) => [group, index]));

function sortBenefits(benefits: BenefitResult[], memberOrder: Map<string, number>): BenefitResult[] {
  const rank = (b: BenefitResult) =>
    (GROUP_ORDER.get(b.group) ?? 99) * 1_000_000 + (b.memberId === null ? 0 : (memberOrder.get(b.memberId) ?? 98) + 1) * 1000 + (CODE_ORDER.get(b.code) ?? 999);
  return benefits.map((benefit) => ({ benefit, rank: rank(benefit) })).sort((a, b) => a.rank - b.rank).map((entry) => entry.benefit);
}

export function calculate(input: unknown, options: CalculateOptions): Result<CalcResult> {
  const validated = validateCase(input, { today: options.today });
  if (!validated.ok) return validated;
  const household = validated.value;
  const { pack } = options;

  if (household.asOf < pack.meta.validFrom) {
    return {
      ok: false,
      errors: [{ message: `测算日期：${household.asOf} 早于政策参数包「${pack.meta.title}」的起始日期 ${pack.meta.validFrom}`, path: 'asOf' }],
    };
  }
  const overridesRead = readOverrides(pack, { ...household.params, ...(options.overrides ?? {}) });
  if (!overridesRead.ok) return overridesRead;

  const params = new PolicyParams(pack, household.asOf, overridesRead.value, options.explain ?? true);
  const context: CalcContext = { input: household, params };
  const outcome = new Outcome();
  for (const rule of TABLE) {
    try {
      rule.apply(context, outcome);
    } catch (error) {
      if (error instanceof ParameterNotInForce) {
        outcome.warnings.push({
          message: `「${rule.label}」未能测算：${household.asOf} 没有「${error.label}」的适用数值，请在政策参数页补充`,
          path: `params.${error.key}`,
          kind: 'notComputed',
          key: error.key,
          label: error.label,
        });
      } else if (error instanceof ParameterMissing) {
        outcome.warnings.push({
          message: `「${rule.label}」未能测算：所用政策参数包（${pack.meta.title} ${pack.meta.version}）编制较早，没有这项政策的参数，请改用新版参数包或以新版为底稿重新编制`,
          path: `params.${error.key}`,
          kind: 'notComputed',
          key: error.key,
        });
      } else throw error;
    }
  }
  outcome.warnings.push(...valueWarnings(pack, params));

  const memberOrder = new Map(household.members.map((member) => [member.id, member.index]));
  const benefits = sortBenefits(outcome.benefits, memberOrder);
  for (const benefit of benefits) {
    const own = pack.deliveries.get(benefit.code);
    if (own) benefit.delivery = own;
  }

  return {
    ok: true,
    value: {
      policy: { id: pack.meta.id, version: pack.meta.version, asOf: household.asOf, overrides: [...overridesRead.value.keys()] },
      benefits,
      medical: outcome.medical,
      screening: { dibao: outcome.dibao, items: outcome.screeningItems },
      alerts: outcome.alerts,
      totals: totalsOf(benefits),
      warnings: outcome.warnings,
    },
  };
}

/**
 * The values the result rests on that staff must confirm, one warning each (calc-contract.md "Output";
 * handouts.md "Caveats where they are seen"): the assessment date after the pack's review, each yearly
 * value carried over from an earlier year, each value marked 待核实. A pack's value in force on a date is
 * one shared object, so its warning is worded once and shared by every result that uses it.
 */
const CARRIED_WARNINGS = new WeakMap<UsedValue, ResultWarning>();
const UNVERIFIED_WARNINGS = new WeakMap<UsedValue, ResultWarning>();

function carriedWarning(use: UsedValue, asOf: IsoDate): ResultWarning {
  let warning = CARRIED_WARNINGS.get(use);
  if (!warning) {
    const value = displayOf(use);
    const year = yearOf(use.from);
    warning = {
      message: `${use.label}：尚无${yearOf(asOf)}年的标准，沿用${year}年的 ${value}（沿用往年），请向县级主管部门核实`,
      path: `params.${use.key}`,
      kind: 'carriedOver',
      key: use.key,
      label: use.label,
      value,
      year,
    };
    CARRIED_WARNINGS.set(use, warning);
  }
  return warning;
}

function unverifiedWarning(use: UsedValue): ResultWarning {
  let warning = UNVERIFIED_WARNINGS.get(use);
  if (!warning) {
    const value = displayOf(use);
    const source = use.basis.doc.includes('待核实') ? use.basis.doc : `待核实（${use.basis.doc}）`;
    warning = { message: `${use.label} ${value}：${source}，以各部门正式核定为准`, path: `params.${use.key}`, kind: 'unverified', key: use.key, label: use.label, value };
    UNVERIFIED_WARNINGS.set(use, warning);
  }
  return warning;
}

function valueWarnings(pack: Pack, params: PolicyParams): ResultWarning[] {
  const warnings: ResultWarning[] = [];
  const { asOf } = params;
  const reviewed = pack.meta.reviewedThrough;
  if (reviewed !== undefined && asOf > reviewed) {
    warnings.push({
      message: `测算日期 ${formatChineseDate(asOf)} 晚于政策参数包的核对日期 ${formatChineseDate(reviewed)}：此后调整的标准未包含在内，请向县级主管部门核实`,
      path: 'asOf',
      kind: 'reviewedThrough',
    });
  }
  for (const use of params.carriedOver()) warnings.push(carriedWarning(use, asOf));
  for (const use of params.unverified()) warnings.push(unverifiedWarning(use));
  return warnings;
}
