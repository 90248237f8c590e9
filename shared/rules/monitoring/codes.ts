/**
 * The codes this family gives, as the contract names them, declared here and nowhere else in code
 * (shared/rules/codes.ts lists every family's): its benefits with their label, group, how the family
 * is paid, the contract's delivery, and for paper the 明白卡 short label and the 明白纸's plain sentence
 * (no figures: the amounts come from the result); and the 还可申请 codes of its hints that are not
 * benefits, with their labels.
 */
import type { ScreeningDeclarations } from '../screeningItem';

/** 还可申请 items of this family's hints that are not benefits (hints.ts). */
export const MONITORING_SCREENING = {
  'monitoring.apply': '申报纳入防止返贫动态监测',
} as const satisfies ScreeningDeclarations;
