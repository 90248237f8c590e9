import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/services/store/index';
import { computedCase, openTestStore, removeTempDirs, tempDataDir, TestClock, validId } from './fixtures/storeTestKit';

afterEach(removeTempDirs);

const ID = validId('41132319930501123');
let dir: string;
let store: Store;
let clock: TestClock;

beforeEach(() => {
  dir = tempDataDir();
  clock = new TestClock(new Date(2026, 2, 1, 9, 0, 0).getTime());
  store = openTestStore(dir, { now: clock.now });
  const save = (body: ReturnType<typeof computedCase>) => {
    const saved = store.cases.save(body);
    if (!saved.ok) throw new Error(saved.errors[0]?.message);
    return saved.value.caseNo;
  };
  save(computedCase({ members: [{ name: '张三', relation: 'head', idNumber: ID }, { name: '王秀英' }], township: '城关镇', village: '王庄村', inpatientTotal: 60000 }));
  clock.advance(24 * 3600 * 1000); // 3 March
  save(computedCase({ members: [{ name: '=HYPERLINK("http://x")' }, { name: '李,"四"' }], status: 'ordinary' }));
  clock.advance(24 * 3600 * 1000);
  const voided = save(computedCase({ members: [{ name: '赵作废' }], inpatientTotal: 9000 }));
  store.cases.void({ caseNo: voided, reason: '录错' });
});
afterEach(() => store.close());

async function workbookOf(data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook;
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('export', () => {
  it('writes an .xlsx with 案卷 and 待遇明细 sheets, Chinese headers and masked ID numbers', async () => {
    const exported = await store.exports.export({ format: 'xlsx' });
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.value).toMatchObject({ format: 'xlsx', path: null, caseCount: 2, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(exported.value.fileName).toMatch(/^案卷导出-\d{4}-\d{2}-\d{2}-\d{6}\.xlsx$/);
    const workbook = await workbookOf(exported.value.data as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['案卷', '待遇明细']);
    const cases = rowsOf(workbook.getWorksheet('案卷') as ExcelJS.Worksheet);
    expect(cases[0]).toEqual(expect.arrayContaining(['案卷编号', '户主姓名', '户主身份证号', '乡镇（街道）', '村（社区）', '年度待遇合计（元）', '状态']));
    const zhang = cases.find((row) => row[1] === '张三') as unknown[];
    expect(zhang).toBeDefined();
    expect(zhang[2]).toBe('411323********1237');
    expect(zhang[6]).toBe('低保');
    expect(typeof zhang[9]).toBe('number'); // amounts are numbers Excel can sum
    expect(zhang[14]).toBe('有效');
    const benefits = rowsOf(workbook.getWorksheet('待遇明细') as ExcelJS.Worksheet);
    expect(benefits[0]).toEqual(['案卷编号', '户主姓名', '成员姓名', '成员身份证号', '待遇代码', '待遇名称', '年度金额（元）', '月金额（元）', '测算日期', '状态']);
    expect(benefits.some((row) => row[4] === 'medical.assistance' && row[3] === '411323********1237')).toBe(true);
    expect(exported.value.benefitCount).toBe(benefits.length - 1);
    expect(JSON.stringify(cases) + JSON.stringify(benefits)).not.toContain(ID);
  });

  it('gives full ID numbers only when asked, and can include 作废 cases', async () => {
    const exported = await store.exports.export({ format: 'xlsx', unmasked: true, filter: { voided: 'include' } });
    if (!exported.ok) throw new Error(exported.errors[0]?.message);
    expect(exported.value.caseCount).toBe(3);
    const workbook = await workbookOf(exported.value.data as Buffer);
    const cases = rowsOf(workbook.getWorksheet('案卷') as ExcelJS.Worksheet);
    expect(cases.find((row) => row[1] === '张三')?.[2]).toBe(ID);
    expect(cases.find((row) => row[1] === '赵作废')?.[14]).toBe('已作废');
  });

  it('writes CSV in UTF-8 with a BOM, quoting and neutralizing what Excel would misread', async () => {
    const exported = await store.exports.export({ format: 'csv' });
    if (!exported.ok) throw new Error(exported.errors[0]?.message);
    const data = exported.value.data as Buffer;
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = data.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]?.startsWith('案卷编号,户主姓名,户主身份证号,家庭人数,乡镇（街道）,村（社区）')).toBe(true);
    expect(text).toContain('411323********1237');
    expect(text).not.toContain(ID);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`); // never a formula
    expect(lines.length).toBe(4); // header, two cases, final empty line

    const unmasked = await store.exports.export({ format: 'csv', table: 'benefits', unmasked: true });
    if (!unmasked.ok) throw new Error(unmasked.errors[0]?.message);
    const benefits = (unmasked.value.data as Buffer).toString('utf8');
    expect(benefits.startsWith('\uFEFF案卷编号,户主姓名,成员姓名,成员身份证号,待遇代码,待遇名称,年度金额（元）')).toBe(true);
    expect(benefits).toContain(`\t${ID}`); // a tab keeps Excel from turning the number into 4.11323E+17
    expect(unmasked.value.fileName).toMatch(/^待遇明细导出-.*\.csv$/);
  });

  it('selects by date range and writes to a path', async () => {
    const path = join(dir, '导出', '三月.csv');
    const missingFolder = await store.exports.export({ format: 'csv', path });
    expect(missingFolder).toMatchObject({ ok: false, errors: [{ path: 'path' }] });
    const target = join(dir, '三月.xlsx');
    const exported = await store.exports.export({ format: 'xlsx', path: target, filter: { from: '2026-03-02', to: '2026-03-02' } });
    expect(exported).toMatchObject({ ok: true, value: { path: target, data: null, caseCount: 1 } });
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    const workbook = await workbookOf(readFileSync(target));
    expect(rowsOf(workbook.getWorksheet('案卷') as ExcelJS.Worksheet)).toHaveLength(2);
    expect(await store.exports.export({ format: 'csv', path: 'relative.csv' })).toMatchObject({ ok: false, errors: [{ path: 'path' }] });
    expect(await store.exports.export({ format: 'pdf' })).toMatchObject({ ok: false, errors: [{ path: 'format' }] });
  });

  it('exports while the desk keeps saving', async () => {
    const running = store.exports.export({ format: 'xlsx' });
    expect(store.cases.save(computedCase({ members: [{ name: '新来的' }] })).ok).toBe(true);
    const exported = await running;
    expect(exported.ok).toBe(true);
  });
});
