/**
 * Fewer keystrokes, safer edits (issue 15): 更多情况 offers what fits the member's age (no 务工 for a
 * 14-year-old, 学段 only at school ages, 养老保险 first at 72); the 个人身份 box is one Tab stop with
 * type-ahead; a deleted member or bill comes back with 撤销 or Ctrl+Z, and the saved draft follows (a
 * deletion that was undone is not kept); a save without a 经办人 says so with a link to the field; a
 * member shows the household's 身份; a new case starts with the 乡镇 last saved.
 */
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relevantParts } from '../../renderer/src/components/intake/memberRelevance';
import { emptyMember } from '../../renderer/src/components/intake/caseDraft';
import { useAppStore } from '../../renderer/src/stores/app';
import { DRAFT_STORAGE_KEY, LAST_TOWNSHIP_KEY } from '../../renderer/src/stores/intake';
import { mountIntake, typeInto } from './mountIntake';

const apiStub = vi.hoisted(() => ({
  transport: 'web' as const,
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: false, errors: [{ message: '案卷存储尚未启用', path: '' }] })),
  onMenu: vi.fn(() => () => {}),
}));
vi.mock('../../renderer/src/api/client', () => ({ api: apiStub }));
vi.mock('../../renderer/src/components/results/ResultCharts.vue', () => ({ __esModule: true, default: { name: 'ResultCharts', render: () => null } }));

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => apiStub.invoke.mockClear());

const key = (k: string, extra: KeyboardEventInit = {}) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
const storedDraft = () => JSON.parse(localStorage.getItem(DRAFT_STORAGE_KEY) ?? 'null') as { draft: { members: { name: string }[] } } | null;

async function openDetails(wrapper: VueWrapper, index: number): Promise<string[]> {
  const toggle = wrapper.find(`[data-path="members[${index}].details"]`);
  await toggle.trigger('keydown', { key: 'Enter' });
  await flushPromises();
  return (wrapper.find(`[data-path="members[${index}].details"] + .details-panel`).attributes('data-parts') ?? '').split(' ');
}

describe('更多情况 by age and situation', () => {
  it('offers a 14-year-old 上学 first and no 务工 or 养老保险; a 72-year-old 养老保险 first and no 上学', () => {
    const member = emptyMember('m1');
    expect(relevantParts(member, 14, 'dibao')).toEqual(['student', 'disability', 'status']);
    expect(relevantParts(member, 72, 'dibao')).toEqual(['pension', 'disability', 'status']);
    expect(relevantParts(member, 45, 'tekun')).toEqual(['disability', 'pension', 'status', 'tekunCare', 'work']);
    // no age yet: everything; a filled-in part stays whatever the age
    expect(relevantParts(member, null, '')).toHaveLength(5);
    expect(relevantParts({ ...member, monthlyWage: '2000' }, 72, '')).toContain('work');
  });

  it('Enter on the toggle opens it with the caret in its first box, which fits the age', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'asOf', '2026-12-01');
    await typeInto(wrapper, 'members[0].birthDate', '2012-03-01');
    const parts = await openDetails(wrapper, 0);
    expect(parts).toEqual(['student', 'disability', 'status']);
    expect(document.activeElement?.getAttribute('data-path')).toBe('members[0].student.stage');
    expect(wrapper.find('[data-path="members[0].employment.monthlyWage"]').exists()).toBe(false);
    // the 学段 picker names the age's usual stage and its digit
    expect(wrapper.find('[data-path="members[0].student.stage"]').element.closest('.field')?.textContent).toContain('一般为初中（按 3）');
    wrapper.unmount();
  });
});

describe('个人身份: one box with type-ahead', () => {
  it('a digit toggles a status, letters narrow the list and Enter takes the first, Backspace removes the last', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].birthDate', '1980-01-01');
    await openDetails(wrapper, 0);
    const box = wrapper.find('[data-path="members[0].status"]');
    expect(wrapper.findAll('[data-path="members[0].status"]')).toHaveLength(1); // one Tab stop
    await box.trigger('keydown', { key: '5' }); // 5 监测对象
    await box.setValue('dbby');
    await box.trigger('keydown', { key: 'Enter' }); // 低保边缘
    await flushPromises();
    const chips = () => wrapper.findAll('.status-picker .chip').map((c) => c.attributes('data-status'));
    expect(chips()).toEqual(['dibao_edge', 'monitored']);
    await box.trigger('keydown', { key: 'Backspace' });
    await flushPromises();
    expect(chips()).toEqual(['dibao_edge']);
    // the member's line shows the household's 身份 with its own
    await wrapper.find('[data-path="household.status"]').setValue('alleviated');
    await flushPromises();
    expect(wrapper.find('[data-member="m1"] [data-testid="member-status"]').text()).toBe('低保边缘、脱贫户');
    wrapper.unmount();
  });
});

describe('deleting and undoing', () => {
  it('a deleted member comes back with 撤销 or Ctrl+Z, and the stored draft keeps it', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].name', '张建国');
    key('Enter', { ctrlKey: true });
    await flushPromises();
    expect(document.activeElement?.getAttribute('data-path')).toBe('members[1].name');
    await typeInto(wrapper, 'members[1].name', '李秀兰');
    await wrapper.findAll('.member-actions button')[1]?.trigger('click');
    await flushPromises();
    expect(wrapper.findAll('article.member')).toHaveLength(1);
    expect(wrapper.find('[data-testid="undo-bar"]').text()).toContain('已删除第2位成员（李秀兰）');
    window.dispatchEvent(new Event('pagehide'));
    expect(storedDraft()?.draft.members.map((m) => m.name)).toEqual(['张建国']);

    (document.activeElement as HTMLElement | null)?.blur();
    key('z', { ctrlKey: true });
    await flushPromises();
    expect(wrapper.findAll('article.member')).toHaveLength(2);
    expect(document.activeElement?.getAttribute('data-path')).toBe('members[1].name');
    expect(wrapper.find('[data-testid="undo-bar"]').exists()).toBe(false);
    window.dispatchEvent(new Event('pagehide'));
    expect(storedDraft()?.draft.members.map((m) => m.name)).toEqual(['张建国', '李秀兰']);

    // again, with the button this time
    await wrapper.findAll('.member-actions button')[1]?.trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="undo"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('article.member').map((m) => m.find('[data-path$=".name"]').element as HTMLInputElement).map((e) => e.value)).toEqual(['张建国', '李秀兰']);
    wrapper.unmount();
  });

  it('the offer goes after 10 s; Ctrl+Z in a box typed in since is left to the box', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const wrapper = await mountIntake();
      await typeInto(wrapper, 'members[0].birthDate', '1970-01-01');
      await wrapper.find('[data-path="members[0].medical.addInpatient"]').trigger('click');
      await flushPromises();
      await typeInto(wrapper, 'members[0].medical.inpatient[0].total', '1000');
      await wrapper.find('.bill-actions button').trigger('click');
      await flushPromises();
      expect(wrapper.find('[data-testid="undo-bar"]').text()).toContain('住院第1笔费用');
      vi.advanceTimersByTime(10_001);
      await flushPromises();
      expect(wrapper.find('[data-testid="undo-bar"]').exists()).toBe(false);
      // typing in a box after the deletion: Ctrl+Z there is the box's own
      const name = wrapper.find('[data-path="members[0].name"]');
      (name.element as HTMLInputElement).focus();
      vi.advanceTimersByTime(5);
      await name.setValue('王');
      await name.trigger('input');
      const event = new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
      window.dispatchEvent(event);
      await flushPromises();
      expect(event.defaultPrevented).toBe(false);
      expect(wrapper.findAll('.bill')).toHaveLength(0);
      // out of the box, Ctrl+Z brings the bill back with its amount
      name.element.dispatchEvent(new FocusEvent('blur'));
      (name.element as HTMLInputElement).blur();
      key('z', { ctrlKey: true });
      await flushPromises();
      expect((wrapper.find('[data-path="members[0].medical.inpatient[0].total"]').element as HTMLInputElement).value).toBe('1000');
      wrapper.unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('saving without a 经办人, and the 乡镇', () => {
  it('says what is missing and links to the 经办人姓名 box in 设置, sending nothing', async () => {
    const wrapper = await mountIntake();
    useAppStore().settings = { operatorName: '', officeName: '', officePhone: '', supervisionHotline: '', fontScale: 1, backupDir: '', backupRetentionDays: 30, autoBackup: true };
    await wrapper.find('[data-path="household.status"]').setValue('ordinary');
    await typeInto(wrapper, 'members[0].name', '赵六');
    await typeInto(wrapper, 'members[0].birthDate', '1960-06-06');
    key('s', { ctrlKey: true });
    await flushPromises();
    expect(wrapper.find('[data-testid="intake-banner"]').text()).toContain('请先在“设置”中填写“经办人姓名”');
    expect(wrapper.find('[data-testid="banner-link"]').attributes('href')).toContain('/settings?field=operatorName');
    expect(apiStub.invoke).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('a new case starts with the 乡镇 last saved on this computer', async () => {
    localStorage.setItem(LAST_TOWNSHIP_KEY, '赵河镇');
    const wrapper = await mountIntake();
    expect((wrapper.find('[data-path="household.township"]').element as HTMLInputElement).value).toBe('赵河镇');
    wrapper.unmount();
  });
});
