/**
 * 计算本村 and the table, through the handler table: the households of a roster import computed on the
 * recalculation workers with the pack in force, the table by 村 and 组 with the split totals, its
 * filters and its Excel export. Three households of the fixture are worked out by hand to the fen,
 * as of 2026-06-01 under the shipped pack (clauses cited at each line), then again under a new 低保
 * standard put in force.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePayload } from '../../../shared/api/contract';
import type { PackListing } from '../../../shared/api/packApi';
import type { RosterBatchSummary, RosterCheckReply, RosterFile, VillageJobStatus, VillageRow, VillageTable } from '../../../shared/api/rosterApi';
import { fenOf, fenText } from '../../../shared/money';
import { groupNumber } from '../../../shared/roster/order';
import { call, closeOffices, openOffice, value, type Office } from '../../support/apiOffice';
import { BASE, dibaoDraft } from '../../support/packDrafts';
import { dibaoCsv, encodeGbk, fangfanpinXlsx, rosterHouseholds } from '../../support/rosterFixture';

const ASOF = '2026-06-01';
let office: Office;
const batches: RosterBatchSummary[] = [];

async function importFile(fileName: string, bytes: Buffer): Promise<RosterBatchSummary> {
  const file = await value<RosterFile>(office.table, 'roster.read', { fileName, base64: bytes.toString('base64') });
  const sheet = file.sheets[file.sheet] as RosterFile['sheets'][number];
  const checked = await value<RosterCheckReply>(office.table, 'roster.check', { sessionId: file.sessionId, sheet: file.sheet, headerRow: sheet.headerRow, mapping: sheet.suggested, defaultArea: 'rural', asOf: ASOF });
  return value<RosterBatchSummary>(office.table, 'roster.import', { planId: checked.planId });
}

async function compute(batchId: string, asOf: string | null): Promise<VillageJobStatus> {
  let status = await value<VillageJobStatus>(office.table, 'village.start', { batchId, asOf });
  while (status.state === 'running' || status.state === 'cancelling') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = (await value<VillageJobStatus | null>(office.table, 'village.status', undefined)) as VillageJobStatus;
  }
  return status;
}

const table = (batchId: string, filter: Record<string, string> = {}) => value<VillageTable>(office.table, 'village.table', { batchId, ...filter });
const row = (rows: VillageRow[], headName: string) => rows.find((candidate) => candidate.headName === headName) as VillageRow;
const split = (r: VillageRow) => ({ cash: r.cash, cashMonthly: r.cashMonthly, settlement: r.settlement, waiver: r.waiver, oneOff: r.oneOff });

beforeAll(async () => {
  office = openOffice({ prefix: 'huimin-village-', store: { durability: 'normal' } });
  await value(office.table, 'settings.set', { key: 'operatorName', value: '李经办' });
  batches.push(await importFile('防返贫.xlsx', (await fangfanpinXlsx(rosterHouseholds('a', 300), { plant: false })).bytes));
  batches.push(await importFile('低保.csv', encodeGbk(dibaoCsv(rosterHouseholds('b', 200), { plant: false }).text)));
});
afterAll(closeOffices);

describe('计算本村 on the recalculation workers', () => {
  it('computes every household of the import with the pack in force; a second run changes nothing', async () => {
    const [a] = batches as [RosterBatchSummary];
    const done = await compute(a.id, ASOF);
    // the import computed each household on the same date and pack: nothing to write
    expect(done).toMatchObject({ state: 'done', batchId: a.id, total: 300, processed: 300, recomputed: 300, written: 0, unchanged: 300, failed: 0 });
    expect(done.pack).toMatchObject({ id: BASE.id, version: BASE.version });
  });

  it('王建国 (王庄村 1组, 脱贫户 in 农村低保, four people) to the fen', async () => {
    const rows = (await table((batches[0] as RosterBatchSummary).id)).rows;
    const wang = row(rows, '王建国');
    expect(wang).toMatchObject({ village: '王庄村', group: '1组', members: 4, status: 'dibao', asOf: ASOF });
    // 到手现金:
    //   李秀兰 残疾人两项补贴 (kp.welfare.disability, 第二部分 五、（二）1.④): 纳入低保的困难残疾人生活补贴 75 元/月
    //     and 一、二级重度残疾人护理补贴 75 元/月: 75 × 12 + 75 × 12 = 1,800.00
    //   王磊 初中非寄宿生生活补助 (kp.education.compulsory, 二是义务教育; 原建档立卡、低保家庭学生): 625.00
    //   王欣怡 育儿补贴 (育儿补贴制度实施方案: 300 元/月): born 2024-08, months to her 3rd birthday (2027-08) cover all of 2026: 12 × 300 = 3,600.00
    //   = 1,800.00 + 625.00 + 3,600.00 = 6,025.00; paid monthly: 75 + 75 = 150.00
    // 减免:
    //   参保资助 (kp.health.premiumSubsidy, 第二部分 二、（二）3.①): 低保对象 定额 80 元 × 4 人 = 320.00
    //   省定营养改善计划 (kp.education.compulsory): 原建档立卡家庭学生 800.00
    //   电费减免 (ny.electricity, 国网南阳供电公司): 10 千瓦时/月 × 0.56 元 (待核实) × 12 = 67.20
    //   = 320.00 + 800.00 + 67.20 = 1,187.20
    expect(split(wang)).toEqual({ cash: '6025.00', cashMonthly: '150.00', settlement: '0.00', waiver: '1187.20', oneOff: '0.00' });
  });

  it('赵桂兰 (王庄村 3组, 边缘易致贫户, a daughter at 高职) to the fen', async () => {
    const zhao = row((await table((batches[0] as RosterBatchSummary).id)).rows, '赵桂兰');
    expect(zhao).toMatchObject({ group: '3组', members: 2, status: 'monitored' });
    // 雨露计划 (kp.jobs.yulu, 第二部分 四、（二）7.): 脱贫家庭（含监测帮扶对象家庭）职业教育 3,000 元/学年 → 到手现金 3,000.00
    // (not 家庭经济困难: neither 原建档立卡 nor 低保, so no 国家助学金)
    // 参保资助: 监测对象 定额 80 元 × 2 人 = 160.00 → 减免
    expect(split(zhao)).toEqual({ cash: '3000.00', cashMonthly: '0.00', settlement: '0.00', waiver: '160.00', oneOff: '0.00' });
  });

  it('张德福 (东岗村 2组, 分散供养特困人员, 一级视力残疾, from the 低保 system CSV) to the fen', async () => {
    const [, b] = batches as [RosterBatchSummary, RosterBatchSummary];
    expect((await compute(b.id, ASOF)).written).toBe(0);
    const zhang = row((await table(b.id)).rows, '张德福');
    expect(zhang).toMatchObject({ village: '东岗村', group: '2组', members: 1, status: 'tekun' });
    // 特困基本生活 (kp.welfare.tekun, 第二部分 五、（二）1.③): 农村低保标准 440 元/月 × 1.3 = 572.00 元/月, 6,864.00 a year (= the 6,864 元 floor)
    // 护理补贴 (kp.welfare.disability): 一级 75 元/月 × 12 = 900.00 (the 生活补贴 is for 低保 members only)
    // 到手现金 6,864.00 + 900.00 = 7,764.00, monthly 572.00 + 75.00 = 647.00
    // 减免: 特困人员全额资助 个人缴费 400.00 (2026 年度, 待核实) + 电费减免 67.20 = 467.20
    expect(split(zhang)).toEqual({ cash: '7764.00', cashMonthly: '647.00', settlement: '0.00', waiver: '467.20', oneOff: '0.00' });
  });

  it('a new 低保 standard in force: the village computed again writes a revision where the amounts changed', async () => {
    const saved = await value<{ id: string; version: string }>(office.table, 'packs.saveLocal', { base: { id: BASE.id, version: BASE.version }, draft: dibaoDraft({ version: '2026.9', from: '2026-01-01', rural: '480' }) });
    await value<PackListing>(office.table, 'packs.activate', { id: saved.id, version: saved.version });
    const [, b] = batches as [RosterBatchSummary, RosterBatchSummary];
    const before = row((await table(b.id)).rows, '张德福');
    const done = await compute(b.id, ASOF);
    expect(done.pack.version).toBe('2026.9');
    // every 特困 household's 基本生活 follows the standard; 低保 households without 家庭月收入 have no 补差 to change
    expect(done.written).toBeGreaterThan(0);
    expect(done.written + done.unchanged).toBe(200);
    const after = row((await table(b.id)).rows, '张德福');
    // 480 × 1.3 = 624.00 元/月 → 7,488.00 a year (above the 6,864 floor); + 护理 900.00 = 8,388.00; monthly 624 + 75 = 699.00
    expect(split(after)).toEqual({ cash: '8388.00', cashMonthly: '699.00', settlement: '0.00', waiver: '467.20', oneOff: '0.00' });
    expect(after.revision).toBe(before.revision + 1);
    expect(after.packVersion).toBe('2026.9');
    // and once more: nothing left to change
    expect((await compute(b.id, ASOF)).written).toBe(0);
    await value(office.table, 'packs.activate', { id: BASE.id, version: BASE.version });
  });
});

describe('the table by 村 and 组', () => {
  it('is in print order, and its subtotals add up to the fen without ever adding the four kinds together', async () => {
    const shown = await table((batches[0] as RosterBatchSummary).id);
    expect(shown.rows).toHaveLength(300);
    expect(shown.villages).toEqual(['马山口镇 河西村', '马山口镇 石门村', '马山口镇 桃园村', '马山口镇 王庄村']);
    const collator = new Intl.Collator('zh-Hans-CN');
    for (let i = 1; i < shown.rows.length; i++) {
      const [a, b] = [shown.rows[i - 1] as VillageRow, shown.rows[i] as VillageRow];
      if (a.village !== b.village) continue;
      const [ga, gb] = [groupNumber(a.group) as number, groupNumber(b.group) as number];
      expect(ga, `${a.group} before ${b.group}`).toBeLessThanOrEqual(gb);
      if (a.group === b.group) expect(collator.compare(a.headName, b.headName)).toBeLessThanOrEqual(0);
    }
    // 一组 and 1组 are the same 组 number; 十组 after 9组
    expect(groupNumber('十组')).toBe(10);
    expect(groupNumber('第三村民小组')).toBe(3);
    expect(shown.selection).toEqual(shown.rows.map((r) => r.caseNo));
    for (const kind of ['cash', 'settlement', 'waiver', 'oneOff'] as const) {
      const byRows = shown.rows.reduce((sum, r) => sum + fenOf(r[kind]), 0n);
      expect(shown.total[kind], kind).toBe(fenText(byRows));
      const villageTotals = shown.subtotals.filter((line) => line.group === null).reduce((sum, line) => sum + fenOf(line[kind]), 0n);
      expect(villageTotals).toBe(byRows);
    }
    const wangzhuang = shown.subtotals.filter((line) => line.village === '马山口镇 王庄村');
    expect(wangzhuang.at(-1)).toMatchObject({ group: null, households: shown.rows.filter((r) => r.village === '王庄村').length });
    const first = wangzhuang.find((line) => line.group === '1组');
    const inFirst = shown.rows.filter((r) => r.village === '王庄村' && r.group === '1组');
    expect(first).toMatchObject({ households: inFirst.length, cash: fenText(inFirst.reduce((sum, r) => sum + fenOf(r.cash), 0n)) });
  });

  it('filters by 村, 组, 身份 and by the 户主 (name, 拼音首字母, last digits of the ID number)', async () => {
    const id = (batches[0] as RosterBatchSummary).id;
    const village = await table(id, { village: '马山口镇 王庄村' });
    expect(new Set(village.rows.map((r) => r.village))).toEqual(new Set(['王庄村']));
    expect(village.groups.length).toBeGreaterThan(3);
    const group = await table(id, { village: '马山口镇 王庄村', group: '1组' });
    expect(group.rows.every((r) => r.group === '1组')).toBe(true);
    expect(group.rows.map((r) => r.headName)).toContain('王建国');
    const dibao = await table(id, { status: 'dibao' });
    expect(dibao.rows.length).toBeGreaterThan(0);
    expect(dibao.rows.every((r) => r.status === 'dibao')).toBe(true);
    expect((await table(id, { text: 'wjg' })).rows.map((r) => r.headName)).toContain('王建国');
    expect((await table(id, { text: '王建国' })).rows).toHaveLength(1);
    const digits = row(village.rows, '王建国').headIdMasked.slice(-4);
    expect((await table(id, { text: digits })).rows.map((r) => r.headName)).toContain('王建国');
  });

  it('exports the table to Excel: every household in order with its four amounts, and the subtotals', async () => {
    const id = (batches[0] as RosterBatchSummary).id;
    const shown = await table(id, { village: '马山口镇 王庄村' });
    const file = await value<FilePayload>(office.table, 'village.export', { batchId: id, village: '马山口镇 王庄村' });
    expect(file.fileName).toMatch(/^入户发放-马山口镇_王庄村-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const households = workbook.getWorksheet('各户') as ExcelJS.Worksheet;
    expect(households.getRow(1).values).toEqual([undefined, '乡镇', '村', '组', '户主', '户主身份证号', '人口', '身份', '到手现金（元/年）', '其中每月发放（元/月）', '医院直接结算（元/年）', '减免（元/年）', '一次性补助（元）', '测算日期', '案卷编号', '备注']);
    expect(households.rowCount).toBe(shown.rows.length + 1);
    const names = [];
    for (let r = 2; r <= households.rowCount; r++) names.push(households.getRow(r).getCell(4).value);
    expect(names).toEqual(shown.rows.map((r) => r.headName));
    const wang = households.getRow(shown.rows.findIndex((r) => r.headName === '王建国') + 2);
    expect([wang.getCell(3).value, wang.getCell(8).value, wang.getCell(9).value, wang.getCell(10).value, wang.getCell(11).value, wang.getCell(12).value]).toEqual(['1组', 6025, 150, 0, 1187.2, 0]);
    expect(String(wang.getCell(5).value)).toMatch(/^411326\*{8}\d{3}[\dX]$/);
    const subtotals = workbook.getWorksheet('按村按组') as ExcelJS.Worksheet;
    const last = subtotals.getRow(subtotals.rowCount);
    expect([last.getCell(1).value, last.getCell(3).value]).toEqual(['全部', shown.total.households]);
  });

  it('a case voided at the desk stays in the list, struck out, and leaves the totals and the print selection', async () => {
    const id = (batches[1] as RosterBatchSummary).id;
    const before = await table(id);
    const victim = before.rows[5] as VillageRow;
    await value(office.table, 'cases.void', { caseNo: victim.caseNo, reason: '户已迁出本村' });
    const after = await table(id);
    expect(after.rows).toHaveLength(before.rows.length);
    expect(after.rows.find((r) => r.caseNo === victim.caseNo)).toMatchObject({ voided: true });
    expect(after.selection).toEqual(before.selection.filter((caseNo) => caseNo !== victim.caseNo));
    expect(after.total.households).toBe(before.total.households - 1);
    expect(after.total.cash).toBe(fenText(fenOf(before.total.cash) - fenOf(victim.cash)));
    // computing the village leaves the voided case alone
    const done = await compute(id, ASOF);
    expect(done).toMatchObject({ voided: 1, recomputed: 199 });
  });

  it('a read-only window shows the table but cannot compute', async () => {
    const second = openOffice({ dir: office.dir, store: { durability: 'normal' } });
    const id = (batches[0] as RosterBatchSummary).id;
    expect((await value<VillageTable>(second.table, 'village.table', { batchId: id })).rows).toHaveLength(300);
    const refused = await call(second.table, 'village.start', { batchId: id, asOf: null });
    expect(refused.ok).toBe(false);
    second.services.close();
  });

  it('恢复 and 数据检查 wait while a village is being computed', async () => {
    const id = (batches[0] as RosterBatchSummary).id;
    await value(office.table, 'village.start', { batchId: id, asOf: '2026-07-01' });
    const restore = await call(office.table, 'backup.restore', { fileName: 'none.sqlite3' });
    expect(restore).toEqual({ ok: false, errors: [{ message: '正在计算本村（入户发放），请等它完成或取消后再恢复', path: 'fileName' }] });
    const checked = await call(office.table, 'data.check', undefined);
    expect(checked).toEqual({ ok: false, errors: [{ message: '正在计算本村（入户发放），请等它完成或取消后再检查', path: '' }] });
    const cancelled = await value<VillageJobStatus>(office.table, 'village.cancel', undefined);
    expect(['cancelling', 'cancelled']).toContain(cancelled.state);
    let status = cancelled;
    while (status.state === 'cancelling') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await value<VillageJobStatus | null>(office.table, 'village.status', undefined)) as VillageJobStatus;
    }
    expect(status.state).toBe('cancelled');
  });
});
