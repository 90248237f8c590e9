/**
 * The 入户发放打印 panel as the desktop app runs it (window.api from the preload, stubbed here over the
 * real calculation): 导出PDF reads the selection a batch at a time, asks once about values 待核实,
 * lays the cards out (the window's own card, front and back), then asks main for the PDF with the
 * cases in campaign order and hands the file to be saved; 打印 sends the chosen printer and copies.
 * 取消 while reading: main is never asked to print or export, no file is saved.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../shared/api/channels';
import type { RevisionDetail } from '../../shared/api/contract';
import { compute } from '../support/calc';
import { campaignHousehold } from '../support/campaignHouseholds';
import { OFFICE_SETTINGS } from '../support/officeSettings';

const calls = vi.hoisted(() => {
  const calls: { channel: string; input: unknown }[] = [];
  const handlers = new Map<string, (input: unknown) => unknown>();
  (window as unknown as { api: unknown }).api = {
    transport: 'electron',
    async invoke(channel: string, input: unknown) {
      calls.push({ channel, input });
      const handler = handlers.get(channel);
      if (!handler) return { ok: false, errors: [{ message: `no stub for ${channel}`, path: '' }] };
      return { ok: true, value: await handler(input) };
    },
    onMenu: () => () => {},
  };
  return Object.assign(calls, { handlers });
});

const { default: CampaignPrint } = await import('../../renderer/src/components/campaign/CampaignPrint.vue');

const SETTINGS = { ...OFFICE_SETTINGS, autoBackup: true };

/** 12 households of 杨庄村, numbered 2026-000001… in saving order */
const revisions: RevisionDetail[] = Array.from({ length: 12 }, (_, i) => {
  const input = campaignHousehold(i, { township: '马山口镇', village: '杨庄村' }).input;
  const caseNo = `2026-${String(i + 1).padStart(6, '0')}`;
  return { caseNo, revision: 1, kind: 'save', savedAt: '2026-12-01T09:00:00+08:00', operator: '李经办', packId: 'p', packVersion: 'v', reason: null, totalAnnual: '0.00', input, result: compute(input) };
});
const byNo = new Map(revisions.map((r) => [r.caseNo, r]));
/**
 * campaignHousehold 0–11 (#1–#12) by 组 (i mod 4 + 1), then 户主 in 拼音, worked out by hand:
 * 组1 #5 陈凤英 (chen), #1 王建国 (wang), #9 周翠兰 (zhou); 组2 #2 李德胜 (li), #10 吴志强 (wu), #6 杨永福 (yang);
 * 组3 #11 徐红霞 (xu), #3 张金凤 (zhang), #7 赵桂兰 (zhao); 组4 #8 黄长青 (huang), #4 刘秀英 (liu), #12 孙海军 (sun)
 */
const ORDER = ['2026-000005', '2026-000001', '2026-000009', '2026-000002', '2026-000010', '2026-000006', '2026-000011', '2026-000003', '2026-000007', '2026-000008', '2026-000004', '2026-000012'];

let wrapper: VueWrapper | undefined;
const saved: { fileName: string }[] = [];
/** what the window showed for print when main was asked to print or export it */
let atPrint: { pages: number; slots: number; receiptRows: number; printing: boolean } | null = null;
const snapshot = () => {
  atPrint = {
    pages: document.querySelectorAll('[data-testid="imposed-page"]').length,
    slots: document.querySelectorAll('[data-testid="card-slot"]').length,
    receiptRows: document.querySelectorAll('[data-testid="receipt-row"]').length,
    printing: document.body.classList.contains('campaign-printing'),
  };
};

beforeEach(() => {
  setActivePinia(createPinia());
  calls.length = 0;
  calls.handlers.clear();
  calls.handlers.set('settings.get', () => SETTINGS);
  calls.handlers.set('print.printers', () => [{ name: 'HP_LaserJet', displayName: 'HP LaserJet', description: '' }]);
  calls.handlers.set('campaign.load', (input) => ({ items: (input as { caseNos: string[] }).caseNos.map((caseNo) => ({ caseNo, revision: byNo.get(caseNo) })) }));
  atPrint = null;
  calls.handlers.set('campaign.pdf', (input) => (snapshot(), { recorded: (input as { items: unknown[] }).items.length, note: null, file: { fileName: '明白卡-马山口镇杨庄村-12户.pdf', mime: 'application/pdf', base64: btoa('%PDF-1.7') } }));
  calls.handlers.set('campaign.print', (input) => (snapshot(), { recorded: (input as { items: unknown[] }).items.length, note: null }));
  saved.length = 0;
  URL.createObjectURL = () => 'blob:campaign';
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ fileName: this.download });
  });
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.restoreAllMocks();
});

const of = (channel: Channel) => calls.filter((c) => c.channel === channel);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(check()).toBe(true);
}

describe('入户发放打印 on the desktop', () => {
  it('exports the cards as PDF: cases read, the question about 待核实 answered, cards laid out front and back, the file saved', async () => {
    wrapper = mount(CampaignPrint, { props: { caseNos: [...revisions.map((r) => r.caseNo), revisions[0]!.caseNo] }, attachTo: document.body });
    await flushPromises();
    expect(wrapper.text()).toContain('已选 12 户');
    await wrapper.find('[data-testid="campaign-cards-pdf"]').trigger('click');
    // the question about values 待核实 comes only when a household's amounts rest on one
    const caveated = revisions.some((r) => r.result.warnings.some((w) => w.kind === 'carriedOver' || w.kind === 'unverified'));
    if (caveated) {
      await until(() => document.querySelector('[data-testid="campaign-caveat-confirm"]') !== null);
      (document.querySelector('[data-testid="campaign-caveat-confirm"] [data-action="confirm"]') as HTMLButtonElement).click();
    }
    await until(() => of('campaign.pdf').length === 1);
    expect(of('campaign.load').map((c) => (c.input as { caseNos: string[] }).caseNos.length)).toEqual([12]);
    // laid out when main printed it: 2 sheets of 2 pages (fronts, backs); 12 cards, each front and back
    expect(atPrint).toEqual({ pages: 4, slots: 24, receiptRows: 0, printing: true });
    const request = of('campaign.pdf')[0]?.input as { output: string; items: { caseNo: string; revision: number }[]; label: string };
    expect(request.output).toBe('cards');
    expect(request.label).toBe('马山口镇杨庄村');
    expect(request.items.map((i) => i.caseNo)).toEqual(ORDER);
    await until(() => wrapper!.find('[data-testid="campaign-message"]').exists());
    expect(wrapper.find('[data-testid="campaign-message"]').text()).toBe('已导出PDF：明白卡-马山口镇杨庄村-12户.pdf（12 户）；已记入 12 户的打印记录');
    expect(saved).toEqual([{ fileName: '明白卡-马山口镇杨庄村-12户.pdf' }]);
    // the pages are dropped once done
    expect(document.querySelectorAll('[data-testid="campaign-output"]').length).toBe(0);
    expect(document.body.classList.contains('campaign-printing')).toBe(false);
  });

  it('prints the 签收表 on the chosen printer with the copies asked for', async () => {
    wrapper = mount(CampaignPrint, { props: { caseNos: revisions.map((r) => r.caseNo) }, attachTo: document.body });
    await until(() => wrapper!.findAll('[data-testid="campaign-printer"] option').length === 2);
    await wrapper.find('[data-testid="campaign-printer"]').setValue('HP_LaserJet');
    await wrapper.find('input.copies').setValue('2');
    await wrapper.find('[data-testid="campaign-receipts-print"]').trigger('click');
    await until(() => of('campaign.print').length === 1);
    expect(of('campaign.print')[0]?.input).toMatchObject({ output: 'receipts', deviceName: 'HP_LaserJet', copies: 2 });
    expect(atPrint).toEqual({ pages: 0, slots: 0, receiptRows: 12, printing: true });
  });

  it('取消 while reading: main is never asked to print or export, nothing is saved', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    calls.handlers.set('campaign.load', async (input) => {
      await held;
      return { items: (input as { caseNos: string[] }).caseNos.map((caseNo) => ({ caseNo, revision: byNo.get(caseNo) })) };
    });
    wrapper = mount(CampaignPrint, { props: { caseNos: revisions.map((r) => r.caseNo) }, attachTo: document.body });
    await wrapper.find('[data-testid="campaign-cards-pdf"]').trigger('click');
    await until(() => wrapper!.find('[data-testid="campaign-cancel"]').exists());
    expect(wrapper.find('[data-testid="campaign-status"]').text()).toBe('正在读取案卷：0 / 12 户');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    release();
    await until(() => wrapper!.find('[data-testid="campaign-message"]').exists());
    expect(wrapper.find('[data-testid="campaign-message"]').text()).toBe('已取消：没有送打印机，也没有生成文件，未记入打印记录');
    expect(of('campaign.pdf')).toEqual([]);
    expect(of('campaign.print')).toEqual([]);
    expect(saved).toEqual([]);
    expect(document.querySelectorAll('[data-testid="campaign-output"]').length).toBe(0);
  });
});
