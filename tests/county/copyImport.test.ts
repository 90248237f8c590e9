/**
 * The import's COPY path (county/import/copyRows.ts): every text a bundle brings — names, villages,
 * operators, case numbers, reasons — is stored exactly as sent, whatever it contains (quotes,
 * backslashes, tabs, newlines, carriage returns, braces and commas inside array elements, the word
 * NULL, characters outside the BMP); rows formatted in parts arrive whole across the parts' boundaries;
 * a re-import changes nothing; and a case rewritten by a later revision keeps exactly the search words
 * of its new state (the old ones deleted by their key, or by a scan when they are not all found).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveRevision } from '../../county/import/derive';
import { caseTerms } from '../../county/import/terms';
import { readBundle, writeBundle, type Bundle, type BundleRevision } from '../../county/protocol/bundle';
import ExcelJS from 'exceljs';
import { exportSearch } from '../../county/queries/export';
import { searchCases } from '../../county/queries/search';
import { decodeBytes } from '../../electron/services/store/revisionCodec';
import { closeOffices, value, type Office } from '../support/apiOffice';
import { startTestCluster, type TestCluster } from '../support/pgCluster';
import { countyPicture, countyWith, household, idNumber, saveCase, totalsFromScratch, township, type County } from './support/countyKit';

let cluster: TestCluster;
let office: Office;
let source: Bundle;

/** texts that need escaping in COPY text format or in an array literal, or that the escaping could mistake */
const AWKWARD = ['王"大"', '李\\四', '张\t三', '赵\n五', '钱\r六', '{孙,周}', 'NULL', '吴 九', '𠀀𪚥明', '郑\\N', '冯\\\\x00'];

beforeAll(async () => {
  cluster = await startTestCluster();
  office = await township('城关镇便民服务中心');
  await saveCase(office, household({ name: '王建国', idNumber: idNumber('19650304', 11) }, { township: '城关镇', village: '东关村' }, [{ name: '王小明', idNumber: idNumber('20100506', 23) }]));
  const exported = await value<{ base64: string }>(office.table, 'countySync.exportBundle', undefined);
  const key = office.services.countySync.link.officeKey();
  const parsed = readBundle(Buffer.from(exported.base64, 'base64'), () => key.publicKey);
  if (!parsed.ok) throw new Error('bundle unreadable');
  source = parsed.value;
}, 120_000);

afterAll(() => {
  closeOffices();
  cluster?.stop();
});

const county = (): Promise<County> => countyWith(cluster, office, '城关镇');

const template = () => source.revisions[0] as BundleRevision;
const documents = (revision: BundleRevision) => {
  const dictionary = revision.dictionary === null ? null : (source.dictionaries[revision.dictionary] ?? null);
  return {
    input: JSON.parse(decodeBytes(revision.input, revision.codec, dictionary).toString('utf8')) as Record<string, unknown> & { household: Record<string, unknown>; members: Record<string, unknown>[] },
    result: decodeBytes(revision.result, revision.codec, dictionary),
  };
};

/** A revision of the template household under its own id and case number, with the given people and village, stored as plain JSON (codec 0). */
function revision(id: number, caseNo: string, people: { name: string; idNumber: string }[], village: string, more: Partial<BundleRevision> = {}): BundleRevision {
  const { input, result } = documents(template());
  const members = people.map((person, index) => ({ ...(input.members[0] as object), id: `m${index + 1}`, name: person.name, idNumber: person.idNumber, relation: index === 0 ? 'head' : 'child' }));
  const changed = { ...input, household: { ...input.household, village }, members };
  return { ...template(), id, caseNo, revision: 1, codec: 0, dictionary: null, input: Buffer.from(JSON.stringify(changed), 'utf8'), result, ...more };
}

/** PostgreSQL's order of texts in this cluster (no locale): by their UTF-8 bytes */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const signed = (revisions: BundleRevision[]) => writeBundle(office.services.countySync.link.officeKey(), '城关镇', source.header.createdAt, [], revisions);

describe('COPY path: texts stored exactly as sent', () => {
  it('names, villages, operators, case numbers and reasons with quotes, backslashes, tabs, newlines, braces and non-BMP characters', async () => {
    const c = await county();
    const people = AWKWARD.map((name, index) => ({ name, idNumber: idNumber('19800101', 100 + index) }));
    const revisions = [
      revision(1, '2026-"1"\\\t\n', people.slice(0, 6), '东关\t"村"\\'),
      revision(2, '2026-{2,3}', people.slice(6), '西关\r\n村', { operator: '经办\\人\t"甲"', kind: 'void', reason: '重复\n录入\\N' }),
    ];
    const answer = await c.service.receiveBundle(signed(revisions), 'file');
    expect(answer.ok && answer.value.outcome).toMatchObject({ revisions: 2, added: 2, conflicts: [] });

    // the office's metadata as sent; names and places as the office's own reading of the documents gives them
    // (deriveSearchFields drops control characters from names and places: what the office indexes too)
    const derived = revisions.map((r) => deriveRevision(r, []).fields);
    expect(derived[0]?.members.map((m) => m.name)).toEqual(['王"大"', '李\\四', '张三', '赵五', '钱六', '{孙,周}']);
    const stored = await c.pool.query('SELECT local_id, case_no, operator, void_reason, head_name, member_names, member_ids, village, saved_at_text FROM revisions ORDER BY local_id');
    expect(stored.rows).toEqual(
      revisions.map((r, i) => ({
        local_id: String(r.id),
        case_no: r.caseNo,
        operator: r.operator,
        void_reason: r.reason,
        head_name: derived[i]?.headName,
        member_names: derived[i]?.members.map((m) => m.name),
        member_ids: derived[i]?.members.map((m) => m.idNumber),
        village: derived[i]?.village,
        saved_at_text: r.savedAt,
      })),
    );
    expect(stored.rows.map((row) => [row.case_no, row.operator, row.void_reason])).toEqual([
      ['2026-"1"\\\t\n', template().operator, null],
      ['2026-{2,3}', '经办\\人\t"甲"', '重复\n录入\\N'],
    ]);
    expect(stored.rows[1]?.member_names).toEqual(['NULL', '吴 九', '𠀀𪚥明', '郑\\N', '冯\\\\x00']);
    // the content hash is the one the derivation gives (what tells a re-send from other content)
    const hashes = await c.pool.query("SELECT encode(content_sha256, 'hex') AS h FROM revisions ORDER BY local_id");
    expect(hashes.rows.map((row) => row.h)).toEqual(revisions.map((r) => deriveRevision(r, []).contentSha256));
    // documents byte for byte
    const docs = await c.pool.query<{ input: Buffer; result: Buffer }>('SELECT d.input, d.result FROM revision_documents d JOIN revisions r ON r.id = d.revision_id ORDER BY r.local_id');
    expect(docs.rows.map((row) => [row.input.toString('base64'), row.result.toString('base64')])).toEqual(revisions.map((r) => [r.input.toString('base64'), r.result.toString('base64')]));
    // the case rows, and the search words of each case exactly as the words of its names and ID numbers
    const cases = await c.pool.query('SELECT id, case_no, head_name, member_names, village, voided FROM cases ORDER BY case_no');
    expect(cases.rows.map((row) => [row.case_no, row.head_name, row.member_names, row.village, row.voided])).toEqual([
      ['2026-"1"\\\t\n', '王"大"', derived[0]?.members.map((m) => m.name), derived[0]?.village, false],
      ['2026-{2,3}', 'NULL', AWKWARD.slice(6), derived[1]?.village, true],
    ]);
    for (const [index, row] of cases.rows.entries()) {
      const words = await c.pool.query('SELECT term FROM case_terms WHERE case_id = $1 ORDER BY term', [row.id]);
      const fields = derived[index];
      expect(words.rows.map((word) => word.term)).toEqual(
        caseTerms(
          fields?.members.map((m) => m.name) ?? [],
          fields?.members.map((m) => m.idNumber ?? '') ?? [],
        ).sort(byBytes),
      );
    }
    // found by a member's ID digits, with the names as sent
    const found = await searchCases(c.pool, { text: (people[3]?.idNumber as string).slice(-6), page: 1, pageSize: 20 });
    expect(found.ok && found.value.rows.map((row) => [row.caseNo, row.memberNames])).toEqual([['2026-"1"\\\t\n', derived[0]?.members.map((m) => m.name)]]);
    const byName = await searchCases(c.pool, { text: '𠀀𪚥明', page: 1, pageSize: 20, includeVoided: true });
    expect(byName.ok && byName.value.rows.map((row) => row.caseNo)).toEqual(['2026-{2,3}']);
    // the people index: one row per ID number of the current (not voided) case
    const people2 = await c.pool.query('SELECT id_number FROM case_people ORDER BY id_number');
    expect(people2.rows.map((row) => row.id_number)).toEqual(
      people
        .slice(0, 6)
        .map((p) => p.idNumber)
        .sort(),
    );
    await c.close();
  });
});

describe('COPY path: a row PostgreSQL refuses', () => {
  it('fails the bundle whole (nothing of it written, the statements queued after it not applied) and the next bundle imports normally', async () => {
    const c = await county();
    const good = Array.from({ length: 300 }, (_, i) => revision(5000 + i, `2026-N${i}`, [{ name: `王${i}`, idNumber: idNumber('19850101', i) }], '东关村'));
    // a NUL character: a text PostgreSQL cannot store, in the 300th row of the revisions' COPY
    const bad = [...good.slice(0, 299), { ...(good[299] as BundleRevision), operator: '经办\u0000人' }];
    await expect(c.service.receiveBundle(signed(bad), 'file')).rejects.toThrow();
    const empty = await c.pool.query('SELECT (SELECT count(*) FROM revisions)::int AS r, (SELECT count(*) FROM cases)::int AS c, (SELECT count(*) FROM case_terms)::int AS t, (SELECT count(*) FROM bundles)::int AS b, (SELECT count(*) FROM totals)::int AS s');
    expect(empty.rows[0]).toEqual({ r: 0, c: 0, t: 0, b: 0, s: 0 });
    const answer = await c.service.receiveBundle(signed(good), 'file');
    expect(answer.ok && answer.value.outcome).toMatchObject({ revisions: 300, added: 300, conflicts: [] });
    expect((await c.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0]?.n).toBe(300);
    const kept = await c.pool.query('SELECT month, township, village, code, households, amount FROM totals WHERE households <> 0 ORDER BY 1, 2, 3, 4');
    expect(kept.rows).toEqual(await totalsFromScratch(c.pool));
    await c.close();
  }, 120_000);
});

describe('COPY path: rows in parts, re-imports, rewritten cases', () => {
  it('600 revisions (the rows are formatted 256 at a time): each with its own documents and words; a second import changes nothing; totals equal a recount', async () => {
    const c = await county();
    const revisions = Array.from({ length: 600 }, (_, i) =>
      revision(1000 + i, `2026-${String(i).padStart(5, '0')}`, [{ name: `${AWKWARD[i % AWKWARD.length]}${i}`, idNumber: idNumber('19900101', i % 1000) }], `村${i % 7}`),
    );
    const first = await c.service.receiveBundle(signed(revisions), 'file');
    expect(first.ok && first.value.outcome).toMatchObject({ revisions: 600, added: 600, conflicts: [] });
    for (const at of [0, 255, 256, 511, 512, 599]) {
      const row = await c.pool.query('SELECT r.head_name, r.case_no, d.input, c.case_no AS shown FROM revisions r JOIN revision_documents d ON d.revision_id = r.id JOIN cases c ON c.revision_id = r.id WHERE r.local_id = $1', [1000 + at]);
      expect(row.rows[0]?.head_name).toBe(deriveRevision(revisions[at] as BundleRevision, []).fields.headName);
      expect(row.rows[0]?.case_no).toBe(`2026-${String(at).padStart(5, '0')}`);
      expect(row.rows[0]?.shown).toBe(row.rows[0]?.case_no);
      expect(Buffer.compare(row.rows[0]?.input as Buffer, (revisions[at] as BundleRevision).input)).toBe(0);
    }
    const words = await c.pool.query('SELECT count(*)::int AS n FROM case_terms');
    const expected = revisions.reduce((sum, r) => sum + caseTerms([deriveRevision(r, []).fields.headName], [deriveRevision(r, []).fields.headIdNumber ?? '']).length, 0);
    expect(words.rows[0]?.n).toBe(expected);
    const picture = await countyPicture(c.pool);
    const again = await c.service.receiveBundle(signed(revisions), 'file');
    expect(again.ok && again.value.outcome).toMatchObject({ revisions: 600, added: 0, conflicts: [] });
    expect(await countyPicture(c.pool)).toEqual(picture);
    const kept = await c.pool.query('SELECT month, township, village, code, households, amount FROM totals WHERE households <> 0 ORDER BY 1, 2, 3, 4');
    expect(kept.rows).toEqual(await totalsFromScratch(c.pool));
    await c.close();
  }, 120_000);

  it('a case rewritten by later revisions keeps exactly the words of its new state, also when its old words are not all where expected; a stray old word never finds it', async () => {
    const c = await county();
    const head = idNumber('19700101', 501);
    const wordsOf = async () => {
      const rows = await c.pool.query("SELECT t.term FROM case_terms t JOIN cases k ON k.id = t.case_id WHERE k.case_no = '2026-R' ORDER BY 1");
      return rows.rows.map((row) => row.term as string);
    };
    const sorted = (terms: string[]) => [...terms].sort(byBytes);
    const find = async (text: string) => {
      const found = await searchCases(c.pool, { text, page: 1, pageSize: 20 });
      return found.ok ? found.value.rows.map((row) => row.caseNo) : found.errors;
    };

    await c.service.receiveBundle(signed([revision(1, '2026-R', [{ name: '周大庆', idNumber: head }], '东关村')]), 'file');
    expect(await wordsOf()).toEqual(sorted(caseTerms(['周大庆'], [head])));
    // revision 2, saved later: other name; the old words are deleted by their key
    await c.service.receiveBundle(signed([revision(2, '2026-R', [{ name: '吴小燕', idNumber: head }], '东关村', { revision: 2, savedAt: '2027-01-02T09:00:00.000+08:00' })]), 'file');
    expect(await wordsOf()).toEqual(sorted(caseTerms(['吴小燕'], [head])));
    expect(await find('周大庆')).toEqual([]);
    expect(await find('吴小燕')).toEqual(['2026-R']);

    // one of its words missing (as if written otherwise): the import finds fewer than expected and scans
    await c.pool.query("DELETE FROM case_terms WHERE term = 'n:吴小'");
    await c.service.receiveBundle(signed([revision(3, '2026-R', [{ name: '郑春梅', idNumber: head }], '东关村', { revision: 3, savedAt: '2027-01-03T09:00:00.000+08:00' })]), 'file');
    expect(await wordsOf()).toEqual(sorted(caseTerms(['郑春梅'], [head])));
    expect(await find('吴小燕')).toEqual([]);

    // a word of an earlier state left behind (an earlier date) never finds the case
    const caseRow = await c.pool.query("SELECT id FROM cases WHERE case_no = '2026-R'");
    await c.pool.query("INSERT INTO case_terms (term, updated_at, case_id) VALUES ('n:旧名', '2020-01-01T00:00:00Z', $1)", [caseRow.rows[0]?.id]);
    expect(await find('旧名')).toEqual([]);
    expect(await find('郑春梅')).toEqual(['2026-R']);
    // the Excel export of a search finds by the same words (a three-character name: two words, the second tested by its key)
    const exported = async (text: string) => {
      const file = await exportSearch(c.pool, { text }, false, new Date());
      if (!file.ok) throw new Error(JSON.stringify(file.errors));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.value.base64, 'base64') as unknown as ExcelJS.Buffer);
      const rows: string[] = [];
      book.worksheets[0]?.eachRow((row, number) => {
        if (number > 1) rows.push(String(row.getCell(2).value));
      });
      return rows;
    };
    expect(await exported('郑春梅')).toEqual(['2026-R']);
    expect(await exported('吴小燕')).toEqual([]);
    expect(await exported('周大庆')).toEqual([]);
    expect(await exported('旧名')).toEqual([]);
    const kept = await c.pool.query('SELECT month, township, village, code, households, amount FROM totals WHERE households <> 0 ORDER BY 1, 2, 3, 4');
    expect(kept.rows).toEqual(await totalsFromScratch(c.pool));
    await c.close();
  }, 120_000);
});
