/**
 * 导出 Excel of what a county page shows: the search result (up to 100,000 cases; ID numbers masked
 * unless asked), a totals table, the 重复 list, or 上报情况. Chinese headers, widths, frozen first row.
 */
import ExcelJS from 'exceljs';
import type { Pool } from 'pg';
import type { FilePayload } from '../../shared/api/contract';
import type { CountySearch, TotalsRequest } from '../../shared/api/countyApi';
import { ok, type Result } from '../../shared/errors';
import { maskIdNumber } from '../../shared/household/idNumber';
import { localDay } from '../../electron/services/store/localTime';
import { duplicatePeople } from './households';
import { CASE_COLUMNS, CASE_ROW_COLUMNS, hasTermSql, planCountySearch, termSql, type CaseRowData } from './search';
import { officeReports, totalsTable } from './totals';

const MAX_ROWS = 100_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GROUP_LABELS = { township: '乡镇', village: '乡镇 · 村', benefit: '待遇', month: '月份' } as const;

type Column = { header: string; width: number };

async function workbook(sheetName: string, columns: Column[], rows: (string | number | null)[][], fileName: string): Promise<FilePayload> {
  const book = new ExcelJS.Workbook();
  book.creator = '惠民政策测算台（县级）';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName, mime: XLSX, base64: buffer.toString('base64') };
}

const stamp = (now: Date) => localDay(now);

export async function exportSearch(pool: Pool, request: Omit<CountySearch, 'page' | 'pageSize'>, unmasked: boolean, now: Date): Promise<Result<FilePayload>> {
  const planned = planCountySearch(request);
  if (!planned.ok) return planned;
  const query = planned.value;
  const params = [...query.params];
  let sql: string;
  if (query.driver) {
    const driver = termSql(query.driver, 't', params);
    const others = query.others.map((other, index) => hasTermSql(other, `t${index + 1}`, params, CASE_COLUMNS));
    sql = `SELECT ${CASE_ROW_COLUMNS} FROM cases c JOIN offices o ON o.id = c.office_id WHERE (c.id, c.updated_at) IN (SELECT t.case_id, t.updated_at FROM case_terms t WHERE ${driver})${[...query.where, ...others].map((w) => ` AND ${w}`).join('')}`;
  } else {
    sql = `SELECT ${CASE_ROW_COLUMNS} FROM cases c JOIN offices o ON o.id = c.office_id${query.where.length ? ` WHERE ${query.where.join(' AND ')}` : ''}`;
  }
  const result = await pool.query<CaseRowData & { as_of?: string }>(`${sql} ORDER BY c.updated_at DESC, c.id DESC LIMIT ${MAX_ROWS}`, params);
  const rows = result.rows.map((row) => [
    row.office_name,
    row.case_no,
    row.head_name,
    row.member_names.join('、'),
    row.member_ids.filter(Boolean).map((id) => (unmasked ? id : maskIdNumber(id))).join('、'),
    row.township,
    row.village,
    row.household_status,
    row.revision,
    localDay(row.updated_at),
    Number(row.total_annual),
    row.voided ? '已作废' : '',
    row.flagged ? '有重复' : '',
  ]);
  const columns = [
    { header: '乡镇（上报单位）', width: 16 },
    { header: '案卷编号', width: 14 },
    { header: '户主', width: 10 },
    { header: '家庭成员', width: 24 },
    { header: '身份证号', width: unmasked ? 42 : 42 },
    { header: '乡镇', width: 12 },
    { header: '村', width: 12 },
    { header: '身份', width: 12 },
    { header: '版本', width: 6 },
    { header: '办理日期', width: 12 },
    { header: '年度合计（元）', width: 14 },
    { header: '作废', width: 8 },
    { header: '重复', width: 8 },
  ];
  return ok(await workbook('案卷', columns, rows, `县级案卷查询-${stamp(now)}.xlsx`));
}

export async function exportTotals(pool: Pool, request: TotalsRequest & { groupBy: keyof typeof GROUP_LABELS }, now: Date): Promise<Result<FilePayload>> {
  const table = await totalsTable(pool, request);
  if (!table.ok) return table;
  const rows = table.value.rows.map((row) => [row.label, row.households, Number(row.amount), row.split ? Number(row.split.cash) : null, row.split ? Number(row.split.settlement) : null, row.split ? Number(row.split.waiver) : null, row.split ? Number(row.split.oneOff) : null]);
  rows.push(['合计', table.value.total.households, Number(table.value.total.amount), null, null, null, null]);
  const columns = [
    { header: GROUP_LABELS[request.groupBy], width: 24 },
    { header: '户数', width: 10 },
    { header: '年度金额（元）', width: 16 },
    { header: '其中现金（元）', width: 14 },
    { header: '结算（元）', width: 14 },
    { header: '减免（元）', width: 14 },
    { header: '一次性（元）', width: 14 },
  ];
  return ok(await workbook('汇总', columns, rows, `县级汇总-按${GROUP_LABELS[request.groupBy]}-${stamp(now)}.xlsx`));
}

export async function exportDuplicates(pool: Pool, kind: 'all' | 'offices' | 'households', now: Date): Promise<Result<FilePayload>> {
  const page = await duplicatePeople(pool, { kind, page: 1, pageSize: MAX_ROWS });
  if (!page.ok) return page;
  const rows = page.value.rows.flatMap((person) =>
    person.cases.map((c) => [person.maskedId, person.names.join('、'), person.offices, person.households, c.officeName, c.caseNo, c.headName, c.relation === 'head' ? '户主' : '成员', c.township, c.village]),
  );
  const columns = [
    { header: '身份证号', width: 22 },
    { header: '姓名', width: 12 },
    { header: '涉及乡镇数', width: 10 },
    { header: '涉及户数', width: 10 },
    { header: '上报单位', width: 16 },
    { header: '案卷编号', width: 14 },
    { header: '户主', width: 10 },
    { header: '在该户为', width: 8 },
    { header: '乡镇', width: 12 },
    { header: '村', width: 12 },
  ];
  return ok(await workbook('重复', columns, rows, `县级重复人员-${stamp(now)}.xlsx`));
}

export async function exportOffices(pool: Pool, now: Date): Promise<Result<FilePayload>> {
  const offices = await officeReports(pool, now);
  const rows = offices.map((o) => [o.name, o.fingerprint, o.lastReceivedAt?.slice(0, 10) ?? '从未上报', o.daysSilent, o.revisions, o.cases, o.conflicts, o.revokedAt ? '已停用' : '']);
  const columns = [
    { header: '乡镇（单位）', width: 16 },
    { header: '公钥指纹', width: 42 },
    { header: '最近上报', width: 12 },
    { header: '未上报天数', width: 10 },
    { header: '修订数', width: 10 },
    { header: '案卷数', width: 10 },
    { header: '冲突', width: 8 },
    { header: '状态', width: 8 },
  ];
  return ok(await workbook('上报情况', columns, rows, `县级上报情况-${stamp(now)}.xlsx`));
}
