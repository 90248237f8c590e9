/** 关于 / 政策参数 / 设置 and the authoritative calculation. */
import { calculate } from '../../shared/calculate';
import type { Services } from '../services';
import type { Handlers } from './index';

export function appHandlers(services: Services): Handlers<'app.info' | 'packs.active' | 'calc.compute' | 'settings.get' | 'settings.set'> {
  return {
    'app.info': () => ({ ok: true, value: services.info() }),
    'packs.active': () => ({ ok: true, value: services.packs.active().raw }),
    'calc.compute': (input) =>
      calculate(input.case, { pack: services.packs.active().pack, today: services.today(), overrides: input.overrides ?? {} }),
    'settings.get': () => {
      const store = services.store();
      return store.ok ? { ok: true, value: store.value.settings.get() } : store;
    },
    'settings.set': (change) => {
      const store = services.store();
      return store.ok ? store.value.settings.set(change) : store;
    },
  };
}
