/**
 * The input of the calculation contract as a schema: every field the contract names, plus the
 * project's documented extensions (marked 扩展 below; README "输入字段扩展"). Objects are strict, so a
 * misspelt field is an error naming its path rather than something silently ignored.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { compare, Decimal, parseDecimal } from '../money';
import {
  AREAS,
  DISABILITY_KINDS,
  HOSPITAL_LEVELS,
  HOUSING_RATINGS,
  OUTPATIENT_KINDS,
  SHORT_TRAINING_CLASSES,
  STAGES,
  STATUSES,
  TEKUN_CARE_LEVELS,
} from './codes';

export const RELATIONS = ['head', 'spouse', 'child', 'childInLaw', 'grandchild', 'parent', 'grandparent', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  childInLaw: '儿媳/女婿',
  grandchild: '孙子女/外孙子女',
  parent: '父母',
  grandparent: '祖父母/外祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};

/**
 * The schemas are built on first use, not when the module loads: a valid household is read by
 * fastParse.ts, so zod's schema for it is only needed for a household with a problem, and building
 * it cost every start of the command line (issue 16, item 3) tens of milliseconds.
 */
/** The most yuan an amount of the input may be (a typing slip, not a real bill, beyond it); fastParse.ts reads the same. */
export const MONEY_CEILING_YUAN = 1_000_000_000;

function buildSchemas() {
  const MONEY_CEILING = new Decimal(MONEY_CEILING_YUAN);

  /** Yuan as a JSON number or decimal string: ≥ 0, at most two decimals. Becomes a Decimal. */
  const moneySchema = z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null || value === '') {
      ctx.addIssue({ code: 'custom', message: '必须填写' });
      return z.NEVER;
    }
    const amount = parseDecimal(value);
    if (!amount) {
      ctx.addIssue({ code: 'custom', message: `应为金额数字（如 1200 或 "1200.50"），现为 ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    if (amount.isNegative()) {
      ctx.addIssue({ code: 'custom', message: `金额不能为负数（${amount.toString()}）` });
      return z.NEVER;
    }
    if (amount.decimalPlaces() > 2) {
      ctx.addIssue({ code: 'custom', message: `金额最多两位小数（到分），现为 ${amount.toString()}` });
      return z.NEVER;
    }
    if (compare(amount, MONEY_CEILING) > 0) {
      ctx.addIssue({ code: 'custom', message: '金额过大，请检查是否多输了位数' });
      return z.NEVER;
    }
    return amount;
  });
  const money = moneySchema;

  const isoDate = z.string().refine(isIsoDate, { message: '应为有效日期，格式 YYYY-MM-DD（如 2023-09-01）' });
  const text = (max: number) => z.string().trim().max(max, { message: `不能超过${max}个字` });

  const statusList = z.union([z.enum(STATUSES), z.array(z.enum(STATUSES))]);

  /** A whole number of days, months or years (zod's own int() message is English, so refine instead). */
  const wholeNumber = (min: number, max: number, unit: string) =>
    z
      .number()
      .refine(Number.isInteger, { message: `应为整数（${unit}）` })
      .min(min, { message: `不能小于${min}${unit}` })
      .max(max, { message: `不能大于${max}${unit}` });

  const inpatientItem = z.strictObject({
    total: money,
    policyScope: money,
    level: z.enum(HOSPITAL_LEVELS).optional(),
    basicPaid: money.optional(),
    criticalPaid: money.optional(),
    /** 扩展: 医院名称 and 出院日期, shown on the 明白纸 */
    hospital: text(60).optional(),
    date: isoDate.optional(),
  });

  const outpatientItem = z.strictObject({
    kind: z.enum(OUTPATIENT_KINDS),
    disease: text(40).optional(),
    total: money,
    policyScope: money,
    basicPaid: money.optional(),
    criticalPaid: money.optional(),
    hospital: text(60).optional(),
    date: isoDate.optional(),
  });

  const memberSchema = z.strictObject({
    id: z.string().trim().min(1, { message: '成员编号不能为空' }).max(32, { message: '成员编号不能超过32个字符' }),
    name: text(40).pipe(z.string().min(1, { message: '姓名不能为空' })),
    /** 扩展: 与户主关系 */
    relation: z.enum(RELATIONS).optional(),
    idNumber: z.string().optional(),
    birthDate: isoDate.optional(),
    status: statusList.optional(),
    disability: z
      .strictObject({
        grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { message: '残疾等级应为 1、2、3 或 4（级）' }),
        kind: z.enum(DISABILITY_KINDS),
      })
      .optional(),
    employment: z
      .strictObject({
        monthlyWage: money,
        /** when absent, the pack's urban 低保 standard (the member works locally) */
        workplaceUrbanDibaoStandard: money.optional(),
      })
      .optional(),
    tekunCare: z.enum(TEKUN_CARE_LEVELS).optional(),
    /** absent flags mean false (calc-contract.md "Input") */
    pension: z.strictObject({ insured: z.boolean().optional(), receiving: z.boolean().optional() }).optional(),
    student: z
      .strictObject({
        stage: z.enum(STAGES),
        enrolled: z.boolean().optional(),
        boarding: z.boolean().optional(),
        hardship: z.boolean().optional(),
        nationalNutritionPlan: z.boolean().optional(),
        orphan: z.boolean().optional(),
        deFactoUnsupported: z.boolean().optional(),
        /** 幼儿园 小班 1 · 中班 2 · 大班 3 (学前 only): the final year is free from the 2025 autumn term */
        kindergartenYear: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: '幼儿园年级应为 1（小班）、2（中班）或 3（大班）' }).optional(),
        /** 公办幼儿园 (absent: true) */
        publicKindergarten: z.boolean().optional(),
      })
      .optional(),
    training: z
      .strictObject({
        yuluShort: z.enum(SHORT_TRAINING_CLASSES).optional(),
        /** 扩展: days of 定点培训机构集中培训 (含实习) this year, for the 30 元/天 生活费补贴 */
        designatedDays: wholeNumber(0, 366, '天').optional(),
        /** 扩展: 县市外省内定点培训 交通费和住宿费 on the invoices, reimbursed up to the cap */
        outOfCountyCosts: money.optional(),
        /** 扩展: months of 以工代训 with the employer this year (policy in force to 2021-12-31) */
        workForTrainingMonths: wholeNumber(0, 12, '个月').optional(),
      })
      .optional(),
    /** 扩展: 自主创业 (一次性创业开业补贴; 创业孵化基地 费用补贴) */
    startup: z
      .strictObject({
        /** 首次自主创业并取得营业执照 */
        firstBusiness: z.boolean(),
        /** 正常经营的月数 */
        monthsOperating: wholeNumber(0, 1200, '个月'),
        incubator: z
          .strictObject({
            /** 本年度在创业孵化基地实际发生的物管、卫生、房租、水电费 */
            annualCosts: money,
            /** 本年度是享受孵化补贴的第几年 */
            subsidyYear: wholeNumber(1, 50, '年'),
          })
          .optional(),
      })
      .optional(),
    /** 扩展: 在乡村公益性岗位上岗; yearInPost = 本次安置的第几年 (absent: within the subsidy period) */
    publicWelfareJob: z.strictObject({ yearInPost: wholeNumber(1, 50, '年').optional() }).optional(),
    medical: z
      .strictObject({
        inpatient: z.array(inpatientItem).max(200, { message: '住院记录过多（最多200笔）' }).optional(),
        outpatient: z.array(outpatientItem).max(200, { message: '门诊记录过多（最多200笔）' }).optional(),
      })
      .optional(),
  });

  const householdSchema = z.strictObject({
    area: z.enum(AREAS),
    status: z.enum(STATUSES),
    formerlyRegisteredPoor: z.boolean().optional(),
    monthlyIncome: money.optional(),
    annualNetIncomePerCapita: money.optional(),
    housing: z
      .strictObject({
        rating: z.enum(HOUSING_RATINGS),
        priorHousingAid: z.boolean().optional(),
        estimatedCost: money.optional(),
      })
      .optional(),
    /** 扩展: where the family lives and how to reach it (printouts, search) */
    township: text(40).optional(),
    village: text(40).optional(),
    /** 扩展: 村民小组 (组), as the roster or the clerk writes it ("3", "三组"): a village campaign sorts by it */
    group: text(20).optional(),
    address: text(100).optional(),
    phone: text(30).optional(),
  });

  const caseInputSchema = z.strictObject({
    asOf: isoDate.optional(),
    // values are checked against the pack's units in calculate.ts (readOverrides), in Chinese
    params: z.record(z.string(), z.unknown()).optional(),
    household: householdSchema,
    members: z.array(memberSchema).min(1, { message: '至少需要一位家庭成员' }).max(30, { message: '家庭成员不能超过30人' }),
  });
  return { moneySchema, memberSchema, householdSchema, caseInputSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;
const schemas = (): Schemas => (built ??= buildSchemas());

/** Yuan as a JSON number or decimal string: ≥ 0, at most two decimals. Becomes a Decimal. */
export const moneySchema = z.lazy(() => schemas().moneySchema);
/** One household case (calc-contract.md "Input"), strict: a misspelt field is an error naming its path. */
export const caseInputSchema = z.lazy(() => schemas().caseInputSchema);

/** After structural parsing: money is Decimal. */
export type ParsedCase = z.output<Schemas['caseInputSchema']>;
export type ParsedMember = z.output<Schemas['memberSchema']>;
export type ParsedHousehold = z.output<Schemas['householdSchema']>;
