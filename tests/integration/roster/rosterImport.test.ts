/**
 * 名册导入 through the handler table, as the page calls it, on a generated roster of 2,000 households
 * in the two layouts the county works from (tests/support/rosterFixture.ts): 1,200 in the 防返贫监测
 * workbook (a merged title, a hidden sheet) and 800 in the 低保 system's CSV saved in GBK. Each file
 * carries planted problems, and the check must list exactly them — row, column, value, wording —
 * before anything is written; the households with problems are skipped and listed; the rest go in one
 * transaction; importing a file again changes nothing; a changed roster changes only its household;
 * a read-only window reads and checks but cannot import; one refused save leaves nothing written.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, CaseDetail } from '../../../shared/api/contract';
import type { RosterBatchSummary, RosterCheckReply, RosterFile } from '../../../shared/api/rosterApi';
import type { RosterProblem } from '../../../shared/roster/check';
import { call, closeOffices, openOffice, value, type Office } from '../../support/apiOffice';
import {
  dibaoCsv,
  encodeGbk,
  fangfanpinXlsx,
  rosterHouseholds,
  type FixtureHousehold,
  type PlantedA,
  type PlantedB,
} from '../../support/rosterFixture';

const ASOF = '2026-06-01';
let office: Office;
let householdsA: FixtureHousehold[];
let householdsB: FixtureHousehold[];
let workbook: Buffer;
let plantedA: PlantedA;
let csv: Buffer;
let plantedB: PlantedB;

beforeAll(async () => {
  office = openOffice({ prefix: 'huimin-roster-', store: { durability: 'normal' } });
  await value(office.table, 'settings.set', { key: 'operatorName', value: '李经办' });
  householdsA = rosterHouseholds('a', 1200);
  householdsB = rosterHouseholds('b', 800);
  const a = await fangfanpinXlsx(householdsA, { plant: true });
  workbook = a.bytes;
  plantedA = a.planted as PlantedA;
  const b = dibaoCsv(householdsB, { plant: true });
  csv = encodeGbk(b.text);
  plantedB = b.planted as PlantedB;
});
afterAll(closeOffices);

function counts(dir: string): { cases: number; revisions: number } {
  const db = new Database(join(dir, 'huimin.sqlite3'), { readonly: true, fileMustExist: true });
  try {
    return {
      cases: (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n,
      revisions: (db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

async function read(target: Office, fileName: string, bytes: Buffer): Promise<RosterFile> {
  return value<RosterFile>(target.table, 'roster.read', { fileName, base64: bytes.toString('base64') });
}

async function check(target: Office, file: RosterFile): Promise<RosterCheckReply> {
  const sheet = file.sheets[file.sheet] as RosterFile['sheets'][number];
  return value<RosterCheckReply>(target.table, 'roster.check', { sessionId: file.sessionId, sheet: file.sheet, headerRow: sheet.headerRow, mapping: sheet.suggested, defaultArea: 'rural', asOf: ASOF });
}

const error = (row: number | null, column: string | null, letter: string | null, cellValue: string | null, message: string, household: string | null): RosterProblem => ({
  severity: 'error',
  row,
  column,
  columnLetter: letter,
  value: cellValue,
  message,
  household,
});
const notice = (row: number | null, column: string | null, letter: string | null, cellValue: string | null, message: string, household: string | null): RosterProblem => ({
  ...error(row, column, letter, cellValue, message, household),
  severity: 'notice',
});

describe('the 防返贫监测 workbook (1,200 households)', () => {
  let file: RosterFile;
  let checked: RosterCheckReply;

  it('reads every sheet, says the hidden one is left out, finds the header under the merged title and maps the usual columns', async () => {
    file = await read(office, '马山口镇防返贫监测.xlsx', workbook);
    expect(file.format).toBe('xlsx');
    expect(file.encoding).toBeNull();
    expect(file.sheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['监测对象及脱贫户', 'visible'],
      ['原始数据', 'hidden'],
    ]);
    expect(file.sheet).toBe(0);
    expect(file.notices).toEqual([`工作簿中有隐藏的工作表「${plantedA.hiddenSheet.name}」（${plantedA.hiddenSheet.rows} 行有内容），默认不导入；如要导入它，请在“工作表”中选择`]);
    const sheet = file.sheets[0] as RosterFile['sheets'][number];
    expect(sheet.headerRow).toBe(2);
    expect(sheet.suggested.map((entry) => `${sheet.rows[1]?.[entry.column]}→${entry.field}`)).toEqual([
      '乡(镇)→township',
      '行政村→village',
      '自然村/组→group',
      '户编号→householdKey',
      '姓名→name',
      '证件号码→idNumber',
      '与户主关系→relation',
      '人数→householdSize',
      '户类型→status',
      '监测对象类别→status',
      '风险是否消除→riskEliminated',
      '是否享受农村低保→dibaoFlag',
      '是否特困供养→tekunFlag',
      '在校生状况→stage',
      '残疾类别→disabilityKind',
      '残疾等级→disabilityGrade',
      '联系电话→phone',
      '年人均纯收入→annualNetIncomePerCapita',
    ]);
  });

  it('lists exactly the planted problems, by row, column and value, before anything is written', async () => {
    const before = counts(office.dir);
    checked = await check(office, file);
    const p = plantedA;
    expect(checked.problems).toEqual([
      error(p.wrongCheckDigit.row, '证件号码', 'G', p.wrongCheckDigit.value, `身份证号码校验位不正确（按GB 11643计算应为 ${p.wrongCheckDigit.expected}），请核对是否输错`, p.wrongCheckDigit.key),
      error(p.unknownWord.row, '监测对象类别', 'L', '临时困难户', '不认识的身份用语「临时困难户」：可在“名册用语对照表”中添加它对应哪种身份', p.unknownWord.key),
      error(p.lostDigits.row, '证件号码', 'G', p.lostDigits.value, '身份证号在 Excel 中存成了数字，18位号码的末几位已经丢失；请把这一列设为“文本”格式，重新填写后再导入', p.lostDigits.key),
      error(p.twoHeads.rows[1], '与户主关系', 'H', '户主', `同一户有两位户主：第${p.twoHeads.rows[0]}行、第${p.twoHeads.rows[1]}行（户编号「${p.twoHeads.key}」）`, p.twoHeads.key),
      notice(p.mergedKey.top, '户编号', 'E', p.mergedKey.value, `第${p.mergedKey.top}–${p.mergedKey.bottom}行是合并单元格（E${p.mergedKey.top}:E${p.mergedKey.bottom}），已把「${p.mergedKey.value}」填入合并范围的每一行`, null),
      notice(p.trailingSpace.row, '证件号码', 'G', p.trailingSpace.value, '身份证号前后有空格，已去掉', p.trailingSpace.key),
      error(
        p.mergedRelation.top,
        '与户主关系',
        'H',
        '户主',
        `第${p.mergedRelation.top}–${p.mergedRelation.bottom}行是合并单元格（H${p.mergedRelation.top}:H${p.mergedRelation.bottom}），合并后只有第一格有内容，读不出每个人的“与户主关系”；请在 Excel 中取消合并并填好每一行`,
        null,
      ),
      notice(p.blankRows[0] as number, null, null, null, '空行，已跳过', null),
      notice(p.blankRows[1] as number, null, null, null, '空行，已跳过', null),
      error(p.orphan.row, '与户主关系', 'H', '之子', `成员不属于任何一户：户编号「${p.orphan.key}」在名册中没有户主`, p.orphan.key),
      error(p.noKey.row, '户编号', 'E', '', '成员不属于任何一户：“户编号”为空', null),
    ]);
    expect(checked.problemsTotal).toBe(11);
    expect([checked.errors, checked.notices]).toEqual([7, 4]);
    // the households kept out, and why
    expect(checked.skipped.map((household) => household.key)).toEqual(p.skippedKeys);
    expect(checked.skipped.find((household) => household.key === p.twoHeads.key)?.reasons).toEqual([`有两位户主（第${p.twoHeads.rows[0]}、${p.twoHeads.rows[1]}行）`]);
    expect(checked.skipped.find((household) => household.key === p.orphan.key)?.reasons).toEqual(['名册中没有户主']);
    expect(checked.households).toBe(1200 + 1);
    expect(checked.importable).toBe(1200 - 5);
    expect(checked.plan).toEqual({ created: 1195, updated: 0, unchanged: 0 });
    expect(counts(office.dir)).toEqual(before);
  });

  it('imports the good households in one transaction: one case and one revision each, the import recorded', async () => {
    const imported = await value<RosterBatchSummary>(office.table, 'roster.import', { planId: checked.planId });
    expect(imported).toMatchObject({ created: 1195, updated: 0, unchanged: 0, skipped: 6, households: 1195, operator: '李经办', sheetName: '监测对象及脱贫户' });
    expect(imported.villages).toEqual(['马山口镇 王庄村', '马山口镇 河西村', '马山口镇 桃园村', '马山口镇 石门村']);
    expect(counts(office.dir)).toEqual({ cases: 1195, revisions: 1195 });
    // the plan cannot be imported twice
    const again = await call(office.table, 'roster.import', { planId: checked.planId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors[0]?.message).toBe('这次检查的结果已经导入过了；如需再导入，请重新检查');
    // a household as the desk will see it: the merged 户编号 household is in, with its four rows
    const merged = householdsA[14] as FixtureHousehold;
    const found = await value<{ rows: { caseNo: string }[] }>(office.table, 'cases.search', { idDigits: (merged.members[0] as { idNumber: string }).idNumber });
    const detail = await value<CaseDetail>(office.table, 'cases.get', { caseNo: found.rows[0]?.caseNo });
    expect((detail.latest.input as { members: unknown[] }).members).toHaveLength(merged.members.length);
  });

  it('importing the same workbook again finds every household unchanged and writes no revision', async () => {
    const before = counts(office.dir);
    const again = await check(office, await read(office, '马山口镇防返贫监测.xlsx', workbook));
    expect(again.plan).toEqual({ created: 0, updated: 0, unchanged: 1195 });
    const imported = await value<RosterBatchSummary>(office.table, 'roster.import', { planId: again.planId });
    expect(imported).toMatchObject({ created: 0, updated: 0, unchanged: 1195 });
    expect(counts(office.dir)).toEqual(before);
  });

  it('a roster with one household changed adds one revision to that case and nothing else', async () => {
    const changed = householdsA.map((household, index) =>
      index === 20 ? { ...household, group: '12组', members: household.members.map((member, m) => (m === 0 ? { ...member, disability: { kindWord: '肢体残疾', gradeWord: '三级', kind: 'physical' as const, grade: 3 as const } } : member)) } : household,
    );
    const bytes = (await fangfanpinXlsx(changed, { plant: true })).bytes;
    const before = counts(office.dir);
    const again = await check(office, await read(office, '马山口镇防返贫监测（修订）.xlsx', bytes));
    expect(again.plan).toEqual({ created: 0, updated: 1, unchanged: 1194 });
    const update = again.changes[0];
    const head = (householdsA[20] as FixtureHousehold).members[0] as { name: string };
    expect(update).toMatchObject({ action: 'update', headName: head.name, what: ['村民小组（组）', `${head.name}：残疾情况`] });
    await value(office.table, 'roster.import', { planId: again.planId });
    expect(counts(office.dir)).toEqual({ cases: before.cases, revisions: before.revisions + 1 });
    const detail = await value<CaseDetail>(office.table, 'cases.get', { caseNo: update?.caseNo });
    expect(detail.revisions.map((revision) => revision.kind)).toEqual(['save', 'save']);
    expect((detail.latest.input as { household: { group: string } }).household.group).toBe('12组');
  });
});

describe('the 低保 system CSV in GBK (800 households)', () => {
  let file: RosterFile;

  it('detects GBK and says so', async () => {
    file = await read(office, '东岗村黄湾村低保名册.csv', csv);
    expect(file.format).toBe('csv');
    expect(file.encoding).toEqual({
      name: 'gb18030',
      label: 'GBK（GB18030）',
      statement: '按 GBK（GB18030）编码读取（不是有效的 UTF-8；中文 Windows 的 Excel、WPS 另存的 CSV 常用此编码）',
      alternative: null,
    });
    expect(file.notices).toEqual(['文件「东岗村黄湾村低保名册.csv」按 GBK（GB18030）编码读取（不是有效的 UTF-8；中文 Windows 的 Excel、WPS 另存的 CSV 常用此编码）']);
    expect(file.sheets[0]?.rows[1]?.slice(0, 3)).toEqual(['马山口镇', '东岗村', '2组']);
  });

  it('lists exactly the planted problems and imports the rest, grouped by the 户主身份证号', async () => {
    const p = plantedB;
    const checked = await check(office, file);
    expect(checked.problems).toEqual([
      error(p.wrongCheckDigit.row, '身份证号码', 'G', p.wrongCheckDigit.value, `身份证号码校验位不正确（按GB 11643计算应为 ${p.wrongCheckDigit.expected}），请核对是否输错`, p.wrongCheckDigit.key),
      error(p.unknownWord.row, '保障类别', 'I', '临时救助户', '不认识的身份用语「临时救助户」：可在“名册用语对照表”中添加它对应哪种身份', p.unknownWord.key),
      error(p.twoHeads.rows[1], '与户主关系', 'H', '户主', `同一户有两位户主：第${p.twoHeads.rows[0]}行、第${p.twoHeads.rows[1]}行（户主身份证号「${p.twoHeads.key}」）`, p.twoHeads.key),
      notice(p.trailingSpace.row, '户主身份证号', 'E', p.trailingSpace.value, '户主身份证号前后有空格，已去掉', p.trailingSpace.key),
      notice(p.blankRow, null, null, null, '空行，已跳过', null),
      error(p.orphan.row, '与户主关系', 'H', '之女', `成员不属于任何一户：户主身份证号「${p.orphan.key}」在名册中没有户主`, p.orphan.key),
    ]);
    expect(checked.skipped.map((household) => household.key)).toEqual(p.skippedKeys);
    expect(checked.plan).toEqual({ created: 797, updated: 0, unchanged: 0 });
    const before = counts(office.dir);
    await value(office.table, 'roster.import', { planId: checked.planId });
    expect(counts(office.dir)).toEqual({ cases: before.cases + 797, revisions: before.revisions + 797 });
    // again: nothing
    const again = await check(office, await read(office, '东岗村黄湾村低保名册.csv', csv));
    expect(again.plan).toEqual({ created: 0, updated: 0, unchanged: 797 });
  });

  it('refuses bytes that are neither UTF-8 nor GBK, naming the file', async () => {
    const garbage = Buffer.from([0x41, 0x2c, 0xff, 0xfe, 0xfd, 0x0a, 0x80, 0xff]);
    const refused = await call(office.table, 'roster.read', { fileName: '名册.csv', base64: garbage.toString('base64') });
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          message: '文件「名册.csv」既不是 UTF-8 编码，也不是 GBK 编码，无法读取（可能已损坏，或不是文本文件）。请用 Excel 或 WPS 打开它，另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入',
          path: 'file',
        },
      ],
    });
  });
});

describe('the store\'s guarantees', () => {
  it('a read-only window reads and checks a roster but cannot import it, and nothing is written', async () => {
    const second = openOffice({ dir: office.dir, store: { durability: 'normal' } });
    const info = await value<AppInfo>(second.table, 'app.info', undefined);
    expect(info.access.writable).toBe(false);
    const bytes = (await fangfanpinXlsx(rosterHouseholds('a', 30, 99), { plant: false })).bytes;
    const checked = await check(second, await read(second, '新名册.xlsx', bytes));
    expect(checked.plan.created).toBe(28);
    const before = counts(office.dir);
    const refused = await call(second.table, 'roster.import', { planId: checked.planId });
    expect(refused).toEqual({ ok: false, errors: [{ message: info.access.reason, path: '' }] });
    expect(counts(office.dir)).toEqual(before);
    second.services.close();
  });

  it('when one household cannot be saved, none is: a case saved at the desk after the check refuses the whole import', async () => {
    const households = rosterHouseholds('a', 40, 7).map((household, index) => (index === 3 ? { ...household, phone: '13900000000' } : household));
    const first = await check(office, await read(office, '桃园村.xlsx', (await fangfanpinXlsx(rosterHouseholds('a', 40, 7), { plant: false })).bytes));
    await value(office.table, 'roster.import', { planId: first.planId });
    const planned = await check(office, await read(office, '桃园村（新）.xlsx', (await fangfanpinXlsx(households, { plant: false })).bytes));
    expect(planned.plan).toEqual({ created: 0, updated: 1, unchanged: 39 });
    expect(planned.changes[0]).toMatchObject({ action: 'update', what: ['联系电话'] });
    // households 0 and 1 are the fixed showcase ones, already in from the big workbook: they are unchanged too
    const caseNo = planned.changes[0]?.caseNo as string;
    const detail = await value<CaseDetail>(office.table, 'cases.get', { caseNo });
    await value(office.table, 'cases.save', { caseNo, input: detail.latest.input });
    const before = counts(office.dir);
    const refused = await call(office.table, 'roster.import', { planId: planned.planId });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toMatch(/^检查之后有案卷在窗口被修改过（案卷 \d{4}-\d{6} 已有更新的修订/);
    expect(counts(office.dir)).toEqual(before);
  });
});

describe('presets and the office\'s own words', () => {
  it('a mapping is saved by name (refused without one), listed and deleted', async () => {
    const columns = [
      { header: '成员姓名', field: 'name' },
      { header: '身份证号码', field: 'idNumber' },
      { header: '与户主关系', field: 'relation' },
      { header: '户主身份证号', field: 'headIdNumber' },
      { header: '救助类别', field: 'status' },
    ];
    const saved = await value<{ name: string; columns: unknown[]; savedAt: string }[]>(office.table, 'roster.savePreset', { presetName: '县低保系统导出', columns, defaultArea: 'rural' });
    expect(saved.map((preset) => preset.name)).toEqual(['县低保系统导出']);
    expect(saved[0]?.savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await value(office.table, 'roster.presets', undefined)).toEqual(saved);
    const refused = await call(office.table, 'roster.savePreset', { presetName: '', columns, defaultArea: 'rural' });
    expect(refused).toEqual({ ok: false, errors: [{ message: '方案名称：请填写方案名称', path: 'presetName' }] });
    expect(await value(office.table, 'roster.deletePreset', { presetName: '县低保系统导出' })).toEqual([]);
  });

  it('a word added to the 名册用语对照表 reads the household it kept out, with a note required', async () => {
    const refused = await call(office.table, 'roster.saveWords', { status: { 临时困难户: { status: 'monitored', note: '' } }, disability: {}, stage: {}, relation: {} });
    expect(refused.ok).toBe(false);
    const words = await value<{ local: { status: Record<string, unknown> }; words: { status: Record<string, unknown> } }>(office.table, 'roster.saveWords', {
      status: { 临时困难户: { status: 'monitored', note: '本县防返贫系统对突发严重困难户的旧称' } },
      disability: {},
      stage: {},
      relation: {},
    });
    expect(words.local.status).toEqual({ 临时困难户: { status: 'monitored', note: '本县防返贫系统对突发严重困难户的旧称' } });
    expect(words.words.status['临时困难户']).toEqual(words.local.status['临时困难户']);
    expect(words.words.status['脱贫户']).toMatchObject({ status: 'alleviated', cite: 'kp.monitoring.subjects' });
    const checked = await check(office, await read(office, '马山口镇防返贫监测.xlsx', workbook));
    expect(checked.problems.map((problem) => problem.row)).not.toContain(plantedA.unknownWord.row);
    // (household 20 goes back to the workbook's 组 as well: the previous test imported a changed roster)
    expect(checked.plan).toEqual({ created: 1, updated: 1, unchanged: 1194 });
    expect(checked.changes[0]).toMatchObject({ action: 'new', key: plantedA.unknownWord.key });
    await value(office.table, 'roster.saveWords', { status: {}, disability: {}, stage: {}, relation: {} });
  });
});

describe('a family whose 户主 changed', () => {
  it('is a new case (matched by the 户主\'s number), and the check says the new 户主 is a member of a case here', async () => {
    const fresh = openOffice({ prefix: 'huimin-roster-head-', store: { durability: 'normal' } });
    await value(fresh.table, 'settings.set', { key: 'operatorName', value: '李经办' });
    const [first] = rosterHouseholds('a', 3, 5);
    const family = first as FixtureHousehold;
    const spouse = family.members[1] as FixtureHousehold['members'][number];
    const saved = await value<CaseDetail>(fresh.table, 'cases.save', {
      input: {
        household: { area: 'rural', status: 'dibao' },
        members: family.members.map((member, index) => ({ id: `m${index + 1}`, name: member.name, relation: index === 0 ? 'head' : 'spouse', idNumber: member.idNumber })).slice(0, 2),
      },
    });
    // the roster now has the spouse as 户主
    const renamed = { ...family, members: [{ ...spouse, relationWord: '户主' }] };
    const checked = await check(fresh, await read(fresh, '换户主.xlsx', (await fangfanpinXlsx([renamed], { plant: false })).bytes));
    expect(checked.plan).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(checked.problems).toEqual([
      notice(3, null, null, null, `户主${spouse.name}在本机案卷 ${saved.caseNo} 中是家庭成员：按户主身份证号对照，将新建案卷；如是同一户换了户主，请在“历史记录”中作废原案卷`, family.number),
    ]);
    fresh.services.close();
  });
});
