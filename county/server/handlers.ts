/**
 * The county pages' handler table: channel → operation, each payload checked against its schema in
 * shared/api/countyApi.ts first; a failure is answered in Chinese without its stack trace.
 */
import { countyContract, type CountyChannel, type CountyParsedInput, type CountyResponse } from '../../shared/api/countyApi';
import type { Result } from '../../shared/errors';
import { ok } from '../../shared/errors';
import { zodIssuesToErrors } from '../../shared/zodErrors';
import type { CountyService } from '../countyService';
import { COUNTY_SCHEMA_VERSION } from '../db/migrate';
import { exportDuplicates, exportOffices, exportSearch, exportTotals } from '../queries/export';
import { duplicatePeople, householdHistory, revisionDetail } from '../queries/households';
import { searchCases } from '../queries/search';
import { totalsTable } from '../queries/totals';

export type CountyHandlers = {
  [C in CountyChannel]: (input: CountyParsedInput<C>) => Promise<CountyResponse<C>>;
};

export function countyHandlers(service: CountyService, now: () => Date = () => new Date()): CountyHandlers {
  const { pool } = service;
  return {
    'county.info': async () => {
      const townships = await pool.query<{ township: string }>("SELECT DISTINCT township FROM totals WHERE code = '' AND township <> '' ORDER BY 1");
      const offices = await pool.query<{ id: number; name: string }>('SELECT id, name FROM offices ORDER BY name');
      return ok({
        countyName: service.countyName,
        serverFingerprint: service.serverKey.fingerprint,
        schemaVersion: COUNTY_SCHEMA_VERSION,
        townships: townships.rows.map((row) => row.township),
        offices: offices.rows,
      });
    },
    'county.search': (request) => searchCases(pool, request),
    'county.household': (request) => householdHistory(pool, request.countyCaseId),
    'county.revision': (request) => revisionDetail(pool, request.revisionId),
    'county.duplicates': (request) => duplicatePeople(pool, request),
    'county.totals': (request) => totalsTable(pool, request),
    'county.offices': async () => ok(await service.offices()),
    'county.registerOffice': (request) => service.registerOffice(request.name, request.publicKey),
    'county.revokeOffice': (request) => service.revokeOffice(request.id),
    'county.importBundle': (request) => service.importBundleFile(Buffer.from(request.base64, 'base64')),
    'county.publishPack': (request) => service.publishPack(Buffer.from(request.base64, 'base64')),
    'county.packs': async () => ok(await service.packs()),
    'county.export': (request) => {
      switch (request.kind) {
        case 'search':
          return exportSearch(pool, request.search, request.unmasked ?? false, now());
        case 'totals':
          return exportTotals(pool, request.totals, now());
        case 'duplicates':
          return exportDuplicates(pool, request.duplicates.kind, now());
        case 'offices':
          return exportOffices(pool, now());
      }
    },
  };
}

const INTERNAL_ERROR = { message: '县级服务内部错误，本次操作未完成；请重试，如反复出现请联系技术支持（错误已记入日志）', path: '' };

export async function dispatchCounty(handlers: CountyHandlers, channel: string, payload: unknown, log: (error: unknown) => void): Promise<Result<unknown>> {
  if (!Object.hasOwn(countyContract, channel)) return { ok: false, errors: [{ message: `未知的接口「${channel}」`, path: '' }] };
  const name = channel as CountyChannel;
  const parsed = countyContract[name].input.safeParse(payload, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToErrors(parsed.error.issues, (path) => path.map(String).join('.') || '请求内容') };
  try {
    const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    log(error);
    return { ok: false, errors: [INTERNAL_ERROR] };
  }
}
