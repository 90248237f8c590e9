/** 养老: 城乡居民养老保险代缴 with its hint for members not yet insured, and 基础养老金 (premium.ts, hints.ts). */
import type { RuleEntry } from '../../calc/context';
import { pensionHints } from './hints';
import { applyPension, applyPensionBasic } from './premium';

export const pension: RuleEntry = { id: 'pension', label: '城乡居民养老保险代缴', apply: applyPension, hints: pensionHints };
export const pensionBasic: RuleEntry = { id: 'pensionBasic', label: '城乡居民基础养老金', apply: applyPensionBasic };
