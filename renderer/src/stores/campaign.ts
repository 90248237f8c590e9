/**
 * The households a village campaign prints (入户发放): the 案卷编号 in campaign order, handed from the
 * village table to the campaign printing (components/village/printSeam.ts). Kept in the page's memory
 * only: a selection is made again from the table after a restart.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useCampaignSelection = defineStore('campaignSelection', () => {
  const caseNos = ref<string[]>([]);
  /** what the selection is, for the print page's title ("马山口镇 王庄村 1组") */
  const label = ref('');
  function set(next: string[], what: string): void {
    caseNos.value = [...next];
    label.value = what;
  }
  return { caseNos, label, set };
});
