/** 农村危房改造 (renovation.ts) and 房屋安全鉴定 for households not yet rated (hints.ts). */
import type { RuleEntry } from '../../calc/context';
import { housingHints } from './hints';
import { applyHousing } from './renovation';

export const housing: RuleEntry = { id: 'housing', label: '农村危房改造', apply: applyHousing, hints: housingHints };
