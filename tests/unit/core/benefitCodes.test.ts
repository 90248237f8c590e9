/**
 * The benefit codes the program knows are derived from the families' own declarations
 * (shared/rules/<family>/codes.ts, listed in shared/rules/codes.ts). They must stay exactly the
 * contract's codes (calc-contract.md "Benefit codes", and the codes "Added 2026-12") plus the codes the
 * project adds, each marked `extension` where it is declared ("A code not listed may be added; a listed
 * code keeps its meaning").
 */
import { describe, expect, it } from 'vitest';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import { CONTRACT_DELIVERY } from '../../../shared/result/delivery';
import { BENEFIT_BLOCKS, SCREENING_BLOCKS } from '../../../shared/rules/codes';
import { SCREENING_LABELS } from '../../../shared/rules/screeningItem';

/** calc-contract.md, "Benefit codes:" (the list after "Output"), in the contract's order. */
const CONTRACT_LIST = [
  'medical.basic', 'medical.critical', 'medical.assistance', 'medical.premiumSubsidy',
  'education.preschool.living', 'education.preschool.fee', 'education.compulsory.nutrition',
  'education.compulsory.living', 'education.senior.grant', 'education.senior.feeWaiver',
  'education.vocational.grant', 'education.vocational.feeWaiver', 'education.higher.grant',
  'yulu.vocational', 'yulu.shortTraining', 'dibao.allowance', 'tekun.basic', 'tekun.care',
  'disability.living', 'disability.care', 'temporaryAssistance.smallMax', 'pension.premiumSubsidy',
  'housing.renovation', 'utility.electricity',
];
/** calc-contract.md, "Added 2026-12". */
const CONTRACT_ADDED = ['childcare.subsidy', 'education.preschool.freeYear', 'pension.basic'];

describe('benefit codes derived from the families', () => {
  const codes = Object.keys(BENEFIT_CODES);
  const extensions = codes.filter((code) => BENEFIT_CODES[code]?.extension === true);

  it('are the contract’s codes and the ones marked as the project’s extension, nothing else', () => {
    const contract = [...CONTRACT_LIST, ...CONTRACT_ADDED];
    expect(codes.filter((code) => !extensions.includes(code)).sort()).toEqual([...contract].sort());
    expect(extensions.filter((code) => contract.includes(code))).toEqual([]);
  });

  it('each is declared by one family only, and every declaration is listed', () => {
    const declared = BENEFIT_BLOCKS.flatMap((block) => Object.keys(block));
    expect(declared).toEqual(codes);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('each carries the contract’s delivery (calc-contract.md "Output")', () => {
    // the contract's examples of each delivery
    expect(CONTRACT_DELIVERY['dibao.allowance']).toBe('cash');
    expect(CONTRACT_DELIVERY['medical.critical']).toBe('settlement');
    expect(CONTRACT_DELIVERY['utility.electricity']).toBe('waiver');
    expect(CONTRACT_DELIVERY['housing.renovation']).toBe('oneOff');
    expect(CONTRACT_DELIVERY['yulu.shortTraining']).toBe('oneOff');
    expect(Object.keys(CONTRACT_DELIVERY)).toEqual(codes);
  });

  it('the 还可申请 codes that are not benefits: each declared by one family, none a benefit code', () => {
    const declared = SCREENING_BLOCKS.flatMap((block) => Object.keys(block));
    expect(declared).toEqual(Object.keys(SCREENING_LABELS));
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.filter((code) => code in BENEFIT_CODES)).toEqual([]);
  });
});
