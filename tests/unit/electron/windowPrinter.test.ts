/**
 * The desktop app's PrintService against a stand-in window (the Electron binary is not available to
 * the tests): what it hands webContents.print and printToPDF for each handout, and how a failed or
 * cancelled print is reported. Electron's units: print() takes a custom page in microns, printToPDF()
 * in inches (docs of WebContents.print / printToPDF).
 */
import type { BrowserWindow, WebContentsPrintOptions, PrintToPDFOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronPrintService } from '../../../electron/main/windowPrinter';
import { PAPER } from '../../../shared/print/documents';

interface StandIn {
  printed: WebContentsPrintOptions[];
  pdfs: PrintToPDFOptions[];
  window: BrowserWindow;
}

function standIn(outcome: { success: boolean; reason: string } = { success: true, reason: '' }, pdfFails = false): StandIn {
  const printed: WebContentsPrintOptions[] = [];
  const pdfs: PrintToPDFOptions[] = [];
  const webContents = {
    getPrintersAsync: async () => [{ name: 'HP_LaserJet', displayName: '', description: '办公室打印机' }],
    print: (options: WebContentsPrintOptions, callback: (success: boolean, reason: string) => void) => {
      printed.push(options);
      callback(outcome.success, outcome.reason);
    },
    printToPDF: async (options: PrintToPDFOptions) => {
      pdfs.push(options);
      if (pdfFails) throw new Error('render process gone');
      return Buffer.from('%PDF-1.7');
    },
  };
  return { printed, pdfs, window: { isDestroyed: () => false, webContents } as unknown as BrowserWindow };
}

describe('electronPrintService', () => {
  it('prints the card at 85.6×54 mm in microns, silently on the printer chosen on the preview page', async () => {
    const fake = standIn();
    const printed = await electronPrintService(() => fake.window).print({ paper: PAPER.card, deviceName: 'HP_LaserJet', copies: 2 });
    expect(printed).toEqual({ ok: true, value: true });
    expect(fake.printed[0]).toMatchObject({
      silent: true,
      deviceName: 'HP_LaserJet',
      copies: 2,
      pageSize: { width: 85600, height: 54000 },
      margins: { marginType: 'default' },
      printBackground: true,
      landscape: false,
    });
  });

  it('prints the 明白纸 on A4 by name, and opens the system dialog when no printer was chosen', async () => {
    const fake = standIn();
    await electronPrintService(() => fake.window).print({ paper: PAPER.sheet, copies: 1 });
    expect(fake.printed[0]).toMatchObject({ silent: false, pageSize: 'A4', copies: 1 });
    expect(fake.printed[0]).not.toHaveProperty('deviceName');
  });

  it('exports the PDF at the handout size in inches (A6 by name), without extra margins', async () => {
    const fake = standIn();
    const service = electronPrintService(() => fake.window);
    const card = await service.pdf(PAPER.card);
    expect(card.ok && Buffer.from(card.value).toString()).toBe('%PDF-1.7');
    expect(fake.pdfs[0]).toMatchObject({ preferCSSPageSize: true, printBackground: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    // 85.6 mm ÷ 25.4 = 3.3700787… in, 54 mm ÷ 25.4 = 2.1259842… in
    expect((fake.pdfs[0]?.pageSize as { width: number }).width).toBeCloseTo(3.370079, 6);
    expect((fake.pdfs[0]?.pageSize as { height: number }).height).toBeCloseTo(2.125984, 6);
    await service.pdf(PAPER.cardA6);
    expect(fake.pdfs[1]?.pageSize).toBe('A6');
  });

  it('lists the printers with a name to show even when the system gives none', async () => {
    const fake = standIn();
    const printers = await electronPrintService(() => fake.window).printers();
    expect(printers).toEqual({ ok: true, value: [{ name: 'HP_LaserJet', displayName: 'HP_LaserJet', description: '办公室打印机' }] });
  });

  it('says in Chinese why a print did not happen', async () => {
    const cases: [string, string][] = [
      ['Print job canceled', '已取消打印'],
      ['Print job failed', '打印失败：请检查打印机是否开机、已连接、有纸'],
      ['Something new', '打印未完成（Something new）'],
      ['', '打印未完成（原因不明）'],
    ];
    for (const [reason, message] of cases) {
      const fake = standIn({ success: false, reason });
      const printed = await electronPrintService(() => fake.window).print({ paper: PAPER.sheet, copies: 1 });
      expect(printed).toEqual({ ok: false, errors: [{ message, path: '' }] });
    }
  });

  it('refuses without a window, and reports a failed PDF in Chinese', async () => {
    const none = electronPrintService(() => undefined);
    expect(await none.print({ paper: PAPER.sheet, copies: 1 })).toMatchObject({ ok: false, errors: [{ message: '没有打开的程序窗口' }] });
    const failing = standIn({ success: true, reason: '' }, true);
    expect(await electronPrintService(() => failing.window).pdf(PAPER.sheet)).toMatchObject({ ok: false, errors: [{ message: '导出PDF失败，请重试' }] });
  });
});
