/**
 * Offices and a county for the county tests: real office data folders (the app's services and handler
 * table, cases computed and saved as at the window) and a county service on a database of the test
 * cluster (tests/support/pgCluster.ts), migrated by the county's own code.
 */
import pg from 'pg';
import { CountyService } from '../../../county/countyService';
import { migrate } from '../../../county/db/migrate';
import { generateSigningKey } from '../../../county/protocol/keys';
import { openOffice, value, type Office } from '../../support/apiOffice';
import type { TestCluster } from '../../support/pgCluster';

export interface County {
  pool: pg.Pool;
  service: CountyService;
  config: pg.PoolConfig;
  close(): Promise<void>;
}

let databases = 0;

export async function openCounty(cluster: TestCluster, name = '某某县'): Promise<County> {
  databases += 1;
  const config = await cluster.database(`county_${process.pid}_${databases}`);
  const pool = new pg.Pool({ ...config, max: 4 });
  await migrate(pool);
  const service = new CountyService(pool, generateSigningKey().key, name);
  return { pool, service, config, close: () => pool.end() };
}

export async function township(officeName: string): Promise<Office> {
  const office = openOffice({ prefix: 'huimin-county-office-', store: { durability: 'normal' } });
  await value(office.table, 'settings.set', { key: 'operatorName', value: '李经办' });
  await value(office.table, 'settings.set', { key: 'officeName', value: officeName });
  return office;
}

export async function register(county: County, office: Office, name: string): Promise<void> {
  const key = office.services.countySync.link.officeKey();
  const done = await county.service.registerOffice(name, key.publicKey.toString('base64'));
  if (!done.ok) throw new Error(JSON.stringify(done.errors));
}

/** A county database with one township office registered under the given name: most import tests start so. */
export async function countyWith(cluster: TestCluster, office: Office, name: string): Promise<County> {
  const county = await openCounty(cluster);
  await register(county, office, name);
  return county;
}

/** A household of the contract's shape: 户主 with the given ID number, and more members. */
export function household(head: { name: string; idNumber: string }, place: { township: string; village: string }, others: { name: string; idNumber: string }[] = []): Record<string, unknown> {
  return {
    asOf: '2026-03-01',
    household: { area: 'rural', status: 'dibao', township: place.township, village: place.village, monthlyIncome: 300 },
    members: [
      { id: 'm1', name: head.name, relation: 'head', idNumber: head.idNumber, birthDate: `${head.idNumber.slice(6, 10)}-${head.idNumber.slice(10, 12)}-${head.idNumber.slice(12, 14)}` },
      ...others.map((member, index) => ({ id: `m${index + 2}`, name: member.name, relation: 'child', idNumber: member.idNumber, birthDate: `${member.idNumber.slice(6, 10)}-${member.idNumber.slice(10, 12)}-${member.idNumber.slice(12, 14)}` })),
    ],
  };
}

export async function saveCase(office: Office, input: Record<string, unknown>, caseNo?: string): Promise<{ caseNo: string }> {
  const saved = await value<{ caseNo: string }>(office.table, 'cases.save', caseNo ? { caseNo, input } : { input });
  return { caseNo: saved.caseNo };
}

/** Valid GB 11643 ID numbers (check character computed). */
export function idNumber(birth: string, sequence: number): string {
  const body = `411323${birth}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = Array.from(body).reduce((total, digit, index) => total + Number(digit) * (weights[index] as number), 0);
  return body + '10X98765432'[sum % 11];
}

/** Everything the county pages read, as comparable text (ids of rows left out: they depend on arrival order). */
export async function countyPicture(pool: pg.Pool): Promise<Record<string, unknown>> {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  return {
    revisions: await q('SELECT o.fingerprint, r.local_id, r.case_no, r.revision, encode(r.content_sha256, \'hex\') AS h FROM revisions r JOIN offices o ON o.id = r.office_id ORDER BY 1, 2'),
    cases: await q(
      "SELECT o.fingerprint, c.case_no, r.local_id, c.revision, c.voided, c.updated_at, c.month, c.household_key, c.township, c.village, c.total_annual, c.benefit_codes FROM cases c JOIN offices o ON o.id = c.office_id JOIN revisions r ON r.id = c.revision_id ORDER BY 1, 2",
    ),
    terms: await q('SELECT t.term, count(*) AS n FROM case_terms t GROUP BY 1 ORDER BY 1'),
    people: await q('SELECT id_number, household_key, count(*) AS n FROM case_people GROUP BY 1, 2 ORDER BY 1, 2'),
    flagged: await q('SELECT * FROM flagged_people ORDER BY id_number'),
    totals: await q('SELECT month, township, village, code, households, amount, split_households FROM totals WHERE households <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4'),
  };
}

/** The totals recomputed from scratch from the current cases: what the incremental table must equal. */
export async function totalsFromScratch(pool: pg.Pool): Promise<unknown[]> {
  return (
    await pool.query(
      `SELECT month, township, village, code, sum(households)::int AS households, sum(amount) AS amount FROM (
         SELECT c.month, c.township, c.village, '' AS code, 1 AS households, c.total_annual AS amount FROM cases c WHERE NOT c.voided
         UNION ALL
         SELECT c.month, c.township, c.village, b.code, 1, b.amount FROM cases c JOIN revisions r ON r.id = c.revision_id,
           unnest(r.benefit_codes, r.benefit_amounts) AS b(code, amount) WHERE NOT c.voided
       ) x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
  ).rows;
}
