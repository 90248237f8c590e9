/** 特困人员救助供养: 基本生活 and 照料护理 (support.ts), and who may apply or be assessed (hints.ts). */
import type { RuleEntry } from '../../calc/context';
import { tekunHints } from './hints';
import { applyTekun } from './support';

export const tekun: RuleEntry = { id: 'tekun', label: '特困人员救助供养', apply: applyTekun, hints: tekunHints };
