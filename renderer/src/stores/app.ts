/**
 * What the whole app needs to know: the build and data folder (about page), the pack in force (the
 * live calculation runs in the page with it) and the office settings (printouts, font size).
 */
import type { AppInfo, Settings } from '@shared/api/contract';
import { loadPack, type Pack } from '@shared/packs/loadPack';
import type { RawPack } from '@shared/packs/types';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api } from '../api/client';
import { applyCompactLayout } from './layout';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const rawPack = shallowRef<RawPack | null>(null);
  const pack = shallowRef<Pack | null>(null);
  const settings = ref<Settings | null>(null);
  const loadError = ref<string | null>(null);

  async function load(): Promise<void> {
    const [infoResult, packResult, settingsResult] = await Promise.all([
      api.invoke('app.info', undefined),
      api.invoke('packs.active', undefined),
      api.invoke('settings.get', undefined),
    ]);
    const problems: string[] = [];
    if (infoResult.ok) info.value = infoResult.value;
    else problems.push(...infoResult.errors.map((e) => e.message));
    if (packResult.ok) {
      const loaded = loadPack(packResult.value);
      if (loaded.ok) {
        rawPack.value = packResult.value;
        pack.value = loaded.value;
      } else problems.push(`政策参数包无法加载：${loaded.errors[0]?.message ?? ''}`);
    } else problems.push(...packResult.errors.map((e) => e.message));
    if (settingsResult.ok) applySettings(settingsResult.value);
    else problems.push(...settingsResult.errors.map((e) => e.message));
    loadError.value = problems.length > 0 ? problems.join('；') : null;
  }

  function applySettings(value: Settings): void {
    settings.value = value;
    document.documentElement.style.fontSize = `${16 * value.fontScale}px`;
    applyCompactLayout();
  }

  return { info, rawPack, pack, settings, loadError, load, applySettings };
});
