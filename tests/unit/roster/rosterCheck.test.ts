/**
 * The roster check on small sheets, for what the generated fixture does not plant: households grouped
 * by the 户主's ID number whose 户主 row disagrees, a person in two households, a 户编号 Excel turned
 * into a number, 家庭人口 against the rows, more than 30 people, a 监测 risk marked 消除, and how a
 * household's 身份 is read from its 户主's row (the rest by person).
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import { checkRoster } from '../../../shared/roster/check';
import type { ColumnMapping } from '../../../shared/roster/fields';
import type { RosterSheet } from '../../../shared/roster/sheet';
import type { RosterWords } from '../../../shared/roster/words';
import { rosterInput } from '../../../shared/roster/toInput';
import { idFor } from '../../support/rosterFixture';

const words = SHIPPED_PACKS[0]?.rosterWords as RosterWords;
const sheet = (rows: string[][], extra: Partial<RosterSheet> = {}): RosterSheet => ({ name: 's', state: 'visible', rows, merges: [], numericCells: [], hiddenRows: [], ...extra });
const byKey: ColumnMapping[] = [
  { column: 0, field: 'householdKey' },
  { column: 1, field: 'name' },
  { column: 2, field: 'idNumber' },
  { column: 3, field: 'relation' },
  { column: 4, field: 'status' },
  { column: 5, field: 'householdSize' },
  { column: 6, field: 'riskEliminated' },
];
const header = ['户编号', '姓名', '身份证号', '与户主关系', '人员类别', '家庭人口', '风险是否消除'];
const [a, b, c, d] = [idFor('1970-01-01', 'male', 1), idFor('1972-02-02', 'female', 2), idFor('2010-03-03', 'male', 3), idFor('1960-04-04', 'male', 4)];

describe('the roster check', () => {
  it('the household\'s 身份 is its 户主\'s; what a member has beyond it is the member\'s own', () => {
    const checked = checkRoster(
      sheet([header, ['1', '甲', a, '户主', '脱贫户、农村低保', '3', ''], ['1', '乙', b, '配偶', '脱贫户、农村低保、因病致贫重病患者', '3', ''], ['1', '丙', c, '之子', '脱贫户', '3', '']]),
      1,
      byKey,
      words,
    );
    expect(checked.problems).toEqual([]);
    const [household] = checked.households;
    expect(household).toMatchObject({ status: 'dibao', formerlyRegisteredPoor: true, area: 'rural', declaredSize: 3 });
    expect(household?.members.map((member) => [member.name, member.statuses])).toEqual([
      ['甲', []],
      ['乙', ['illness_poverty']],
      ['丙', []],
    ]);
    const input = rosterInput(household as NonNullable<typeof household>, new Set(byKey.map((entry) => entry.field)), 'urban').input;
    expect(input).toEqual({
      household: { area: 'rural', status: 'dibao', formerlyRegisteredPoor: true },
      members: [
        { id: 'm1', name: '甲', relation: 'head', idNumber: a },
        { id: 'm2', name: '乙', relation: 'spouse', idNumber: b, status: 'illness_poverty' },
        { id: 'm3', name: '丙', relation: 'child', idNumber: c },
      ],
    });
  });

  it('风险已消除: a 脱贫不稳定户 counts as a 脱贫户 again, an 边缘易致贫户 as an ordinary household', () => {
    const checked = checkRoster(sheet([header, ['1', '甲', a, '户主', '脱贫不稳定户', '1', '是'], ['2', '丁', d, '户主', '边缘易致贫户', '1', '是']]), 1, byKey, words);
    expect(checked.households.map((household) => [household.status, household.formerlyRegisteredPoor])).toEqual([
      ['alleviated', true],
      ['ordinary', false],
    ]);
  });

  it('家庭人口 that disagrees with the rows is noted; more than 30 people keep the household out', () => {
    const big = [header, ['1', '甲', a, '户主', '低保', '2', '']];
    for (let i = 0; i < 30; i++) big.push(['1', `子${i}`, idFor('2000-01-01', 'male', 100 + i), '之子', '低保', '2', '']);
    const checked = checkRoster(sheet([header, ['2', '丁', d, '户主', '低保', '2', ''], ...big.slice(1)]), 1, byKey, words);
    expect(checked.problems.map((problem) => [problem.severity, problem.row, problem.message])).toEqual([
      ['notice', 2, '家庭人口为2人，名册中本户有1行：按名册中的1人测算'],
      ['error', 3, '一户不能超过30人，户编号「1」有31行'],
    ]);
    expect(checked.skipped.map((household) => [household.key, household.reasons])).toEqual([['1', ['超过30人']]]);
  });

  it('a person in two households keeps both out; a 户编号 that Excel turned into a number is refused', () => {
    const checked = checkRoster(
      sheet([header, ['1', '甲', a, '户主', '低保', '', ''], ['2', '丁', d, '户主', '低保', '', ''], ['2', '甲', a, '之子', '低保', '', ''], ['41132600101000000001', '乙', b, '户主', '低保', '', '']], {
        numericCells: ['5:1'],
      }),
      1,
      byKey,
      words,
    );
    expect(checked.problems.map((problem) => [problem.row, problem.column, problem.message])).toEqual([
      [4, '身份证号', '身份证号码与第2行相同：同一个人在名册中出现了两次'],
      [5, '户编号', '户编号在 Excel 中存成了数字，超过15位的数字末几位已经丢失，不同的户可能变成同一个编号；请把这一列设为“文本”格式后重新导出'],
    ]);
    expect(checked.skipped.map((household) => household.key)).toEqual(['1', '2', '41132600101000000001']);
    expect(checked.households).toEqual([]);
  });

  it('grouped by the 户主身份证号: the 户主\'s own number must be the one the column gives', () => {
    const mapping: ColumnMapping[] = [
      { column: 0, field: 'headIdNumber' },
      { column: 1, field: 'name' },
      { column: 2, field: 'idNumber' },
      { column: 3, field: 'relation' },
      { column: 4, field: 'status' },
    ];
    const checked = checkRoster(sheet([['户主身份证号', '姓名', '身份证号', '关系', '保障类别'], [a, '甲', d, '户主', '特困供养'], [b, '乙', b, '本人', '特困供养'], [b, '丙', c, '之子', '']]), 1, mapping, words);
    expect(checked.problems.map((problem) => [problem.row, problem.message])).toEqual([[2, `户主本人的身份证号码与“户主身份证号”列「${a}」不一致`]]);
    expect(checked.households.map((household) => [household.key, household.status, household.members.length])).toEqual([[b, 'tekun', 2]]);
  });

  it('a roster laid over its case keeps what the desk added, and gives back the same input when nothing changed', () => {
    const checked = checkRoster(sheet([header, ['1', '甲', a, '户主', '低保', '', ''], ['1', '丙', c, '之子', '低保', '', '']]), 1, byKey, words);
    const household = checked.households[0] as NonNullable<(typeof checked.households)[number]>;
    const mapped = new Set(byKey.map((entry) => entry.field));
    const first = rosterInput(household, mapped, 'rural').input;
    const desk = {
      asOf: '2026-03-01',
      ...first,
      household: { ...(first.household as object), monthlyIncome: '600', address: '三组12号' },
      members: [
        { ...(first.members as object[])[0], medical: { inpatient: [{ total: '10000', policyScope: '9000', level: 'county' }] } },
        (first.members as object[])[1],
        { id: 'm3', name: '新生儿', birthDate: '2026-02-01', relation: 'grandchild' },
      ],
    };
    const again = rosterInput(household, mapped, 'rural', desk);
    expect(again.input).toEqual(desk);
    expect(again.keptMembers).toEqual(['新生儿']);
  });
});

describe('rows Excel hides', () => {
  it('a row hidden (filtered out) in Excel is still imported, and said', () => {
    const checked = checkRoster(sheet([header, ['1', '甲', a, '户主', '低保', '', ''], ['2', '丁', d, '户主', '低保', '', '']], { hiddenRows: [3] }), 1, byKey, words);
    expect(checked.problems).toEqual([
      { severity: 'notice', row: 3, column: null, columnLetter: null, value: null, message: '这一行在 Excel 中被隐藏了（可能是筛选），仍按名册导入；如不应导入，请从名册中删去', household: null },
    ]);
    expect(checked.households).toHaveLength(2);
  });
});

describe('merged cells', () => {
  it('a 村 merged down a village is filled in; merged empty cells say nothing; a merged 姓名 keeps its households out', () => {
    const mapping: ColumnMapping[] = [...byKey, { column: 7, field: 'village' }, { column: 8, field: 'phone' }];
    const rows = [
      [...header, '村', '电话'],
      ['1', '甲', a, '户主', '低保', '', '', '王庄村', ''],
      ['2', '丁', d, '户主', '低保', '', '', '', ''],
      ['3', '乙', b, '户主', '低保', '', '', '', ''],
      ['3', '', c, '之子', '低保', '', '', '', ''],
    ];
    const checked = checkRoster(
      sheet(rows, {
        merges: [
          { top: 2, left: 8, bottom: 3, right: 8 },
          { top: 2, left: 9, bottom: 3, right: 9 },
          { top: 4, left: 2, bottom: 5, right: 2 },
        ],
      }),
      1,
      mapping,
      words,
    );
    expect(checked.problems.map((problem) => [problem.severity, problem.row, problem.column, problem.message])).toEqual([
      ['notice', 2, '村', '第2–3行是合并单元格（H2:H3），已把「王庄村」填入合并范围的每一行'],
      ['error', 4, '姓名', '第4–5行是合并单元格（B4:B5），合并后只有第一格有内容，读不出每个人的“姓名”；请在 Excel 中取消合并并填好每一行'],
    ]);
    expect(checked.households.map((household) => [household.key, household.village])).toEqual([
      ['1', '王庄村'],
      ['2', '王庄村'],
    ]);
    expect(checked.skipped.map((household) => household.key)).toEqual(['3']);
  });
});
