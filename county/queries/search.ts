/**
 * 跨乡镇查找: the county's cases by name, 拼音首字母 or ID digits (the office's search words, terms.ts),
 * place, 身份, benefit, office and date, newest first. A text search walks its rarest word's index
 * range newest first and checks the others per row, so the first page costs the same at a million
 * cases as at a thousand; counts stop at 1,000 ("1,000+ 户": narrow the search or export it).
 */
import type { Pool } from 'pg';
import type { CountyCaseRow, CountySearch, CountySearchPage } from '../../shared/api/countyApi';
import { fail, ok, type Result } from '../../shared/errors';
import { maskIdNumber } from '../../shared/household/idNumber';
import { classifySearchText } from '../../electron/services/store/searchPlan';
import { idNumberCondition, nameConditions, pinyinCondition, type TermCondition } from '../../electron/services/store/searchTerms';
import { endOfLocalDay, isoWithOffset, startOfLocalDay } from '../../electron/services/store/localTime';

/**
 * Counting is the slow part of a broad search (a surname in one township walks the township's cases:
 * p95 231 ms at 1,000,000 cases when counts went to 10,000); a list past 1,000 households is narrowed
 * or exported, not paged through.
 */
export const COUNT_LIMIT = 1_000;

export const CASE_ROW_COLUMNS = `c.id, c.office_id, o.name AS office_name, c.case_no, c.head_name, c.member_names, c.member_ids, c.township, c.village,
  c.household_status, c.revision, c.updated_at, c.total_annual, c.voided,
  EXISTS (SELECT 1 FROM flagged_people f WHERE f.id_number = ANY (c.member_ids)) AS flagged`;

export interface CaseRowData {
  id: string;
  office_id: number;
  office_name: string;
  case_no: string;
  head_name: string;
  member_names: string[];
  member_ids: string[];
  township: string;
  village: string;
  household_status: string;
  revision: number;
  updated_at: Date;
  total_annual: string;
  voided: boolean;
  flagged: boolean;
}

export function caseRow(row: CaseRowData): CountyCaseRow {
  return {
    countyCaseId: Number(row.id),
    officeId: row.office_id,
    officeName: row.office_name,
    caseNo: row.case_no,
    headName: row.head_name,
    memberNames: row.member_names,
    maskedIds: row.member_ids.filter(Boolean).map(maskIdNumber),
    township: row.township,
    village: row.village,
    status: row.household_status,
    revision: row.revision,
    updatedAt: isoWithOffset(row.updated_at),
    totalAnnual: row.total_annual,
    voided: row.voided,
    flagged: row.flagged,
  };
}

interface Query {
  /** the driving index range, or null: cases in date order */
  driver: TermCondition | null;
  others: TermCondition[];
  where: string[];
  params: unknown[];
}

/** One search word's condition on the case_terms row `alias`, its values appended to params. */
export function termSql(condition: TermCondition, alias: string, params: unknown[]): string {
  if (condition.kind === 'exact') {
    params.push(condition.term);
    return `${alias}.term = $${params.length}`;
  }
  params.push(condition.from, condition.to);
  return `${alias}.term >= $${params.length - 1} AND ${alias}.term < $${params.length}`;
}

/** the outer query's case columns when it reads cases c */
export const CASE_COLUMNS = { id: 'c.id', updatedAt: 'c.updated_at' } as const;

/**
 * The case also has this word in its current state: a word is matched to its case by id AND date, so
 * a word left from an earlier state of the case (deleted by key, migration 005) never finds it.
 * `of` names the case's id and date columns in the outer query.
 */
export function hasTermSql(condition: TermCondition, alias: string, params: unknown[], of: { id: string; updatedAt: string }): string {
  return `EXISTS (SELECT 1 FROM case_terms ${alias} WHERE ${termSql(condition, alias, params)} AND ${alias}.updated_at = ${of.updatedAt} AND ${alias}.case_id = ${of.id})`;
}

/** The request as SQL conditions; a text that cannot be a search is refused with its reason. */
export function planCountySearch(request: Omit<CountySearch, 'page' | 'pageSize'>): Result<Query> {
  const conditions: TermCondition[] = [];
  const where: string[] = [];
  const params: unknown[] = [];
  if (request.text) {
    const classified = classifySearchText(request.text);
    if (!classified.ok) return classified;
    const filter = classified.value;
    if (filter.idDigits) {
      if (filter.idDigits.length < 4) return fail('身份证号码请至少输入后4位', 'text');
      conditions.push(idNumberCondition(filter.idDigits));
    } else if (filter.pinyin) conditions.push(pinyinCondition(filter.pinyin).condition);
    else if (filter.name) conditions.push(...nameConditions(filter.name).conditions);
    else if (filter.caseNo) {
      params.push(filter.caseNo);
      where.push(`c.case_no = $${params.length}`);
    }
    if (filter.name && Array.from(filter.name).length > 2) {
      params.push(`%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`EXISTS (SELECT 1 FROM unnest(c.member_names) n WHERE n LIKE $${params.length})`);
    }
  }
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (request.township) add((n) => `c.township = $${n}`, request.township);
  if (request.village) add((n) => `c.village = $${n}`, request.village);
  if (request.status) add((n) => `c.household_status = $${n}`, request.status);
  if (request.benefit) add((n) => `c.benefit_codes @> ARRAY[$${n}::text]`, request.benefit);
  if (request.officeId) add((n) => `c.office_id = $${n}`, request.officeId);
  if (request.from) add((n) => `c.updated_at >= $${n}`, new Date(startOfLocalDay(request.from as string)));
  if (request.to) add((n) => `c.updated_at <= $${n}`, new Date(endOfLocalDay(request.to as string)));
  if (request.from && request.to && request.from > request.to) return fail('起始日期不能晚于截止日期', 'from');
  if (!request.includeVoided) where.push('NOT c.voided');
  const [driver = null, ...others] = conditions;
  return ok({ driver, others, where, params });
}

function fromClause(query: Query): { sql: string; order: string; params: unknown[] } {
  const params = [...query.params];
  const where = [...query.where];
  if (!query.driver) {
    return { sql: `FROM cases c JOIN offices o ON o.id = c.office_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, order: 'c.updated_at DESC, c.id DESC', params };
  }
  const driver = termSql(query.driver, 't', params);
  query.others.forEach((condition, index) => {
    where.push(hasTermSql(condition, `t${index + 1}`, params, { id: 't.case_id', updatedAt: 't.updated_at' }));
  });
  // a range (ID digits) may list a case once per matching member: DISTINCT ON keeps it once
  return {
    sql: `FROM case_terms t JOIN cases c ON c.id = t.case_id AND c.updated_at = t.updated_at JOIN offices o ON o.id = c.office_id WHERE ${driver}${where.length ? ` AND ${where.join(' AND ')}` : ''}`,
    order: 't.updated_at DESC, t.case_id DESC',
    params,
  };
}

/**
 * The count, written so that PostgreSQL may start from either side: from the word's index range, or,
 * when a place or 身份 is the narrower condition, from the cases and a look-up of the word for each
 * (case_terms' key is word, date, case). Walking the word's range alone meant reading every 王 in the
 * county to count the few in one township.
 */
function countSql(query: Query): { sql: string; params: unknown[] } {
  const params = [...query.params];
  const where = [...query.where];
  if (query.driver) {
    [query.driver, ...query.others].forEach((condition, index) => where.push(hasTermSql(condition, `t${index}`, params, CASE_COLUMNS)));
  }
  return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM cases c${where.length ? ` WHERE ${where.join(' AND ')}` : ''} LIMIT ${COUNT_LIMIT + 1}) x`, params };
}

export async function searchCases(pool: Pool, request: CountySearch & { page: number; pageSize: number }): Promise<Result<CountySearchPage>> {
  const planned = planCountySearch(request);
  if (!planned.ok) return planned;
  const from = fromClause(planned.value);
  const offset = (request.page - 1) * request.pageSize;
  const ranged = planned.value.driver?.kind === 'range';
  const select = ranged
    ? `SELECT * FROM (SELECT DISTINCT ON (t.updated_at, t.case_id) ${CASE_ROW_COLUMNS} ${from.sql} ORDER BY ${from.order}) x ORDER BY x.updated_at DESC, x.id DESC`
    : `SELECT ${CASE_ROW_COLUMNS} ${from.sql} ORDER BY ${from.order}`;
  const rows = await pool.query<CaseRowData>(`${select} LIMIT ${request.pageSize} OFFSET ${offset}`, from.params);
  const count = countSql(planned.value);
  const counted = await pool.query<{ n: string }>(count.sql, count.params);
  const total = Number(counted.rows[0]?.n ?? 0);
  return ok({ total: Math.min(total, COUNT_LIMIT), more: total > COUNT_LIMIT, page: request.page, pageSize: request.pageSize, rows: rows.rows.map(caseRow) });
}
