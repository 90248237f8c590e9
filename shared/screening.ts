/**
 * "还可申请": what the household may still apply for, have assessed, or should know, and why
 * (outcome.screeningItems). Each family finds its own items: most in its hints (RuleEntry.hints, in
 * its folder under rules/), which run here after every rule, since they read the others' findings
 * (the 低保 income test, the alerts); a few with its amounts, while its rule runs. This module keeps
 * only the order: hints of the families that open the list (低保) first, then the others in rule
 * order; then household items ahead of each member's, members in input order, each in the order found.
 * A screening item never grants a 身份 and its amounts are estimates or ceilings, never in the totals.
 */
import type { Hints, Rule, RuleEntry } from './calc/context';
import type { ScreeningItem } from './result/types';

/** The 还可申请 rule over a rule table: it runs last. */
export function screeningRule(rules: readonly RuleEntry[]): Rule {
  const hints: Hints[] = [];
  for (const entry of [...rules.filter((rule) => rule.hintsFirst), ...rules.filter((rule) => !rule.hintsFirst)]) {
    if (entry.hints) hints.push(entry.hints);
  }
  return (context, outcome) => {
    // all found before any is added: a hint that cannot be worked out leaves the list as the rules left it
    const items: ScreeningItem[] = [];
    for (const hint of hints) items.push(...hint(context, outcome));
    outcome.screeningItems.push(...items);
    const order = new Map(context.input.members.map((member) => [member.id, member.index]));
    const rank = (item: ScreeningItem) => (item.memberId === null ? -1 : (order.get(item.memberId) ?? Number.MAX_SAFE_INTEGER));
    const sorted = [...outcome.screeningItems].sort((a, b) => rank(a) - rank(b));
    outcome.screeningItems.splice(0, outcome.screeningItems.length, ...sorted);
  };
}
