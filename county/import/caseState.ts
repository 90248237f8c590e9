/**
 * The county's current picture of each case, recomputed from all its revisions whenever a bundle adds
 * one: the latest revision (highest number) gives the household, its people and amounts; the last
 * save or 作废 at the window gives its date and month (重新测算 does not move a case, as at the
 * office). Because the state is a function of the set of revisions, the order bundles arrive in does
 * not matter. The search terms, the people index with its flags and the totals are moved by the
 * difference between the old state and the new one, in the import's transaction.
 */
import { copyArray, copyField, formatRows } from './copyRows';
import { FenSum } from './fenSum';
import type { StatementQueue } from './statementQueue';
import { caseTerms } from './terms';

export interface CurrentCase {
  id: string;
  case_no: string;
  revision_id: string;
  updated_at: Date;
  month: string;
  voided: boolean;
  household_key: string;
}

/** The county's rows of these cases now (queued early by the import, before its own writes). */
export async function readCurrentCases(db: StatementQueue, officeId: number, caseNos: readonly string[]): Promise<CurrentCase[]> {
  if (caseNos.length === 0) return [];
  const current = await db.query<CurrentCase>('SELECT id, case_no, revision_id, updated_at, month, voided, household_key FROM cases WHERE office_id = $1 AND case_no = ANY($2::text[])', [
    officeId,
    caseNos,
  ]);
  return current.rows;
}

const CASE_COLUMNS = `cases (id, office_id, case_no, revision_id, revision, kind, voided, updated_at, month, head_name, head_id, household_key,
  member_names, member_ids, township, village, household_status, as_of, total_annual, benefit_codes)`;

function caseLine(id: string, officeId: number, state: CaseState): string {
  const { latest } = state;
  return [
    id,
    officeId,
    copyField(state.caseNo),
    latest.id,
    latest.revision,
    latest.kind,
    state.voided ? 't' : 'f',
    state.updatedAt.toISOString(),
    copyField(state.month),
    copyField(latest.head_name),
    copyField(latest.head_id),
    copyField(state.householdKey),
    copyArray(latest.member_names),
    copyArray(latest.member_ids),
    copyField(latest.township),
    copyField(latest.village),
    copyField(latest.household_status),
    copyField(latest.as_of),
    copyField(latest.total_annual),
    copyArray(latest.benefit_codes),
  ].join('\t');
}

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
  /** its search words when already read (a revision just received: derive.ts); else made from the names and ids */
  terms?: string[];
}

/**
 * A first load in progress (firstLoad.ts): the search words' and people's indexes are dropped for the
 * load, so nothing can be deleted from those tables by key. A case new to the county writes its words
 * and people straight in; a case replaced during the load is listed in first_load_replaced and its
 * state's words and people go to first_load_terms / first_load_people tagged with the revision that
 * shows the state, so the end of the load keeps exactly those of the case's final state.
 */
export interface FirstLoadTables {
  /** cases replaced so far in the load (none: nothing to sort out at the end) */
  replaced: number;
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
  /** in whole fen while exact (fenSum.ts): the amounts are the reports' two-decimal texts */
  amount: FenSum;
  cash: FenSum;
  settlement: FenSum;
  waiver: FenSum;
  oneOff: FenSum;
  splitHouseholds: number;
}

function addTotals(deltas: Map<TotalsKey, TotalsDelta>, state: CaseState, sign: 1 | -1): void {
  if (state.voided) return;
  const { latest } = state;
  const at = (code: string): TotalsDelta => {
    const key = `${state.month}\u0000${latest.township}\u0000${latest.village}\u0000${code}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = {
        month: state.month,
        township: latest.township,
        village: latest.village,
        code,
        households: 0,
        amount: new FenSum(),
        cash: new FenSum(),
        settlement: new FenSum(),
        waiver: new FenSum(),
        oneOff: new FenSum(),
        splitHouseholds: 0,
      };
      deltas.set(key, delta);
    }
    return delta;
  };
  const household = at('');
  household.households += sign;
  household.amount.add(latest.total_annual, sign);
  if (latest.total_cash !== null && latest.total_settlement !== null && latest.total_waiver !== null && latest.total_one_off !== null) {
    household.splitHouseholds += sign;
    household.cash.add(latest.total_cash, sign);
    household.settlement.add(latest.total_settlement, sign);
    household.waiver.add(latest.total_waiver, sign);
    household.oneOff.add(latest.total_one_off, sign);
  }
  latest.benefit_codes.forEach((code, index) => {
    const benefit = at(code);
    benefit.households += sign;
    benefit.amount.add(latest.benefit_amounts[index] ?? '0', sign);
  });
}

const sameState = (a: CaseState, b: CaseState) => a.latest.id === b.latest.id && a.updatedAt.getTime() === b.updatedAt.getTime();

/**
 * Removes the search words of cases about to be rewritten, by their key (word, date, case): the words
 * are those caseTerms gives for the case's row before the change, the date its updated_at. If fewer are
 * found than expected (a row without its previous revision, or words written by a version that read
 * names otherwise), the case's words are found by a scan instead. A change to the words themselves
 * comes with a migration that rebuilds case_terms (old cases must be found by the new words anyway).
 */
async function deleteOldTerms(db: StatementQueue, cases: readonly { countyCaseId: string; previous: CaseState | undefined }[]): Promise<void> {
  const terms: string[] = [];
  const dates: string[] = [];
  const ids: string[] = [];
  let complete = true;
  for (const { countyCaseId, previous } of cases) {
    if (!previous) {
      complete = false;
      continue;
    }
    for (const term of caseTerms(previous.latest.member_names, previous.latest.member_ids)) {
      terms.push(term);
      dates.push(previous.updatedAt.toISOString());
      ids.push(countyCaseId);
    }
  }
  const deleted = await db.query(
    `DELETE FROM case_terms t USING unnest($1::text[], $2::timestamptz[], $3::bigint[]) AS d(term, updated_at, case_id)
     WHERE t.term = d.term AND t.updated_at = d.updated_at AND t.case_id = d.case_id`,
    [terms, dates, ids],
  );
  if (!complete || deleted.rowCount !== terms.length) {
    await db.query('DELETE FROM case_terms WHERE case_id = ANY($1::bigint[])', [cases.map((item) => item.countyCaseId)]);
  }
}

/**
 * Recomputes the given cases of an office; returns how many changed. `fresh`: revisions this import
 * has just written, as read back they would be: a case the county did not have yet is computed from
 * them without reading them back (a bulk import's cases are nearly all new); a case it had is read
 * whole from the database. Its writes are queued on `db` (awaited by the import before COMMIT);
 * `currentRows`: the cases' rows as readCurrentCases gives them, when already asked for.
 */
export async function refreshCases(
  db: StatementQueue,
  officeId: number,
  caseNos: readonly string[],
  fresh: readonly RevisionMeta[] = [],
  currentRows?: Promise<CurrentCase[]>,
  firstLoad?: FirstLoadTables,
): Promise<number> {
  if (caseNos.length === 0) return 0;
  const current = { rows: await (currentRows ?? readCurrentCases(db, officeId, caseNos)) };
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
    const all = await db.query<RevisionMeta>(`SELECT ${META_COLUMNS} FROM revisions WHERE office_id = $1 AND case_no = ANY($2::text[])`, [officeId, toRead]);
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

  // cases new to the county: ids from the sequence, rows by COPY (the import lock means nobody else adds them)
  const countyCaseIds = new Map(current.rows.map((row) => [row.case_no, row.id]));
  const added = changed.filter((state) => !held.has(state.caseNo));
  const replaced = changed.filter((state) => held.has(state.caseNo));
  if (added.length > 0) {
    const allocated = await db.query<{ id: string }>("SELECT nextval('cases_id_seq')::text AS id FROM generate_series(1, $1)", [added.length]);
    added.forEach((state, i) => countyCaseIds.set(state.caseNo, allocated.rows[i]?.id as string));
    void db.copy(CASE_COLUMNS, await formatRows(added.length, (i) => caseLine(countyCaseIds.get((added[i] as CaseState).caseNo) as string, officeId, added[i] as CaseState)));
  }
  if (replaced.length > 0) {
    void db.query(
        `UPDATE cases c SET revision_id = r.revision_id, revision = r.revision, kind = r.kind, voided = r.voided, updated_at = r.updated_at, month = r.month,
           head_name = r.head_name, head_id = r.head_id, household_key = r.household_key, member_names = r.member_names, member_ids = r.member_ids,
           township = r.township, village = r.village, household_status = r.household_status, as_of = r.as_of, total_annual = r.total_annual,
           benefit_codes = r.benefit_codes
         FROM jsonb_to_recordset($2::jsonb) AS r(case_no text, revision_id bigint, revision int, kind text, voided boolean, updated_at timestamptz,
           month text, head_name text, head_id text, household_key text, member_names text[], member_ids text[], township text, village text,
           household_status text, as_of text, total_annual numeric, benefit_codes text[])
         WHERE c.office_id = $1 AND c.case_no = r.case_no`,
        [
          officeId,
          JSON.stringify(
            replaced.map((state) => ({
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
    // search terms and people: replaced for the changed cases (a case new to the county has none yet)
    const ids = replaced.map((state) => countyCaseIds.get(state.caseNo) as string);
    if (firstLoad) {
      // no index to delete by during a first load: sorted out once at its end (firstLoad.ts)
      firstLoad.replaced += ids.length;
      void db.copy('first_load_replaced (case_id)', await formatRows(ids.length, (i) => ids[i] as string));
    } else {
      await deleteOldTerms(db, replaced.map((state) => ({ countyCaseId: countyCaseIds.get(state.caseNo) as string, previous: before.get(state.caseNo) })));
      void db.query('DELETE FROM case_people WHERE case_id = ANY($1::bigint[])', [ids]);
    }
  }
  const terms: string[] = [];
  const people: string[] = [];
  const stagedTerms: string[] = [];
  const stagedPeople: string[] = [];
  for (const state of changed) {
    const countyCaseId = countyCaseIds.get(state.caseNo) as string;
    // in a first load, a case already written by it is replaced: its rows are staged with the revision that shows this state
    const staged = firstLoad !== undefined && held.has(state.caseNo);
    const tail = `\t${state.updatedAt.toISOString()}\t${countyCaseId}${staged ? `\t${state.latest.id}` : ''}`;
    const termLines = staged ? stagedTerms : terms;
    for (const term of state.latest.terms ?? caseTerms(state.latest.member_names, state.latest.member_ids)) termLines.push(copyField(term) + tail);
    const peopleLines = staged ? stagedPeople : people;
    if (!state.voided) for (const idNumber of new Set(state.latest.member_ids.filter(Boolean))) peopleLines.push(`${copyField(idNumber)}\t${countyCaseId}\t${officeId}\t${copyField(state.householdKey)}${staged ? `\t${state.latest.id}` : ''}`);
  }
  if (!firstLoad) {
    // in key order (word, then date: the same text format throughout): consecutive rows land on the same index pages
    // (a first load has no index on them until its end, where CREATE INDEX sorts once)
    terms.sort();
    people.sort();
  }
  void db.copy('case_terms (term, updated_at, case_id)', await formatRows(terms.length, (i) => terms[i] as string));
  void db.copy('case_people (id_number, case_id, office_id, household_key)', await formatRows(people.length, (i) => people[i] as string));
  if (stagedTerms.length > 0) void db.copy('first_load_terms (term, updated_at, case_id, revision_id)', await formatRows(stagedTerms.length, (i) => stagedTerms[i] as string));
  if (stagedPeople.length > 0) void db.copy('first_load_people (id_number, case_id, office_id, household_key, revision_id)', await formatRows(stagedPeople.length, (i) => stagedPeople[i] as string));

  // 重复: a person in current cases of two offices, or of two households (a first load counts them all once at its end)
  const touched = firstLoad ? [] : [...touchedPeople];
  if (touched.length > 0) {
    void db.query('DELETE FROM flagged_people WHERE id_number = ANY($1::text[])', [touched]);
    void db.query(
      `INSERT INTO flagged_people (id_number, offices, households, cases)
       SELECT id_number, count(DISTINCT office_id), count(DISTINCT household_key), count(*) FROM case_people WHERE id_number = ANY($1::text[])
       GROUP BY id_number HAVING count(DISTINCT office_id) > 1 OR count(DISTINCT household_key) > 1`,
      [touched],
    );
  }

  const deltas = [...totals.values()].filter((d) => d.households !== 0 || !d.amount.isZero() || d.splitHouseholds !== 0);
  if (deltas.length > 0) {
    void db.query(
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
            amount: d.amount.toFixed2(),
            cash: d.cash.toFixed2(),
            settlement: d.settlement.toFixed2(),
            waiver: d.waiver.toFixed2(),
            one_off: d.oneOff.toFixed2(),
            split_households: d.splitHouseholds,
          })),
        ),
      ],
    );
  }
  return changed.length;
}
