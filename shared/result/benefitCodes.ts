/**
 * Every benefit code with its Chinese label, its group on screen and paper, and how it reaches the
 * family: derived from the families' own declarations (shared/rules/<family>/codes.ts, listed in
 * shared/rules/codes.ts). Codes the project adds to the contract are marked `extension`.
 */
import { BENEFIT_BLOCKS } from '../rules/codes';
import type { Delivery } from './delivery';

export const BENEFIT_GROUPS = ['medical', 'education', 'childcare', 'assistance', 'pension', 'housing', 'employment'] as const;
export type BenefitGroup = (typeof BENEFIT_GROUPS)[number];

export const BENEFIT_GROUP_LABELS: Record<BenefitGroup, string> = {
  medical: '医疗',
  education: '教育',
  childcare: '育儿',
  assistance: '兜底保障',
  pension: '养老',
  housing: '住房',
  employment: '就业',
};

export interface BenefitCodeInfo {
  label: string;
  group: BenefitGroup;
  payment: string;
  /** how the family receives it, as the contract classifies the code (the pack's `deliveries` may say otherwise) */
  delivery: Delivery;
  /** the 明白卡's short label */
  card: string;
  /** the 明白纸's plain sentence for the rule (no figures) */
  sentence: string;
  /** 扩展: a code the project adds to the contract's list */
  extension?: true;
}

/** What a family's codes.ts declares for its benefits: code → info. */
export type BenefitDeclarations = Readonly<Record<string, Readonly<BenefitCodeInfo>>>;

/** The codes of each block, as one union (distributed over the blocks). */
export type CodesOf<Block> = Block extends unknown ? keyof Block & string : never;

/** A benefit code a rule may give: BenefitDraft accepts only these. Derived from the families' declarations. */
export type BenefitCode = CodesOf<(typeof BENEFIT_BLOCKS)[number]>;

/** The blocks as one table, in their order; a code declared twice stops the program at load. */
export function mergedBlocks<T>(blocks: readonly Readonly<Record<string, T>>[]): Record<string, T> {
  const codes: Record<string, T> = {};
  for (const block of blocks) {
    for (const [code, info] of Object.entries(block)) {
      if (code in codes) throw new Error(`code ${code} is declared twice`);
      codes[code] = info;
    }
  }
  return codes;
}

const CODES = mergedBlocks<BenefitCodeInfo>(BENEFIT_BLOCKS) as Record<BenefitCode, BenefitCodeInfo>;

/**
 * By code, in the order results list them. Looked up with codes read from stored results too, which
 * may be of another version: hence a lookup that can miss.
 */
export const BENEFIT_CODES: Readonly<Record<string, BenefitCodeInfo>> = CODES;

export function benefitInfo(code: BenefitCode): BenefitCodeInfo {
  return CODES[code];
}
