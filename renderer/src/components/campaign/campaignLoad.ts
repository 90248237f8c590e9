/**
 * Reading a campaign's cases: the latest revision of each selected case, CAMPAIGN_LOAD_BATCH at a
 * time, so that the page shows how far it got and 取消 takes effect between two batches. A case that
 * is 作废, damaged or gone is not printed and is listed with the reason. Plain TypeScript (no Vue):
 * the panel and the tests use it alike.
 */
import { CAMPAIGN_LOAD_BATCH, CAMPAIGN_MAX_CASES } from '@shared/api/campaignApi';
import type { ApiInput, ApiResponse, RevisionDetail } from '@shared/api/contract';

export interface Skipped {
  caseNo: string;
  problem: string;
}

export interface Loaded {
  revisions: RevisionDetail[];
  skipped: Skipped[];
}

/** thrown at the first checkpoint after 取消 */
export class CampaignCancelled extends Error {
  constructor() {
    super('已取消');
  }
}

export type LoadInvoke = (input: ApiInput<'campaign.load'>) => Promise<ApiResponse<'campaign.load'>>;

/** The selection without repeats and blanks, in its order. */
export function uniqueCaseNos(caseNos: readonly string[]): string[] {
  return [...new Set(caseNos.map((caseNo) => caseNo.trim()).filter((caseNo) => caseNo !== ''))];
}

export async function loadCampaign(
  caseNos: readonly string[],
  invoke: LoadInvoke,
  progress: (done: number, total: number) => void,
  cancelled: () => boolean,
): Promise<{ ok: true; value: Loaded } | { ok: false; message: string }> {
  const selection = uniqueCaseNos(caseNos);
  if (selection.length === 0) return { ok: false, message: '请先选择要打印的案卷' };
  if (selection.length > CAMPAIGN_MAX_CASES) return { ok: false, message: `一次最多打印${CAMPAIGN_MAX_CASES}户（已选${selection.length}户），请按村分批打印` };
  const revisions: RevisionDetail[] = [];
  const skipped: Skipped[] = [];
  progress(0, selection.length);
  for (let start = 0; start < selection.length; start += CAMPAIGN_LOAD_BATCH) {
    if (cancelled()) throw new CampaignCancelled();
    const answer = await invoke({ caseNos: selection.slice(start, start + CAMPAIGN_LOAD_BATCH) });
    if (cancelled()) throw new CampaignCancelled();
    if (!answer.ok) return { ok: false, message: answer.errors.map((e) => e.message).join('；') };
    for (const item of answer.value.items) {
      if ('revision' in item) revisions.push(item.revision);
      else skipped.push({ caseNo: item.caseNo, problem: item.problem });
    }
    progress(Math.min(start + CAMPAIGN_LOAD_BATCH, selection.length), selection.length);
  }
  return { ok: true, value: { revisions, skipped } };
}
