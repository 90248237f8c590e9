/**
 * 一户的历史 and 重复: households are matched across offices by the 户主's ID number (a case whose
 * head has none stands alone); a person by their own ID number. One household's history lists every
 * case, at every office, whose head is that person or that lists them as a member, with each case's
 * revisions. 重复 lists the people found in current cases of two offices or of two households.
 */
import type { Pool } from 'pg';
import type { CountyRevisionDetail, DuplicatePerson, DuplicatesPage, HouseholdCase, HouseholdHistory } from '../../shared/api/countyApi';
import { fail, ok, type Result } from '../../shared/errors';
import { maskIdNumber } from '../../shared/household/idNumber';
import { BENEFIT_CODES } from '../../shared/result/benefitCodes';
import { isoWithOffset } from '../../electron/services/store/localTime';
import { decodeStored } from '../import/derive';

interface CaseBase {
  id: string;
  office_name: string;
  case_no: string;
  office_id: number;
  head_name: string;
  head_id: string | null;
  township: string;
  village: string;
  voided: boolean;
}

/** How a page names a case: office, number, 户主, place. */
function caseNamed(c: Pick<CaseBase, 'id' | 'office_name' | 'case_no' | 'head_name' | 'township' | 'village'>) {
  return { countyCaseId: Number(c.id), officeName: c.office_name, caseNo: c.case_no, headName: c.head_name, township: c.township, village: c.village };
}

export async function householdHistory(pool: Pool, countyCaseId: number): Promise<Result<HouseholdHistory>> {
  const found = await pool.query<CaseBase>(
    'SELECT c.id, o.name AS office_name, c.case_no, c.office_id, c.head_name, c.head_id, c.township, c.village, c.voided FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.id = $1',
    [countyCaseId],
  );
  const start = found.rows[0];
  if (!start) return fail('找不到该案卷', 'countyCaseId');
  let related: (CaseBase & { match: 'head' | 'member' })[] = [{ ...start, match: 'head' }];
  if (start.head_id) {
    const rows = await pool.query<CaseBase & { match: 'head' | 'member' }>(
      `SELECT c.id, o.name AS office_name, c.case_no, c.office_id, c.head_name, c.head_id, c.township, c.village, c.voided,
         CASE WHEN c.head_id = $1 THEN 'head' ELSE 'member' END AS match
       FROM cases c JOIN offices o ON o.id = c.office_id
       WHERE c.household_key = $1 OR c.id IN (SELECT case_id FROM case_people WHERE id_number = $1)
       ORDER BY match, c.updated_at DESC`,
      [start.head_id],
    );
    related = rows.rows;
  }
  const revisions = await pool.query<{ id: string; office_id: number; case_no: string; revision: number; kind: 'save' | 'void' | 'recalc'; saved_at: Date; operator: string; pack_version: string; void_reason: string | null; total_annual: string }>(
    `SELECT r.id, r.office_id, r.case_no, r.revision, r.kind, r.saved_at, r.operator, r.pack_version, r.void_reason, r.total_annual
     FROM revisions r JOIN unnest($1::int[], $2::text[]) AS k(office_id, case_no) ON r.office_id = k.office_id AND r.case_no = k.case_no
     ORDER BY r.revision`,
    [related.map((c) => c.office_id), related.map((c) => c.case_no)],
  );
  const cases: HouseholdCase[] = related.map((c) => ({
    ...caseNamed(c),
    voided: c.voided,
    match: c.match,
    revisions: revisions.rows
      .filter((r) => r.office_id === c.office_id && r.case_no === c.case_no)
      .map((r) => ({
        revisionId: Number(r.id),
        revision: r.revision,
        kind: r.kind,
        savedAt: isoWithOffset(r.saved_at),
        operator: r.operator,
        packVersion: r.pack_version,
        reason: r.void_reason,
        totalAnnual: r.total_annual,
      })),
  }));
  return ok({
    headName: start.head_name,
    headIdMasked: start.head_id ? maskIdNumber(start.head_id) : null,
    offices: new Set(related.map((c) => c.office_id)).size,
    cases,
  });
}

export async function revisionDetail(pool: Pool, revisionId: number): Promise<Result<CountyRevisionDetail>> {
  const found = await pool.query(
    `SELECT r.*, o.name AS office_name, d.codec, d.input, d.result, dict.bytes AS dictionary
     FROM revisions r JOIN offices o ON o.id = r.office_id JOIN revision_documents d ON d.revision_id = r.id
     LEFT JOIN dictionaries dict ON dict.id = d.dictionary_id WHERE r.id = $1`,
    [revisionId],
  );
  const row = found.rows[0];
  if (!row) return fail('找不到该修订记录', 'revisionId');
  const { result } = decodeStored(row.codec, row.dictionary, row.input, row.result) as { result: { benefits?: { code: string; label?: string; annual: string }[] } };
  return ok({
    revisionId: Number(row.id),
    revision: row.revision,
    kind: row.kind,
    savedAt: isoWithOffset(row.saved_at as Date),
    operator: row.operator,
    packVersion: row.pack_version,
    reason: row.void_reason,
    totalAnnual: row.total_annual,
    officeName: row.office_name,
    caseNo: row.case_no,
    asOf: row.as_of,
    members: (row.member_names as string[]).map((name, index) => {
      const id = (row.member_ids as string[])[index];
      return { name, maskedId: id ? maskIdNumber(id) : null };
    }),
    benefits: (result.benefits ?? []).map((benefit) => ({ code: benefit.code, label: benefit.label ?? BENEFIT_CODES[benefit.code]?.label ?? benefit.code, annual: benefit.annual })),
  });
}

export async function duplicatePeople(pool: Pool, request: { kind: 'all' | 'offices' | 'households'; page: number; pageSize: number }): Promise<Result<DuplicatesPage>> {
  const where = request.kind === 'offices' ? 'WHERE f.offices > 1' : request.kind === 'households' ? 'WHERE f.households > 1' : '';
  const counted = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM flagged_people f ${where}`);
  const people = await pool.query<{ id_number: string; offices: number; households: number }>(
    `SELECT f.id_number, f.offices, f.households FROM flagged_people f ${where} ORDER BY f.offices DESC, f.households DESC, f.id_number LIMIT $1 OFFSET $2`,
    [request.pageSize, (request.page - 1) * request.pageSize],
  );
  const ids = people.rows.map((p) => p.id_number);
  const cases = await pool.query<{ id_number: string; id: string; office_name: string; case_no: string; head_name: string; head_id: string | null; township: string; village: string; member_names: string[]; member_ids: string[] }>(
    `SELECT p.id_number, c.id, o.name AS office_name, c.case_no, c.head_name, c.head_id, c.township, c.village, c.member_names, c.member_ids
     FROM case_people p JOIN cases c ON c.id = p.case_id JOIN offices o ON o.id = c.office_id WHERE p.id_number = ANY($1::text[]) ORDER BY o.name, c.case_no`,
    [ids],
  );
  const rows: DuplicatePerson[] = people.rows.map((person) => {
    const own = cases.rows.filter((c) => c.id_number === person.id_number);
    const names = new Set<string>();
    for (const c of own) {
      const index = c.member_ids.indexOf(person.id_number);
      if (index >= 0) names.add(c.member_names[index] as string);
    }
    return {
      maskedId: maskIdNumber(person.id_number),
      names: [...names],
      offices: person.offices,
      households: person.households,
      cases: own.map((c) => ({
        ...caseNamed(c),
        relation: c.head_id === person.id_number ? 'head' : 'member',
      })),
    };
  });
  return ok({ total: Number(counted.rows[0]?.n ?? 0), page: request.page, pageSize: request.pageSize, rows });
}
