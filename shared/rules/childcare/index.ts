/** 育儿补贴 (subsidy.ts). */
import type { RuleEntry } from '../../calc/context';
import { applyChildcare } from './subsidy';

export const childcare: RuleEntry = { id: 'childcare', label: '育儿补贴', apply: applyChildcare };
