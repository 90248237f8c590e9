/**
 * 入户发放打印 through the one handler table (issue 18 item 4): campaign.load reads the latest revision
 * of each selected case and says why one is not printed (作废, not found); campaign.print and
 * campaign.pdf print what the page laid out on A4 and record the printing in every case's history at
 * once (the 签收表 is not recorded: it is no handout of a revision); the browser's dialog is recorded
 * with campaign.record. A batch naming a revision that does not exist is refused before the printer
 * and records nothing.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignFileName } from '../../electron/handlers/campaignHandlers';
import { createHandlerTable, dispatch, type HandlerTable } from '../../electron/handlers';
import { createServices } from '../../electron/services';
import { DATABASE_FILE_NAME } from '../../electron/services/store';
import { CAMPAIGN_LOAD_BATCH } from '../../shared/api/campaignApi';
import { call, printOffices, value } from '../support/printOffices';
import { LARGE_HOUSEHOLD, NOTHING_HOUSEHOLD, SMALL_HOUSEHOLD } from '../support/printHouseholds';

const offices = printOffices('huimin-campaign-', { printers: [], pdfText: '%PDF-1.7 campaign' });
const { jobs, pdfs } = offices;
let desktopTable: HandlerTable;
let webTable: HandlerTable;

/** three households saved, the third then 作废 */
async function office(table: HandlerTable): Promise<string[]> {
  await value(table, 'settings.set', { key: 'operatorName', value: '李经办' });
  const numbers: string[] = [];
  for (const input of [SMALL_HOUSEHOLD, LARGE_HOUSEHOLD, NOTHING_HOUSEHOLD]) numbers.push((await value(table, 'cases.save', { input })).caseNo);
  await value(table, 'cases.void', { caseNo: numbers[2] as string, reason: '重复录入' });
  return numbers;
}

async function printsOf(table: HandlerTable, caseNo: string) {
  return (await value(table, 'cases.get', { caseNo })).prints;
}

let desktopCases: string[];
let webCases: string[];

beforeAll(async () => {
  ({ desktopTable, webTable } = offices.open());
  desktopCases = await office(desktopTable);
  webCases = await office(webTable);
});
afterAll(() => offices.close());

describe('入户发放打印 through the API', () => {
  it('reads the latest revision of each case once, and says which are not printed and why', async () => {
    const [small, large, voided] = desktopCases as [string, string, string];
    const loaded = await value(desktopTable, 'campaign.load', { caseNos: [large, small, voided, '2026-999999', large] });
    expect(loaded.items.map((item) => ('revision' in item ? `${item.caseNo} 第${item.revision.revision}版` : `${item.caseNo}：${item.problem}`))).toEqual([
      `${large} 第1版`,
      `${small} 第1版`,
      `${voided}：案卷 ${voided} 已作废，不打印`,
      '2026-999999：找不到案卷 2026-999999',
    ]);
    const first = loaded.items[0];
    expect(first && 'revision' in first && (first.revision.input as typeof LARGE_HOUSEHOLD).members[0]?.name).toBe('欧阳建国');

    const tooMany = await dispatch(desktopTable, 'campaign.load', { caseNos: Array.from({ length: CAMPAIGN_LOAD_BATCH + 1 }, () => small) });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.errors[0]?.message).toBe(`选择的案卷：一次最多读取${CAMPAIGN_LOAD_BATCH}户`);
  });

  it('prints on A4 and records the cards in every case at one time', async () => {
    const [small, large] = desktopCases as [string, string];
    const printed = await value(desktopTable, 'campaign.print', { output: 'cards', items: [{ caseNo: small, revision: 1 }, { caseNo: large, revision: 1 }], deviceName: 'HP_LaserJet', copies: 1 });
    expect(printed).toEqual({ recorded: 2, note: null });
    expect(jobs.at(-1)).toMatchObject({ deviceName: 'HP_LaserJet', copies: 1, paper: { standard: 'A4', widthMm: 210, heightMm: 297 } });
    const [a, b] = [await printsOf(desktopTable, small), await printsOf(desktopTable, large)];
    expect(a).toEqual([expect.objectContaining({ revision: 1, document: 'card', operator: '李经办' })]);
    expect(b.map((p) => [p.document, p.printedAt])).toEqual([['card', a[0]?.printedAt]]);

    // the 签收表 goes to the printer but is no handout of a revision: nothing recorded
    const receipts = await value(desktopTable, 'campaign.print', { output: 'receipts', items: [{ caseNo: small, revision: 1 }] });
    expect(receipts).toEqual({ recorded: null, note: null });
    expect(await printsOf(desktopTable, small)).toHaveLength(1);
  });

  it('saves the PDF under the village\'s name, recorded as a PDF export', async () => {
    const [small, large] = desktopCases as [string, string];
    const exported = await value(desktopTable, 'campaign.pdf', { output: 'sheets', items: [{ caseNo: small, revision: 1 }, { caseNo: large, revision: 1 }], label: '赵河镇 王庄村' });
    expect(pdfs.at(-1)).toMatchObject({ standard: 'A4' });
    expect(exported.file).toMatchObject({ fileName: '明白纸-赵河镇王庄村-2户.pdf', mime: 'application/pdf' });
    expect(Buffer.from(exported.file.base64, 'base64').toString()).toBe('%PDF-1.7 campaign');
    expect((await printsOf(desktopTable, large)).at(-1)).toMatchObject({ document: 'pdf' });
    expect(campaignFileName('receipts', ' a/b:c*?"<>|\u0001 ', 3)).toBe('签收表-abc-3户.pdf');
    expect(campaignFileName('cards', undefined, 10)).toBe('明白卡-入户发放-10户.pdf');
  });

  it('refuses a batch naming a revision that does not exist before the printer, and records none of it', async () => {
    const [small, large] = desktopCases as [string, string];
    const before = { jobs: jobs.length, small: (await printsOf(desktopTable, small)).length };
    const refused = await call(desktopTable, 'campaign.print', { output: 'cards', items: [{ caseNo: small, revision: 1 }, { caseNo: large, revision: 7 }] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toBe(`找不到案卷 ${large} 第7版，未打印；请重新选择案卷`);
    expect(jobs.length).toBe(before.jobs);
    const recorded = await call(desktopTable, 'campaign.record', { output: 'cards', items: [{ caseNo: small, revision: 1 }, { caseNo: large, revision: 7 }] });
    expect(recorded.ok).toBe(false);
    expect(await printsOf(desktopTable, small)).toHaveLength(before.small);
  });

  it('in the browser: printing is the browser\'s, and what its dialog printed is recorded afterwards', async () => {
    const [small, large] = webCases as [string, string];
    const items = [{ caseNo: small, revision: 1 }, { caseNo: large, revision: 1 }];
    for (const channel of ['campaign.print', 'campaign.pdf'] as const) {
      const answer = await dispatch(webTable, channel, { output: 'cards', items });
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.errors[0]?.message).toBe('浏览器模式下请使用浏览器的打印对话框打印或另存为PDF');
    }
    expect(await printsOf(webTable, small)).toEqual([]);
    expect(await value(webTable, 'campaign.record', { output: 'cards', items, pdf: true })).toEqual({ recorded: 2, note: null });
    expect((await printsOf(webTable, small)).map((p) => p.document)).toEqual(['pdf']);
    expect(await value(webTable, 'campaign.record', { output: 'sheets', items })).toEqual({ recorded: 2, note: null });
    expect((await printsOf(webTable, large)).map((p) => p.document)).toEqual(['pdf', 'sheet']);
  });

  it('asks for the operator\'s name before printing', async () => {
    await value(webTable, 'settings.set', { key: 'operatorName', value: '' });
    const answer = await call(webTable, 'campaign.record', { output: 'cards', items: [{ caseNo: webCases[0] as string, revision: 1 }] });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.errors[0]).toEqual({ message: '请先在“设置”中填写经办人姓名，打印记录需要写明经办人', path: 'operatorName' });
    await value(webTable, 'settings.set', { key: 'operatorName', value: '李经办' });
  });

  it('leaves out a case whose stored revision no longer matches its checksum, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'huimin-campaign-damaged-'));
    const first = createServices({ dataDir, portable: false, transport: 'web', scheduleBackups: false });
    const [small, large] = await office(createHandlerTable(first));
    first.close();
    // an altered row, as a disk fault or a hand edit would leave it (the triggers that forbid it dropped for the edit)
    const db = new Database(join(dataDir, DATABASE_FILE_NAME));
    const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'revisions'").all() as { name: string; sql: string }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    db.prepare("UPDATE revisions SET operator = '王某' WHERE revision = 1 AND case_id = (SELECT id FROM cases WHERE sequence = ?)").run(Number((large as string).slice(5)));
    for (const trigger of triggers) db.exec(trigger.sql);
    db.close();

    const reopened = createServices({ dataDir, portable: false, transport: 'web', scheduleBackups: false, log: () => {} });
    try {
      const loaded = await value(createHandlerTable(reopened), 'campaign.load', { caseNos: [small as string, large as string] });
      expect(loaded.items.map((item) => ('revision' in item ? item.caseNo : item.problem))).toEqual([small, expect.stringContaining(`案卷 ${large} 第1版：此版本数据已损坏`)]);
    } finally {
      reopened.close();
    }
  });
});
