/**
 * The county's current picture of each case, recomputed from all its revisions whenever a bundle adds
 * one: the latest revision (highest number) gives the household, its people and amounts; the last
 * save or 作废 at the window gives its date and month (重新测算 does not move a case, as at the
 * office). Because the state is a function of the set of revisions, the order bundles arrive in does
 * not matter. The search terms, the people index with its flags and the totals are moved by the
 * difference between the old state and the new one, in the import's transaction.
 */
import type { PoolClient } from 'pg';
import { Decimal } from '../../shared/money';
import { caseTerms } from './terms';

export interface RevisionMeta {
  id: string;
  case_no: string;
  revision: number;
  kind: 'save' | 'void' | 'recalc';
  saved_at: Date;
  saved_at_text: string;
  head_name: string;
  head_id: string | null;
  member_names: string[];
  member_ids: string[];
  township: string;
  village: string;
  household_status: string;
  as_of: string;
  total_annual: string;
  total_cash: string | null;
  total_settlement: string | null;
  total_waiver: string | null;
  total_one_off: string | null;
  benefit_codes: string[];
  benefit_amounts: string[];
}

export interface CaseState {
  caseNo: string;
  latest: RevisionMeta;
  updatedAt: Date;
  month: string;
  voided: boolean;
  householdKey: string;
}

const META_COLUMNS = `id, case_no, revision, kind, saved_at, saved_at_text, head_name, head_id, member_names, member_ids, township, village,
  household_status, as_of, total_annual, total_cash, total_settlement, total_waiver, total_one_off, benefit_codes, benefit_amounts`;

export function householdKey(officeId: number, caseNo: string, headId: string | null): string {
  return headId ? headId : `case:${officeId}/${caseNo}`;
}

/** The state of one case from its revisions (any order). */
export function stateOf(officeId: number, caseNo: string, revisions: readonly RevisionMeta[]): CaseState {
  let latest = revisions[0] as RevisionMeta;
  let desk: RevisionMeta | null = null;
  for (const revision of revisions) {
    if (revision.revision > latest.revision) latest = revision;
    if (revision.kind !== 'recalc' && (!desk || revision.revision > desk.revision)) desk = revision;
  }
  const shown = desk ?? latest;
  return {
    caseNo,
    latest,
    updatedAt: shown.saved_at,
    // the office's own calendar: "2026-03-31T23:30:00+08:00" is March whatever the county's time zone
    month: shown.saved_at_text.slice(0, 7),
    voided: latest.kind === 'void',
    householdKey: householdKey(officeId, caseNo, latest.head_id),
  };
}

type TotalsKey = string;
interface TotalsDelta {
  month: string;
  township: string;
  village: string;
  code: string;
  households: number;
  amount: Decimal;
  cash: Decimal;
  settlement: Decimal;
  waiver: Decimal;
  oneOff: Decimal;
  splitHouseholds: number;
}

const ZERO = new Decimal(0);

function addTotals(deltas: Map<TotalsKey, TotalsDelta>, state: CaseState, sign: 1 | -1): void {
  if (state.voided) return;
  const { latest } = state;
  const at = (code: string): TotalsDelta => {
    const key = `${state.month}\u0000${latest.township}\u0000${latest.village}\u0000${code}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = { month: state.month, township: latest.township, village: latest.village, code, households: 0, amount: ZERO, cash: ZERO, settlement: ZERO, waiver: ZERO, oneOff: ZERO, splitHouseholds: 0 };
      deltas.set(key, delta);
    }
    return delta;
  };
  const household = at('');
  household.households += sign;
  household.amount = household.amount.plus(new Decimal(latest.total_annual).times(sign));
  if (latest.total_cash !== null && latest.total_settlement !== null && latest.total_waiver !== null && latest.total_one_off !== null) {
    household.splitHouseholds += sign;
    household.cash = household.cash.plus(new Decimal(latest.total_cash).times(sign));
    household.settlement = household.settlement.plus(new Decimal(latest.total_settlement).times(sign));
    household.waiver = household.waiver.plus(new Decimal(latest.total_waiver).times(sign));
    household.oneOff = household.oneOff.plus(new Decimal(latest.total_one_off).times(sign));
  }
  latest.benefit_codes.forEach((code, index) => {
    const benefit = at(code);
    benefit.households += sign;
    benefit.amount = benefit.amount.plus(new Decimal(latest.benefit_amounts[index] ?? '0').times(sign));
  });
}

const sameState = (a: CaseState, b: CaseState) => a.latest.id === b.latest.id && a.updatedAt.getTime() === b.updatedAt.getTime();

/**
 * Recomputes the given cases of an office; returns how many changed. `fresh`: revisions this import
 * has just written, as read back they would be: a case the county did not have yet is computed from
 * them without reading them back (a bulk import's cases are nearly all new); a case it had is read
 * whole from the database.
 */
export async function refreshCases(client: PoolClient, officeId: number, caseNos: readonly string[], fresh: readonly RevisionMeta[] = []): Promise<number> {
  if (caseNos.length === 0) return 0;
  const current = await client.query<{ id: string; case_no: string; revision_id: string; updated_at: Date; month: string; voided: boolean; household_key: string }>(
    'SELECT id, case_no, revision_id, updated_at, month, voided, household_key FROM cases WHERE office_id = $1 AND case_no = ANY($2::text[])',
    [officeId, caseNos],
  );
  const held = new Set(current.rows.map((row) => row.case_no));
  const byCase = new Map<string, RevisionMeta[]>();
  const add = (row: RevisionMeta) => {
    const list = byCase.get(row.case_no) ?? [];
    list.push(row);
    byCase.set(row.case_no, list);
  };
  const freshCases = new Set(fresh.map((row) => row.case_no));
  for (const row of fresh) if (!held.has(row.case_no)) add(row);
  const toRead = caseNos.filter((caseNo) => held.has(caseNo) || !freshCases.has(caseNo));
  if (toRead.length > 0) {
    const all = await client.query<RevisionMeta>(`SELECT ${META_COLUMNS} FROM revisions WHERE office_id = $1 AND case_no = ANY($2::text[])`, [officeId, toRead]);
    for (const row of all.rows) add(row);
  }
  const before = new Map<string, CaseState>();
  for (const row of current.rows) {
    const latest = byCase.get(row.case_no)?.find((revision) => revision.id === row.revision_id);
    if (latest) before.set(row.case_no, { caseNo: row.case_no, latest, updatedAt: row.updated_at, month: row.month, voided: row.voided, householdKey: row.household_key });
  }

  const changed: CaseState[] = [];
  const totals = new Map<TotalsKey, TotalsDelta>();
  const touchedPeople = new Set<string>();
  for (const [caseNo, revisions] of byCase) {
    const next = stateOf(officeId, caseNo, revisions);
    const previous = before.get(caseNo);
    if (previous && sameState(previous, next)) continue;
    changed.push(next);
    if (previous) {
      addTotals(totals, previous, -1);
      for (const id of previous.latest.member_ids) if (id) touchedPeople.add(id);
    }
    addTotals(totals, next, 1);
    for (const id of next.latest.member_ids) if (id) touchedPeople.add(id);
  }
  if (changed.length === 0) return 0;

  const upserted = await client.query<{ id: string; case_no: string }>(
    `INSERT INTO cases (office_id, case_no, revision_id, revision, kind, voided, updated_at, month, head_name, head_id, household_key,
       member_names, member_ids, township, village, household_status, as_of, total_annual, benefit_codes)
     SELECT $1, case_no, revision_id, revision, kind, voided, updated_at, month, head_name, head_id, household_key,
       member_names, member_ids, township, village, household_status, as_of, total_annual, benefit_codes
     FROM jsonb_to_recordset($2::jsonb) AS r(case_no text, revision_id bigint, revision int, kind text, voided boolean, updated_at timestamptz,
       month text, head_name text, head_id text, household_key text, member_names text[], member_ids text[], township text, village text,
       household_status text, as_of text, total_annual numeric, benefit_codes text[])
     ON CONFLICT (office_id, case_no) DO UPDATE SET revision_id = excluded.revision_id, revision = excluded.revision, kind = excluded.kind,
       voided = excluded.voided, updated_at = excluded.updated_at, month = excluded.month, head_name = excluded.head_name, head_id = excluded.head_id,
       household_key = excluded.household_key, member_names = excluded.member_names, member_ids = excluded.member_ids, township = excluded.township,
       village = excluded.village, household_status = excluded.household_status, as_of = excluded.as_of, total_annual = excluded.total_annual,
       benefit_codes = excluded.benefit_codes
     RETURNING id, case_no`,
    [
      officeId,
      JSON.stringify(
        changed.map((state) => ({
          case_no: state.caseNo,
          revision_id: state.latest.id,
          revision: state.latest.revision,
          kind: state.latest.kind,
          voided: state.voided,
          updated_at: state.updatedAt.toISOString(),
          month: state.month,
          head_name: state.latest.head_name,
          head_id: state.latest.head_id,
          household_key: state.householdKey,
          member_names: state.latest.member_names,
          member_ids: state.latest.member_ids,
          township: state.latest.township,
          village: state.latest.village,
          household_status: state.latest.household_status,
          as_of: state.latest.as_of,
          total_annual: state.latest.total_annual,
          benefit_codes: state.latest.benefit_codes,
        })),
      ),
    ],
  );
  const countyCaseIds = new Map(upserted.rows.map((row) => [row.case_no, row.id]));
  // search terms and people: replaced for the changed cases (a case new to the county has none yet)
  const ids = changed.filter((state) => held.has(state.caseNo)).map((state) => countyCaseIds.get(state.caseNo) as string);
  if (ids.length > 0) {
    await client.query('DELETE FROM case_terms WHERE case_id = ANY($1::bigint[])', [ids]);
    await client.query('DELETE FROM case_people WHERE case_id = ANY($1::bigint[])', [ids]);
  }
  // each word names its case by position: one date and id per case, not per word (~25 words a case)
  const terms: string[] = [];
  const termCase: number[] = [];
  const termCaseIds: string[] = [];
  const termCaseAts: string[] = [];
  const people: { idNumber: string; countyCaseId: string; key: string }[] = [];
  for (const state of changed) {
    const countyCaseId = countyCaseIds.get(state.caseNo) as string;
    termCaseIds.push(countyCaseId);
    termCaseAts.push(state.updatedAt.toISOString());
    for (const term of caseTerms(state.latest.member_names, state.latest.member_ids)) {
      terms.push(term);
      termCase.push(termCaseIds.length);
    }
    if (!state.voided) for (const idNumber of new Set(state.latest.member_ids.filter(Boolean))) people.push({ idNumber, countyCaseId, key: state.householdKey });
  }
  // in key order: consecutive rows land on the same index pages (a bundle brings ~50,000 words)
  await client.query(
    `INSERT INTO case_terms (term, updated_at, case_id)
     SELECT w.term, c.updated_at, c.case_id FROM unnest($1::text[], $2::int[]) AS w(term, n)
       JOIN unnest($3::timestamptz[], $4::bigint[]) WITH ORDINALITY AS c(updated_at, case_id, n) USING (n)
     ORDER BY 1, 2, 3`,
    [terms, termCase, termCaseAts, termCaseIds],
  );
  await client.query('INSERT INTO case_people (id_number, case_id, office_id, household_key) SELECT id_number, case_id, $1, household_key FROM unnest($2::text[], $3::bigint[], $4::text[]) AS p(id_number, case_id, household_key) ORDER BY 1, 2', [
    officeId,
    people.map((p) => p.idNumber),
    people.map((p) => p.countyCaseId),
    people.map((p) => p.key),
  ]);

  // 重复: a person in current cases of two offices, or of two households
  const touched = [...touchedPeople];
  await client.query('DELETE FROM flagged_people WHERE id_number = ANY($1::text[])', [touched]);
  await client.query(
    `INSERT INTO flagged_people (id_number, offices, households, cases)
     SELECT id_number, count(DISTINCT office_id), count(DISTINCT household_key), count(*) FROM case_people WHERE id_number = ANY($1::text[])
     GROUP BY id_number HAVING count(DISTINCT office_id) > 1 OR count(DISTINCT household_key) > 1`,
    [touched],
  );

  const deltas = [...totals.values()].filter((d) => d.households !== 0 || !d.amount.isZero() || d.splitHouseholds !== 0);
  if (deltas.length > 0) {
    await client.query(
      `INSERT INTO totals (month, township, village, code, households, amount, cash, settlement, waiver, one_off, split_households)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(month text, township text, village text, code text, households int, amount numeric,
         cash numeric, settlement numeric, waiver numeric, one_off numeric, split_households int)
       ON CONFLICT (month, township, village, code) DO UPDATE SET households = totals.households + excluded.households,
         amount = totals.amount + excluded.amount, cash = totals.cash + excluded.cash, settlement = totals.settlement + excluded.settlement,
         waiver = totals.waiver + excluded.waiver, one_off = totals.one_off + excluded.one_off, split_households = totals.split_households + excluded.split_households`,
      [
        JSON.stringify(
          deltas.map((d) => ({
            month: d.month,
            township: d.township,
            village: d.village,
            code: d.code,
            households: d.households,
            amount: d.amount.toFixed(2),
            cash: d.cash.toFixed(2),
            settlement: d.settlement.toFixed(2),
            waiver: d.waiver.toFixed(2),
            one_off: d.oneOff.toFixed(2),
            split_households: d.splitHouseholds,
          })),
        ),
      ],
    );
  }
  return changed.length;
}
