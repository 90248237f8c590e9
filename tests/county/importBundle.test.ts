/**
 * 上报包 into the county database: a union by (office key, the office's revision id). Sending twice,
 * in another order, or parts of it again leaves the same picture; a bundle not signed by a registered
 * office, or with any byte changed, is refused with nothing written; the same key with other content
 * is kept apart as a conflict and never overwrites; the receipt file records the acknowledgement at
 * the office, only once the county server's fingerprint is confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle, writeBundle, type BundleRevision } from '../../county/protocol/bundle';
import { COUNT_LIMIT, searchCases } from '../../county/queries/search';
import { closeOffices, value, type Office } from '../support/apiOffice';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { countyPicture, countyWith, household, idNumber, openCounty, register, saveCase, totalsFromScratch, township, type County } from './support/countyKit';

let cluster: TestCluster;
let office: Office;
let bundle: Buffer;

beforeAll(async () => {
  cluster = await startTestCluster();
  office = await township('城关镇便民服务中心');
  const a = await saveCase(office, household({ name: '王建国', idNumber: idNumber('19650304', 11) }, { township: '城关镇', village: '东关村' }, [{ name: '王小明', idNumber: idNumber('20100506', 23) }]));
  await saveCase(office, household({ name: '王建国', idNumber: idNumber('19650304', 11) }, { township: '城关镇', village: '东关村' }, [{ name: '王小明', idNumber: idNumber('20100506', 23) }, { name: '王小红', idNumber: idNumber('20120807', 44) }]), a.caseNo);
  const b = await saveCase(office, household({ name: '李桂兰', idNumber: idNumber('19580912', 62) }, { township: '城关镇', village: '西关村' }));
  await value(office.table, 'cases.void', { caseNo: b.caseNo, reason: '重复录入' });
  await saveCase(office, household({ name: '赵德福', idNumber: idNumber('19700101', 35) }, { township: '城关镇', village: '东关村' }));
  const exported = await value<{ base64: string; revisions: number }>(office.table, 'countySync.exportBundle', undefined);
  expect(exported.revisions).toBe(5);
  bundle = Buffer.from(exported.base64, 'base64');
}, 120_000);

afterAll(() => {
  closeOffices();
  cluster?.stop();
});

const county = (): Promise<County> => countyWith(cluster, office, '城关镇');

describe('union import', () => {
  it('imports once: a second import of the same file adds nothing and changes nothing', async () => {
    const c = await county();
    const first = await c.service.importBundleFile(bundle);
    expect(first.ok && first.value).toMatchObject({ revisions: 5, added: 5, conflicts: 0 });
    const picture = await countyPicture(c.pool);
    const second = await c.service.importBundleFile(bundle);
    expect(second.ok && second.value).toMatchObject({ revisions: 5, added: 0, conflicts: 0 });
    expect(await countyPicture(c.pool)).toEqual(picture);
    // 2 current cases (李桂兰 voided): 王建国 at revision 2 with three members, 赵德福
    const cases = await c.pool.query('SELECT case_no, revision, voided, array_length(member_ids, 1) AS members FROM cases ORDER BY case_no');
    expect(cases.rows.map((r) => [r.revision, r.voided, r.members])).toEqual([
      [2, false, 3],
      [2, true, 1],
      [1, false, 1],
    ]);
    expect(await c.pool.query("SELECT households FROM totals WHERE code = '' ORDER BY village").then((r) => r.rows.map((x) => x.households))).toEqual([2]);
    expect((await countyPicture(c.pool)).totals).toEqual(expect.any(Array));
    const scratch = await totalsFromScratch(c.pool);
    const kept = await c.pool.query("SELECT month, township, village, code, households, amount FROM totals WHERE households <> 0 ORDER BY 1, 2, 3, 4");
    expect(kept.rows).toEqual(scratch);
    await c.close();
  });

  it('the same revisions in parts, in reverse order and repeated, end in the same picture as one import', async () => {
    const key = office.services.countySync.link.officeKey();
    const parsed = readBundle(bundle, () => key.publicKey);
    if (!parsed.ok) throw new Error('bundle unreadable');
    const parts = parsed.value.revisions.map((revision) => writeBundle(key, '城关镇', parsed.value.header.createdAt, parsed.value.dictionaries, [revision]));
    const whole = await county();
    await whole.service.importBundleFile(bundle);
    const pieces = await county();
    for (const part of [...parts].reverse()) expect((await pieces.service.importBundleFile(part)).ok).toBe(true);
    for (const part of parts.slice(0, 3)) await pieces.service.importBundleFile(part);
    expect(await countyPicture(pieces.pool)).toEqual(await countyPicture(whole.pool));
    await whole.close();
    await pieces.close();
  });
});

describe('refusals', () => {
  it('refuses a bundle whose any single byte is changed, and writes nothing', async () => {
    const c = await county();
    const before = await countyPicture(c.pool);
    const key = office.services.countySync.link.officeKey();
    const flipped = (position: number) => {
      const altered = Buffer.from(bundle);
      altered[position] = (altered[position] as number) ^ (position % 7 === 0 ? 0x80 : 0x01);
      return altered;
    };
    // every byte through the check the county runs (readBundle with the registered key) …
    let refused = 0;
    for (let position = 0; position < bundle.length; position++) if (!readBundle(flipped(position), () => key.publicKey).ok) refused++;
    expect(refused).toBe(bundle.length);
    // … and a spread of them through the whole receiving path, database included
    for (let position = 0; position < bundle.length; position += Math.ceil(bundle.length / 150)) {
      expect((await c.service.receiveBundle(flipped(position), 'file')).ok).toBe(false);
    }
    // cut short or with a byte appended
    expect((await c.service.receiveBundle(bundle.subarray(0, bundle.length - 1), 'file')).ok).toBe(false);
    expect((await c.service.receiveBundle(Buffer.concat([bundle, Buffer.from([0])]), 'file')).ok).toBe(false);
    expect(await countyPicture(c.pool)).toEqual(before);
    expect((await c.pool.query('SELECT count(*)::int AS n FROM bundles')).rows[0].n).toBe(0);
    await c.close();
  }, 120_000);

  it('refuses a bundle from an office that is not registered, or was revoked', async () => {
    const c = await openCounty(cluster);
    const refused = await c.service.importBundleFile(bundle);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]?.message).toContain('未在县级登记');
    await register(c, office, '城关镇');
    const offices = await c.service.offices();
    await c.service.revokeOffice(offices[0]?.id as number);
    expect((await c.service.importBundleFile(bundle)).ok).toBe(false);
    expect((await c.pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(0);
    await c.close();
  });
});

describe('conflicts', () => {
  it('keeps the first content of a key and the other apart, once, and acknowledges it as a conflict', async () => {
    const c = await county();
    await c.service.importBundleFile(bundle);
    const picture = await countyPicture(c.pool);
    const key = office.services.countySync.link.officeKey();
    const parsed = readBundle(bundle, () => key.publicKey);
    if (!parsed.ok) throw new Error('bundle unreadable');
    const first = parsed.value.revisions[0];
    if (!first) throw new Error('empty');
    // the office's id 1 again, saved by another operator: another content under the same key
    const changed = writeBundle(key, '城关镇', parsed.value.header.createdAt, parsed.value.dictionaries, [{ ...first, operator: '张经办' }]);
    const answer = await c.service.receiveBundle(changed, 'file');
    expect(answer.ok && answer.value.receipt).toMatchObject({ accepted: [], conflicts: [first.id] });
    await c.service.receiveBundle(changed, 'file');
    expect(await countyPicture(c.pool)).toEqual(picture);
    const conflicts = await c.pool.query('SELECT local_id FROM revision_conflicts');
    expect(conflicts.rows.map((row) => Number(row.local_id))).toEqual([first.id]);
    const stored = await c.pool.query('SELECT operator FROM revisions WHERE local_id = $1', [first.id]);
    expect(stored.rows[0].operator).toBe('李经办');
    await expect(c.pool.query('UPDATE revisions SET operator = $1', ['x'])).rejects.toThrow(/只能追加/);
    await c.close();
  });
});

describe('receipt file at the office', () => {
  it('shows the county fingerprint first, records only once it is confirmed, then nothing is pending', async () => {
    const c = await county();
    const reply = await c.service.importBundleFile(bundle);
    if (!reply.ok) throw new Error('import failed');
    const receipt = reply.value.receipt.base64;
    const shown = await value<{ recorded: boolean; server: { fingerprint: string } }>(office.table, 'countySync.importReceipt', { fileName: 'r.hmreceipt', base64: receipt });
    expect(shown).toMatchObject({ recorded: false, server: { fingerprint: c.service.serverKey.fingerprint } });
    expect((await value<{ pending: number }>(office.table, 'countySync.status', undefined)).pending).toBe(5);
    const recorded = await value<{ recorded: boolean; accepted: number }>(office.table, 'countySync.importReceipt', { fileName: 'r.hmreceipt', base64: receipt, confirmFingerprint: c.service.serverKey.fingerprint });
    expect(recorded).toMatchObject({ recorded: true, accepted: 5 });
    const status = await value<{ pending: number; acknowledged: number }>(office.table, 'countySync.status', undefined);
    expect(status).toMatchObject({ pending: 0, acknowledged: 5 });
    // a receipt altered in one byte is refused
    const altered = Buffer.from(receipt, 'base64');
    altered[40] = (altered[40] as number) ^ 1;
    const refused = await office.table['countySync.importReceipt']({ fileName: 'r', base64: altered.toString('base64') });
    expect(refused.ok).toBe(false);
    await c.close();
  });
});

describe('bundles larger than one statement (2,000 rows are written per statement)', () => {
  /** The office's 5 revisions copied under new ids and case numbers (signed with the office's key): n revisions from `from`. */
  function copies(from: number, n: number, change: (id: number) => Partial<BundleRevision> = () => ({})): BundleRevision[] {
    const key = office.services.countySync.link.officeKey();
    const parsed = readBundle(bundle, () => key.publicKey);
    if (!parsed.ok) throw new Error('bundle unreadable');
    const first = parsed.value.revisions.filter((revision) => revision.revision === 1 && revision.kind === 'save');
    return Array.from({ length: n }, (_, i) => {
      const id = from + i;
      const source = first[id % first.length] as BundleRevision;
      return { ...source, id, caseNo: `2026-9${String(id).padStart(6, '0')}`, ...change(id) };
    });
  }
  const signed = (revisions: BundleRevision[]) => {
    const key = office.services.countySync.link.officeKey();
    const parsed = readBundle(bundle, () => key.publicKey);
    if (!parsed.ok) throw new Error('bundle unreadable');
    return writeBundle(key, '城关镇', parsed.value.header.createdAt, parsed.value.dictionaries, revisions);
  };

  it('the same revision listed twice in one bundle (across statements) is imported and acknowledged once', async () => {
    const c = await county();
    const revisions = copies(100_001, 4100);
    const twice = [...revisions, revisions[10] as BundleRevision, revisions[2500] as BundleRevision];
    const answer = await c.service.receiveBundle(signed(twice), 'file');
    expect(answer.ok && answer.value.outcome).toMatchObject({ revisions: 4100, added: 4100, conflicts: [] });
    expect(answer.ok && answer.value.receipt.accepted.length).toBe(4100);
    expect((await c.pool.query('SELECT count(*)::int AS n, count(DISTINCT local_id)::int AS d FROM revisions')).rows[0]).toEqual({ n: 4100, d: 4100 });
    expect((await c.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(4100);
    // a broad search counts to COUNT_LIMIT (1,000) and says "more"; its pages go on past the count
    const holders = (await c.pool.query("SELECT count(*)::int AS n FROM cases WHERE township = '城关镇' AND '王建国' = ANY(member_names)")).rows[0].n as number;
    expect(holders).toBeGreaterThan(COUNT_LIMIT);
    const broad = await searchCases(c.pool, { text: '王建国', township: '城关镇', page: 1, pageSize: 50 });
    expect(broad.ok && { total: broad.value.total, more: broad.value.more, rows: broad.value.rows.length }).toEqual({ total: COUNT_LIMIT, more: true, rows: 50 });
    const past = await searchCases(c.pool, { text: '王建国', township: '城关镇', page: 21, pageSize: 50 });
    expect(past.ok && past.value.rows.length).toBe(50);
    // the same picture as the revisions once each
    const once = await county();
    await once.service.receiveBundle(signed(revisions), 'file');
    expect(await countyPicture(c.pool)).toEqual(await countyPicture(once.pool));
    await c.close();
    await once.close();
  }, 120_000);

  it('the same id twice in one bundle with other content refuses the bundle whole', async () => {
    const c = await county();
    const revisions = copies(200_001, 2100);
    const other = { ...(revisions[2050] as BundleRevision), operator: '张经办' };
    const answer = await c.service.receiveBundle(signed([...revisions, other]), 'file');
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.errors[0]?.message).toContain('出现两次且内容不同');
    expect((await c.pool.query('SELECT (SELECT count(*) FROM revisions)::int AS r, (SELECT count(*) FROM bundles)::int AS b')).rows[0]).toEqual({ r: 0, b: 0 });
    await c.close();
  }, 120_000);

  it('a bundle overlapping an earlier one, with other content for keys in its later statements: the first content kept, those acknowledged as conflicts, the rest added', async () => {
    const c = await county();
    await c.service.receiveBundle(signed(copies(300_001, 3000)), 'file');
    const picture = await countyPicture(c.pool);
    // ids 302,001–306,000: 1,000 already held (two of them with other content), 3,000 new
    const changed = new Set([302_500, 302_999]);
    const overlapping = copies(302_001, 4000, (id) => (changed.has(id) ? { operator: '张经办' } : {}));
    const answer = await c.service.receiveBundle(signed(overlapping), 'file');
    expect(answer.ok && answer.value.outcome).toMatchObject({ revisions: 4000, added: 3000, conflicts: [...changed] });
    expect(answer.ok && answer.value.receipt.accepted.length).toBe(3998);
    const conflicts = await c.pool.query('SELECT local_id FROM revision_conflicts ORDER BY local_id');
    expect(conflicts.rows.map((row) => Number(row.local_id))).toEqual([...changed]);
    const kept = await c.pool.query('SELECT DISTINCT operator FROM revisions WHERE local_id = ANY($1::bigint[])', [[...changed]]);
    expect(kept.rows).toEqual([{ operator: '李经办' }]);
    expect((await c.pool.query('SELECT count(*)::int AS n FROM revisions')).rows[0].n).toBe(6000);
    // the earlier cases are as they were; sending the overlap again changes nothing more
    const after = await countyPicture(c.pool);
    expect((await c.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(6000);
    await c.service.receiveBundle(signed(overlapping), 'file');
    expect(await countyPicture(c.pool)).toEqual(after);
    expect((await c.pool.query('SELECT count(*)::int AS n FROM revision_conflicts')).rows[0].n).toBe(2);
    // and the totals equal those computed from scratch
    const scratch = await totalsFromScratch(c.pool);
    const kept2 = await c.pool.query('SELECT month, township, village, code, households, amount FROM totals WHERE households <> 0 ORDER BY 1, 2, 3, 4');
    expect(kept2.rows).toEqual(scratch);
    expect(picture.revisions).toEqual((after.revisions as unknown[]).slice(0, 3000));
    await c.close();
  }, 120_000);
});
