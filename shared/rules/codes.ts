/**
 * Every family's codes, one block per line, each block declared in its family's folder
 * (shared/rules/<family>/codes.ts). The unions BenefitCode and ScreeningCode, BENEFIT_CODES
 * (shared/result/benefitCodes.ts) and SCREENING_LABELS (screeningItem.ts) are derived from these
 * lists, so a new code of an existing family is added to its family's block and to nothing here. A new
 * family adds its blocks here once (and its rule entry to shared/rules/index.ts, which is the order
 * rules run in: a different order, hence separate lists).
 *
 * Benefit blocks are in the order results list the benefits of a group (and the search index numbers
 * its facets: a change of order rebuilds the index once, see electron/services/store/searchTerms.ts);
 * screening blocks in the order the pack editor lists 还可申请 items.
 *
 * Pure data: this file imports no rule code, so that the result types can read it without a cycle.
 */
import { CHILDCARE_BENEFITS } from './childcare/codes';
import { DIBAO_BENEFITS, DIBAO_SCREENING, TEMPORARY_ASSISTANCE_BENEFITS } from './dibao/codes';
import { DISABILITY_BENEFITS, DISABILITY_SCREENING } from './disability/codes';
import { EDUCATION_BENEFITS, EDUCATION_SCREENING } from './education/codes';
import { EMPLOYMENT_BENEFITS, YULU_TRAINING_BENEFITS } from './employment/codes';
import { HOUSING_BENEFITS, HOUSING_SCREENING } from './housing/codes';
import { MEDICAL_BENEFITS } from './medical/codes';
import { MONITORING_SCREENING } from './monitoring/codes';
import { PENSION_BENEFITS, PENSION_SCREENING } from './pension/codes';
import { TEKUN_BENEFITS, TEKUN_SCREENING } from './tekun/codes';
import { UTILITY_BENEFITS } from './utility/codes';

export const BENEFIT_BLOCKS = [
  MEDICAL_BENEFITS,
  EDUCATION_BENEFITS,
  YULU_TRAINING_BENEFITS,
  DIBAO_BENEFITS,
  TEKUN_BENEFITS,
  DISABILITY_BENEFITS,
  TEMPORARY_ASSISTANCE_BENEFITS,
  PENSION_BENEFITS,
  CHILDCARE_BENEFITS,
  HOUSING_BENEFITS,
  UTILITY_BENEFITS,
  EMPLOYMENT_BENEFITS,
] as const;

export const SCREENING_BLOCKS = [
  DIBAO_SCREENING,
  EDUCATION_SCREENING,
  TEKUN_SCREENING,
  HOUSING_SCREENING,
  DISABILITY_SCREENING,
  PENSION_SCREENING,
  MONITORING_SCREENING,
] as const;
