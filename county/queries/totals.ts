/**
 * 汇总 by township, village, benefit or month, read from the totals table the imports keep (one row
 * per month × township × village × benefit code; code '' is the household as a whole), so a county of
 * a million cases is summed over a few thousand rows. Amounts are the annual amounts of the current
 * (not voided) cases, by the month of their last save at the window; a benefit's amount is the sum of
 * its benefits[].annual.
 */
import type { Pool } from 'pg';
import type { OfficeReport, TotalsRequest, TotalsRow, TotalsTable } from '../../shared/api/countyApi';
import { BENEFIT_CODES } from '../../shared/result/benefitCodes';
import { ok, type Result } from '../../shared/errors';
import { isoWithOffset } from '../../electron/services/store/localTime';

const GROUP_COLUMN = { township: 't.township', village: "t.township || ' · ' || t.village", benefit: 't.code', month: 't.month' } as const;

export async function totalsTable(pool: Pool, request: TotalsRequest & { groupBy: TotalsTable['groupBy'] }): Promise<Result<TotalsTable>> {
  const params: unknown[] = [];
  const where: string[] = ['t.households <> 0 OR t.amount <> 0'];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (request.fromMonth) add((n) => `t.month >= $${n}`, request.fromMonth);
  if (request.toMonth) add((n) => `t.month <= $${n}`, request.toMonth);
  if (request.township) add((n) => `t.township = $${n}`, request.township);
  // by benefit: the benefit rows; otherwise the household rows, or one benefit's rows when it is chosen
  if (request.groupBy === 'benefit') where.push("t.code <> ''");
  else if (request.benefit) add((n) => `t.code = $${n}`, request.benefit);
  else where.push("t.code = ''");
  const key = GROUP_COLUMN[request.groupBy];
  const result = await pool.query<{ key: string; households: string; amount: string; split_households: string; cash: string; settlement: string; waiver: string; one_off: string }>(
    `SELECT ${key} AS key, sum(t.households) AS households, sum(t.amount) AS amount, sum(t.split_households) AS split_households,
       sum(t.cash) AS cash, sum(t.settlement) AS settlement, sum(t.waiver) AS waiver, sum(t.one_off) AS one_off
     FROM totals t WHERE (${where[0]})${where.length > 1 ? ` AND ${where.slice(1).join(' AND ')}` : ''}
     GROUP BY 1 ORDER BY ${request.groupBy === 'month' ? '1' : '3 DESC, 1'}`,
    params,
  );
  const rows: TotalsRow[] = result.rows.map((row) => ({
    key: row.key,
    label: request.groupBy === 'benefit' ? (BENEFIT_CODES[row.key]?.label ?? row.key) : row.key,
    households: Number(row.households),
    amount: fixed(row.amount),
    split:
      request.groupBy === 'benefit' || request.benefit || Number(row.split_households) === 0
        ? null
        : { households: Number(row.split_households), cash: fixed(row.cash), settlement: fixed(row.settlement), waiver: fixed(row.waiver), oneOff: fixed(row.one_off) },
  }));
  const totalAmount = rows.reduce((sum, row) => sum + BigInt(row.amount.replace('.', '')), 0n);
  const households = request.groupBy === 'benefit' ? await householdsIn(pool, request) : rows.reduce((sum, row) => sum + row.households, 0);
  return ok({ groupBy: request.groupBy, rows, total: { households, amount: fenToYuan(totalAmount) } });
}

/** numeric sums come back as "123.40": kept as text, never through a float */
function fixed(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

function fenToYuan(fen: bigint): string {
  const negative = fen < 0n;
  const digits = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Households in the same period and place (a household with three benefits counts once). */
async function householdsIn(pool: Pool, request: TotalsRequest): Promise<number> {
  const params: unknown[] = [];
  const where = ["t.code = ''"];
  if (request.fromMonth) where.push(`t.month >= $${params.push(request.fromMonth)}`);
  if (request.toMonth) where.push(`t.month <= $${params.push(request.toMonth)}`);
  if (request.township) where.push(`t.township = $${params.push(request.township)}`);
  const result = await pool.query<{ n: string | null }>(`SELECT sum(t.households) AS n FROM totals t WHERE ${where.join(' AND ')}`, params);
  return Number(result.rows[0]?.n ?? 0);
}

/** 上报情况: every office with when it last sent, how much the county holds from it, and its conflicts. */
export async function officeReports(pool: Pool, now: Date): Promise<OfficeReport[]> {
  const result = await pool.query<{ id: number; name: string; fingerprint: string; registered_at: Date; revoked_at: Date | null; last_received: Date | null; revisions: string; cases: string; newest: Date | null; conflicts: string }>(
    `SELECT o.id, o.name, o.fingerprint, o.registered_at, o.revoked_at,
       (SELECT max(received_at) FROM bundles b WHERE b.office_id = o.id) AS last_received,
       (SELECT count(*) FROM revisions r WHERE r.office_id = o.id) AS revisions,
       (SELECT count(*) FROM cases c WHERE c.office_id = o.id) AS cases,
       (SELECT max(updated_at) FROM cases c WHERE c.office_id = o.id) AS newest,
       (SELECT count(*) FROM revision_conflicts x WHERE x.office_id = o.id) AS conflicts
     FROM offices o ORDER BY o.revoked_at IS NOT NULL, last_received ASC NULLS FIRST, o.name`,
  );
  const day = 24 * 60 * 60 * 1000;
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    fingerprint: row.fingerprint,
    registeredAt: isoWithOffset(row.registered_at),
    revokedAt: row.revoked_at ? isoWithOffset(row.revoked_at) : null,
    lastReceivedAt: row.last_received ? isoWithOffset(row.last_received) : null,
    daysSilent: Math.max(0, Math.floor((now.getTime() - (row.last_received ?? row.registered_at).getTime()) / day)),
    revisions: Number(row.revisions),
    cases: Number(row.cases),
    newestSavedAt: row.newest ? isoWithOffset(row.newest) : null,
    conflicts: Number(row.conflicts),
  }));
}
