/** The 变动报告 as an Excel workbook: 汇总, 按待遇, 按村, 变动明细 (amounts as numbers so they sum). */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetSink, type Column } from '../store/tableSinks';
import { DELIVERIES, DELIVERY_LABELS, deliveryOf } from '../../../shared/result/delivery';
import type { ChangeReport } from './changeReport';

const money = (header: string): Column => ({ header, width: 14, amount: true });

export async function changeReportXlsx(report: ChangeReport): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '惠民政策测算台';

  const summary = sheetSink(workbook, '汇总', [{ header: '项目', width: 24 }, { header: '内容', width: 40 }]);
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

  const benefits = sheetSink(workbook, '按待遇', [
    { header: '待遇', width: 24 },
    { header: '代码', width: 28 },
    { header: '发放方式', width: 14 },
    { header: '增加户数', width: 10 },
    { header: '减少户数', width: 10 },
    money('原金额（元）'),
    money('新金额（元）'),
    money('变动（元）'),
  ]);
  for (const line of report.byBenefit) {
    benefits.row([line.label, line.code, DELIVERY_LABELS[line.delivery ?? deliveryOf(line)], line.gainers, line.losers, line.before, line.after, line.delta]);
  }
  await benefits.end();

  const villages = sheetSink(workbook, '按村', [
    { header: '乡镇', width: 16 },
    { header: '村', width: 16 },
    { header: '户数', width: 8 },
    { header: '变动户数', width: 10 },
    { header: '增加户数', width: 10 },
    { header: '减少户数', width: 10 },
    money('原金额（元）'),
    money('新金额（元）'),
    money('变动（元）'),
  ]);
  for (const line of report.byVillage) {
    villages.row([line.township || '（未填）', line.village || '（未填）', line.cases, line.changed, line.gainers, line.losers, line.before, line.after, line.delta]);
  }
  await villages.end();

  const cases = sheetSink(workbook, '变动明细', [
    { header: '案卷编号', width: 14 },
    { header: '户主', width: 10 },
    { header: '乡镇', width: 14 },
    { header: '村', width: 14 },
    money('原年度合计'),
    money('新年度合计'),
    money('变动'),
    { header: '变动项目', width: 60 },
  ]);
  let written = 0;
  for (const row of report.cases) {
    cases.row([row.caseNo, row.headName, row.township, row.village, row.before, row.after, row.delta, row.changes]);
    if (++written % 2000 === 0) await cases.pause();
  }
  await cases.end();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
