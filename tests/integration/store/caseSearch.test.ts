import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CasePage, CaseQuery, Store } from '../../../electron/services/store/index';
import { computedCase, openTestStore, removeTempDirs, tempDataDir, TestClock, validId } from './fixtures/storeTestKit';

afterEach(removeTempDirs);

const ZHANG_SAN_ID = validId('41132319930501123'); // …1237
const LI_ID = validId('41132819880214002'); // a 唐河 number
const ZENG_ID = validId('41130219750611551');

let store: Store;
let clock: TestClock;
const numbers: Record<string, string> = {};

function save(key: string, body: ReturnType<typeof computedCase>, caseNo?: string): void {
  clock.advance(60_000);
  const saved = store.cases.save(caseNo ? { caseNo, ...body } : body);
  if (!saved.ok) throw new Error(saved.errors.map((error) => error.message).join('; '));
  numbers[key] = saved.value.caseNo;
}

function found(query: CaseQuery): string[] {
  const page = store.search.search(query);
  if (!page.ok) throw new Error(page.errors.map((error) => error.message).join('; '));
  return page.value.items.map((item) => Object.entries(numbers).find(([, caseNo]) => caseNo === item.caseNo)?.[0] ?? item.caseNo);
}

function page(query: CaseQuery): CasePage {
  const result = store.search.search(query);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('; '));
  return result.value;
}

beforeEach(() => {
  clock = new TestClock(new Date(2026, 0, 10, 9, 0, 0).getTime());
  store = openTestStore(tempDataDir(), { now: clock.now });
  save(
    'zhang',
    computedCase({
      members: [
        { name: '张三', relation: 'head', idNumber: ZHANG_SAN_ID },
        { name: '王秀英', relation: 'spouse', status: 'monitored' },
      ],
      status: 'dibao',
      township: '城关镇',
      village: '王庄村',
      inpatientTotal: 50000,
    }),
  );
  save('li', computedCase({ members: [{ name: '李长青', relation: 'head', idNumber: LI_ID }], status: 'ordinary', township: '赵河镇', village: '王庄村' }));
  save('zeng', computedCase({ members: [{ name: '曾小贤', idNumber: ZENG_ID }, { name: '单田芳' }], status: 'tekun', township: '城关镇', village: '东关村', inpatientTotal: 8000 }));
  save('ouyang', computedCase({ members: [{ name: '欧阳娜娜' }, { name: '张三丰', relation: 'head' }], status: 'alleviated', township: '赵河镇', village: '李湾村' }));
});

afterEach(() => store.close());

describe('case search', () => {
  it('finds names by substring of any member, newest first', () => {
    expect(found({ text: '张' })).toEqual(['ouyang', 'zhang']);
    expect(found({ text: '张三' })).toEqual(['ouyang', 'zhang']);
    expect(found({ text: '张三丰' })).toEqual(['ouyang']);
    expect(found({ name: '秀英' })).toEqual(['zhang']);
    expect(found({ text: '英' })).toEqual(['zhang']);
    expect(found({ text: '阳娜娜' })).toEqual(['ouyang']);
    // a longer text must sit inside one name, not across two members
    expect(found({ text: '三王' })).toEqual([]);
    expect(found({ text: '张三王秀' })).toEqual([]);
  });

  it('finds 拼音首字母, reading surnames as surnames and 多音字 either way', () => {
    expect(found({ text: 'zs' })).toEqual(['ouyang', 'zhang']);
    expect(found({ text: 'ZSF' })).toEqual(['ouyang']);
    expect(found({ pinyin: 'zxx' })).toEqual(['zeng']); // 曾 zēng, not céng
    expect(found({ pinyin: 'stf' })).toEqual(['zeng']); // 单 shàn, not dān
    expect(found({ pinyin: 'lcq' })).toEqual(['li']);
    expect(found({ pinyin: 'lzq' })).toEqual(['li']); // 长 zhǎng as well
    expect(found({ pinyin: 'oynn' })).toEqual(['ouyang']);
    expect(found({ pinyin: 'w' })).toEqual(['zhang']); // one letter: the surname's initial
    expect(found({ pinyin: 'xy' })).toEqual([]); // initials are matched from the start of a name
  });

  it('finds names typed in full pinyin, whole or from the start (issue 15: "zhangsan" finds 张三)', () => {
    expect(found({ text: 'zhangsan' })).toEqual(['ouyang', 'zhang']);
    expect(found({ text: 'ZhangSanFeng' })).toEqual(['ouyang']);
    expect(found({ text: 'zhang' })).toEqual(['ouyang', 'zhang']);
    expect(found({ text: 'zengxiaoxian' })).toEqual(['zeng']); // 曾 read as a surname
    expect(found({ text: 'shantianfang' })).toEqual(['zeng']);
    expect(found({ text: 'ouyangnana' })).toEqual(['ouyang']);
    expect(found({ text: 'lichangqing' })).toEqual(['li']);
    expect(found({ text: 'zhangsi' })).toEqual([]);
    expect(found({ text: 'sanzhang' })).toEqual([]); // from the start of a name only
  });

  it('finds ID numbers in full or by their last 4–6 characters and never shows them whole', () => {
    expect(found({ text: ZHANG_SAN_ID })).toEqual(['zhang']);
    expect(found({ text: ZHANG_SAN_ID.slice(-4) })).toEqual(['zhang']);
    expect(found({ text: ZHANG_SAN_ID.slice(-5) })).toEqual(['zhang']);
    expect(found({ idDigits: ZHANG_SAN_ID.slice(-6) })).toEqual(['zhang']);
    expect(found({ text: LI_ID.slice(-4).toLowerCase() })).toEqual(['li']);
    expect(found({ text: '0000' })).toEqual([]);
    const result = page({ text: ZHANG_SAN_ID });
    expect(result.items[0]?.headIdNumberMasked).toBe('411323********1237');
    expect(JSON.stringify(result)).not.toContain(ZHANG_SAN_ID);
    expect(JSON.stringify(page({}))).not.toMatch(/\d{17}[\dX]/);
    const short = store.search.search({ text: '123' });
    expect(short).toMatchObject({ ok: false, errors: [{ path: 'text' }] });
    expect(!short.ok && short.errors[0]?.message).toContain('后4位');
  });

  it('a year beside another condition is looked up by its term (issue 16: the year is not on the index rows)', () => {
    // the township drives; the benefit's bit is tested in-row and the year looked up
    expect(found({ township: '城关镇', benefit: 'medical.assistance', benefitYear: 2026 })).toEqual(['zeng', 'zhang']);
    expect(found({ township: '城关镇', benefit: 'medical.assistance', benefitYear: 2025 })).toEqual([]);
    expect(found({ village: '王庄村', benefitYear: 2026 })).toEqual(['li', 'zhang']);
    expect(found({ village: '王庄村', benefitYear: 2027 })).toEqual([]);
    expect(found({ status: 'tekun', benefitYear: 2026 })).toEqual(['zeng']);
    expect(page({ village: '王庄村', benefitYear: 2026 }).total).toBe(2);
    expect(page({ township: '城关镇', benefit: 'medical.assistance', benefitYear: 2025 }).total).toBe(0);
  });

  it('filters by township, village, status (household or member), benefit and year, dates, and combines them', () => {
    expect(found({ township: '城关镇' })).toEqual(['zeng', 'zhang']);
    expect(found({ village: '王庄村' })).toEqual(['li', 'zhang']);
    expect(found({ township: '城关镇', village: '王庄村' })).toEqual(['zhang']);
    expect(found({ status: 'tekun' })).toEqual(['zeng']);
    expect(found({ status: 'monitored' })).toEqual(['zhang']); // a member's own 身份
    expect(found({ benefit: 'medical.assistance' })).toEqual(['zeng', 'zhang']);
    expect(found({ benefit: 'medical.assistance', benefitYear: 2026 })).toEqual(['zeng', 'zhang']);
    expect(found({ benefit: 'medical.assistance', benefitYear: 2025 })).toEqual([]);
    expect(found({ benefitYear: 2026 })).toEqual(['ouyang', 'zeng', 'li', 'zhang']);
    expect(found({ benefit: 'medical.assistance', township: '城关镇', status: 'dibao' })).toEqual(['zhang']);
    expect(found({ text: '张', village: '李湾村' })).toEqual(['ouyang']);
    expect(found({ from: '2026-01-10', to: '2026-01-10' })).toHaveLength(4);
    expect(found({ from: '2026-01-11' })).toEqual([]);
    expect(found({ to: '2026-01-09' })).toEqual([]);
    expect(store.search.search({ from: '2026-02-01', to: '2026-01-01' })).toMatchObject({ ok: false, errors: [{ path: 'from' }] });
    expect(found({ text: numbers.li as string })).toEqual(['li']);
    expect(found({ caseNo: numbers.li as string, village: '东关村' })).toEqual([]);
  });

  it('shows what the list needs, from the latest revision', () => {
    const item = page({ text: '张三' }).items.find((entry) => entry.caseNo === numbers.zhang);
    expect(item).toMatchObject({
      headName: '张三',
      headIdNumberMasked: '411323********1237',
      maskedIds: ['411323********1237'],
      memberNames: ['张三', '王秀英'],
      memberCount: 2,
      township: '城关镇',
      village: '王庄村',
      householdStatus: 'dibao',
      statuses: ['dibao', 'monitored'],
      asOf: '2026-03-01',
      year: 2026,
      revision: 1,
      voided: false,
      operator: '李经办',
    });
    expect(item?.benefits.map((benefit) => benefit.code)).toContain('medical.assistance');
    expect(Number(item?.totalAnnual)).toBeGreaterThan(0);
  });

  it('searches only the latest revision of a case', () => {
    save('zhang', computedCase({ members: [{ name: '张四', relation: 'head', idNumber: ZHANG_SAN_ID }], status: 'ordinary', township: '赵河镇' }), numbers.zhang);
    expect(found({ text: '张三' })).toEqual(['ouyang']);
    expect(found({ text: '张四' })).toEqual(['zhang']);
    expect(found({ text: '秀英' })).toEqual([]);
    expect(found({ status: 'dibao' })).toEqual([]);
    expect(found({ township: '城关镇' })).toEqual(['zeng']);
    expect(found({})[0]).toBe('zhang'); // most recently updated first
    expect(page({ text: '张四' }).items[0]?.revision).toBe(2);
  });

  it('leaves 作废 cases out unless asked', () => {
    clock.advance();
    expect(store.cases.void({ caseNo: numbers.zeng, reason: '户籍迁出' }).ok).toBe(true);
    expect(found({ township: '城关镇' })).toEqual(['zhang']);
    expect(found({ township: '城关镇', voided: 'only' })).toEqual(['zeng']);
    expect(found({ township: '城关镇', voided: 'include' })).toEqual(['zeng', 'zhang']);
    expect(page({ voided: 'include' }).total).toBe(4);
    expect(page({}).total).toBe(3);
    expect(page({ voided: 'only' }).items[0]).toMatchObject({ voided: true, kind: 'void' });
    // a benefit in a year beside another condition, among the 作废 ones too (the year's term looked up there)
    expect(found({ township: '城关镇', benefit: 'medical.assistance', benefitYear: 2026, voided: 'only' })).toEqual(['zeng']);
    expect(found({ township: '城关镇', benefit: 'medical.assistance', benefitYear: 2025, voided: 'only' })).toEqual([]);
    expect(found({ township: '城关镇', benefit: 'medical.assistance', benefitYear: 2026, voided: 'include' })).toEqual(['zeng', 'zhang']);
  });

  it('pages through results in order with a total', () => {
    for (let i = 0; i < 25; i++) save(`extra${i}`, computedCase({ members: [{ name: `刘${'一二三四五六七八九十'[i % 10]}` }], status: 'ordinary', village: '刘营村' }));
    const first = page({ village: '刘营村', pageSize: 10 });
    const third = page({ village: '刘营村', pageSize: 10, page: 3 });
    expect([first.total, first.totalIsLowerBound, first.hasMore, first.items.length]).toEqual([25, false, true, 10]);
    expect([third.items.length, third.hasMore]).toEqual([5, false]);
    expect(first.items[0]?.caseNo).toBe(numbers.extra24);
    expect(third.items[4]?.caseNo).toBe(numbers.extra0);
    const all = [1, 2, 3].flatMap((n) => page({ village: '刘营村', pageSize: 10, page: n }).items.map((item) => item.caseNo));
    expect(new Set(all).size).toBe(25);
    expect(store.search.search({ pageSize: 1000 })).toMatchObject({ ok: false, errors: [{ path: 'pageSize' }] });
  });

  it('treats SQL-looking and odd text as plain text', () => {
    expect(found({ text: "'; DROP TABLE cases;--" })).toEqual([]);
    expect(found({ text: '%' })).toEqual([]);
    expect(found({ village: "王庄村' OR '1'='1" })).toEqual([]);
    expect(found({ text: '张' })).toEqual(['ouyang', 'zhang']);
    expect(store.search.search({ status: 'rich' })).toMatchObject({ ok: false, errors: [{ path: 'status' }] });
    expect(store.search.search({ nonsense: 1 })).toMatchObject({ ok: false });
  });

  it('lists the 乡镇 and 村 seen', () => {
    expect(store.search.places()).toEqual({
      ok: true,
      value: [
        { township: '城关镇', village: '东关村' },
        { township: '城关镇', village: '王庄村' },
        { township: '赵河镇', village: '李湾村' },
        { township: '赵河镇', village: '王庄村' },
      ],
    });
  });
});
