/**
 * Which policy pack is in force for new calculations. The shipped packs (seeds/) are read-only and
 * always available; the pack in force is the newest shipped pack unless the county has activated
 * another.
 */
import { SHIPPED_PACKS } from '../../../seeds';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';

export interface ActivePack {
  pack: Pack;
  raw: RawPack;
  source: 'shipped' | 'local';
}

function loadShipped(raw: RawPack): ActivePack {
  const loaded = loadPack(raw);
  // A shipped pack that does not load is a build defect: the pack tests catch it before release.
  if (!loaded.ok) throw new Error(`出厂参数包「${raw.id}」无法加载：${loaded.errors.map((e) => `${e.path} ${e.message}`).join('；')}`);
  return { pack: loaded.value, raw, source: 'shipped' };
}

export class PackRegistry {
  private readonly shipped: ActivePack[];

  constructor(shippedPacks: readonly RawPack[] = SHIPPED_PACKS) {
    this.shipped = shippedPacks.map(loadShipped);
  }

  active(): ActivePack {
    return this.shipped[0] as ActivePack;
  }

  shippedPacks(): readonly ActivePack[] {
    return this.shipped;
  }
}
