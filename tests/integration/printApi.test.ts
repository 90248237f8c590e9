/**
 * print.printers / print.run / print.pdf through the one handler table: with a PrintService (what the
 * desktop app provides) each print and PDF export lands in the case history; without one (the web
 * host) the page is told, in Chinese, to use the browser's print.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { CaseDetail } from '../../shared/api/contract';
import { call, printOffices } from '../support/printOffices';
import { SMALL_HOUSEHOLD } from '../support/printHouseholds';

const offices = printOffices('huimin-print-', { printers: [{ name: 'HP_LaserJet', displayName: 'HP LaserJet', description: '办公室激光打印机' }], pdfText: '%PDF-1.7 fake' });
const { jobs, pdfs } = offices;
let desktopTable: HandlerTable;
let webTable: HandlerTable;

async function savedCase(table: HandlerTable): Promise<CaseDetail> {
  const settings = await call(table, 'settings.set', { key: 'operatorName', value: '李经办' });
  expect(settings.ok).toBe(true);
  const saved = await call(table, 'cases.save', { input: SMALL_HOUSEHOLD });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return saved.value;
}

beforeAll(() => ({ desktopTable, webTable } = offices.open()));
afterAll(() => offices.close());

describe('printing through the API', () => {
  it('lists the printers and prints on the handout\'s paper, then records who printed which revision', async () => {
    const saved = await savedCase(desktopTable);
    const printers = await call(desktopTable, 'print.printers', undefined);
    expect(printers.ok && printers.value.map((p) => p.name)).toEqual(['HP_LaserJet']);

    const printed = await call(desktopTable, 'print.run', { caseNo: saved.caseNo, revision: 1, document: 'card', deviceName: 'HP_LaserJet', copies: 2 });
    if (!printed.ok) throw new Error(JSON.stringify(printed.errors));
    expect(jobs.at(-1)).toMatchObject({ deviceName: 'HP_LaserJet', copies: 2, paper: { widthMm: 85.6, heightMm: 54 } });
    expect(printed.value.prints).toEqual([expect.objectContaining({ revision: 1, document: 'card', operator: '李经办' })]);
  });

  it('exports a PDF as a file to save, recorded as a PDF export', async () => {
    const saved = await savedCase(desktopTable);
    const exported = await call(desktopTable, 'print.pdf', { caseNo: saved.caseNo, revision: 1, document: 'sheet' });
    if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
    expect(pdfs.at(-1)).toMatchObject({ standard: 'A4' });
    expect(exported.value.file).toMatchObject({ fileName: `明白纸-${saved.caseNo}-第1版.pdf`, mime: 'application/pdf' });
    expect(Buffer.from(exported.value.file.base64, 'base64').toString()).toContain('%PDF');
    expect(exported.value.detail.prints.at(-1)).toMatchObject({ revision: 1, document: 'pdf', operator: '李经办' });
  });

  it('refuses a revision that does not exist, and a document it does not know, before printing', async () => {
    const saved = await savedCase(desktopTable);
    const before = jobs.length;
    const missing = await call(desktopTable, 'print.run', { caseNo: saved.caseNo, revision: 9, document: 'sheet' });
    expect(missing.ok).toBe(false);
    const unknown = await dispatch(desktopTable, 'print.run', { caseNo: saved.caseNo, revision: 1, document: 'poster' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0]?.message).toContain('cardA6');
    expect(jobs.length).toBe(before);
  });

  it('in the web host answers with how to print from the browser, and records nothing', async () => {
    const saved = await savedCase(webTable);
    for (const channel of ['print.printers', 'print.run', 'print.pdf'] as const) {
      const input = channel === 'print.printers' ? undefined : { caseNo: saved.caseNo, revision: 1, document: 'sheet' as const };
      const answer = await dispatch(webTable, channel, input);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.errors[0]?.message).toMatch(/浏览器.*打印/);
    }
    const detail = await call(webTable, 'cases.get', { caseNo: saved.caseNo });
    expect(detail.ok && detail.value.prints).toEqual([]);
  });
});
