/** 稳岗就业 (jobs.ts): its near misses (创业 months short, a post past its years…) are found with its amounts. */
import type { RuleEntry } from '../../calc/context';
import { applyEmployment } from './jobs';

export const employment: RuleEntry = { id: 'employment', label: '稳岗就业', apply: applyEmployment };
