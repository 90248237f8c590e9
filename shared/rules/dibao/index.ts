/** 低保: the income test and 补差 (income.ts) and the hints that open 还可申请 (hints.ts). */
import type { RuleEntry } from '../../calc/context';
import { dibaoHints } from './hints';
import { applyDibao } from './income';

export const dibao: RuleEntry = { id: 'dibao', label: '最低生活保障', apply: applyDibao, hints: dibaoHints, hintsFirst: true };
