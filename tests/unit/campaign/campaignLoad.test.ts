/**
 * Reading a campaign's selection (renderer/src/components/campaign/campaignLoad.ts): repeats and blanks
 * dropped, 100 cases a call with progress after each, 取消 honoured between calls (the answer of a
 * call already sent is thrown away), more than 5,000 refused before anything is asked, a failed
 * call's Chinese message passed on.
 */
import { describe, expect, it } from 'vitest';
import { CampaignCancelled, loadCampaign, uniqueCaseNos, type LoadInvoke } from '../../../renderer/src/components/campaign/campaignLoad';
import type { RevisionDetail } from '../../../shared/api/contract';

const number = (i: number) => `2026-${String(i).padStart(6, '0')}`;
const revision = (caseNo: string) => ({ caseNo, revision: 1 }) as unknown as RevisionDetail;

describe('reading a campaign', () => {
  it('asks 100 cases a call, says how far it got, and lists the cases it cannot print', async () => {
    const asked: number[] = [];
    const progress: string[] = [];
    const invoke: LoadInvoke = async ({ caseNos }) => {
      asked.push(caseNos.length);
      return { ok: true, value: { items: caseNos.map((caseNo) => (caseNo === number(150) ? { caseNo, problem: `案卷 ${caseNo} 已作废，不打印` } : { caseNo, revision: revision(caseNo) })) } };
    };
    const selection = [...Array.from({ length: 250 }, (_, i) => number(i + 1)), number(3), ' ', `  ${number(4)} `];
    const loaded = await loadCampaign(selection, invoke, (done, total) => progress.push(`${done}/${total}`), () => false);
    expect(asked).toEqual([100, 100, 50]);
    expect(progress).toEqual(['0/250', '100/250', '200/250', '250/250']);
    expect(loaded.ok && loaded.value.revisions.length).toBe(249);
    expect(loaded.ok && loaded.value.skipped).toEqual([{ caseNo: number(150), problem: `案卷 ${number(150)} 已作废，不打印` }]);
    expect(uniqueCaseNos([' a ', 'a', '', 'b'])).toEqual(['a', 'b']);
  });

  it('stops between calls on 取消 and throws away an answer that arrives after it', async () => {
    let cancelled = false;
    let calls = 0;
    const invoke: LoadInvoke = async ({ caseNos }) => {
      calls += 1;
      cancelled = true; // 取消 pressed while this call is under way
      return { ok: true, value: { items: caseNos.map((caseNo) => ({ caseNo, revision: revision(caseNo) })) } };
    };
    await expect(loadCampaign(Array.from({ length: 300 }, (_, i) => number(i + 1)), invoke, () => {}, () => cancelled)).rejects.toBeInstanceOf(CampaignCancelled);
    expect(calls).toBe(1);
  });

  it('refuses an empty selection and more than 5,000 cases before asking, and passes a failure on', async () => {
    let calls = 0;
    const invoke: LoadInvoke = async () => {
      calls += 1;
      return { ok: false, errors: [{ message: '案卷数据库尚未打开', path: '' }] };
    };
    expect(await loadCampaign(['', ' '], invoke, () => {}, () => false)).toEqual({ ok: false, message: '请先选择要打印的案卷' });
    expect(await loadCampaign(Array.from({ length: 5001 }, (_, i) => number(i + 1)), invoke, () => {}, () => false)).toEqual({
      ok: false,
      message: '一次最多打印5000户（已选5001户），请按村分批打印',
    });
    expect(calls).toBe(0);
    expect(await loadCampaign([number(1)], invoke, () => {}, () => false)).toEqual({ ok: false, message: '案卷数据库尚未打开' });
  });
});
