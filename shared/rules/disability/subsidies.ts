/**
 * 残疾人两项补贴 (002 第二部分 五、兜底保障（二）1.④): 困难残疾人生活补贴 for disabled members who are 低保对象
 * (any grade), and 重度残疾人护理补贴 for holders of a grade 1–2 certificate. Both are monthly.
 */
import { BenefitDraft } from '../../calc/benefitDraft';
import type { CalcContext, Outcome } from '../../calc/context';
import { DISABILITY_GRADE_LABELS, DISABILITY_KIND_LABELS } from '../../household/codes';
import { finishMonthly, shown, valueOf } from '../stepText';
import { isSevereDisability } from '../targetGroups';

export function applyDisability(context: CalcContext, outcome: Outcome): void {
  const { input, params } = context;
  for (const member of input.members) {
    const disability = member.disability;
    if (!disability) continue;
    const certificate = `${DISABILITY_KIND_LABELS[disability.kind]}${DISABILITY_GRADE_LABELS[disability.grade]}`;
    if (member.statuses.has('dibao')) {
      const living = params.get('disability.livingSubsidy');
      const draft = new BenefitDraft('disability.living', member.id, params.explain)
        .cite(living)
        .step(() => `纳入低保的困难残疾人（${certificate}）生活补贴 ${shown(living, params)}`);
      outcome.benefits.push(finishMonthly(draft, valueOf(living)));
    }
    if (isSevereDisability(member, params)) {
      const care = params.get('disability.careSubsidy');
      const draft = new BenefitDraft('disability.care', member.id, params.explain)
        .cite(care)
        .step(() => `持一、二级残疾证的重度残疾人（${certificate}）护理补贴 ${shown(care, params)}`);
      outcome.benefits.push(finishMonthly(draft, valueOf(care)));
    }
  }
}
