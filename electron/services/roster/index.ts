/**
 * 入户发放 · 村级批量 for one data folder: roster imports (rosterImport.ts), the village computed on the
 * recalculation workers (villageCompute.ts) and its table (villageTable.ts). One per services object,
 * like the 重新测算 jobs: the handlers ask for it (electron/handlers/rosterHandlers.ts).
 */
import { SHIPPED_PACKS } from '../../../seeds';
import { fail, ok, type Result } from '../../../shared/errors';
import type { RosterWords } from '../../../shared/roster/words';
import type { Services } from '..';
import type { RecalcTuning } from '../packs/recalcJob';
import type { RosterBatch } from '../store/rosterRecords';
import { RosterImports } from './rosterImport';
import { VillageJobs } from './villageCompute';
import { VillageTables } from './villageTable';

export interface RosterCampaign {
  imports: RosterImports;
  jobs: VillageJobs;
  tables: VillageTables;
  /** the pack in force's 名册用语 (the shipped table for a pack made without one) */
  packWords(): { words: RosterWords; packTitle: string };
  batch(batchId: string): Result<RosterBatch>;
}

const perServices = new WeakMap<Services, RosterCampaign>();

/** The campaign services of a data folder (the recalc tuning only for the benchmark's and tests' first call). */
export function rosterCampaign(services: Services, tuning?: RecalcTuning): RosterCampaign {
  let campaign = perServices.get(services);
  if (campaign) return campaign;
  const packWords = () => {
    const active = services.packs.active();
    return { words: (active.raw.rosterWords ?? SHIPPED_PACKS[0]?.rosterWords) as RosterWords, packTitle: `${active.pack.meta.title} ${active.pack.meta.version}` };
  };
  campaign = {
    imports: new RosterImports({
      store: () => services.store(),
      pack: () => ({ pack: services.packs.active().pack, words: packWords().words }),
      today: () => services.today(),
    }),
    jobs: new VillageJobs(() => services.store(), tuning),
    tables: new VillageTables(),
    packWords,
    batch: (batchId) => {
      const store = services.store();
      if (!store.ok) return store;
      const batches = store.value.roster.batches();
      if (!batches.ok) return batches;
      const found = batches.value.find((batch) => batch.id === batchId);
      return found ? ok(found) : fail('找不到这次导入的记录（可能已从备份恢复到导入之前），请重新导入名册', 'batchId');
    },
  };
  perServices.set(services, campaign);
  return campaign;
}

/** A village is being computed: 恢复 and 数据检查 wait for it, as for 重新测算. */
export function villageRunning(services: Services): boolean {
  return perServices.get(services)?.jobs.running() ?? false;
}
