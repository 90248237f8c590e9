/**
 * Households of a village campaign for the 入户发放 tests and benchmark: 户主 names of 南阳, spread over
 * 组 written as villages write them (in the 详细地址: "三组12号", "第1村民小组", "2组"), 身份 that get
 * cards (低保, 特困, 监测, 脱贫), 1–4 members. Plain input as typed at the desk; results always come
 * from the real calculation.
 */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['建国', '秀英', '桂兰', '志强', '玉梅', '国庆', '春花', '德胜', '凤英', '长青', '红霞', '保国', '淑珍', '新民', '金凤', '永福', '翠兰', '海军', '丽娟', '立新'];
const GROUP_WRITINGS = [(n: number) => `${n}组`, (n: number) => `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n - 1]}组`, (n: number) => `第${n}村民小组`];
const STATUSES = ['dibao', 'tekun', 'monitored', 'alleviated'] as const;

export interface CampaignHousehold {
  headName: string;
  group: number;
  input: Record<string, unknown>;
}

/** The i-th household of a village: name, 组 (1–groups) and input, all fixed by i. */
export function campaignHousehold(i: number, village: { township: string; village: string; groups?: number }): CampaignHousehold {
  const headName = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7 + Math.floor(i / SURNAMES.length)) % GIVEN.length]}`;
  const group = (i % (village.groups ?? 4)) + 1;
  const writing = GROUP_WRITINGS[i % GROUP_WRITINGS.length] as (n: number) => string;
  const status = STATUSES[i % STATUSES.length] as (typeof STATUSES)[number];
  const members: Record<string, unknown>[] = [{ id: 'm1', name: headName, relation: 'head', birthDate: `${1950 + (i % 30)}-03-0${(i % 9) + 1}`, status }];
  if (i % 3 !== 2) members.push({ id: 'm2', name: `${SURNAMES[(i + 3) % SURNAMES.length]}${GIVEN[(i + 5) % GIVEN.length]}`, relation: 'spouse', birthDate: `${1952 + (i % 30)}-06-11`, status });
  if (i % 4 === 0) members.push({ id: 'm3', name: `${headName.slice(0, 1)}子涵`, relation: 'child', birthDate: '2011-05-01', status, student: { stage: 'junior', enrolled: true, boarding: i % 8 === 0 } });
  if (i % 5 === 1) members.push({ id: 'm4', name: `${headName.slice(0, 1)}长顺`, relation: 'parent', birthDate: '1938-05-01', status, disability: { grade: 2, kind: 'physical' } });
  return {
    headName,
    group,
    input: {
      asOf: '2024-09-01',
      household: { area: 'rural', status, monthlyIncome: 300, township: village.township, village: village.village, address: `${writing(group)}${(i % 40) + 1}号`, phone: `1370000${String(1000 + i).slice(-4)}` },
      members,
    },
  };
}
