/**
 * Every family's benefit codes, one block per line, in the order results list the benefits of a group
 * (and the search index numbers its facets: a change of order rebuilds the index once, see
 * electron/services/store/searchTerms.ts). Each block is declared in its family's folder
 * (shared/rules/<family>/benefits.ts); the union BenefitCode and BENEFIT_CODES (shared/result/
 * benefitCodes.ts) are derived from this list, so a new benefit of an existing family is added to its
 * family's block and to nothing here. A new family adds its block here once (and its rule entry to
 * shared/rules/index.ts, which is the order rules run in: a different order, hence a second list).
 *
 * Pure data: this file imports no rule code, so that the result types can read it without a cycle.
 */
import { CHILDCARE_BENEFITS } from './childcare/benefits';
import { DIBAO_BENEFITS, TEMPORARY_ASSISTANCE_BENEFITS } from './dibao/benefits';
import { DISABILITY_BENEFITS } from './disability/benefits';
import { EDUCATION_BENEFITS } from './education/benefits';
import { EMPLOYMENT_BENEFITS, YULU_TRAINING_BENEFITS } from './employment/benefits';
import { HOUSING_BENEFITS } from './housing/benefits';
import { MEDICAL_BENEFITS } from './medical/benefits';
import { PENSION_BENEFITS } from './pension/benefits';
import { TEKUN_BENEFITS } from './tekun/benefits';
import { UTILITY_BENEFITS } from './utility/benefits';

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
