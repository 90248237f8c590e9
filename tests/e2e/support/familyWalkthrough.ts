/**
 * The issue-15 family typed into 新建测算 the way a clerk does, counting every key: a rural 低保 family
 * of four — the head with one county hospital stay, his disabled wife, their boarding pupil, and the
 * grandmother who receives the 城乡居民养老金 — with birth dates (no ID numbers to hand) and the family's
 * monthly income. Each key press, Tab and Enter counts one; a Chinese name counts one per character
 * (what playwright's keyboard sends; an input method's own keys are not counted); Ctrl+Enter is one.
 * Used by the e2e walk-through (tests/e2e/walkthrough.test.ts) and by `npm run bench` (uiBench.ts).
 */
import type { Page } from 'playwright-core';

export const WALKTHROUGH_TODAY = '2026-12-01';

/** The family as the contract reads it (what the form must produce). */
export const WALKTHROUGH_FAMILY = {
  asOf: WALKTHROUGH_TODAY,
  household: { area: 'rural', status: 'dibao', monthlyIncome: '600' },
  members: [
    { name: '张建国', relation: 'head', birthDate: '1978-03-15', inpatient: { total: '60000', policyScope: '52000', level: 'county' } },
    { name: '李秀兰', relation: 'spouse', birthDate: '1980-06-12', disability: { grade: 2, kind: 'physical' } },
    { name: '张小明', relation: 'child', birthDate: '2012-03-01', student: { stage: 'junior', boarding: true } },
    { name: '王桂英', relation: 'parent', birthDate: '1948-05-20', pension: 'receiving' },
  ],
} as const;

export class KeyCounter {
  count = 0;
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.count += 1;
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    this.count += Array.from(text).length;
    await this.page.keyboard.type(text);
  }

  /** Tab until the caret is in the box with this path (each Tab counted). */
  async tabTo(path: string, limit = 30): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if ((await this.page.evaluate(() => document.activeElement?.getAttribute('data-path') ?? '')) === path) return;
      await this.press('Tab');
    }
    throw new Error(`Tab never reached ${path}`);
  }

  async expectFocus(path: string): Promise<void> {
    const here = await this.page.evaluate(() => document.activeElement?.getAttribute('data-path') ?? '');
    if (here !== path) throw new Error(`expected the caret in ${path}, it is in ${here || '(nothing)'}`);
  }
}

/** Types the family from an empty 新建测算 (caret in its first box); returns the keys pressed. */
export async function typeWalkthroughFamily(page: Page): Promise<number> {
  const keys = new KeyCounter(page);
  await keys.expectFocus('household.area');
  await keys.tabTo('household.status');
  await keys.press('2'); // 2 低保对象
  await keys.tabTo('household.monthlyIncome');
  await keys.type('600');
  await keys.press('Enter'); // on to the first member
  await keys.expectFocus('members[0].name');

  // 1 张建国, 户主 (the first member's relation is filled in), one county stay
  await keys.type('张建国');
  await keys.tabTo('members[0].birthDate');
  await keys.type('19780315');
  await keys.tabTo('members[0].medical.addInpatient');
  await keys.press('Enter');
  await keys.expectFocus('members[0].medical.inpatient[0].total');
  await keys.type('60000');
  await keys.press('Tab');
  await keys.type('52000');
  await keys.press('Tab');
  await keys.press('2'); // 2 县级医疗机构

  // 2 李秀兰, 配偶, 二级肢体残疾
  await keys.press('Control+Enter');
  await keys.expectFocus('members[1].name');
  await keys.type('李秀兰');
  await keys.press('Tab');
  await keys.press('2'); // 2 配偶
  await keys.press('Tab');
  await keys.type('19800612');
  await keys.tabTo('members[1].details');
  await keys.press('Enter'); // 更多情况 opens on its first box: 残疾等级 at 46
  await keys.expectFocus('members[1].disability.grade');
  await keys.press('2'); // 二级
  await keys.press('Tab');
  await keys.press('1'); // 肢体

  // 3 张小明, 子女, 初中寄宿
  await keys.press('Control+Enter');
  await keys.type('张小明');
  await keys.press('Tab');
  await keys.press('3'); // 3 子女
  await keys.press('Tab');
  await keys.type('20120301');
  await keys.tabTo('members[2].details');
  await keys.press('Enter'); // at 14 the first box is the 学段
  await keys.expectFocus('members[2].student.stage');
  await keys.press('3'); // 3 初中
  await keys.press('Tab');
  await keys.press('Space'); // 寄宿生

  // 4 王桂英, 父母, 已领取养老金
  await keys.press('Control+Enter');
  await keys.type('王桂英');
  await keys.press('Tab');
  await keys.press('6'); // 6 父母
  await keys.press('Tab');
  await keys.type('19480520');
  await keys.tabTo('members[3].details');
  await keys.press('Enter'); // at 78 the first box is 养老保险
  await keys.expectFocus('members[3].pension');
  await keys.press('3'); // 3 已领取养老金
  return keys.count;
}
