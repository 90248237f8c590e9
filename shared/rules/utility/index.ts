/** 电费减免 (electricity.ts). */
import type { RuleEntry } from '../../calc/context';
import { applyUtility } from './electricity';

export const utility: RuleEntry = { id: 'utility', label: '电费减免', apply: applyUtility };
