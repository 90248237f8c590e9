/** The 变动报告 as an Excel workbook: 汇总, 按待遇, 按村, 变动明细 (amounts as numbers so they sum). */
import { amountColumn, sheetSink, textColumn, workbookBytes } from '../store/tableSinks';
import { DELIVERIES, DELIVERY_LABELS, deliveryOf } from '../../../shared/result/delivery';
import type { ChangeReport } from './changeReport';

const money = (header: string) => amountColumn(header, 14);
/** the households that gain and lose, and the amounts before, after and the change */
const COUNTS = [textColumn('增加户数', 10), textColumn('减少户数', 10)];
const AMOUNTS = [money('原金额（元）'), money('新金额（元）'), money('变动（元）')];

export function changeReportXlsx(report: ChangeReport): Promise<Buffer> {
  return workbookBytes(async (workbook) => {
    const summary = sheetSink(workbook, '汇总', [textColumn('项目', 24), textColumn('内容', 40)]);
    const s = report.summary;
    for (const row of [
      ['参数包', `${report.pack.title}（${report.pack.id} ${report.pack.version}）`],
      ['测算日期', report.asOf ?? '各案卷原测算日期'],
      ['开始时间', report.startedAt],
      ['结束时间', report.finishedAt ?? ''],
      ['状态', { done: '已完成', cancelled: '已取消（仅含取消前完成的案卷）', failed: '出错中止', running: '进行中' }[report.state]],
      ['重新测算户数', String(s.cases)],
      ['金额有变动户数', String(s.changed)],
      ['增加户数', String(s.gainers)],
      ['减少户数', String(s.losers)],
      ['原各项合计（元）', s.before],
      ['新各项合计（元）', s.after],
      ['变动（元）', s.delta],
      // 到手现金 apart from what the hospital settles, what is not charged, and one-off grants
      ...DELIVERIES.flatMap((delivery) => {
        const part = s.byDelivery?.[delivery];
        return part ? [[`其中${DELIVERY_LABELS[delivery]}（元）`, `${part.before} → ${part.after}（${part.delta}）`]] : [];
      }),
    ] as [string, string][]) {
      summary.row(row);
    }
    await summary.end();

    const benefits = sheetSink(workbook, '按待遇', [textColumn('待遇', 24), textColumn('代码', 28), textColumn('发放方式', 14), ...COUNTS, ...AMOUNTS]);
    for (const line of report.byBenefit) {
      benefits.row([line.label, line.code, DELIVERY_LABELS[line.delivery ?? deliveryOf(line)], line.gainers, line.losers, line.before, line.after, line.delta]);
    }
    await benefits.end();

    const villages = sheetSink(workbook, '按村', [textColumn('乡镇', 16), textColumn('村', 16), textColumn('户数', 8), textColumn('变动户数', 10), ...COUNTS, ...AMOUNTS]);
    for (const line of report.byVillage) {
      villages.row([line.township || '（未填）', line.village || '（未填）', line.cases, line.changed, line.gainers, line.losers, line.before, line.after, line.delta]);
    }
    await villages.end();

    const cases = sheetSink(workbook, '变动明细', [
      textColumn('案卷编号', 14),
      textColumn('户主', 10),
      textColumn('乡镇', 14),
      textColumn('村', 14),
      money('原年度合计'),
      money('新年度合计'),
      money('变动'),
      textColumn('变动项目', 60),
    ]);
    let written = 0;
    for (const row of report.cases) {
      cases.row([row.caseNo, row.headName, row.township, row.village, row.before, row.after, row.delta, row.changes]);
      if (++written % 2000 === 0) await cases.pause();
    }
    await cases.end();
  });
}
