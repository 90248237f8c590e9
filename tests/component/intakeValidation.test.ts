/**
 * The intake form checks as staff type: every problem from the shared validation appears in Chinese
 * beside the box it is about; a valid ID number fills birth date, sex and age; Enter adds a member;
 * an unsaved draft survives reopening the window.
 */
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_STORAGE_KEY } from '../../renderer/src/stores/intake';
import { messageBeside, mountIntake, typeInto } from './mountIntake';

const apiStub = vi.hoisted(() => ({
  transport: 'web' as const,
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: false, errors: [{ message: '案卷存储尚未启用', path: '' }] })),
  onMenu: vi.fn(() => () => {}),
}));
vi.mock('../../renderer/src/api/client', () => ({ api: apiStub }));
// ECharts draws on a real canvas/SVG layout; the charts are checked end to end in Chromium instead
vi.mock('../../renderer/src/components/results/ResultCharts.vue', () => ({ __esModule: true, default: { name: 'ResultCharts', render: () => null } }));

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => {
  apiStub.invoke.mockClear();
});

describe('新建测算 — validation beside each box', () => {
  it('a wrong check digit in an ID number shows the GB 11643 message beside the ID box', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].name', '张三');
    await typeInto(wrapper, 'members[0].idNumber', '411323199305011230');
    const message = messageBeside(wrapper, 'members[0].idNumber');
    expect(message).toContain('身份证号码校验位不正确（按GB 11643计算应为 7）');
    const box = wrapper.find('[data-path="members[0].idNumber"]');
    expect(box.attributes('aria-invalid')).toBe('true');
    // the message is the box's description, for screen readers too
    expect(document.getElementById(box.attributes('aria-describedby') as string)?.textContent).toContain('GB 11643');
    wrapper.unmount();
  });

  it('is checked while typing: a number still too short says how many digits it has', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].idNumber', '4113231993');
    expect(messageBeside(wrapper, 'members[0].idNumber')).toBe('⚠ 身份证号码应为18位，现为10位');
    wrapper.unmount();
  });

  it('a valid ID number fills in birth date, sex and age (on the 测算日期)', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'asOf', '2023-09-01');
    await typeInto(wrapper, 'members[0].name', '张三');
    await typeInto(wrapper, 'members[0].idNumber', '411323199305011237');
    expect(messageBeside(wrapper, 'members[0].idNumber')).toBe('');
    expect(wrapper.find('[data-testid="derived-birth"]').text()).toBe('1993-05-01');
    const facts = wrapper.find('[data-member="m1"] [data-testid="member-facts"]').text();
    expect(facts).toContain('男');
    expect(facts).toContain('30岁');
    // the typed birth-date box gives way to the date read from the ID
    expect(wrapper.find('input[data-path="members[0].birthDate"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('policyScope above the total shows its message beside 政策范围内费用', async () => {
    const wrapper = await mountIntake();
    await wrapper.find('[data-path="household.status"]').setValue('ordinary');
    await typeInto(wrapper, 'members[0].name', '李四');
    await typeInto(wrapper, 'members[0].birthDate', '1970-01-01');
    await wrapper.find('[data-path="members[0].medical.addInpatient"]').trigger('click');
    await flushPromises();
    await typeInto(wrapper, 'members[0].medical.inpatient[0].total', '1000');
    await wrapper.find('[data-path="members[0].medical.inpatient[0].level"]').setValue('county');
    await typeInto(wrapper, 'members[0].medical.inpatient[0].policyScope', '1200');
    expect(messageBeside(wrapper, 'members[0].medical.inpatient[0].policyScope')).toBe('⚠ 政策范围内费用（1200）不能大于总费用（1000）');
    expect(messageBeside(wrapper, 'members[0].medical.inpatient[0].total')).toBe('');
    // the results say why they wait, naming the box in full
    expect(wrapper.find('[data-testid="pending"]').text()).toContain('第1位成员（李四） · 医疗费用 · 住院第1笔 · 政策范围内费用');
    wrapper.unmount();
  });

  it('does not scold boxes nobody has reached yet, but 保存 shows every problem', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].idNumber', '411323199305011237');
    expect(messageBeside(wrapper, 'members[0].name')).toBe('');
    expect(messageBeside(wrapper, 'household.status')).toBe('');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }));
    await flushPromises();
    expect(messageBeside(wrapper, 'members[0].name')).toBe('⚠ 姓名不能为空');
    expect(messageBeside(wrapper, 'household.status')).toBe('⚠ 请选择');
    expect(wrapper.find('[data-testid="intake-banner"]').text()).toContain('处需要填写或更正');
    expect(apiStub.invoke).not.toHaveBeenCalled();
    wrapper.unmount();
  });
});

describe('新建测算 — keyboard and drafts', () => {
  it('Enter in the last box of a member line adds a member and puts the caret in its name', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].name', '张三');
    await typeInto(wrapper, 'members[0].birthDate', '1970-01-01');
    // Enter in the name box (not the last box of the line) adds nothing
    await wrapper.find('[data-path="members[0].name"]').trigger('keydown', { key: 'Enter' });
    expect(wrapper.findAll('article.member')).toHaveLength(1);
    await wrapper.find('[data-path="members[0].birthDate"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.findAll('article.member')).toHaveLength(2);
    expect(document.activeElement?.getAttribute('data-path')).toBe('members[1].name');
    wrapper.unmount();
  });

  it('with a valid ID number, Enter in the ID box (then the last box) adds a member', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].idNumber', '411323199305011237');
    await wrapper.find('[data-path="members[0].idNumber"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.findAll('article.member')).toHaveLength(2);
    wrapper.unmount();
  });

  it('keeps the draft in localStorage on every change and restores it when the window opens again', async () => {
    const first = await mountIntake();
    await first.find('[data-path="household.status"]').setValue('dibao');
    await typeInto(first, 'members[0].name', '王五');
    await typeInto(first, 'members[0].birthDate', '1980-02-03');
    // the window is closing: what is typed is written at once
    window.dispatchEvent(new Event('pagehide'));
    const stored = JSON.parse(localStorage.getItem(DRAFT_STORAGE_KEY) ?? 'null') as { draft: { members: { name: string }[] } };
    expect(stored.draft.members[0]?.name).toBe('王五');
    first.unmount();

    // a new window: new Pinia, new page
    const second = await mountIntake();
    expect((second.find('[data-path="members[0].name"]').element as HTMLInputElement).value).toBe('王五');
    expect((second.find('[data-path="members[0].birthDate"]').element as HTMLInputElement).value).toBe('1980-02-03');
    expect((second.find('[data-path="household.status"]').element as HTMLSelectElement).value).toBe('dibao');
    expect(second.find('[data-testid="restored-banner"]').text()).toContain('已恢复');
    second.unmount();
  });

  it('保存 sends the case and shows the store\'s answer as a normal error banner', async () => {
    const wrapper = await mountIntake();
    await wrapper.find('[data-path="household.status"]').setValue('ordinary');
    await typeInto(wrapper, 'members[0].name', '赵六');
    await typeInto(wrapper, 'members[0].birthDate', '1960-06-06');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }));
    await flushPromises();
    expect(apiStub.invoke).toHaveBeenCalledWith('cases.save', expect.objectContaining({ input: expect.objectContaining({ members: [expect.objectContaining({ name: '赵六' })] }) }));
    const banner = wrapper.find('[data-testid="intake-banner"]');
    expect(banner.text()).toContain('案卷存储尚未启用');
    expect(banner.attributes('role')).toBe('alert');
    wrapper.unmount();
  });

  it('Ctrl+N with unsaved work asks first: the safe answer keeps it, the other starts an empty case', async () => {
    const wrapper = await mountIntake();
    await typeInto(wrapper, 'members[0].name', '孙七');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', ctrlKey: true, bubbles: true, cancelable: true }));
    await flushPromises();
    expect(wrapper.find('dialog.confirm').exists()).toBe(true);
    expect(document.activeElement?.getAttribute('data-action')).toBe('cancel');
    await wrapper.find('dialog.confirm [data-action="cancel"]').trigger('click');
    expect((wrapper.find('[data-path="members[0].name"]').element as HTMLInputElement).value).toBe('孙七');

    // the same command from the Electron menu
    const menuListener = (apiStub.onMenu.mock.calls.at(-1) as unknown as [(command: string) => void])[0];
    menuListener('new');
    await flushPromises();
    await wrapper.find('dialog.confirm [data-action="confirm"]').trigger('click');
    await flushPromises();
    expect((wrapper.find('[data-path="members[0].name"]').element as HTMLInputElement).value).toBe('');
    expect(localStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    wrapper.unmount();
  });
});
