/**
 * The campaign's order (issue 18 item 4: "sorted by 组 then 户主"), the same for cards, 明白纸 and
 * 签收表: villages by 乡镇 and 村, in each by the number of the 组 (written in figures or in Chinese,
 * in its own field or inside the 详细地址), then the 户主's name in 拼音 order, then the 案卷编号.
 */
import { describe, expect, it } from 'vitest';
import { campaignEntry, orderCampaign, type CampaignEntry } from '../../../../shared/print/campaign/campaignOrder';
import { chineseNumeral, groupInAddress, parseGroupField, villageGroupOf } from '../../../../shared/print/campaign/villageGroup';
import { receiptPages } from '../../../../shared/print/campaign/receiptSheet';

function saved(caseNo: string, head: string, household: Record<string, unknown>, asOf = '2026-03-01') {
  return {
    caseNo,
    revision: 1,
    input: { household: { area: 'rural', status: 'dibao', ...household }, members: [{ id: 'm2', name: `${head}之妻`, relation: 'spouse' }, { id: 'm1', name: head, relation: 'head' }] },
    result: { policy: { asOf } },
  };
}

describe('村民小组', () => {
  it('reads Chinese numerals and 组 in addresses and in their own column', () => {
    expect([chineseNumeral('三'), chineseNumeral('十'), chineseNumeral('十一'), chineseNumeral('二十'), chineseNumeral('九十九'), chineseNumeral('一百零五')]).toEqual([3, 10, 11, 20, 99, 105]);
    expect([chineseNumeral('三四'), chineseNumeral('组'), chineseNumeral('')]).toEqual([null, null, null]);
    expect(groupInAddress('杨庄村十一组23号')).toEqual({ label: '十一组', number: 11 });
    expect(groupInAddress('第3村民小组')).toEqual({ label: '第3村民小组', number: 3 });
    expect(groupInAddress('村委会东 ２ 组')).toEqual({ label: '２组', number: 2 });
    expect(groupInAddress('村委会东100米')).toBeNull();
    expect(parseGroupField('4')).toEqual({ label: '4组', number: 4 });
    expect(parseGroupField('第四组')).toEqual({ label: '第四组', number: 4 });
    expect(parseGroupField('新村组')).toEqual({ label: '新村组', number: null });
    // the household's own 组 wins over its address
    expect(villageGroupOf({ group: '2', address: '九组' })).toEqual({ label: '2组', number: 2 });
    expect(villageGroupOf({ address: '九组' })).toEqual({ label: '九组', number: 9 });
    expect(villageGroupOf(undefined)).toBeNull();
  });
});

describe('campaign order', () => {
  const entries: CampaignEntry[] = [
    campaignEntry(saved('2026-000007', '王五', { township: '马山口镇', village: '杨庄村', address: '十组' })),
    campaignEntry(saved('2026-000001', '张三', { township: '马山口镇', village: '杨庄村', address: '二组5号' })),
    campaignEntry(saved('2026-000003', '李四', { township: '马山口镇', village: '杨庄村', address: '2组' })),
    campaignEntry(saved('2026-000002', '赵六', { township: '马山口镇', village: '杨庄村' })),
    campaignEntry(saved('2026-000009', '艾青', { township: '马山口镇', village: '杨庄村', address: '十组' })),
    campaignEntry(saved('2026-000004', '陈七', { township: '马山口镇', village: '白庄村', address: '1组' })),
    campaignEntry(saved('2026-000005', '李四', { township: '马山口镇', village: '杨庄村', address: '第二组' })),
    campaignEntry(saved('2026-000008', '孙八', {})),
  ];

  it('reads the 户主 (relation head, not the first member) and the place', () => {
    expect(entries[0]).toEqual({ caseNo: '2026-000007', revision: 1, township: '马山口镇', village: '杨庄村', group: { label: '十组', number: 10 }, headName: '王五', statusShort: '低保', policyYear: 2026 });
    expect(campaignEntry({ caseNo: '2026-000010', revision: 2, input: null })).toMatchObject({ headName: '--', group: null, statusShort: '--', policyYear: null });
  });

  it('orders villages by 乡镇 and 村 (拼音), then 组 by number, then 户主 by 拼音, then 案卷编号', () => {
    const villages = orderCampaign(entries);
    // 白 (bai) before 杨 (yang); the household without a village last
    expect(villages.map((v) => v.label)).toEqual(['马山口镇 白庄村', '马山口镇 杨庄村', '--']);
    // 2组 (however written): 李四 (li, 000003), 李四 (li, 000005), 张三 (zhang); 10组: 艾青 (ai), 王五 (wang); no 组: 赵六
    expect(villages[1]?.entries.map((e) => `${e.group?.label ?? '无组'} ${e.headName} ${e.caseNo}`)).toEqual([
      '2组 李四 2026-000003',
      '第二组 李四 2026-000005',
      '二组 张三 2026-000001',
      '十组 艾青 2026-000009',
      '十组 王五 2026-000007',
      '无组 赵六 2026-000002',
    ]);
    // the way a 组 is written never splits it: 张 (zhang) in 二组 still after 艾 (ai) in 2组
    const written = orderCampaign([
      campaignEntry(saved('2026-000011', '张一', { village: '甲村', address: '二组' })),
      campaignEntry(saved('2026-000012', '艾二', { village: '甲村', address: '第2村民小组' })),
      campaignEntry(saved('2026-000013', '白三', { village: '甲村', address: '2组' })),
    ]);
    expect(written[0]?.entries.map((e) => e.headName)).toEqual(['艾二', '白三', '张一']);
    // the order does not depend on the order of selection
    expect(orderCampaign([...entries].reverse())).toEqual(villages);
  });

  it('lays out the 签收表 of each village in the same order, 18 rows a page, pages counted per village', () => {
    const many = Array.from({ length: 40 }, (_, i) => campaignEntry(saved(`2026-${String(100 + i).padStart(6, '0')}`, `户主${String(i).padStart(2, '0')}`, { township: '马山口镇', village: '杨庄村', address: `${(i % 3) + 1}组` })));
    const villages = orderCampaign([...many, ...entries]);
    const pages = receiptPages(villages, { delivered: { card: true, sheet: true }, officeName: '马山口镇便民服务中心' });
    // 白庄村: 1 household, 1 page; 杨庄村: 46, ceil(46/18) = 3 pages; no village: 1
    expect(pages.map((p) => `${p.village} ${p.page}/${p.pages} ${p.rows.length}`)).toEqual(['白庄村 1/1 1', '杨庄村 1/3 18', '杨庄村 2/3 18', '杨庄村 3/3 10', '-- 1/1 1']);
    const yang = pages.filter((p) => p.village === '杨庄村').flatMap((p) => p.rows);
    expect(yang.map((r) => r.number)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(yang.map((r) => r.caseNo)).toEqual(villages[1]?.entries.map((e) => e.caseNo));
    expect(yang[0]).toEqual({ number: 1, group: '1组', headName: '户主00', caseNo: '2026-000100', status: '低保', delivered: '明白卡1张、明白纸1份' });
    expect(pages[1]).toMatchObject({ township: '马山口镇', year: '2026年度', households: 46, officeName: '马山口镇便民服务中心' });
    // the list writes each 组 one way: 第二组 and 二组 print as 2组
    expect(yang.filter((r) => r.headName === '李四').map((r) => r.group)).toEqual(['2组', '2组']);
    expect(receiptPages(villages, { delivered: { card: true, sheet: false }, officeName: ' ' })[0]).toMatchObject({ officeName: '--', rows: [{ delivered: '明白卡1张' }] });
  });
});
