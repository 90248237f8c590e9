/** 入户发放 · 村级批量: roster read, check and import; presets and 名册用语; the village computed, its table and export. */
import type { RosterBatchSummary, RosterWordsReply } from '../../shared/api/rosterApi';
import { fail, ok, type Result } from '../../shared/errors';
import { EMPTY_WORDS, mergeWords } from '../../shared/roster/words';
import type { Services } from '../services';
import { rosterCampaign } from '../services/roster';
import { batchSummary } from '../services/roster/rosterImport';
import { villageXlsx } from '../services/roster/villageXlsx';
import type { Store } from '../services/store';
import type { Handlers } from './index';

type RosterChannels =
  | 'roster.read'
  | 'roster.check'
  | 'roster.import'
  | 'roster.presets'
  | 'roster.savePreset'
  | 'roster.deletePreset'
  | 'roster.words'
  | 'roster.saveWords'
  | 'roster.batches'
  | 'village.start'
  | 'village.status'
  | 'village.cancel'
  | 'village.table'
  | 'village.export';

export function rosterHandlers(services: Services): Handlers<RosterChannels> {
  const campaign = () => rosterCampaign(services);
  const withStore = <T>(run: (store: Store) => Result<T> | Promise<Result<T>>): Result<T> | Promise<Result<T>> => {
    const store = services.store();
    return store.ok ? run(store.value) : store;
  };
  const wordsReply = (store: Store): Result<RosterWordsReply> => {
    const local = store.roster.localWords();
    if (!local.ok) return local;
    const { words, packTitle } = campaign().packWords();
    return ok({ words: mergeWords(words, local.value), pack: words ?? EMPTY_WORDS, local: local.value, packTitle });
  };
  return {
    'roster.read': (request) => campaign().imports.read(request.fileName, Buffer.from(request.base64, 'base64'), request.encoding),
    'roster.check': (request) => campaign().imports.check(request),
    'roster.import': (request) => campaign().imports.import(request.planId),
    'roster.presets': () => withStore((store) => store.roster.presets()),
    'roster.savePreset': ({ presetName, ...rest }) => withStore((store) => store.roster.savePreset({ name: presetName, ...rest })),
    'roster.deletePreset': (request) => withStore((store) => store.roster.deletePreset(request.presetName)),
    'roster.words': () => withStore(wordsReply),
    'roster.saveWords': (request) =>
      withStore((store) => {
        const saved = store.roster.setLocalWords(request);
        return saved.ok ? wordsReply(store) : saved;
      }),
    'roster.batches': () =>
      withStore((store): Result<RosterBatchSummary[]> => {
        const batches = store.roster.batches();
        return batches.ok ? ok(batches.value.map(batchSummary)) : batches;
      }),
    'village.start': (request) =>
      withStore((store) => {
        if (!store.access.writable) return fail(store.access.reason ?? '本窗口只读');
        if (services.recalc.running()) return fail('正在重新测算全部案卷，请等它完成后再计算本村');
        const operator = store.settings.get().operatorName.trim();
        if (operator === '') return fail('请先在“设置”中填写经办人姓名：计算后有变化的案卷记在经办人名下', 'operator');
        const batch = campaign().batch(request.batchId);
        if (!batch.ok) return batch;
        return campaign().jobs.start({ batchId: request.batchId, caseNos: batch.value.caseNos, pack: services.packs.active().pack, asOf: request.asOf, operator });
      }),
    'village.status': () => ok(campaign().jobs.status()),
    'village.cancel': () => campaign().jobs.cancel(),
    'village.table': ({ batchId, ...filter }) =>
      withStore((store) => {
        const batch = campaign().batch(batchId);
        if (!batch.ok) return batch;
        return campaign().tables.table(store, batch.value, batchSummary(batch.value), filter);
      }),
    'village.export': ({ batchId, ...filter }) =>
      withStore(async (store) => {
        const batch = campaign().batch(batchId);
        if (!batch.ok) return batch;
        const table = campaign().tables.table(store, batch.value, batchSummary(batch.value), filter);
        if (!table.ok) return table;
        const bytes = await villageXlsx(table.value);
        const place = filter.village || batch.value.villages.join('、').slice(0, 40) || '名册';
        return ok({
          fileName: `入户发放-${place}-${batch.value.importedAt.slice(0, 10)}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '_'),
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          base64: bytes.toString('base64'),
        });
      }),
  };
}
