/**
 * 入户发放打印 (issue 18 item 4): the latest revisions of a selection of cases, read a batch at a time
 * (the page shows progress and can stop between batches); printing or saving as PDF what the page
 * has laid out — the window's content, as print.run and print.pdf do, on A4 — and recording that
 * printing in every case's history in one transaction. The web host has no PrintService: the page
 * prints with the browser's dialog and records with campaign.record once staff say it printed.
 */
import { CAMPAIGN_OUTPUT_LABELS, type CampaignLoadItem, type CampaignOutput, type CampaignPrinted } from '../../shared/api/campaignApi';
import type { PrintDocument } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/errors';
import type { PaperSpec } from '../../shared/print/documents';
import type { Services } from '../services';
import type { Store } from '../services/store';
import { toRevisionDetail } from './caseHandlers';
import type { Handlers } from './index';

/** every page of the campaign is A4 (@page campaign in the page's print styles) */
export const CAMPAIGN_PAPER: PaperSpec = { label: '入户发放', paperLabel: 'A4 纵向', widthMm: 210, heightMm: 297, standard: 'A4' };

const BROWSER_PRINT = '浏览器模式下请使用浏览器的打印对话框打印或另存为PDF';
const NOT_RECORDED = '本窗口只读（见页面顶部的说明），本次打印未记入案卷打印记录';

type Item = { caseNo: string; revision: number };

/** what a case's history records for this output: the 签收表 is not a handout of a revision */
function documentOf(output: CampaignOutput, pdf: boolean): PrintDocument | null {
  if (output === 'receipts') return null;
  if (pdf) return 'pdf';
  return output === 'cards' ? 'card' : 'sheet';
}

/** "明白卡-马山口镇马山口村-230户.pdf": no character a file system refuses */
export function campaignFileName(output: CampaignOutput, label: string | undefined, households: number): string {
  const place = (label ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, '').slice(0, 40);
  return `${CAMPAIGN_OUTPUT_LABELS[output]}-${place === '' ? '入户发放' : place}-${households}户.pdf`;
}

export function campaignHandlers(services: Services): Handlers<'campaign.load' | 'campaign.print' | 'campaign.pdf' | 'campaign.record'> {
  const withStore = <T>(run: (store: Store) => Result<T> | Promise<Result<T>>): Result<T> | Promise<Result<T>> => {
    const store = services.store();
    return store.ok ? run(store.value) : store;
  };

  /** The printing of these items in their cases' histories (all or none), or why it was not recorded. */
  const record = (store: Store, items: Item[], document: PrintDocument | null): Result<CampaignPrinted> => {
    if (document === null) return ok({ recorded: null, note: null });
    if (!store.access.writable) return ok({ recorded: null, note: NOT_RECORDED });
    const recorded = store.prints.recordMany({ items, document });
    return recorded.ok ? ok({ recorded: recorded.value.recorded, note: null }) : recorded;
  };

  /** An operator is named before anything reaches the printer (the history says who printed), and every revision exists. */
  const operatorNamed = (store: Store): Result<true> =>
    store.settings.get().operatorName.trim() === '' ? fail('请先在“设置”中填写经办人姓名，打印记录需要写明经办人', 'operatorName') : ok(true);
  const printable = (store: Store, items: Item[]): Result<true> => {
    const named = operatorNamed(store);
    if (!named.ok) return named;
    const checked = store.prints.checkMany({ items, document: 'pdf' });
    return checked.ok ? ok(true) : fail(`${checked.errors.map((e) => e.message).join('；')}，未打印；请重新选择案卷`, 'items');
  };

  return {
    'campaign.load': (request) =>
      withStore((store) => {
        const items: CampaignLoadItem[] = [];
        for (const caseNo of new Set(request.caseNos)) {
          const found = store.cases.get({ caseNo });
          if (!found.ok) items.push({ caseNo, problem: found.errors.map((e) => e.message).join('；') });
          else if (found.value.voided) items.push({ caseNo: found.value.caseNo, problem: `案卷 ${found.value.caseNo} 已作废，不打印` });
          else items.push({ caseNo: found.value.caseNo, revision: toRevisionDetail(found.value) });
        }
        return ok({ items });
      }),
    'campaign.print': (request) =>
      withStore(async (store) => {
        if (!services.print) return fail(BROWSER_PRINT);
        const allowed = printable(store, request.items);
        if (!allowed.ok) return allowed;
        const printed = await services.print.print({
          paper: CAMPAIGN_PAPER,
          copies: request.copies,
          ...(request.deviceName === undefined ? {} : { deviceName: request.deviceName }),
        });
        if (!printed.ok) return printed;
        const recorded = record(store, request.items, documentOf(request.output, false));
        return recorded.ok ? recorded : fail(`已送打印机，但未记入打印记录：${recorded.errors.map((e) => e.message).join('；')}`);
      }),
    'campaign.pdf': (request) =>
      withStore(async (store) => {
        if (!services.print) return fail(BROWSER_PRINT);
        const allowed = printable(store, request.items);
        if (!allowed.ok) return allowed;
        const pdf = await services.print.pdf(CAMPAIGN_PAPER);
        if (!pdf.ok) return pdf;
        const recorded = record(store, request.items, documentOf(request.output, true));
        if (!recorded.ok) return recorded;
        const file = { fileName: campaignFileName(request.output, request.label, request.items.length), mime: 'application/pdf', base64: Buffer.from(pdf.value).toString('base64') };
        return ok({ ...recorded.value, file });
      }),
    'campaign.record': (request) =>
      withStore((store) => {
        const named = operatorNamed(store);
        if (!named.ok) return named;
        return record(store, request.items, documentOf(request.output, request.pdf === true));
      }),
  };
}
