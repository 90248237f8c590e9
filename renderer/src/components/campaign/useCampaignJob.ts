/**
 * One campaign print job at a time: read the selected cases (a batch at a time), put them in campaign
 * order, build each household's handout, ask once when amounts rest on values 沿用往年 or 待核实, lay the
 * output out a chunk at a time (waiting for each chunk's QR codes), then print it — the desktop app
 * prints the window or saves it as PDF, the browser opens its print dialog and asks afterwards whether
 * it printed. 取消 stops the job at the next step: nothing was sent to a printer or saved, nothing is
 * recorded, and the laid-out pages are dropped. The one step that cannot be stopped is the desktop
 * app's own printing or PDF export once started.
 */
import { CAMPAIGN_OUTPUT_LABELS, type CampaignOutput } from '@shared/api/campaignApi';
import type { Settings } from '@shared/api/contract';
import type { Delivered } from '@shared/print/campaign/receiptSheet';
import { localIsoDate } from '@shared/dates';
import { computed, nextTick, ref, shallowRef, watch, type Ref } from 'vue';
import { api } from '../../api/client';
import { saveFile } from '../../api/saveFile';
import { useAppStore } from '../../stores/app';
import { CampaignCancelled, loadCampaign, type Skipped } from './campaignLoad';
import { buildModels, chunking, layoutOf, orderedVillages, receiptsLayout, type CampaignLayout } from './campaignLayout';

export type CampaignAction = 'print' | 'pdf';
export type CampaignPhase = 'idle' | 'loading' | 'layout' | 'confirm' | 'printing' | 'asking';

/** a chunk where no QR code is drawn for this long has failed (a slow computer still draws one now and then) */
const STALL_MS = 30_000;

const problems = (errors: { message: string }[]) => errors.map((e) => e.message).join('；');

/** a failure with a message for staff (anything else is reported in general words, never as a stack) */
class CampaignProblem extends Error {}

/** lets the page paint the progress and answer a click on 取消 */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface PrintOptions {
  deviceName: string;
  copies: number;
}

export function useCampaignJob(caseNos: Ref<readonly string[]>, delivered: Ref<Delivered>, printOptions: Ref<PrintOptions>) {
  const app = useAppStore();
  const desktop = api.transport === 'electron';
  const phase = ref<CampaignPhase>('idle');
  const running = ref<{ output: CampaignOutput; action: CampaignAction } | null>(null);
  const done = ref(0);
  const total = ref(0);
  const message = ref('');
  const error = ref('');
  const skipped = ref<Skipped[]>([]);
  const layout = shallowRef<CampaignLayout | null>(null);
  const shown = ref(0);
  const drawn = ref(0);
  /** households whose amounts rest on values 沿用往年 or 待核实 (asked before printing) */
  const caveated = ref(0);
  let cancelRequested = false;
  let answerConfirm: ((yes: boolean) => void) | null = null;
  let answerAsk: ((printed: boolean) => void) | null = null;

  const busy = computed(() => phase.value !== 'idle');
  /** 取消 is offered until the printing itself starts (the desktop's print or export cannot be stopped) */
  const cancellable = computed(() => phase.value === 'loading' || phase.value === 'layout' || phase.value === 'confirm');
  const status = computed(() => {
    const what = running.value ? CAMPAIGN_OUTPUT_LABELS[running.value.output] : '';
    switch (phase.value) {
      case 'loading':
        return `正在读取案卷：${done.value} / ${total.value} 户`;
      case 'layout':
        return `正在排版${what}：${done.value} / ${total.value}`;
      case 'confirm':
        return '等待确认';
      case 'printing':
        return desktop ? (running.value?.action === 'pdf' ? `正在生成${what}PDF，请稍候（此步不能取消）` : `正在送打印机：${what}（此步不能取消）`) : '打印对话框已打开';
      case 'asking':
        return '打印对话框已关闭';
      default:
        return '';
    }
  });

  function checkpoint(): void {
    if (cancelRequested) throw new CampaignCancelled();
  }

  function cancel(): void {
    if (!cancellable.value) return;
    cancelRequested = true;
    // a question waiting for an answer is answered "no"
    answerConfirm?.(false);
  }

  function confirmCaveats(yes: boolean): void {
    answerConfirm?.(yes);
  }

  function answerPrinted(printed: boolean): void {
    answerAsk?.(printed);
  }

  /**
   * Resolves once `drawn` reaches `target` (every QR code of the chunk drawn). A slow computer only
   * takes longer; a chunk where nothing more is drawn for STALL_MS is a failure, not a wait.
   */
  function drawnUpTo(target: number): Promise<void> {
    if (drawn.value >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer = setTimeout(stalled, STALL_MS);
      function stalled(): void {
        stop();
        reject(new CampaignProblem('排版未完成（二维码未能生成），请重试'));
      }
      const stop = watch(drawn, (count) => {
        clearTimeout(timer);
        if (count < target) {
          timer = setTimeout(stalled, STALL_MS);
          return;
        }
        stop();
        resolve();
      });
    });
  }

  /** draws the layout a chunk at a time, with progress, stopping on 取消 */
  async function draw(next: CampaignLayout): Promise<void> {
    const { units, perChunk, readyPer } = chunking(next);
    shown.value = 0;
    drawn.value = 0;
    layout.value = next;
    let expected = 0;
    done.value = 0;
    total.value = units;
    while (shown.value < units) {
      checkpoint();
      const upTo = Math.min(units, shown.value + perChunk);
      for (let unit = shown.value; unit < upTo; unit++) expected += readyPer(unit);
      shown.value = upTo;
      await nextTick();
      await drawnUpTo(expected);
      done.value = upTo;
      await breathe();
    }
    checkpoint();
    // fonts still loading would print in a fallback face: wait (取消 still answered after)
    if ('fonts' in document) await document.fonts.ready;
    checkpoint();
  }

  function label(villages: { label: string }[]): string {
    return villages.length === 1 ? (villages[0]?.label ?? '').replace(/\s+/g, '') : `${villages.length}个村`;
  }

  async function run(output: CampaignOutput, action: CampaignAction): Promise<void> {
    if (busy.value) return;
    cancelRequested = false;
    running.value = { output, action };
    message.value = '';
    error.value = '';
    skipped.value = [];
    caveated.value = 0;
    phase.value = 'loading';
    try {
      const settingsAnswer = await api.invoke('settings.get', undefined);
      if (!settingsAnswer.ok) throw new CampaignProblem(problems(settingsAnswer.errors));
      const settings: Settings = settingsAnswer.value;
      if (settings.operatorName.trim() === '') throw new CampaignProblem('请先在“设置”中填写经办人姓名，打印记录需要写明经办人');
      const loaded = await loadCampaign(
        caseNos.value,
        (input) => api.invoke('campaign.load', input),
        (d, t) => {
          done.value = d;
          total.value = t;
        },
        () => cancelRequested,
      );
      if (!loaded.ok) throw new CampaignProblem(loaded.message);
      skipped.value = loaded.value.skipped;
      if (loaded.value.revisions.length === 0) throw new CampaignProblem('所选案卷都不能打印（见下方列表）');

      phase.value = 'layout';
      const villages = orderedVillages(loaded.value.revisions);
      const items = villages.flatMap((v) => v.entries.map((e) => ({ caseNo: e.caseNo, revision: e.revision })));
      let next: CampaignLayout;
      if (output === 'receipts') {
        next = receiptsLayout(villages, delivered.value, settings.officeName);
      } else {
        total.value = items.length;
        const built = await buildModels(
          villages,
          settings,
          { documents: app.rawPack?.documents ?? {}, printedOn: localIsoDate(new Date()), guidance: app.rawPack?.guidance ?? null },
          async (d) => {
            done.value = d;
            await breathe();
            checkpoint();
          },
        );
        caveated.value = built.reduce((n, v) => n + v.entries.filter((e) => e.model.caveats.text !== '').length, 0);
        if (caveated.value > 0) {
          phase.value = 'confirm';
          const yes = await new Promise<boolean>((resolve) => (answerConfirm = resolve));
          answerConfirm = null;
          checkpoint();
          if (!yes) {
            message.value = '未打印：请先向县级主管部门核实相关数值，或向群众说明后再打印';
            return;
          }
          phase.value = 'layout';
        }
        next = layoutOf(output, built);
      }
      await draw(next);

      phase.value = 'printing';
      const what = CAMPAIGN_OUTPUT_LABELS[output];
      const job = { output, items, label: label(villages) };
      const households = `${items.length} 户`;
      if (desktop) {
        if (action === 'pdf') {
          const answer = await api.invoke('campaign.pdf', job);
          if (!answer.ok) throw new CampaignProblem(problems(answer.errors));
          saveFile(answer.value.file);
          message.value = `已导出PDF：${answer.value.file.fileName}（${households}）${recordedText(answer.value)}`;
        } else {
          const { deviceName, copies } = printOptions.value;
          const answer = await api.invoke('campaign.print', { ...job, copies, ...(deviceName ? { deviceName } : {}) });
          if (!answer.ok) throw new CampaignProblem(problems(answer.errors));
          message.value = `已送打印机：${what}，${households}${recordedText(answer.value)}`;
        }
        return;
      }
      // the browser: its dialog prints or saves as PDF; it does not say which, so staff are asked after
      // (the pages stay laid out until staff answer: what the dialog printed is what is on the page)
      window.print();
      phase.value = 'asking';
      const printed = await new Promise<boolean>((resolve) => (answerAsk = resolve));
      answerAsk = null;
      if (!printed) {
        message.value = action === 'pdf' ? '没有保存PDF，未记入打印记录' : '没有打印，未记入打印记录';
        return;
      }
      const answer = await api.invoke('campaign.record', { ...job, pdf: action === 'pdf' });
      if (!answer.ok) throw new CampaignProblem(problems(answer.errors));
      message.value = `${action === 'pdf' ? `已另存为PDF：${what}` : `已打印：${what}`}，${households}${recordedText(answer.value)}`;
    } catch (failure) {
      if (failure instanceof CampaignCancelled) message.value = '已取消：没有送打印机，也没有生成文件，未记入打印记录';
      else if (failure instanceof CampaignProblem) error.value = failure.message;
      else {
        console.error(failure);
        error.value = '排版或打印时出错，本次未打印、未记入打印记录；请重试，如反复出现请联系技术支持';
      }
    } finally {
      layout.value = null;
      shown.value = 0;
      phase.value = 'idle';
      running.value = null;
      answerConfirm = null;
      answerAsk = null;
    }
  }

  return { desktop, phase, running, busy, cancellable, status, done, total, message, error, skipped, caveated, layout, shown, drawn, run, cancel, confirmCaveats, answerPrinted };
}

function recordedText(printed: { recorded: number | null; note: string | null }): string {
  if (printed.note) return `；${printed.note}`;
  return printed.recorded === null ? '' : `；已记入 ${printed.recorded} 户的打印记录`;
}
