/**
 * The county pages ↔ county server API (`npm run county`), defined once like the office's contract.ts:
 * each channel's payload schema (checked before a handler runs) and the type it returns. The pages
 * call POST /api/<channel> with the server's access token.
 */
import { z } from 'zod';
import type { Result } from '../errors';
import type { FilePayload } from './contract';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '应为日期（YYYY-MM-DD）' });
const month = z.string().regex(/^\d{4}-\d{2}$/, { message: '应为月份（YYYY-MM）' });
const place = z.string().trim().max(40);
const page = { page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(20) };

export const countySearchSchema = z.strictObject({
  /** a name, a part of one, 拼音首字母, or the last 4–18 characters of an ID number */
  text: z.string().trim().max(40, { message: '查找内容过长' }).optional(),
  township: place.optional(),
  village: place.optional(),
  status: z.string().trim().max(40).optional(),
  benefit: z.string().trim().max(60).optional(),
  officeId: z.number().int().min(1).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  includeVoided: z.boolean().optional(),
  ...page,
});
export type CountySearch = z.input<typeof countySearchSchema>;

export interface CountyCaseRow {
  /** the county's id of the case (office + 案卷编号) */
  countyCaseId: number;
  officeId: number;
  officeName: string;
  caseNo: string;
  headName: string;
  memberNames: string[];
  /** first 6 and last 4 digits only */
  maskedIds: string[];
  township: string;
  village: string;
  status: string;
  revision: number;
  updatedAt: string;
  totalAnnual: string;
  voided: boolean;
  /** a member appears in another office's case or in another household */
  flagged: boolean;
}

export interface CountySearchPage {
  /** exact up to 1,000 (county/queries/search.ts COUNT_LIMIT); beyond that `more` is true */
  total: number;
  more: boolean;
  page: number;
  pageSize: number;
  rows: CountyCaseRow[];
}

export const householdRequestSchema = z.strictObject({ countyCaseId: z.number().int().min(1) });

export interface CountyRevisionLine {
  revisionId: number;
  revision: number;
  kind: 'save' | 'void' | 'recalc';
  savedAt: string;
  operator: string;
  packVersion: string;
  reason: string | null;
  totalAnnual: string;
}

export interface HouseholdCase {
  countyCaseId: number;
  officeName: string;
  caseNo: string;
  headName: string;
  township: string;
  village: string;
  voided: boolean;
  /** how this case belongs to the household */
  match: 'head' | 'member';
  revisions: CountyRevisionLine[];
}

export interface HouseholdHistory {
  headName: string;
  /** the 户主's ID number, masked; null when the case has none (the history is that case alone) */
  headIdMasked: string | null;
  offices: number;
  cases: HouseholdCase[];
}

export const revisionRequestSchema = z.strictObject({ revisionId: z.number().int().min(1) });

export interface CountyRevisionDetail extends CountyRevisionLine {
  officeName: string;
  caseNo: string;
  asOf: string;
  members: { name: string; maskedId: string | null }[];
  benefits: { code: string; label: string; annual: string }[];
}

export const duplicatesSchema = z.strictObject({
  /** offices: one person in two offices' cases; households: one person in two households */
  kind: z.enum(['all', 'offices', 'households']).default('all'),
  ...page,
});

export interface DuplicatePerson {
  maskedId: string;
  names: string[];
  offices: number;
  households: number;
  cases: { countyCaseId: number; officeName: string; caseNo: string; headName: string; township: string; village: string; relation: 'head' | 'member' }[];
}

export interface DuplicatesPage {
  total: number;
  page: number;
  pageSize: number;
  rows: DuplicatePerson[];
}

export const TOTALS_GROUPS = ['township', 'village', 'benefit', 'month'] as const;
export type TotalsGroup = (typeof TOTALS_GROUPS)[number];

export const totalsSchema = z.strictObject({
  groupBy: z.enum(TOTALS_GROUPS),
  fromMonth: month.optional(),
  toMonth: month.optional(),
  township: place.optional(),
  benefit: z.string().trim().max(60).optional(),
});
export type TotalsRequest = z.input<typeof totalsSchema>;

export interface TotalsRow {
  key: string;
  label: string;
  households: number;
  amount: string;
  /** the split of 年度合计 over the households whose results carry it (benefit rows: null) */
  split: { households: number; cash: string; settlement: string; waiver: string; oneOff: string } | null;
}

export interface TotalsTable {
  groupBy: TotalsGroup;
  rows: TotalsRow[];
  total: { households: number; amount: string };
}

export interface OfficeReport {
  id: number;
  name: string;
  fingerprint: string;
  registeredAt: string;
  revokedAt: string | null;
  lastReceivedAt: string | null;
  /** whole days since the last bundle (since registration when none) */
  daysSilent: number;
  revisions: number;
  cases: number;
  newestSavedAt: string | null;
  conflicts: number;
}

export const registerOfficeSchema = z.strictObject({
  name: z.string().trim().min(1, { message: '请填写乡镇（单位）名称' }).max(40, { message: '名称不能超过40个字' }),
  publicKey: z.string().trim().min(1, { message: '请粘贴乡镇的公钥' }).max(2000, { message: '公钥过长，请确认粘贴的是公钥' }),
});
export const officeRefSchema = z.strictObject({ id: z.number().int().min(1) });

export const fileUploadSchema = z.strictObject({
  fileName: z.string().max(255),
  base64: z.string().min(1, { message: '请选择文件' }).max(700_000_000, { message: '文件过大（超过500 MB）' }),
});

export interface BundleImportReply {
  officeName: string;
  revisions: number;
  added: number;
  conflicts: number;
  /** the signed receipt to carry back to the office (USB) */
  receipt: FilePayload;
}

export interface PublishedPack {
  id: number;
  packId: string;
  packVersion: string;
  keyFingerprint: string;
  publishedAt: string;
  bytes: number;
}

export const countyExportSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('search'), search: countySearchSchema.omit({ page: true, pageSize: true }), unmasked: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('totals'), totals: totalsSchema }),
  z.strictObject({ kind: z.literal('duplicates'), duplicates: duplicatesSchema.omit({ page: true, pageSize: true }) }),
  z.strictObject({ kind: z.literal('offices') }),
]);

export interface CountyInfo {
  countyName: string;
  serverFingerprint: string;
  schemaVersion: number;
  townships: string[];
  offices: { id: number; name: string }[];
}

const none = z.undefined().or(z.strictObject({}));

function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const countyContract = {
  'county.info': channel<CountyInfo>()(none),
  'county.search': channel<CountySearchPage>()(countySearchSchema),
  'county.household': channel<HouseholdHistory>()(householdRequestSchema),
  'county.revision': channel<CountyRevisionDetail>()(revisionRequestSchema),
  'county.duplicates': channel<DuplicatesPage>()(duplicatesSchema),
  'county.totals': channel<TotalsTable>()(totalsSchema),
  'county.offices': channel<OfficeReport[]>()(none),
  'county.registerOffice': channel<OfficeReport[]>()(registerOfficeSchema),
  'county.revokeOffice': channel<OfficeReport[]>()(officeRefSchema),
  'county.importBundle': channel<BundleImportReply>()(fileUploadSchema),
  'county.publishPack': channel<PublishedPack[]>()(fileUploadSchema),
  'county.packs': channel<PublishedPack[]>()(none),
  'county.export': channel<FilePayload>()(countyExportSchema),
} as const;

export type CountyChannel = keyof typeof countyContract;
export type CountyInput<C extends CountyChannel> = z.input<(typeof countyContract)[C]['input']>;
export type CountyParsedInput<C extends CountyChannel> = z.output<(typeof countyContract)[C]['input']>;
export type CountyOutput<C extends CountyChannel> = (typeof countyContract)[C]['output'];
export type CountyResponse<C extends CountyChannel> = Result<CountyOutput<C>>;
