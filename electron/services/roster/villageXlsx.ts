/**
 * 本村一览 as an Excel workbook: 各户 (every household of the filter in campaign order, ID numbers
 * masked) and 按村按组 (the subtotals). Amounts are numbers so Excel sums them; the four ways a family
 * receives its benefits stay in four columns, never added into one.
 */
import type { VillageTable } from '../../../shared/api/rosterApi';
import { STATUS_SHORT } from '../../../shared/household/codes';
import { sheetSink, workbookBytes, type Column } from '../store/tableSinks';

const money = (header: string): Column => ({ header, width: 14, amount: true });

export function villageXlsx(table: VillageTable): Promise<Buffer> {
  return workbookBytes(async (workbook) => {
    const households = sheetSink(workbook, '各户', [
      { header: '乡镇', width: 14 },
      { header: '村', width: 14 },
      { header: '组', width: 8 },
      { header: '户主', width: 10 },
      { header: '户主身份证号', width: 22, idNumber: true },
      { header: '人口', width: 6 },
      { header: '身份', width: 10 },
      money('到手现金（元/年）'),
      money('其中每月发放（元/月）'),
      money('医院直接结算（元/年）'),
      money('减免（元/年）'),
      money('一次性补助（元）'),
      { header: '测算日期', width: 12 },
      { header: '案卷编号', width: 14 },
      { header: '备注', width: 24 },
    ]);
    let written = 0;
    for (const row of table.rows) {
      const note = row.damaged ? '此版本数据已损坏，未计入' : row.voided ? '已作废，未计入' : '';
      const amounts = row.damaged ? [null, null, null, null, null] : [row.cash, row.cashMonthly, row.settlement, row.waiver, row.oneOff];
      households.row([row.township, row.village, row.group, row.headName, row.headIdMasked, row.members, row.status === '' ? '' : STATUS_SHORT[row.status], ...amounts, row.asOf, row.caseNo, note]);
      if (++written % 2000 === 0) await households.pause();
    }
    await households.end();

    const subtotals = sheetSink(workbook, '按村按组', [
      { header: '村', width: 24 },
      { header: '组', width: 10 },
      { header: '户数', width: 8 },
      money('到手现金（元/年）'),
      money('医院直接结算（元/年）'),
      money('减免（元/年）'),
      money('一次性补助（元）'),
    ]);
    for (const line of table.subtotals) {
      subtotals.row([line.village, line.group === null ? '全村合计' : line.group || '（未填组）', line.households, line.cash, line.settlement, line.waiver, line.oneOff]);
    }
    subtotals.row(['全部', '', table.total.households, table.total.cash, table.total.settlement, table.total.waiver, table.total.oneOff]);
    await subtotals.end();
  });
}
