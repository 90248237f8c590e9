/**
 * Mounts the 新建测算 page the way the app does (Pinia, the router, the shipped pack already loaded)
 * with the main-process API stubbed, for the component tests. The charts (ECharts) are left out.
 */
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SHIPPED_PACKS } from '../../seeds';
import { loadPack } from '../../shared/packs/loadPack';
import IntakePage from '../../renderer/src/pages/IntakePage.vue';
import { useAppStore } from '../../renderer/src/stores/app';

export const shippedPack = (() => {
  const loaded = loadPack(SHIPPED_PACKS[0] as (typeof SHIPPED_PACKS)[number]);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.value;
})();

export async function mountIntake(): Promise<VueWrapper> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAppStore().pack = shippedPack;
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/intake', component: IntakePage }, { path: '/:rest(.*)*', component: { render: () => null } }] });
  await router.push('/intake');
  await router.isReady();
  const wrapper = mount(IntakePage, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

/** Types into the box with this data path, as an input event (what v-model listens to). */
export async function typeInto(wrapper: VueWrapper, path: string, text: string): Promise<void> {
  const box = wrapper.find(`[data-path="${path}"]`);
  if (!box.exists()) throw new Error(`no box for ${path}`);
  await box.setValue(text);
  await flushPromises();
}

/** The message shown beside a box: the field's own problem line. */
export function messageBeside(wrapper: VueWrapper, path: string): string {
  const box = wrapper.find(`[data-path="${path}"]`);
  const field = box.element.closest('.field');
  return field?.querySelector('.field-problem')?.textContent?.trim() ?? '';
}
