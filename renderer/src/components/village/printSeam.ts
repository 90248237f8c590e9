/**
 * 打印本村明白卡…: the one place the village table hands its selection to the campaign printing
 * (issue 18 item 4: imposed 明白卡, 明白纸 of every household, 签收表 per village; built on its own
 * branch). The selection is the table's `selection` — 案卷编号 in campaign order (村, 组, 户主), voided
 * and damaged cases left out — and the print side takes it as `{ caseNos }`.
 *
 * Until the print page is in the app (a route named CAMPAIGN_PRINT_ROUTE), the table does not offer
 * the button at all.
 */
import type { Router } from 'vue-router';
import { useCampaignSelection } from '../../stores/campaign';

export const CAMPAIGN_PRINT_ROUTE = 'campaign-print';

export function campaignPrintAvailable(router: Router): boolean {
  return router.hasRoute(CAMPAIGN_PRINT_ROUTE);
}

/** Opens the campaign printing for these cases (in this order). */
export async function printVillageCards(router: Router, selection: { caseNos: string[]; label: string }): Promise<void> {
  useCampaignSelection().set(selection.caseNos, selection.label);
  await router.push({ name: CAMPAIGN_PRINT_ROUTE });
}
