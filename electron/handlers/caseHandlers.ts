/**
 * 案卷: the API's cases.* and print.record over the case store. The API names a case by its 案卷编号
 * (caseNo, the store's name too). A save is computed here, in the main process, with the pack in force:
 * what is stored is always the result the core gives for the input, never one sent by the page.
 */
import type { CaseDetail, CaseRow, CaseSearchPage, RevisionDetail } from '../../shared/api/contract';
import { calculate } from '../../shared/calculate';
import { ok, type Result } from '../../shared/errors';
import type { Services } from '../services';
import type { CaseRecord, CaseSummary, Store } from '../services/store';
import type { Handlers } from './index';

type CaseChannels = 'cases.save' | 'cases.get' | 'cases.revision' | 'cases.void' | 'cases.search' | 'cases.export' | 'print.record';

export function toRevisionDetail(record: CaseRecord): RevisionDetail {
  return {
    caseNo: record.caseNo,
    revision: record.revision,
    kind: record.kind,
    savedAt: record.savedAt,
    operator: record.operator,
    packId: record.packId,
    packVersion: record.packVersion,
    reason: record.reason,
    totalAnnual: record.totalAnnual,
    input: record.input,
    result: record.result,
    stepsNote: record.stepsNote,
  };
}

/** The case with its latest revision, every revision's summary and what was printed. */
export function caseDetail(store: Store, caseNo: string): Result<CaseDetail> {
  const latest = store.cases.get({ caseNo });
  if (!latest.ok) return latest;
  const history = store.cases.history({ caseNo });
  if (!history.ok) return history;
  const prints = store.prints.list({ caseNo });
  if (!prints.ok) return prints;
  return ok({
    caseNo,
    createdAt: latest.value.createdAt,
    voided: latest.value.voided,
    revisions: history.value,
    latest: toRevisionDetail(latest.value),
    prints: prints.value.map(({ revision, document, operator, printedAt }) => ({ revision, document, operator, printedAt })),
  });
}

export function toCaseRow(summary: CaseSummary): CaseRow {
  return {
    caseNo: summary.caseNo,
    headName: summary.headName,
    memberNames: summary.memberNames,
    maskedIds: summary.maskedIds,
    township: summary.township === '' ? null : summary.township,
    village: summary.village === '' ? null : summary.village,
    status: summary.householdStatus,
    revision: summary.revision,
    updatedAt: summary.updatedAt,
    asOf: summary.asOf,
    totalAnnual: summary.totalAnnual,
    voided: summary.voided,
  };
}

export function caseHandlers(services: Services): Handlers<CaseChannels> {
  const withStore = <T>(run: (store: Store) => Result<T> | Promise<Result<T>>): Result<T> | Promise<Result<T>> => {
    const store = services.store();
    return store.ok ? run(store.value) : store;
  };
  return {
    'cases.save': (request) =>
      withStore((store) => {
        const active = services.packs.active();
        const result = calculate(request.input, { pack: active.pack, today: services.today() });
        if (!result.ok) return result;
        const saved = store.cases.save({
          ...(request.caseNo === undefined ? {} : { caseNo: request.caseNo }),
          input: request.input,
          result: result.value,
          packId: active.pack.meta.id,
          packVersion: active.pack.meta.version,
        });
        return saved.ok ? caseDetail(store, saved.value.caseNo) : saved;
      }),
    'cases.get': (request) => withStore((store) => caseDetail(store, request.caseNo)),
    'cases.revision': (request) =>
      withStore((store) => {
        const record = store.cases.get({ caseNo: request.caseNo, revision: request.revision });
        return record.ok ? ok(toRevisionDetail(record.value)) : record;
      }),
    'cases.void': (request) =>
      withStore((store) => {
        const voided = store.cases.void({ caseNo: request.caseNo, reason: request.reason });
        return voided.ok ? caseDetail(store, request.caseNo) : voided;
      }),
    'cases.search': (request) =>
      withStore((store): Result<CaseSearchPage> => {
        // the store's filter has the API's names; 作废 cases are only left out or included here
        const { includeVoided, ...filter } = request;
        const page = store.search.search({ ...filter, voided: includeVoided ? 'include' : 'exclude' });
        if (!page.ok) return page;
        return ok({ total: page.value.total, page: page.value.page, pageSize: page.value.pageSize, rows: page.value.items.map(toCaseRow) });
      }),
    'cases.export': (request) =>
      withStore(async (store) => {
        const exported = await store.exports.export({
          format: request.format,
          filter: { from: request.from, to: request.to, voided: 'include' },
          unmasked: request.unmasked ?? false,
        });
        if (!exported.ok) return exported;
        const { fileName, mime, data } = exported.value;
        return ok({ fileName, mime, base64: (data ?? Buffer.alloc(0)).toString('base64') });
      }),
    'print.record': (request) =>
      withStore((store) => {
        const recorded = store.prints.record({ caseNo: request.caseNo, revision: request.revision, document: request.document });
        return recorded.ok ? caseDetail(store, request.caseNo) : recorded;
      }),
  };
}
