/**
 * What each store service accepts, as zod schemas: the one check at the service boundary, exported so
 * the renderer↔main handler table can use the same ones. Requests are strict (an unknown field is an
 * error), strings are bounded, and every problem comes back as a Chinese message with its path.
 */
import { z } from 'zod';
import { PRINT_DOCUMENTS } from '../../../shared/api/contract';
import { isIsoDate } from '../../../shared/dates';
import { ok, shortValue, type Result } from '../../../shared/errors';
import { STATUSES } from '../../../shared/household/codes';
import { valueLabel } from '../../../shared/household/fieldLabels';
import { zodIssuesToErrors } from '../../../shared/zodErrors';
import { parseCaseNumber } from './caseNumber';

/** The largest input and result JSON a revision holds (a household is a few KB; a result tens of KB). */
export const MAX_INPUT_BYTES = 256 * 1024;
export const MAX_RESULT_BYTES = 4 * 1024 * 1024;
export const MAX_PAGE_SIZE = 200;

const REQUEST_LABELS: Record<string, string> = {
  caseNo: '案卷编号',
  expectedRevision: '修订版本',
  revision: '修订版本',
  kind: '保存类型',
  input: '家庭信息',
  result: '测算结果',
  packId: '政策参数包',
  packVersion: '政策参数包版本',
  operator: '经办人',
  reason: '作废原因',
  text: '搜索内容',
  name: '姓名',
  pinyin: '拼音首字母',
  idDigits: '身份证号码',
  township: '乡镇（街道）',
  village: '村（社区）',
  status: '身份',
  benefit: '待遇项目',
  benefitYear: '测算年度',
  from: '起始日期',
  to: '截止日期',
  voided: '作废案卷',
  page: '页码',
  pageSize: '每页条数',
  filter: '筛选条件',
  format: '导出格式',
  table: '导出内容',
  unmasked: '显示完整身份证号',
  path: '保存位置',
  document: '打印文书',
  file: '备份文件',
  key: '设置项',
  value: '设置值',
};

function describeRequestPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '请求内容';
  return path.map((part) => (typeof part === 'number' ? `第${part + 1}项` : (REQUEST_LABELS[String(part)] ?? shortValue(part)))).join(' · ');
}

/** Checks a request against its schema: the parsed value, or every problem in Chinese. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return { ok: false, errors: zodIssuesToErrors(parsed.error.issues, describeRequestPath, valueLabel) };
}

const text = (max: number) => z.string().trim().max(max, { message: `不能超过${max}个字` });
const required = (max: number, message: string) => text(max).pipe(z.string().min(1, { message }));
const isoDate = z.string().refine(isIsoDate, { message: '应为有效日期，格式 YYYY-MM-DD' });
/** a contract amount: yuan with two decimals */
const amount = z.string().regex(/^-?\d{1,13}\.\d{2}$/, { message: '金额应为两位小数的数字文字（如 "1200.00"）' });

export const caseNumberSchema = z
  .string()
  .trim()
  .refine((value) => parseCaseNumber(value) !== null, { message: '案卷编号格式应为“年份-序号”，如 2026-000123' });

export const operatorSchema = required(20, '请填写经办人姓名').refine((value) => !/[\u0000-\u001f]/.test(value), {
  message: '经办人姓名不能含控制字符',
});

/**
 * The parts of a CalcResult the store relies on (the rest is kept as given). Loose objects: fields the
 * calculation adds later are stored without a change here.
 */
export const calcResultSchema = z.looseObject({
  policy: z.looseObject({
    id: required(60, '政策参数包编号不能为空'),
    version: required(30, '政策参数包版本不能为空'),
    asOf: isoDate,
    overrides: z.array(z.string()),
  }),
  benefits: z
    .array(
      z.looseObject({
        code: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,79}$/, { message: '待遇代码格式不对' }),
        memberId: z.string().max(32).nullable(),
        label: z.string().max(200),
        annual: amount,
        monthly: amount.nullable(),
      }),
    )
    .max(2000, { message: '待遇条目过多' }),
  medical: z.record(z.string(), z.unknown()),
  screening: z.looseObject({}),
  alerts: z.array(z.unknown()),
  totals: z.looseObject({ annual: amount }),
  warnings: z.array(z.unknown()),
});

export const saveCaseRequestSchema = z.strictObject({
  /** absent: a new case; present: a new revision of that case */
  caseNo: caseNumberSchema.optional(),
  /** the revision the operator was looking at; a newer one saved meanwhile refuses the save */
  expectedRevision: z.number().int().min(1).optional(),
  /** 'recalc': the same household computed again (e.g. with a new year's pack) */
  kind: z.enum(['save', 'recalc']).optional(),
  /** the household input exactly as the calculation received it (checked against the input schema) */
  input: z.unknown(),
  result: calcResultSchema,
  packId: required(60, '政策参数包编号不能为空'),
  packVersion: required(30, '政策参数包版本不能为空'),
  /** defaults to the 经办人 in settings */
  operator: operatorSchema.optional(),
});

export const voidCaseRequestSchema = z.strictObject({
  caseNo: caseNumberSchema,
  reason: required(200, '请填写作废原因'),
  expectedRevision: z.number().int().min(1).optional(),
  operator: operatorSchema.optional(),
});

export const getCaseRequestSchema = z.strictObject({
  caseNo: caseNumberSchema,
  /** absent: the latest */
  revision: z.number().int().min(1).optional(),
});

export const caseHistoryRequestSchema = z.strictObject({ caseNo: caseNumberSchema });

/**
 * The conditions of a search (also what an export selects). All optional; given ones must all hold.
 * Named as the API names them (cases.search in shared/api/contract.ts): one vocabulary at the seam.
 */
export const caseFilterSchema = z.strictObject({
  /** the search box: a name, 拼音首字母, the last 4–18 digits of an ID number, or a case number */
  text: text(40).optional(),
  name: text(20).optional(),
  pinyin: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,20}$/, { message: '拼音首字母只能是字母（如 zs）' })
    .optional(),
  idDigits: z
    .string()
    .trim()
    .regex(/^\d{3,17}[\dXx]$/, { message: '身份证号码请输入后4至6位或完整18位' })
    .optional(),
  caseNo: caseNumberSchema.optional(),
  township: text(40).optional(),
  village: text(40).optional(),
  status: z.enum(STATUSES).optional(),
  benefit: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.]{0,79}$/, { message: '待遇代码格式不对' })
    .optional(),
  /** the assessment year (result.policy.asOf); with `benefit`, the benefit in that year */
  benefitYear: z.number().int().min(2000).max(2100).optional(),
  /** the latest revision saved on or after / on or before these local days */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** 作废 cases: left out (default), included, or only them */
  voided: z.enum(['exclude', 'include', 'only']).optional(),
});

export const caseQuerySchema = caseFilterSchema.extend({
  page: z.number().int().min(1).max(100000).optional(),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE, { message: `每页最多${MAX_PAGE_SIZE}条` }).optional(),
});

export const exportRequestSchema = z.strictObject({
  format: z.enum(['xlsx', 'csv']),
  /** CSV holds one table: the cases (default) or one row per benefit; xlsx has both sheets */
  table: z.enum(['cases', 'benefits']).optional(),
  filter: caseFilterSchema.optional(),
  /** full ID numbers in the file (the operator chose so); masked otherwise */
  unmasked: z.boolean().optional(),
  /** write the file here (absolute path); absent: the bytes are returned */
  path: z
    .string()
    .trim()
    .max(400)
    .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), { message: '请选择完整的保存路径' })
    .optional(),
});

/** 明白纸 / 明白卡 / 明白卡（A6）/ PDF: the codes of the shared API (shared/api/contract.ts) */
export { PRINT_DOCUMENTS, type PrintDocument } from '../../../shared/api/contract';

export const printRecordRequestSchema = z.strictObject({
  caseNo: caseNumberSchema,
  /** absent: the latest */
  revision: z.number().int().min(1).optional(),
  document: z.enum(PRINT_DOCUMENTS),
  operator: operatorSchema.optional(),
});

/** 入户发放 (issue 18): one printing of many cases' revisions, recorded together or not at all */
export const PRINT_BATCH_MAX = 5000;
export const printRecordManyRequestSchema = z.strictObject({
  items: z
    .array(z.strictObject({ caseNo: caseNumberSchema, revision: z.number().int().min(1) }))
    .min(1, { message: '没有要记录的案卷' })
    .max(PRINT_BATCH_MAX, { message: `一次最多记录${PRINT_BATCH_MAX}户` }),
  document: z.enum(PRINT_DOCUMENTS),
  operator: operatorSchema.optional(),
});

export const printListRequestSchema = z.strictObject({ caseNo: caseNumberSchema });

/** A backup listed in the backup folder (by name), or any file the operator picked (full path, e.g. on a USB stick). */
export const restoreRequestSchema = z.union([
  z.strictObject({
    fileName: z
      .string()
      .trim()
      .min(1, { message: '请选择备份文件' })
      .max(255)
      .refine((name) => !/[\\/]/.test(name) && name !== '..' && name !== '.', { message: '备份文件名不能含路径' }),
  }),
  z.strictObject({ file: z.string().trim().min(1, { message: '请选择备份文件' }).max(400) }),
]);

export type CaseFilter = z.input<typeof caseFilterSchema>;
export type CaseQuery = z.input<typeof caseQuerySchema>;
