/**
 * The 上报县级 part of the office API (设置 · 上报县级): payload schemas and replies. The channels are
 * declared in contract.ts with the others.
 */
import { z } from 'zod';

export const countyConnectSchema = z.strictObject({
  address: z.string().trim().min(1, { message: '请填写县级服务器地址' }).max(200, { message: '地址过长' }),
});
export const countyTrustSchema = z.strictObject({ fingerprint: z.string().trim().regex(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/, { message: '指纹格式不对' }) });
export const receiptImportSchema = z.strictObject({
  fileName: z.string().max(255),
  base64: z.string().min(1, { message: '请选择回执文件' }).max(50_000_000, { message: '文件过大，不是回执文件' }),
  /** the county server fingerprint the operator confirmed, for the first receipt before any is trusted */
  confirmFingerprint: z.string().max(64).optional(),
});

export interface SendJob {
  state: 'running' | 'done' | 'failed';
  /** revisions sent so far */
  sent: number;
  acknowledged: number;
  conflicts: number;
  bundles: number;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

export interface CountySyncStatus {
  /** this office's key: the county registers it after checking the fingerprint by phone */
  office: { fingerprint: string; publicKey: string };
  address: string | null;
  /** the county server key the operator confirmed */
  server: { fingerprint: string; name: string } | null;
  revisions: number;
  pending: number;
  acknowledged: number;
  conflicts: number;
  lastSentAt: string | null;
  job: SendJob | null;
}

export interface ReceiptOutcome {
  /** false: the server is not confirmed yet; compare its fingerprint and import again confirming it */
  recorded: boolean;
  server: { fingerprint: string };
  accepted: number;
  conflicts: number;
}
