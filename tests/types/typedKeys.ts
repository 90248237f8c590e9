/**
 * Type-level tests, checked by `npm run typecheck` (tsconfig.json includes tests/): a mistyped parameter
 * key, rule citation, benefit, screening or alert code does not compile. Each `@ts-expect-error` below
 * fails the typecheck if its line ever compiles (TS2578: unused directive), so loosening a key back to
 * `string` breaks the build. Nothing here runs.
 */
import { BenefitDraft } from '../../shared/calc/benefitDraft';
import type { Outcome } from '../../shared/calc/context';
import type { HospitalLevel } from '../../shared/household/codes';
import type { ParameterKey, RuleKey } from '../../shared/packs/keys';
import type { PolicyParams } from '../../shared/packs/params';
import { CONTRACT_PARAMETER_KEYS } from '../../shared/packs/requiredKeys';
import type { BenefitCode } from '../../shared/result/benefitCodes';
import type { AlertCode } from '../../shared/result/types';
import { screeningItem, type HintCode } from '../../shared/rules/screeningItem';

export function parameterKeys(params: PolicyParams, level: HospitalLevel): void {
  params.get('dibao.standard.rural');
  params.get('minimumWage'); // assembled from its tiers at load
  params.get(`medical.basic.inpatient.rate.${level}`);
  // @ts-expect-error a mistyped parameter key
  params.get('dibao.standard.rurall');
  // @ts-expect-error a key built from a typed part, mistyped
  params.get(`medical.basic.inpatient.rates.${level}`);
  // @ts-expect-error optional() takes the same keys
  params.optional('minimumwage');
  // @ts-expect-error list()
  params.list('medical.assistance.outpatient.disease');
  // @ts-expect-error bands()
  params.bands('medical.critical.band');
  // @ts-expect-error has()
  params.has('tekun.elderage');
  // @ts-expect-error a string is not a key
  const key: ParameterKey = String('dibao.standard.rural');
  // @ts-expect-error the contract's required keys are typed too
  const contract: readonly ParameterKey[] = [...CONTRACT_PARAMETER_KEYS, 'dibao.standard.suburb'];
  void key;
  void contract;
}

export function ruleKeys(params: PolicyParams): void {
  const draft = new BenefitDraft('dibao.allowance', null).cite(params.rule('dibao.screening'), params.get('dibao.edgeFactor'));
  // @ts-expect-error a mistyped rule citation
  draft.cite(params.rule('dibao.screenig'));
  // @ts-expect-error cite() takes citations read by typed keys, never a bare string
  draft.cite('dibao.screening');
  // @ts-expect-error the pack's rule table is typed by the same keys
  params.pack.rules.get('dibao.screenig');
  const rule: RuleKey = 'medical.highCost';
  void rule;
}

export function codes(outcome: Outcome): void {
  // @ts-expect-error a mistyped benefit code
  new BenefitDraft('dibao.allowence', null);
  const hint: HintCode = 'dibao.apply';
  const benefit: BenefitCode = 'childcare.subsidy';
  // @ts-expect-error a mistyped screening code
  screeningItem({ code: 'dibao.aply', memberId: null, action: 'apply', reason: '', where: '', basis: [] });
  // @ts-expect-error an alert no rule raises: the comparison cannot be true
  outcome.alerts.some((alert) => alert.code === 'medical.highcost');
  const alert: AlertCode = 'monitoring.belowLine';
  void hint;
  void benefit;
  void alert;
}
