/** 防止返贫监测: the alert below the line (line.ts) and the household's own declaration (hints.ts). */
import type { RuleEntry } from '../../calc/context';
import { monitoringHints } from './hints';
import { applyMonitoring } from './line';

export const monitoring: RuleEntry = { id: 'monitoring', label: '防止返贫监测', apply: applyMonitoring, hints: monitoringHints };
