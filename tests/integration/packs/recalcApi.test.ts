/**
 * 重新测算 through the API, as the page drives it: start, poll the status until done, read the change
 * report a page at a time, export it to Excel (the workbook's figures are the report's, to the fen),
 * and find it again after the app restarts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeReportHead, ChangeReportPage, PackSummary, RecalcStatus } from '../../../shared/api/packApi';
import { DELIVERY_LABELS } from '../../../shared/result/delivery';
import { call, closeOffices, openOffice, value } from '../../support/apiOffice';
import { BASE, dibaoDraft } from '../../support/packDrafts';

afterAll(closeOffices);

const dir = join(mkdtempSync(join(tmpdir(), 'huimin-recalc-api-')), 'data');
/** the same data folder each time: a second open() is the app after a restart */
const open = () => openOffice({ dir }).table;

const household = (i: number, status: string, area: string) => ({
  asOf: '2026-06-01',
  household: { area, status, monthlyIncome: 100 * (i % 4), township: '石桥镇', village: i % 2 ? '王庄村' : '李营村' },
  members: [
    { id: 'm1', name: `户主${i}`, birthDate: '1958-04-02' },
    { id: 'm2', name: `家人${i}`, birthDate: '1985-09-12' },
  ],
});

describe('recalc channels', () => {
  it('runs, reports, exports and survives a restart', async () => {
    const table = open();
    const refused = await call<unknown>(table, 'recalc.start', { id: BASE.id, version: BASE.version, asOf: null });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toContain('经办人');
    await value(table, 'settings.set', { key: 'operatorName', value: '李经办' });
    for (let i = 0; i < 12; i++) await value(table, 'cases.save', { input: household(i, i % 3 ? 'dibao' : 'ordinary', i % 4 ? 'rural' : 'urban') });
    const pack = await value<PackSummary>(table, 'packs.saveLocal', { base: { id: BASE.id, version: BASE.version }, draft: dibaoDraft({ from: '2027-01-01', rural: '480', urban: '720' }) });

    const started = await value<RecalcStatus>(table, 'recalc.start', { id: pack.id, version: pack.version, asOf: '2027-01-01' });
    expect(started.state).toBe('running');
    expect((await call(table, 'recalc.start', { id: pack.id, version: pack.version, asOf: null })).ok).toBe(false);
    let status = started;
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await value<RecalcStatus | null>(table, 'recalc.status', undefined)) as RecalcStatus;
    }
    expect(status).toMatchObject({ state: 'done', total: 12, processed: 12, failed: 0 });
    expect(status.written).toBeGreaterThan(0);

    const page = await value<ChangeReportPage>(table, 'recalc.report', { jobId: status.jobId, pageSize: 5 });
    expect(page.summary.cases).toBe(12);
    expect(page.cases).toHaveLength(Math.min(5, page.casesTotal));
    const losers = await value<ChangeReportPage>(table, 'recalc.report', { jobId: status.jobId, filter: 'losers', pageSize: 200 });
    expect(losers.cases.every((row) => row.delta.startsWith('-'))).toBe(true);
    const village = await value<ChangeReportPage>(table, 'recalc.report', { jobId: status.jobId, village: '王庄村', pageSize: 200 });
    expect(village.cases.every((row) => row.village === '王庄村')).toBe(true);

    const file = await value<{ fileName: string; base64: string }>(table, 'recalc.exportReport', { jobId: status.jobId });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const full = await value<ChangeReportPage>(table, 'recalc.report', { jobId: status.jobId, pageSize: 200 });
    const benefits = workbook.getWorksheet('按待遇')!;
    full.byBenefit.forEach((line, index) => {
      const row = benefits.getRow(index + 2);
      expect(row.getCell(2).value).toBe(line.code);
      expect(row.getCell(3).value).toBe(DELIVERY_LABELS[line.delivery!]);
      expect(Number(row.getCell(8).value).toFixed(2)).toBe(line.delta);
    });
    const detail = workbook.getWorksheet('变动明细')!;
    expect(detail.rowCount - 1).toBe(full.casesTotal);
    full.cases.forEach((line, index) => {
      expect(detail.getRow(index + 2).getCell(1).value).toBe(line.caseNo);
      expect(Number(detail.getRow(index + 2).getCell(7).value).toFixed(2)).toBe(line.delta);
    });

    // after a restart the report is still there
    closeOffices();
    const again = open();
    const heads = await value<ChangeReportHead[]>(again, 'recalc.reports', undefined);
    expect(heads.map((head) => head.jobId)).toEqual([status.jobId]);
    const reread = await value<ChangeReportPage>(again, 'recalc.report', { pageSize: 200 });
    expect(reread.summary).toEqual(full.summary);
    expect(reread.byVillage).toEqual(full.byVillage);
  });
});
