/**
 * Short names for the 明白卡, whose lines are a few centimetres wide (handouts.md: cards for the wall
 * are short), declared by each family beside its codes. The 明白纸 prints the full label from the result.
 */
import { BENEFIT_CODES } from '../result/benefitCodes';

export function cardLabel(code: string, label: string): string {
  return BENEFIT_CODES[code]?.card ?? label;
}
