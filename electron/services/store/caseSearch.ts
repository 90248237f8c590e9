/**
 * 案卷查询: runs the plans of searchPlan.ts on the term index (searchTerms.ts), where only a case's
 * latest revision is. The rarest condition drives an ordered scan of its index range, newest first;
 * each other condition is either a test of the facets on the driving row itself (身份, 待遇) or
 * one primary-key probe (term, updated_at, case_id) — all rows of a case share its updated_at. Each
 * page and each count is one SQL statement with bound values; no text from a request is ever part of
 * the SQL.
 */
import type { Connection } from './connection';
import { ok, type Result } from '../../../shared/errors';
import { caseQuerySchema, parseRequest, type CaseFilter } from './schemas';
import type { CaseSearchRow } from './rows';
import { LIST_SEPARATOR, type RevisionKind } from './searchIndex';
import type { SearchFields } from './searchFields';
import { planSearch, type SearchPlan } from './searchPlan';
import type { TermCondition } from './searchTerms';

/** A case as lists show it: the searchable facts of its latest revision (searchFields.ts) and that revision's own. */
export interface CaseSummary extends Pick<SearchFields, 'headName' | 'township' | 'village' | 'householdStatus' | 'statuses' | 'asOf' | 'year' | 'totalAnnual' | 'benefits'> {
  caseNo: string;
  revision: number;
  kind: RevisionKind;
  voided: boolean;
  /** when the latest revision was saved (ISO with offset) */
  updatedAt: string;
  operator: string;
  /** 411323********1237: the full number never leaves the store in a list */
  headIdNumberMasked: string | null;
  /** every member's number, masked, in member order */
  maskedIds: string[];
  memberNames: string[];
  memberCount: number;
  packId: string;
  packVersion: string;
}

export interface CasePage {
  items: CaseSummary[];
  page: number;
  pageSize: number;
  /** matching cases; when totalIsLowerBound, at least this many ("10000+") */
  total: number;
  totalIsLowerBound: boolean;
  hasMore: boolean;
}

/** Counting stops here; the list shows "10000+". */
export const COUNT_CAP = 10_000;
/** Index rows of the driving condition examined to count a search whose other conditions need lookups… */
export const PROBE_SCAN = 5_000;
/** …and one whose other conditions are all facets, tested on the row itself (much cheaper). */
export const FACET_SCAN = 50_000;
/** Rows counted per condition to find the rarest one. */
const ESTIMATE_CAP = 2_000;
const DEFAULT_PAGE_SIZE = 20;

interface Found {
  caseRowId: number;
  updatedAt: number;
}

export class CaseSearch {
  constructor(private readonly conn: Connection) {}

  search(request: unknown): Result<CasePage> {
    const parsed = parseRequest(caseQuerySchema, request ?? {});
    if (!parsed.ok) return parsed;
    const { page = 1, pageSize = DEFAULT_PAGE_SIZE, ...filter } = parsed.value;
    const planned = this.plan(filter);
    if (!planned.ok) return planned;
    const offset = (page - 1) * pageSize;
    const partitions = planned.value.map((partition) => ({ plan: partition, ordered: this.order(partition) }));

    let found: Found[];
    if (partitions.length === 1) {
      const only = partitions[0] as (typeof partitions)[number];
      found = this.find(only.plan, only.ordered, pageSize + 1, offset);
    } else {
      // 作废 and current cases live apart in the index: merge the two ordered lists
      found = partitions
        .flatMap((partition) => this.find(partition.plan, partition.ordered, offset + pageSize + 1, 0))
        .sort((a, b) => b.updatedAt - a.updatedAt || b.caseRowId - a.caseRowId)
        .slice(offset, offset + pageSize + 1);
    }
    let total = 0;
    let totalIsLowerBound = false;
    for (const partition of partitions) {
      const counted = this.count(partition.plan, partition.ordered);
      total += counted.total;
      totalIsLowerBound ||= counted.lowerBound;
    }
    if (total > COUNT_CAP) {
      total = COUNT_CAP;
      totalIsLowerBound = true;
    }
    return ok({
      items: this.summaries(found.slice(0, pageSize).map((row) => row.caseRowId)),
      page,
      pageSize,
      total,
      totalIsLowerBound,
      hasMore: found.length > pageSize,
    });
  }

  /** The filter as index plans (searchPlan.ts), with 案卷编号 looked up here. */
  plan(filter: CaseFilter): Result<SearchPlan[]> {
    return planSearch(filter, (year, sequence) => {
      const row = this.conn
        .prepare('SELECT s.case_id, s.updated_at FROM cases c JOIN case_search s ON s.case_id = c.id WHERE c.year = ? AND c.sequence = ?')
        .get(year, sequence) as { case_id: number; updated_at: number } | undefined;
      return row ? { caseRowId: row.case_id, updatedAt: row.updated_at } : null;
    });
  }

  /** Every 乡镇/村 pair seen in saved cases, for the pickers. */
  places(): { township: string; village: string }[] {
    return this.conn.prepare('SELECT township, village FROM places ORDER BY township, village').all() as { township: string; village: string }[];
  }

  /** Every case of a plan, newest first, in batches of case ids (export). Keyset paging: no OFFSET. */
  *scan(plan: SearchPlan, batchSize: number): Generator<number[]> {
    const ordered = this.order(plan);
    let before: Found | null = null;
    for (;;) {
      // the last row seen bounds the next range (an index bound, unlike a row-value comparison)
      const body = before === null ? this.body(plan, ordered, null) : this.body({ ...plan, to: Math.min(plan.to, before.updatedAt) }, ordered, null, before);
      const rows = this.conn
        .prepare(`SELECT d.case_id AS caseRowId, d.updated_at AS updatedAt FROM ${body.sql} ORDER BY d.updated_at DESC, d.case_id DESC LIMIT ?`)
        .all(...body.params, batchSize) as Found[];
      if (rows.length === 0) return;
      yield rows.map((row) => row.caseRowId);
      before = rows[rows.length - 1] as Found;
      if (rows.length < batchSize) return;
    }
  }

  private driverWhere(condition: TermCondition, alias: string): { sql: string; params: unknown[] } {
    return condition.kind === 'exact'
      ? { sql: `${alias}.term = ?`, params: [condition.term] }
      : { sql: `${alias}.term >= ? AND ${alias}.term < ?`, params: [condition.from, condition.to] };
  }

  /** Index rows of one condition within the plan's dates, counted up to `cap`. */
  private rows(condition: TermCondition, plan: SearchPlan, cap: number): number {
    const where = this.driverWhere(condition, 't');
    const row = this.conn
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM search_terms AS t WHERE ${where.sql} AND t.updated_at BETWEEN ? AND ? LIMIT ?)`)
      .get(...where.params, plan.from, plan.to, cap) as { n: number };
    return row.n;
  }

  /**
   * How rare a condition is, cheaply: its rows counted up to ESTIMATE_CAP, and for a common one how far
   * back in time its newest ESTIMATE_CAP rows reach — cases arrive at a steady pace, so the condition
   * whose newest 2,000 rows go back furthest is the rarer of two common ones.
   */
  private rarity(condition: TermCondition, plan: SearchPlan): { n: number; reach: number } {
    const where = this.driverWhere(condition, 't');
    const row = this.conn
      .prepare(
        `SELECT count(*) AS n, min(updated_at) AS oldest FROM
           (SELECT t.updated_at FROM search_terms AS t WHERE ${where.sql} AND t.updated_at BETWEEN ? AND ? ORDER BY t.updated_at DESC LIMIT ?)`,
      )
      .get(...where.params, plan.from, plan.to, ESTIMATE_CAP) as { n: number; oldest: number | null };
    return { n: row.n, reach: row.oldest ?? 0 };
  }

  /** The driving condition (the rarest) first; the others become probes or in-row tests. */
  private order(plan: SearchPlan): TermCondition[] {
    if (plan.conditions.length === 1) return plan.conditions;
    const rated = plan.conditions.map((condition, index) => ({ condition, index, ...this.rarity(condition, plan) }));
    rated.sort((a, b) => {
      const aCommon = a.n >= ESTIMATE_CAP;
      const bCommon = b.n >= ESTIMATE_CAP;
      if (aCommon !== bCommon) return aCommon ? 1 : -1;
      if (!aCommon) return a.n - b.n || a.index - b.index;
      return a.reach - b.reach || a.index - b.index; // older reach: rarer
    });
    return rated.map((entry) => entry.condition);
  }

  /** FROM/WHERE of a search: the driver's ordered range, then one probe per other condition. */
  private body(plan: SearchPlan, ordered: TermCondition[], driverLimit: number | null, before: Found | null = null): { sql: string; params: unknown[] } {
    const [driver, ...probes] = ordered as [TermCondition, ...TermCondition[]];
    const where = this.driverWhere(driver, 'd');
    const params: unknown[] = [...where.params, plan.from, plan.to];
    let from = `search_terms AS d WHERE ${where.sql} AND d.updated_at BETWEEN ? AND ?`;
    if (driverLimit !== null) {
      from = `(SELECT * FROM search_terms AS d WHERE ${where.sql} AND d.updated_at BETWEEN ? AND ? ORDER BY d.updated_at DESC, d.case_id DESC LIMIT ?) AS d WHERE 1`;
      params.push(driverLimit);
    }
    let sql = from;
    for (const probe of probes) {
      if (probe.facet) {
        // tested on the driving row itself: every index row of a case carries its facets
        if (probe.facet.mask !== 0) {
          sql += ' AND (d.facets & ?) = ?';
          params.push(probe.facet.mask, probe.facet.mask);
        }
        if (probe.facet.alsoTerm !== null) {
          // the year is not on the rows: one lookup of its term, for the rows the bits let through
          sql += ' AND EXISTS (SELECT 1 FROM search_terms AS y WHERE y.term = ? AND y.updated_at = d.updated_at AND y.case_id = d.case_id)';
          params.push(probe.facet.alsoTerm);
        }
        continue;
      }
      const probeWhere = this.driverWhere(probe, 'x');
      sql += ` AND EXISTS (SELECT 1 FROM search_terms AS x WHERE ${probeWhere.sql} AND x.updated_at = d.updated_at AND x.case_id = d.case_id)`;
      params.push(...probeWhere.params);
    }
    if (before !== null) {
      sql += ' AND (d.updated_at < ? OR d.case_id < ?)';
      params.push(before.updatedAt, before.caseRowId);
    }
    if (plan.caseRowId !== null) {
      sql += ' AND d.case_id = ?';
      params.push(plan.caseRowId);
    }
    if (plan.nameContains !== null) {
      sql += ' AND EXISTS (SELECT 1 FROM case_search AS cs WHERE cs.case_id = d.case_id AND instr(lower(cs.member_names), ?) > 0)';
      params.push(plan.nameContains);
    }
    if (plan.initialsStartWith !== null) {
      // some name's initials start with the text: look for it right after a separator
      sql += ' AND EXISTS (SELECT 1 FROM case_search AS cs WHERE cs.case_id = d.case_id AND instr(char(31) || cs.member_initials, ?) > 0)';
      params.push(LIST_SEPARATOR + plan.initialsStartWith);
    }
    return { sql, params };
  }

  private find(plan: SearchPlan, ordered: TermCondition[], limit: number, offset: number): Found[] {
    const body = this.body(plan, ordered, null);
    return this.conn
      .prepare(`SELECT d.case_id AS caseRowId, d.updated_at AS updatedAt FROM ${body.sql} ORDER BY d.updated_at DESC, d.case_id DESC LIMIT ? OFFSET ?`)
      .all(...body.params, limit, offset) as Found[];
  }

  private count(plan: SearchPlan, ordered: TermCondition[]): { total: number; lowerBound: boolean } {
    const filtered = ordered.length > 1 || plan.caseRowId !== null || plan.nameContains !== null || plan.initialsStartWith !== null;
    if (!filtered) {
      const body = this.body(plan, ordered, null);
      const { n } = this.conn.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${body.sql} LIMIT ?)`).get(...body.params, COUNT_CAP + 1) as { n: number };
      return { total: Math.min(n, COUNT_CAP), lowerBound: n > COUNT_CAP };
    }
    // lookups cost a B-tree search each: count over the newest rows of the driver only
    const lookups = ordered.slice(1).some((condition) => !condition.facet || condition.facet.alsoTerm !== null) || plan.nameContains !== null || plan.initialsStartWith !== null;
    const scan = lookups ? PROBE_SCAN : FACET_SCAN;
    const driverRows = this.rows(ordered[0] as TermCondition, plan, scan + 1);
    const body = this.body(plan, ordered, scan);
    const { n } = this.conn.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${body.sql} LIMIT ?)`).get(...body.params, COUNT_CAP + 1) as { n: number };
    return { total: Math.min(n, COUNT_CAP), lowerBound: n > COUNT_CAP || driverRows > scan };
  }

  private summaries(caseRowIds: number[]): CaseSummary[] {
    if (caseRowIds.length === 0) return [];
    const rows = this.conn
      .prepare(
        `SELECT case_id, case_no, revision, kind, voided, saved_at, operator, head_name, head_id_masked, ids_masked, member_names, member_count,
                township, village, household_status, statuses, as_of, year, total_annual, benefits, pack_id, pack_version
         FROM case_search WHERE case_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(caseRowIds)) as CaseSearchRow[];
    const byId = new Map(rows.map((row) => [row.case_id, row]));
    return caseRowIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toSummary(row)] : [];
    });
  }
}

function toSummary(row: CaseSearchRow): CaseSummary {
  return {
    caseNo: row.case_no,
    revision: row.revision,
    kind: row.kind,
    voided: row.voided === 1,
    updatedAt: row.saved_at,
    operator: row.operator,
    headName: row.head_name,
    headIdNumberMasked: row.head_id_masked,
    maskedIds: row.ids_masked === '' ? [] : row.ids_masked.split(LIST_SEPARATOR),
    memberNames: row.member_names === '' ? [] : row.member_names.split(LIST_SEPARATOR),
    memberCount: row.member_count,
    township: row.township,
    village: row.village,
    householdStatus: row.household_status,
    statuses: row.statuses === '' ? [] : row.statuses.split(','),
    asOf: row.as_of,
    year: row.year,
    totalAnnual: row.total_annual,
    benefits: (JSON.parse(row.benefits) as [string, string][]).map(([code, annual]) => ({ code, annual })),
    packId: row.pack_id,
    packVersion: row.pack_version,
  };
}
