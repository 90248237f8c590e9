/** 残疾人两项补贴 (subsidies.ts) and 残疾评定 for members who seem to need it (hints.ts). */
import type { RuleEntry } from '../../calc/context';
import { disabilityHints } from './hints';
import { applyDisability } from './subsidies';

export const disability: RuleEntry = { id: 'disability', label: '残疾人两项补贴', apply: applyDisability, hints: disabilityHints };
