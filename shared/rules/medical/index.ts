/** 医疗保障: the three-part chain per member (chain.ts). No hints: its alert feeds 低保's 小额临时救助. */
import type { RuleEntry } from '../../calc/context';
import { applyMedicalChain } from './chain';

export const medical: RuleEntry = { id: 'medical', label: '医疗保障', apply: applyMedicalChain };
