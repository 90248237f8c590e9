/**
 * The 政策参数 and 重新测算 part of the API: what the page sends (zod schemas, checked before a handler
 * runs) and what it gets back. The channels themselves are declared in contract.ts with the others.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';

const isoDate = z.string().refine(isIsoDate, { message: '应为有效日期（YYYY-MM-DD）' });

export const packRefSchema = z.strictObject({
  id: z.string().trim().min(1, { message: '缺少参数包编号' }).max(60),
  version: z.string().trim().min(1, { message: '缺少参数包版本' }).max(32),
});

const draftText = (max: number) => z.string().max(max, { message: `不能超过${max}个字` });

export const packDraftSchema = z.strictObject({
  version: draftText(32),
  title: draftText(80).optional(),
  description: draftText(400).optional(),
  effectiveFrom: draftText(10),
  publishedAt: draftText(10),
  reviewedThrough: draftText(10).optional(),
  documents: z
    .record(
      z.string().max(64),
      z.strictObject({ number: draftText(60).optional(), title: draftText(200), issuer: draftText(100).optional(), date: draftText(20).optional() }),
    )
    .optional(),
  changes: z
    .array(
      z.strictObject({
        key: z.string().max(80),
        // a number ("480", "1/3"), 大病保险 bands as JSON text, a list, or null (no longer in force)
        value: z.union([draftText(400), z.array(draftText(60)).max(100), z.null()]),
        doc: draftText(64),
        clause: draftText(200),
        quote: draftText(1000).optional(),
        note: draftText(400).optional(),
      }),
    )
    .max(500),
  guidance: z
    .strictObject({
      offices: z
        .record(z.string().max(40), z.strictObject({ name: draftText(60), place: draftText(200), phone: draftText(40) }))
        .optional(),
      items: z
        .record(z.string().max(80), z.strictObject({ office: z.string().max(40), materials: z.array(draftText(100)).max(30) }))
        .optional(),
    })
    .optional(),
});

export const saveLocalPackSchema = z.strictObject({ base: packRefSchema, draft: packDraftSchema });
export const packDiffRequestSchema = z.strictObject({ from: packRefSchema, to: packRefSchema, asOf: isoDate });
export const packExportSchema = packRefSchema.extend({
  /** the admin's private key file (PEM), read by the page; used to sign and never stored */
  privateKeyPem: z.string().min(1, { message: '请选择私钥文件' }).max(10_000, { message: '私钥文件过大，请确认选择的是私钥文件' }),
});
export const packImportSchema = z.strictObject({
  fileName: z.string().max(255),
  base64: z.string().min(1, { message: '请选择参数包文件' }).max(20_000_000, { message: '文件过大（超过15 MB），不是参数包文件' }),
  /** true: check and show what would change, without importing */
  dryRun: z.boolean().optional(),
});
export const keyAddSchema = z.strictObject({
  name: z.string().max(40, { message: '名称不能超过40个字' }),
  publicKey: z.string().max(2000, { message: '公钥过长，请确认粘贴的是公钥' }),
});
export const keyRemoveSchema = z.strictObject({ fingerprint: z.string().min(1).max(64) });
export const recalcStartSchema = packRefSchema.extend({
  /** the assessment date for every case; null: each case's own date as last computed */
  asOf: isoDate.nullable(),
});
export const reportPageSchema = z.strictObject({
  jobId: z.string().max(64).optional(),
  filter: z.enum(['all', 'gainers', 'losers']).default('all'),
  village: z.string().max(40).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export const reportExportSchema = z.strictObject({ jobId: z.string().min(1).max(64) });

export interface PackSummary {
  id: string;
  version: string;
  title: string;
  source: 'shipped' | 'local';
  validFrom: string;
  publishedAt: string;
  description: string | null;
  basedOn: { id: string; version: string } | null;
  origin: { kind: 'edited' | 'imported'; signedBy?: { name: string; fingerprint: string }; signedAt?: string } | null;
  savedAt: string | null;
  active: boolean;
}

export interface PackListing {
  active: { id: string; version: string };
  packs: PackSummary[];
  /** local pack files that could not be read */
  problems: string[];
}

export interface CountyKey {
  name: string;
  publicKey: string;
  fingerprint: string;
}

export interface GeneratedKey {
  publicKey: string;
  publicKeyPem: string;
  fingerprint: string;
  /** the private key, for the admin to save; the app keeps no copy */
  privateKeyFile: { fileName: string; mime: string; base64: string };
}

export type RecalcState = 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

export interface RecalcStatus {
  jobId: string;
  state: RecalcState;
  pack: { id: string; version: string; title: string };
  asOf: string | null;
  /** cases in the store when the job started */
  total: number;
  /** cases read so far (voided ones included) */
  processed: number;
  recomputed: number;
  /** recalc revisions written: cases whose result changed */
  written: number;
  unchanged: number;
  voided: number;
  failed: number;
  /** saved by the desk while the job ran: the newer save was kept */
  stale: number;
  startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  /** progress updates so far */
  updates: number;
  message: string | null;
  problems: { caseNo: string; message: string }[];
}

export interface BenefitChangeLine {
  code: string;
  label: string;
  /** how the benefit reaches the family (reports saved before 2026-12 lack it) */
  delivery?: import('../result/delivery').Delivery;
  gainers: number;
  losers: number;
  before: string;
  after: string;
  delta: string;
}

export interface VillageChangeLine {
  township: string;
  village: string;
  cases: number;
  changed: number;
  gainers: number;
  losers: number;
  before: string;
  after: string;
  delta: string;
}

export interface CaseChangeLine {
  caseNo: string;
  headName: string;
  township: string;
  village: string;
  before: string;
  after: string;
  delta: string;
  changes: string;
}

export interface ChangeReportSummary {
  cases: number;
  changed: number;
  gainers: number;
  losers: number;
  before: string;
  after: string;
  delta: string;
  /** the same totals split by how the money reaches the family (reports saved before 2026-12 lack it) */
  byDelivery?: Record<import('../result/delivery').Delivery, { before: string; after: string; delta: string }>;
}

export interface ChangeReportHead {
  jobId: string;
  pack: { id: string; version: string; title: string };
  asOf: string | null;
  startedAt: string;
  finishedAt: string | null;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  summary: ChangeReportSummary;
}

export interface ChangeReport extends ChangeReportHead {
  byBenefit: BenefitChangeLine[];
  byVillage: VillageChangeLine[];
  /** households whose amounts changed, largest loss first */
  cases: CaseChangeLine[];
}

export interface ChangeReportPage extends Omit<ChangeReport, 'cases'> {
  cases: CaseChangeLine[];
  casesTotal: number;
  page: number;
  pageSize: number;
}

export interface PackImportOutcome {
  pack: PackSummary;
  /** against the pack in force, on the new pack's latest effective date */
  diff: import('../packs/packDiff').PackDiff;
  signedBy: { name: string; fingerprint: string };
  /** false for a dry run (checked and compared only) */
  imported: boolean;
}
