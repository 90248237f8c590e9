/** 设置 · 数据检查 and the read-only window's 重新检查: the API's data.* over the store and the folder lock. */
import type { DataCheckReply } from '../../shared/api/contract';
import { fail, ok } from '../../shared/errors';
import type { Services } from '../services';
import type { Handlers } from './index';
import { villageRunning } from '../services/roster';

export function dataHandlers(services: Services): Handlers<'data.check' | 'data.reopen'> {
  return {
    'data.check': async () => {
      const store = services.store();
      if (!store.ok) return store;
      if (services.recalc.running()) return fail('正在重新测算，请等它完成或取消后再检查');
      if (villageRunning(services)) return fail('正在计算本村（入户发放），请等它完成或取消后再检查');
      const checked = await store.value.check();
      if (!checked.ok) return checked;
      const { checkedAt, fileCheck, cases, revisions, damaged, damagedCount, reindexed, stepsUnavailable, stepsUnavailableCount } = checked.value;
      const reply: DataCheckReply = {
        checkedAt,
        fileCheck,
        cases,
        revisions,
        damaged: damaged.map(({ caseNo, revision }) => ({ caseNo, revision })),
        damagedCount,
        reindexed,
        sealedAtUpgrade: store.value.opened.sealed,
        stepsUnavailable,
        stepsUnavailableCount,
      };
      return ok(reply);
    },
    'data.reopen': () => {
      services.reopen();
      return ok(services.info());
    },
  };
}
