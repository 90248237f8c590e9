/**
 * 教育: student aid by stage (aid.ts) with its hint for 监测/边缘 families' students (hints.ts), and
 * 免费学前一年 (its private-kindergarten note is found with the amount, in aid.ts).
 */
import type { RuleEntry } from '../../calc/context';
import { applyEducation, applyPreschoolFreeYear } from './aid';
import { educationHints } from './hints';

export const education: RuleEntry = { id: 'education', label: '教育资助', apply: applyEducation, hints: educationHints };
export const preschoolFreeYear: RuleEntry = { id: 'preschoolFreeYear', label: '免费学前教育', apply: applyPreschoolFreeYear };
