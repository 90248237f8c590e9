/**
 * Printing: time to produce each handout as PDF in Chromium, against `npm run web` (which builds the
 * renderer first). For the small, the 8-member and the empty household, each document is opened in
 * the print preview and printed with page.pdf({ preferCSSPageSize }) — Chromium's own PDF printing,
 * the code path of Electron's printToPDF — and timed from the call to the bytes. Budget (issue 8):
 * < 1500 ms per PDF. Also the time from opening the preview to a page ready to print.
 */
import { HANDOUT_DOCUMENTS, PAPER, type HandoutDocument } from '../../shared/print/documents';
import { invoke, openPreview } from '../e2e/support/printPages';
import { PRINT_HOUSEHOLDS, type PrintHouseholdName } from '../support/printHouseholds';
import { percentile, type Figure } from './figures';
import { withOfficePage } from './officePage';

const HOUSEHOLD_LABELS: Record<PrintHouseholdName, string> = { small: '3人户', large: '8人户', nothing: '无待遇户' };

export async function runPrintBench(options: { quick?: boolean } = {}): Promise<Figure[]> {
  const runs = options.quick ? 3 : 9;
  return withOfficePage('huimin-printbench-', async ({ context, page }) => {
    const pdfTimes = new Map<HandoutDocument, { household: PrintHouseholdName; samples: number[] }[]>();
    const previewTimes: number[] = [];
    for (const [name, input] of Object.entries(PRINT_HOUSEHOLDS) as [PrintHouseholdName, unknown][]) {
      const saved = await invoke(page, 'cases.save', { input });
      for (const document of HANDOUT_DOCUMENTS) {
        const samples: number[] = [];
        for (let run = 0; run <= runs; run++) {
          // leave the preview and come back, so each run lays the handout out afresh
          await page.evaluate(() => (window.location.hash = '#/about'));
          await page.waitForSelector('[data-testid="print-ready"]', { state: 'detached' });
          const opened = performance.now();
          await openPreview(page, saved.caseNo, saved.latest.revision, document);
          const ready = performance.now();
          const started = performance.now();
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
          const took = performance.now() - started;
          if (pdf.length < 1000) throw new Error(`${name} ${document}: the PDF is empty`);
          // the first run warms the caches (fonts, chunks); it is not counted
          if (run > 0) {
            samples.push(took);
            previewTimes.push(ready - opened);
          }
        }
        pdfTimes.set(document, [...(pdfTimes.get(document) ?? []), { household: name, samples }]);
      }
    }
    await context.close();

    const figures: Figure[] = [];
    for (const document of HANDOUT_DOCUMENTS) {
      const perHousehold = pdfTimes.get(document) ?? [];
      const worst = perHousehold.reduce((a, b) => (percentile(b.samples, 50) > percentile(a.samples, 50) ? b : a));
      const all = perHousehold.flatMap((h) => h.samples);
      figures.push({
        name: `导出PDF：${PAPER[document].label}（最慢户中位数）`,
        value: Math.round(percentile(worst.samples, 50)),
        unit: 'ms',
        budget: { limit: 1500, better: 'lower' },
        note: `${perHousehold.map((h) => `${HOUSEHOLD_LABELS[h.household]} ${Math.round(percentile(h.samples, 50))} ms`).join('，')}；各 ${runs} 次，全部最慢 ${Math.round(Math.max(...all))} ms`,
      });
    }
    figures.push({ name: '打开打印预览至可打印（中位数）', value: Math.round(percentile(previewTimes, 50)), unit: 'ms', note: `含读取案卷、生成二维码、字体就绪；p95 ${Math.round(percentile(previewTimes, 95))} ms` });
    return figures;
  });
}
