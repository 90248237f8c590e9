/**
 * Households for the printing tests and benchmark: a small typical one, a large one (8 members, many
 * benefits, medical bills, a long compound-surname name and long address) and one with nothing to
 * receive. Plain JSON as typed at the desk; results always come from the real calculation.
 */
export const SMALL_HOUSEHOLD = {
  asOf: '2024-09-01',
  household: { area: 'rural', status: 'alleviated', township: '赵河镇', village: '王庄村', address: '三组', phone: '13700001234' },
  members: [
    {
      id: 'm1', name: '张三', relation: 'head', idNumber: '411323199305011237', status: 'alleviated',
      medical: { inpatient: [{ total: 26000, policyScope: 23000, level: 'county', hospital: '镇平县人民医院' }] },
    },
    { id: 'm2', name: '王桂兰', relation: 'spouse', birthDate: '1995-02-11', status: 'alleviated', disability: { grade: 2, kind: 'hearing' } },
    { id: 'm3', name: '张子涵', relation: 'child', birthDate: '2011-05-01', status: 'alleviated', student: { stage: 'junior', enrolled: true, boarding: true, hardship: true } },
  ],
};

export const LARGE_HOUSEHOLD = {
  asOf: '2024-09-01',
  household: {
    area: 'rural', status: 'dibao', monthlyIncome: 800, township: '马山口镇', village: '东岗营村',
    address: '第三村民小组十二号（原村小学东侧向北一百米路西）', phone: '13800001111', housing: { rating: 'C' },
  },
  members: [
    {
      id: 'm1', name: '欧阳建国', relation: 'head', idNumber: '411323196505011238', status: 'dibao', disability: { grade: 1, kind: 'physical' },
      pension: { insured: true, receiving: false },
      medical: {
        inpatient: [{ total: 110000, policyScope: 100000, level: 'county', hospital: '南阳市中心医院' }, { total: 8600.5, policyScope: 7900.3, level: 'township' }],
        outpatient: [{ kind: 'chronic', disease: '高血压', total: 3000, policyScope: 2800 }],
      },
    },
    { id: 'm2', name: '李秀英', relation: 'spouse', birthDate: '1967-03-02', status: 'dibao', disability: { grade: 2, kind: 'visual' }, medical: { inpatient: [{ total: 40000, policyScope: 35000, level: 'city' }] } },
    { id: 'm3', name: '欧阳子涵', relation: 'child', birthDate: '2008-05-01', status: 'dibao', student: { stage: 'senior', enrolled: true, boarding: true } },
    { id: 'm4', name: '欧阳梓轩', relation: 'child', birthDate: '2011-05-01', status: 'dibao', student: { stage: 'junior', enrolled: true, boarding: true } },
    { id: 'm5', name: '欧阳欣怡', relation: 'child', birthDate: '2016-05-01', status: 'dibao', student: { stage: 'primary', enrolled: true } },
    { id: 'm6', name: '欧阳佳琪', relation: 'grandchild', birthDate: '2020-05-01', status: 'dibao', student: { stage: 'preschool', enrolled: true } },
    { id: 'm7', name: '欧阳长青', relation: 'parent', birthDate: '1940-05-01', status: 'dibao', pension: { insured: true, receiving: true } },
    { id: 'm8', name: '欧阳俊杰', relation: 'child', birthDate: '2004-05-01', status: 'dibao', student: { stage: 'vocational', enrolled: true }, training: { yuluShort: 'A' } },
  ],
};

export const NOTHING_HOUSEHOLD = {
  asOf: '2024-09-01',
  household: { area: 'urban', status: 'ordinary' },
  members: [{ id: 'm1', name: '赵平', relation: 'head', birthDate: '1985-07-07' }],
};

export const PRINT_HOUSEHOLDS = { small: SMALL_HOUSEHOLD, large: LARGE_HOUSEHOLD, nothing: NOTHING_HOUSEHOLD } as const;
export type PrintHouseholdName = keyof typeof PRINT_HOUSEHOLDS;
