/**
 * Reading a roster: the encoding of a CSV decided from its bytes and said (never replacement
 * characters), CSV as Excel writes it, the files that are not rosters refused by name, and the words
 * of the 名册用语 table (shipped pack) read from the cells these systems write.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { detectSeparator, parseCsv } from '../../../electron/services/roster/csv';
import { readRoster, zipUnpackedBytes } from '../../../electron/services/roster/readRoster';
import { checkRoster } from '../../../shared/roster/check';
import { decodeText } from '../../../electron/services/roster/textEncoding';
import { applyPreset, mappingProblems, suggestMapping } from '../../../shared/roster/fields';
import { readCell } from '../../../shared/roster/preview';
import { mergeWords, readDisabilityCell, readDisabilityCells, readRelationCell, readStageCell, readStatusCell, type RosterWords } from '../../../shared/roster/words';
import { encodeGbk } from '../../support/rosterFixture';

const words = SHIPPED_PACKS[0]?.rosterWords as RosterWords;
const text = '姓名,身份证号\r\n张三,411323199305011237\r\n';

describe('the encoding of a CSV roster', () => {
  it('UTF-8 with a BOM, UTF-8 without, GBK and UTF-16 are each read and said', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'a.csv')).toEqual({
      text,
      encoding: 'utf-8',
      bom: true,
      statement: '按 UTF-8 编码读取（文件开头带 UTF-8 编码标记，Excel“CSV UTF-8”另存的文件）',
      alternative: null,
    });
    expect(decodeText(Buffer.from(text), 'a.csv')).toMatchObject({ text, encoding: 'utf-8', bom: false, statement: '按 UTF-8 编码读取（文件开头没有编码标记；内容是有效的 UTF-8）' });
    expect(decodeText(encodeGbk(text), 'a.csv')).toMatchObject({ text, encoding: 'gb18030', bom: false, alternative: null });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,/g, '\t'), 'utf16le')]);
    expect(decodeText(utf16, 'a.txt')).toMatchObject({ text: text.replace(/,/g, '\t'), encoding: 'utf-16le', bom: true });
  });

  it('bytes valid in both are read as UTF-8 and the GBK reading is offered; the user may choose it', () => {
    // the UTF-8 bytes of 姓名 also happen to be valid GBK (other characters)
    const both = Buffer.from('姓名', 'utf8');
    const decoded = decodeText(both, 'b.csv');
    expect(decoded).toMatchObject({ encoding: 'utf-8', text: '姓名', alternative: 'gb18030' });
    const forced = decodeText(both, 'b.csv', 'gb18030');
    expect(forced).toMatchObject({ encoding: 'gb18030', statement: '按 GBK（GB18030）编码读取（您选择的）', alternative: 'utf-8' });
    expect((forced as { text: string }).text).toBe(new TextDecoder('gb18030').decode(both));
    // plain ASCII reads the same either way: nothing to offer
    expect(decodeText(Buffer.from('a,b\r\n1,2\r\n'), 'c.csv')).toMatchObject({ alternative: null });
  });

  it('bytes that are neither, and binary content, are refused naming the file', () => {
    expect(decodeText(Buffer.from([0x41, 0xff, 0xfe, 0xfd, 0x80, 0xff]), '东岗村.csv')).toEqual({
      problem: '文件「东岗村.csv」既不是 UTF-8 编码，也不是 GBK 编码，无法读取（可能已损坏，或不是文本文件）。请用 Excel 或 WPS 打开它，另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入',
    });
    expect(decodeText(Buffer.from([0x41, 0x00, 0x42]), 'x.csv')).toEqual({ problem: '文件「x.csv」含有二进制内容，不是 CSV 文本：请确认选对了文件（Excel 工作簿请选 .xlsx 文件）' });
  });
});

describe('CSV as Excel writes it', () => {
  it('quotes, doubled quotes, line breaks inside a cell, CRLF, a last line without a break', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,2,3,4')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['1', '2', '3', '4'],
    ]);
    expect(parseCsv('a,b\n\n1,2\n')).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('the separator is the one the header uses', () => {
    expect(detectSeparator('姓名\t身份证号\t关系\n张三,李四\t1\t2')).toBe('\t');
    expect(detectSeparator('"a,b";c;d')).toBe(';');
    expect(detectSeparator('单列')).toBe(',');
  });
});

describe('files that are not rosters', () => {
  it('an old .xls, a damaged workbook, an empty file', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await readRoster(xls, '名册.xls')).toEqual({
      ok: false,
      errors: [{ message: '文件「名册.xls」是旧版 Excel 97-2003 工作簿（.xls）或 WPS 表格（.et），本程序读不了这种格式。请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入', path: 'file' }],
    });
    expect(await readRoster(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '名册.xlsx')).toEqual({
      ok: false,
      errors: [{ message: '文件「名册.xlsx」不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入', path: 'file' }],
    });
    expect(await readRoster(Buffer.alloc(0), '空.csv')).toEqual({ ok: false, errors: [{ message: '文件「空.csv」是空的', path: 'file' }] });
    expect(await readRoster(Buffer.from('not a workbook'), '名册.xlsx')).toMatchObject({ ok: false });
  });

  it('a workbook: dates as days, formulas as their results, numbers marked, rich text joined', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '出生日期', '身份证号', '人数']);
    sheet.addRow([{ richText: [{ text: '张' }, { text: '三' }] }, new Date(Date.UTC(1993, 4, 1)), 411323199305011237, { formula: '1+2', result: 3 }]);
    const read = await readRoster(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx');
    if (!read.ok) throw new Error(read.errors[0]?.message);
    const [only] = read.value.sheets;
    expect(only?.rows[1]).toEqual(['张三', '1993-05-01', BigInt(411323199305011237).toString(), '3']);
    expect(only?.numericCells).toEqual(['2:3', '2:4']);
  });
});

describe('the 名册用语 table', () => {
  it('身份 words: several in a cell, the area and 原建档立卡 they carry, the unknown ones', () => {
    expect(readStatusCell(words, '脱贫户、农村低保')).toEqual({ statuses: ['alleviated', 'dibao'], area: 'rural', formerlyRegisteredPoor: false, unknown: [] });
    expect(readStatusCell(words, '脱贫不稳定户')).toEqual({ statuses: ['monitored'], area: null, formerlyRegisteredPoor: true, unknown: [] });
    expect(readStatusCell(words, '城市低保')).toMatchObject({ statuses: ['dibao'], area: 'urban' });
    expect(readStatusCell(words, '  五保户 ')).toMatchObject({ statuses: ['tekun'] });
    expect(readStatusCell(words, '低保/临时困难户')).toMatchObject({ statuses: ['dibao'], unknown: ['临时困难户'] });
    expect(readStatusCell(words, '无')).toEqual({ statuses: [], area: null, formerlyRegisteredPoor: false, unknown: [] });
  });

  it('残疾: one cell or two, any order of 类别 and 等级', () => {
    expect(readDisabilityCell(words, '一级肢体')).toEqual({ kind: 'physical', grade: 1 });
    expect(readDisabilityCell(words, '肢体残疾二级')).toEqual({ kind: 'physical', grade: 2 });
    expect(readDisabilityCell(words, '视力3级')).toEqual({ kind: 'visual', grade: 3 });
    expect(readDisabilityCell(words, '多重（四级）')).toEqual({ kind: 'multiple', grade: 4 });
    expect(readDisabilityCell(words, '听力言语二级')).toEqual({ kind: 'multiple', grade: 2 });
    expect(readDisabilityCell(words, '无')).toBeNull();
    expect(readDisabilityCell(words, '肢体')).toEqual({ problem: '读不出残疾等级（一级至四级）' });
    expect(readDisabilityCell(words, '二级')).toEqual({ problem: '读不出残疾类别（肢体、视力、听力、言语、智力、精神、多重）' });
    expect(readDisabilityCells(words, '智力残疾', '一级')).toEqual({ kind: 'intellectual', grade: 1 });
    expect(readDisabilityCells(words, '', '二级')).toEqual({ problem: '有残疾等级而没有残疾类别' });
  });

  it('学段 and 与户主关系', () => {
    expect(readStageCell(words, '七年级')).toEqual({ stage: 'junior' });
    expect(readStageCell(words, '大专')).toEqual({ stage: 'college' });
    expect(readStageCell(words, '非在校生')).toBeNull();
    expect(readStageCell(words, '')).toBeNull();
    expect(readStageCell(words, '夜校')).toEqual({ problem: '不认识的学段用语' });
    expect(readRelationCell(words, '本人')).toBe('head');
    expect(readRelationCell(words, '之孙女')).toBe('grandchild');
    expect(readRelationCell(words, '邻居')).toBeNull();
  });

  it('the office\'s own words join the pack\'s (and replace one of the same word)', () => {
    const merged = mergeWords(words, { status: { 临时困难户: { status: 'monitored', note: '本县系统对突发严重困难户的叫法' } }, disability: {}, stage: {}, relation: {} });
    expect(readStatusCell(merged, '临时困难户').statuses).toEqual(['monitored']);
    expect(readStatusCell(merged, '脱贫户').statuses).toEqual(['alleviated']);
  });

  it('every word of the shipped table has a note, and the preview reads cells as the check does', () => {
    for (const table of Object.values(words)) for (const [word, entry] of Object.entries(table)) expect((entry as { note: string }).note.length, word).toBeGreaterThan(3);
    expect(readCell('idNumber', '411323199305011237 ', words)).toEqual({ shown: '1993-05-01 男', notice: '前后有空格，将去掉' });
    expect(readCell('idNumber', '411323199305011238', words)).toEqual({ shown: '411323199305011238', problem: '身份证号码校验位不正确（按GB 11643计算应为 7），请核对是否输错' });
    expect(readCell('status', '脱贫不稳定户', words)).toEqual({ shown: '监测对象 · 原建档立卡' });
    expect(readCell('stage', '七年级', words)).toEqual({ shown: '初中' });
    expect(readCell('disability', '一级肢体', words)).toEqual({ shown: '肢体残疾一级' });
  });
});

describe('the mapping', () => {
  it('suggests the usual headers, says what is missing, and lays a saved preset on moved columns', () => {
    const headers = ['序号', '姓名', '身份证号码', '与户主关系', '户主身份证号', '保障类别', '备注'];
    const suggested = suggestMapping(headers);
    expect(suggested).toEqual([
      { column: 1, field: 'name' },
      { column: 2, field: 'idNumber' },
      { column: 3, field: 'relation' },
      { column: 4, field: 'headIdNumber' },
      { column: 5, field: 'status' },
    ]);
    expect(mappingProblems(suggested)).toEqual([]);
    expect(mappingProblems([{ column: 1, field: 'name' }, { column: 1, field: 'idNumber' }])).toEqual([
      '请指定“与户主关系”列',
      '请指定“户编号”或“户主身份证号”列：用来把成员归到各户',
      '请指定至少一列“身份（人员类别）”（或“是否低保”“是否特困”）',
      '第2列被指定了两次',
    ]);
    const preset = [
      { header: '成员姓名', field: 'name' as const },
      { header: '证件号码', field: 'idNumber' as const },
      { header: '类别', field: 'status' as const },
    ];
    expect(applyPreset(['类别', '证件号码', '', '成员 姓名'], preset)).toEqual([
      { column: 0, field: 'status' },
      { column: 1, field: 'idNumber' },
      { column: 3, field: 'name' },
    ]);
  });
});

describe('hostile files', () => {
  it('a workbook that says it unpacks to gigabytes is refused before it is opened', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('名单').addRow(['姓名']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(zipUnpackedBytes(bytes)).toBeGreaterThan(1000);
    // the central directory's size of its first part, raised to 3 GB as a zip bomb declares it
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const bomb = Buffer.from(bytes);
    bomb.writeUInt32LE(3 * 1024 ** 3, bomb.readUInt32LE(end + 16) + 24);
    expect(await readRoster(bomb, '名册.xlsx')).toEqual({
      ok: false,
      errors: [{ message: '文件「名册.xlsx」解压后超过 400 MB，不像是一份名册；请按乡镇或村分成几个文件导入', path: 'file' }],
    });
  });

  it('a pasted page of text in a cell is quoted cut, in the problems as at the seam', () => {
    const long = '张'.repeat(5000);
    const checked = checkRoster(
      { name: 's', state: 'visible', rows: [['户编号', '姓名', '身份证号', '与户主关系', '人员类别'], ['1', '甲', '411323199305011237', long, '低保']], merges: [], numericCells: [], hiddenRows: [] },
      1,
      suggestMapping(['户编号', '姓名', '身份证号', '与户主关系', '人员类别']),
      words,
    );
    const [relation] = checked.problems.filter((problem) => problem.column === '与户主关系');
    expect(relation?.value).toBe(`${'张'.repeat(64)}…`);
    expect(relation?.message.length).toBeLessThan(120);
  });
});
