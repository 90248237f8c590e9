/**
 * Issue 19's "done when", in one test: two township offices (data folders of their own, working
 * through the office API as the app does) and one county server. Both save cases offline; 城关镇 hands
 * in a USB bundle and later sends everything again over the network (its receipt never came back),
 * 安皋镇's USB bundle is imported twice at the county and its receipt carried back. The county pages'
 * own API (HTTP, with the pages' token) then shows each case once, the household served at both
 * windows and the child listed in two households flagged, totals by township, and both offices'
 * reports; both offices know the county has everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyChannel, CountyInput, CountyOutput } from '../../shared/api/countyApi';
import type { Result } from '../../shared/errors';
import { startCountyServer, type CountyServer } from '../../county/server/app';
import { TOKEN_HEADER } from '../../electron/web/server';
import { closeOffices, value, type Office } from '../support/apiOffice';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { household, idNumber, openCounty, saveCase, township, type County } from './support/countyKit';

const TOKEN = 'county-pages-token';
const WANG = { name: '王建国', idNumber: idNumber('19650304', 11) };
const CHILD = { name: '王小明', idNumber: idNumber('20100506', 23) };

let cluster: TestCluster;
let county: County;
let server: CountyServer;
let chengguan: Office;
let angao: Office;
const chengguanCases: string[] = [];
let wangCaseNo = '';
// the county and the offices in 南阳's time zone, whatever this machine's is (restored after the file)
const zone = process.env.TZ;
const angaoCases: string[] = [];

/** A call of the county pages (renderer/src/county/countyClient.ts does the same). */
async function page<C extends CountyChannel>(channel: C, input: CountyInput<C>): Promise<CountyOutput<C>> {
  const response = await fetch(`${server.officeUrl}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN },
    body: JSON.stringify(input ?? {}),
  });
  expect(response.status).toBe(200);
  const result = (await response.json()) as Result<CountyOutput<C>>;
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.errors)}`);
  return result.value;
}

interface Status {
  office: { fingerprint: string; publicKey: string };
  pending: number;
  acknowledged: number;
  revisions: number;
}

beforeAll(async () => {
  process.env.TZ = 'Asia/Shanghai';
  cluster = await startTestCluster();
  county = await openCounty(cluster, '某某县');
  server = await startCountyServer({ service: county.service, rendererDir: '.', port: 0, token: TOKEN });

  // offline: neither office knows the county yet
  chengguan = await township('城关镇便民服务中心');
  const wang = await saveCase(chengguan, household(WANG, { township: '城关镇', village: '东关村' }, [CHILD]));
  await saveCase(chengguan, household(WANG, { township: '城关镇', village: '东关村' }, [CHILD, { name: '王小红', idNumber: idNumber('20120807', 44) }]), wang.caseNo);
  const li = await saveCase(chengguan, household({ name: '李桂兰', idNumber: idNumber('19580912', 62) }, { township: '城关镇', village: '西关村' }));
  await value(chengguan.table, 'cases.void', { caseNo: li.caseNo, reason: '重复录入' });
  const zhao = await saveCase(chengguan, household({ name: '赵德福', idNumber: idNumber('19700101', 35) }, { township: '城关镇', village: '东关村' }));
  chengguanCases.push(wang.caseNo, li.caseNo, zhao.caseNo);
  wangCaseNo = wang.caseNo;

  angao = await township('安皋镇便民服务中心');
  // the same family at the other window, and 王小明 again as a member of another household
  const wangAgain = await saveCase(angao, household(WANG, { township: '安皋镇', village: '前营村' }));
  const liu = await saveCase(angao, household({ name: '刘桂英', idNumber: idNumber('19720315', 58) }, { township: '安皋镇', village: '前营村' }, [CHILD]));
  angaoCases.push(wangAgain.caseNo, liu.caseNo);

  // the county registers both offices on its 乡镇上报 page (each fingerprint read out on the phone)
  for (const [office, name] of [
    [chengguan, '城关镇'],
    [angao, '安皋镇'],
  ] as const) {
    const status = await value<Status>(office.table, 'countySync.status', undefined);
    const offices = await page('county.registerOffice', { name, publicKey: status.office.publicKey });
    expect(offices.find((o) => o.name === name)?.fingerprint).toBe(status.office.fingerprint);
  }
}, 240_000);

afterAll(async () => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
  closeOffices();
  await server?.close();
  await county?.close();
  cluster?.stop();
});

describe('two townships and the county', () => {
  it('城关镇: a USB bundle, then everything again over the network (its receipt never came back): held once', async () => {
    const bundle = await value<{ base64: string; fileName: string; revisions: number }>(chengguan.table, 'countySync.exportBundle', undefined);
    expect(bundle.revisions).toBe(5);
    const imported = await page('county.importBundle', { fileName: bundle.fileName, base64: bundle.base64 });
    expect(imported).toMatchObject({ officeName: '城关镇', revisions: 5, added: 5, conflicts: 0 });

    expect(await value<Status>(chengguan.table, 'countySync.status', undefined)).toMatchObject({ pending: 5 });
    const offered = await value<{ offered: { fingerprint: string } }>(chengguan.table, 'countySync.connect', { address: server.officeUrl });
    expect(offered.offered.fingerprint).toBe(county.service.serverKey.fingerprint);
    await value(chengguan.table, 'countySync.trust', { fingerprint: offered.offered.fingerprint });
    const job = await chengguan.services.countySync.sendAll();
    expect(job).toMatchObject({ state: 'done', sent: 5, acknowledged: 5, conflicts: 0 });
    expect(await value<Status>(chengguan.table, 'countySync.status', undefined)).toMatchObject({ pending: 0, acknowledged: 5 });
  });

  it('安皋镇: its USB bundle imported twice, the receipt carried back and confirmed by fingerprint', async () => {
    const bundle = await value<{ base64: string; fileName: string; revisions: number }>(angao.table, 'countySync.exportBundle', undefined);
    expect(bundle.revisions).toBe(2);
    const first = await page('county.importBundle', { fileName: bundle.fileName, base64: bundle.base64 });
    expect(first).toMatchObject({ officeName: '安皋镇', revisions: 2, added: 2 });
    const second = await page('county.importBundle', { fileName: bundle.fileName, base64: bundle.base64 });
    expect(second).toMatchObject({ revisions: 2, added: 0, conflicts: 0 });

    const receipt = { fileName: second.receipt.fileName, base64: second.receipt.base64 };
    const shown = await value<{ recorded: boolean; server: { fingerprint: string } }>(angao.table, 'countySync.importReceipt', receipt);
    expect(shown).toMatchObject({ recorded: false, server: { fingerprint: county.service.serverKey.fingerprint } });
    const recorded = await value<{ recorded: boolean; accepted: number }>(angao.table, 'countySync.importReceipt', { ...receipt, confirmFingerprint: shown.server.fingerprint });
    expect(recorded).toMatchObject({ recorded: true, accepted: 2 });
    expect(await value<Status>(angao.table, 'countySync.status', undefined)).toMatchObject({ pending: 0, acknowledged: 2 });
  });

  it('the county pages show every case once, across both townships', async () => {
    const all = await page('county.search', { includeVoided: true, pageSize: 50 });
    expect(all.total).toBe(5);
    expect(all.rows.map((row) => `${row.officeName} ${row.caseNo}`).sort()).toEqual(
      [...chengguanCases.map((caseNo) => `城关镇 ${caseNo}`), ...angaoCases.map((caseNo) => `安皋镇 ${caseNo}`)].sort(),
    );
    // 李桂兰 was 作废 at the window: not among the current cases
    const current = await page('county.search', { pageSize: 50 });
    expect(current.rows.map((row) => row.headName).sort()).toEqual(['刘桂英', '王建国', '王建国', '赵德福']);
    // 王建国's case at 城关镇 shows its latest revision: three members
    const wang = await page('county.search', { text: '王建国', township: '城关镇' });
    expect(wang.rows).toHaveLength(1);
    expect(wang.rows[0]).toMatchObject({ revision: 2, memberNames: ['王建国', '王小明', '王小红'] });
    // found by 拼音首字母 and by the last digits of an ID number, in both townships
    expect((await page('county.search', { text: 'wjg' })).rows.map((row) => row.township).sort()).toEqual(['城关镇', '安皋镇']);
    expect((await page('county.search', { text: CHILD.idNumber.slice(-6) })).rows.map((row) => row.headName).sort()).toEqual(['刘桂英', '王建国']);
  });

  it('flags the household served at both windows and the child listed in two households', async () => {
    const duplicates = await page('county.duplicates', { kind: 'all' });
    const byId = new Map(duplicates.rows.map((row) => [row.maskedId, row]));
    const mask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
    expect([...byId.keys()].sort()).toEqual([mask(WANG.idNumber), mask(CHILD.idNumber)].sort());
    expect(byId.get(mask(WANG.idNumber))).toMatchObject({ offices: 2, households: 1 });
    expect(byId.get(mask(CHILD.idNumber))).toMatchObject({ offices: 2, households: 2 });
    expect(byId.get(mask(CHILD.idNumber))?.cases.map((c) => `${c.officeName} ${c.headName} ${c.relation}`).sort()).toEqual(['城关镇 王建国 member', '安皋镇 刘桂英 member']);
    // every current case with one of them is marked in the search list; 赵德福's is not
    const current = await page('county.search', { pageSize: 50 });
    expect(current.rows.filter((row) => row.flagged).map((row) => row.headName).sort()).toEqual(['刘桂英', '王建国', '王建国']);
    // one household's history: both offices' cases of 王建国, with every revision
    const start = current.rows.find((row) => row.township === '城关镇' && row.headName === '王建国');
    const history = await page('county.household', { countyCaseId: start?.countyCaseId as number });
    expect(history.offices).toBe(2);
    expect(history.cases.map((c) => `${c.officeName} ${c.match} ${c.revisions.length}`).sort()).toEqual(['城关镇 head 2', '安皋镇 head 1']);
  });

  it('shows times as the window saw them (local time, not UTC)', async () => {
    const atOffice = await value<{ revisions: { revision: number; savedAt: string }[] }>(chengguan.table, 'cases.get', { caseNo: wangCaseNo });
    const saves = atOffice.revisions.map((r) => r.savedAt);
    expect(saves[0]).toMatch(/\+08:00$/);
    const current = await page('county.search', { text: '王建国', township: '城关镇' });
    const history = await page('county.household', { countyCaseId: current.rows[0]?.countyCaseId as number });
    expect(history.cases.find((c) => c.officeName === '城关镇')?.revisions.map((r) => r.savedAt)).toEqual(saves);
    expect(current.rows[0]?.updatedAt).toBe(saves.at(-1));
    const offices = await page('county.offices', undefined);
    for (const office of offices) expect(office.lastReceivedAt).toMatch(/\+08:00$/);
  });

  it('totals by township and the offices\' reports count each case once', async () => {
    const totals = await page('county.totals', { groupBy: 'township' });
    expect(totals.rows.map((row) => [row.label, row.households])).toEqual([
      ['城关镇', 2],
      ['安皋镇', 2],
    ]);
    expect(totals.total.households).toBe(4);
    const offices = await page('county.offices', undefined);
    expect(offices.map((o) => [o.name, o.revisions, o.cases, o.conflicts]).sort()).toEqual([
      ['城关镇', 5, 3, 0],
      ['安皋镇', 2, 2, 0],
    ]);
    for (const office of offices) expect(office.lastReceivedAt).not.toBeNull();
    const bundles = await county.pool.query<{ name: string; via: string; added: number }>('SELECT o.name, b.via, b.added FROM bundles b JOIN offices o ON o.id = b.office_id ORDER BY b.id');
    expect(bundles.rows.map((b) => `${b.name} ${b.via} +${b.added}`)).toEqual(['城关镇 file +5', '城关镇 network +0', '安皋镇 file +2', '安皋镇 file +0']);
  });
});
