/**
 * The seam between the village table and the campaign printing: the 打印本村明白卡 action is offered
 * only when the app has the print page, and hands it the table's selection (案卷编号 in campaign order)
 * as `{ caseNos }`. A case opened at the desk keeps its 组 through the form (fromCaseInput → toCaseInput).
 */
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { emptyDraft } from '../../renderer/src/components/intake/caseDraft';
import { fromCaseInput } from '../../renderer/src/components/intake/fromCaseInput';
import { toCaseInput } from '../../renderer/src/components/intake/toCaseInput';
import { CAMPAIGN_PRINT_ROUTE, campaignPrintAvailable, printVillageCards } from '../../renderer/src/components/village/printSeam';
import { useCampaignSelection } from '../../renderer/src/stores/campaign';

const page = { template: '<div />' };

describe('打印本村明白卡 seam', () => {
  it('is not offered without the campaign print page', () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/village', name: 'village', component: page }] });
    expect(campaignPrintAvailable(router)).toBe(false);
  });

  it('hands the selection in order to the print page', async () => {
    setActivePinia(createPinia());
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/village', name: 'village', component: page },
        { path: '/campaign-print', name: CAMPAIGN_PRINT_ROUTE, component: page },
      ],
    });
    await router.push('/village');
    expect(campaignPrintAvailable(router)).toBe(true);
    await printVillageCards(router, { caseNos: ['2026-000003', '2026-000001'], label: '马山口镇 王庄村 1组' });
    expect(router.currentRoute.value.name).toBe(CAMPAIGN_PRINT_ROUTE);
    const selection = useCampaignSelection();
    expect([selection.caseNos, selection.label]).toEqual([['2026-000003', '2026-000001'], '马山口镇 王庄村 1组']);
  });

  it('a case from a roster keeps its 组 when it is opened and saved at the desk', () => {
    const input = { household: { area: 'rural', status: 'dibao', township: '马山口镇', village: '王庄村', group: '3组' }, members: [{ id: 'm1', name: '张三', relation: 'head', idNumber: '411323199305011237' }] };
    const draft = fromCaseInput(input, '2026-06-01');
    expect(draft.household.group).toBe('3组');
    expect(emptyDraft('2026-06-01').household.group).toBe('');
    expect(JSON.stringify(toCaseInput(draft))).toContain('"group":"3组"');
  });
});
