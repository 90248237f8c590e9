/**
 * The parameter keys the calculation contract requires every pack to define
 * (../shared/spec/calc-contract.md, "Parameter keys"). A pack missing one is refused when loaded.
 */
import { ASSISTED_STATUSES, HOSPITAL_LEVELS } from '../household/codes';
import type { Unit } from './types';

const perLevel = (prefix: string) => HOSPITAL_LEVELS.map((level) => `${prefix}.${level}`);
const perAssisted = (prefix: string) => ASSISTED_STATUSES.map((status) => `${prefix}.${status}`);

export const CONTRACT_PARAMETER_KEYS: readonly string[] = [
  'medical.prevYearDisposableIncome',
  ...perLevel('medical.basic.inpatient.deductible'),
  ...perLevel('medical.basic.inpatient.rate'),
  'medical.basic.annualCap',
  'medical.basic.chronicRate',
  'medical.critical.thresholdRatio',
  'medical.critical.rate',
  'medical.critical.annualCap',
  'medical.critical.tiltThresholdFactor',
  'medical.critical.tiltRateBonus',
  ...perAssisted('medical.assistance.inpatient.rate'),
  ...perAssisted('medical.assistance.inpatient.deductibleRatio'),
  ...perAssisted('medical.assistance.outpatient.rate'),
  ...perAssisted('medical.assistance.annualLimit'),
  'medical.highCostAlertRatio',
  'medical.premium.individual',
  'medical.premium.fixedSubsidy.dibao',
  'medical.premium.fixedSubsidy.returned_poverty',
  'medical.premium.fixedSubsidy.monitored',
  'dibao.standard.rural',
  'dibao.standard.urban',
  'dibao.employmentCostRatio',
  'dibao.edgeFactor',
  'dibao.taperMonths',
  'temporaryAssistance.smallFactor',
  'tekun.basicFactor',
  'tekun.basicMinimumRural',
  'tekun.careFraction.full',
  'tekun.careFraction.half',
  'minimumWage',
  'disability.livingSubsidy',
  'disability.careSubsidy',
  'pension.subsidy.tekun',
  'pension.subsidy.dibao',
  'pension.subsidy.returned_poverty',
  'pension.subsidy.severe_disability',
  'housing.repairCap',
  'housing.rebuildCap',
  'housing.minArea.1',
  'housing.minArea.2',
  'housing.minArea.3',
  'housing.minAreaPerPerson',
  'education.preschool.living',
  'education.preschool.fee',
  'education.compulsory.nutrition',
  'education.compulsory.boarding.primary',
  'education.compulsory.boarding.junior',
  'education.compulsory.dayStudent.primary',
  'education.compulsory.dayStudent.junior',
  'education.senior.grant',
  'education.vocational.grant',
  'education.higher.grant.college',
  'education.higher.grant.undergraduate',
  'education.higher.grant.master',
  'education.higher.grant.doctoral',
  'yulu.vocational',
  'yulu.shortTraining.A',
  'yulu.shortTraining.B',
  'yulu.shortTraining.C',
  'monitoring.incomeLine',
];

/**
 * Parameters a pack may give as local tiers (calc-contract.md "Added 2026-12"): `minimumWage` is the
 * value of the tier `minimumWage.tier` picks among `minimumWage.tier1|2|3`. A pack that still gives
 * `minimumWage` itself (one made before 2026-12) is read as it is.
 */
export const TIERED_PARAMETERS: Readonly<Record<string, { tier: string; label: string; unit: Unit }>> = {
  minimumWage: { tier: 'minimumWage.tier', label: '当地最低工资标准（月）', unit: 'yuanPerMonth' },
};

/** "minimumWage.tier2" */
export const tierKey = (key: string, tier: number): string => `${key}.tier${tier}`;
