/**
 * Household rosters as the county's systems export them, for the roster import's tests and benchmark:
 *
 * - 防返贫监测 layout (.xlsx): a merged title row, then 序号 · 乡(镇) · 行政村 · 自然村/组 · 户编号 · 姓名 ·
 *   证件号码 · 与户主关系 · 性别 · 人数 · 户类型 · 监测对象类别 · 风险是否消除 · 是否享受农村低保 · 是否特困供养 ·
 *   在校生状况 · 残疾类别 · 残疾等级 · 联系电话 · 年人均纯收入; households by 户编号; a hidden sheet.
 * - 低保 system layout (.csv in GBK, as Excel on a Chinese Windows saves it): 乡镇（街道） · 村（社区） · 组 ·
 *   户主姓名 · 户主身份证号 · 成员姓名 · 身份证号码 · 与户主关系 · 保障类别 · 残疾类别等级 · 在校学段 · 家庭人口 ·
 *   联系电话; households by 户主身份证号.
 *
 * Households are realistic (南阳 names, ID numbers with valid check characters, ages that fit the
 * relation, 学段 by age, some disabled) and deterministic for a seed. The first households of each
 * layout are fixed ones whose amounts the tests work out by hand. `plant: true` plants the problems
 * the check must find, and the returned `planted` says exactly where (row, column, value).
 */
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../shared/household/idNumber';
import type { DisabilityKind, Stage, Status } from '../../shared/household/codes';
import { random } from '../integration/store/fixtures/syntheticCases';

export interface FixturePerson {
  name: string;
  idNumber: string;
  /** as the export writes it */
  relationWord: string;
  birthDate: string;
  sex: 'male' | 'female';
  disability: { kindWord: string; gradeWord: string; kind: DisabilityKind; grade: 1 | 2 | 3 | 4 } | null;
  stageWord: string;
  stage: Stage | null;
}

export interface FixtureHousehold {
  /** 户编号 (防返贫 layout) */
  number: string;
  township: string;
  village: string;
  group: string;
  phone: string;
  /** the household's 身份 the words mean */
  status: Status;
  formerlyPoor: boolean;
  /** 户类型 · 监测对象类别 · flags (防返贫); 保障类别 (低保 system) */
  huType: '脱贫户' | '一般农户';
  monitorType: '' | '脱贫不稳定户' | '边缘易致贫户' | '突发严重困难户';
  dibao: boolean;
  tekun: boolean;
  baozhang: '' | '农村低保' | '特困供养' | '分散供养特困人员';
  income: string;
  members: FixturePerson[];
}

const SURNAMES = Array.from('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许');
const GIVEN = Array.from('秀英华明伟芳娜敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰玉梅红建国志文春海云长青凤荣新利金成林德福永宏全胜喜庆兵鹏飞燕萍雪冬婷浩宇涵轩欣怡佳琪俊晨阳');
const RELATIONS: Record<string, string[]> = { spouse: ['配偶', '妻', '之妻'], child: ['之子', '之女', '长子', '次女'], grandchild: ['之孙子', '之孙女', '孙子'] };
const KINDS: [DisabilityKind, string][] = [['physical', '肢体残疾'], ['visual', '视力残疾'], ['hearing', '听力残疾'], ['intellectual', '智力残疾'], ['mental', '精神残疾'], ['multiple', '多重残疾']];
const GRADE_WORDS = ['一级', '二级', '三级', '四级'] as const;

export const FIXTURE_TOWNSHIP = '马山口镇';
/** 邓州: no generated household lives there, so a planted person never shares a number with one */
const PLANTED_COUNTY = '411381';
export const VILLAGES_A = ['王庄村', '石门村', '河西村', '桃园村'];
export const VILLAGES_B = ['东岗村', '黄湾村'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A valid ID number for a birth date and sex (淅川县 411326 unless given), sequence from `serial`. */
export function idFor(birth: string, sex: 'male' | 'female', serial: number, county = '411326'): string {
  const sequence = (serial % 499) * 2 + (sex === 'male' ? 1 : 2);
  const first17 = `${county}${birth.replace(/-/g, '')}${pad(sequence, 3)}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
export function wrongCheck(id: string): string {
  const right = id[17] as string;
  const chars = '0123456789X';
  return id.slice(0, 17) + (chars[(chars.indexOf(right) + 3) % 11] as string);
}

function stageFor(age: number): { word: string; stage: Stage } | null {
  if (age >= 3 && age <= 5) return { word: '学前教育', stage: 'preschool' };
  if (age >= 6 && age <= 11) return { word: '小学', stage: 'primary' };
  if (age >= 12 && age <= 14) return { word: ['七年级', '八年级', '九年级'][age - 12] as string, stage: 'junior' };
  if (age >= 15 && age <= 17) return { word: '普通高中', stage: 'senior' };
  if (age >= 18 && age <= 20) return { word: '高职', stage: 'college' };
  return null;
}

/** The fixed households the tests work out by hand (as of 2026-06-01). */
export function showcaseHouseholds(): { a: FixtureHousehold[]; b: FixtureHousehold[] } {
  const person = (name: string, relationWord: string, birthDate: string, sex: 'male' | 'female', serial: number, extra: Partial<FixturePerson> = {}): FixturePerson => ({
    name,
    idNumber: idFor(birthDate, sex, serial),
    relationWord,
    birthDate,
    sex,
    disability: null,
    stageWord: '',
    stage: null,
    ...extra,
  });
  // 王庄村 1组: 脱贫户 enjoying 农村低保; the wife 二级肢体残疾, a son in 七年级, a granddaughter born 2024-08
  const wang: FixtureHousehold = {
    number: '41132600101000001',
    township: FIXTURE_TOWNSHIP,
    village: '王庄村',
    group: '1组',
    phone: '13837700001',
    status: 'dibao',
    formerlyPoor: true,
    huType: '脱贫户',
    monitorType: '',
    dibao: true,
    tekun: false,
    baozhang: '农村低保',
    income: '6200.00',
    members: [
      person('王建国', '户主', '1966-03-15', 'male', 1),
      person('李秀兰', '配偶', '1968-07-02', 'female', 2, { disability: { kindWord: '肢体残疾', gradeWord: '二级', kind: 'physical', grade: 2 } }),
      person('王磊', '之子', '2013-09-20', 'male', 3, { stageWord: '七年级', stage: 'junior' }),
      person('王欣怡', '之孙女', '2024-08-10', 'female', 4),
    ],
  };
  // 王庄村 3组: 边缘易致贫户 (监测对象), two people, a daughter at 高职
  const zhao: FixtureHousehold = {
    number: '41132600101000002',
    township: FIXTURE_TOWNSHIP,
    village: '王庄村',
    group: '3组',
    phone: '13837700002',
    status: 'monitored',
    formerlyPoor: false,
    huType: '一般农户',
    monitorType: '边缘易致贫户',
    dibao: false,
    tekun: false,
    baozhang: '',
    income: '7100.00',
    members: [person('赵桂兰', '户主', '1975-11-05', 'female', 5), person('赵佳琪', '之女', '2007-04-18', 'female', 6, { stageWord: '高职', stage: 'college' })],
  };
  // 东岗村 2组 (低保 system): 分散供养特困人员, alone, 一级视力残疾
  const zhang: FixtureHousehold = {
    number: '',
    township: FIXTURE_TOWNSHIP,
    village: '东岗村',
    group: '2组',
    phone: '13837700003',
    status: 'tekun',
    formerlyPoor: false,
    huType: '一般农户',
    monitorType: '',
    dibao: false,
    tekun: true,
    baozhang: '分散供养特困人员',
    income: '',
    members: [person('张德福', '户主', '1952-01-20', 'male', 7, { disability: { kindWord: '视力', gradeWord: '一级', kind: 'visual', grade: 1 } })],
  };
  return { a: [wang, zhao], b: [zhang] };
}

/** `count` households of one layout after its showcase ones, deterministic for the seed. */
export function rosterHouseholds(layout: 'a' | 'b', count: number, seed = layout === 'a' ? 18 : 81): FixtureHousehold[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const showcase = showcaseHouseholds()[layout];
  const households = [...showcase];
  let serial = layout === 'a' ? 100 : 60_000;
  const used = new Set(showcase.flatMap((household) => household.members.map((member) => member.idNumber)));
  const villages = layout === 'a' ? VILLAGES_A : VILLAGES_B;
  for (let index = showcase.length; index < count; index++) {
    const village = villages[index % villages.length] as string;
    const surname = pick(SURNAMES);
    const name = () => `${surname}${pick(GIVEN)}${rand() < 0.7 ? pick(GIVEN) : ''}`;
    const headAge = 30 + Math.floor(rand() * 50);
    // ages as of 2025: everyone is born before the tests' assessment date (2026-06-01)
    const year = 2025;
    const birth = (age: number) => `${year - age}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
    const members: FixturePerson[] = [];
    const add = (relationWord: string, age: number, sex: 'male' | 'female', personName = name()) => {
      const birthDate = birth(age);
      const county = pick(['411326', '411323', '411324']);
      let idNumber = '';
      do {
        serial += 1;
        idNumber = idFor(birthDate, sex, serial, county);
      } while (used.has(idNumber));
      used.add(idNumber);
      const stage = stageFor(age);
      const disabled = rand() < 0.07;
      const [kind, kindWord] = pick(KINDS);
      const grade = (1 + Math.floor(rand() * 4)) as 1 | 2 | 3 | 4;
      members.push({
        name: personName,
        idNumber,
        relationWord,
        birthDate,
        sex,
        disability: disabled ? { kindWord, gradeWord: GRADE_WORDS[grade - 1] as string, kind, grade } : null,
        stageWord: stage?.word ?? '',
        stage: stage?.stage ?? null,
      });
    };
    const headSex = rand() < 0.8 ? 'male' : 'female';
    add('户主', headAge, headSex);
    // households 14 and 16 of the 防返贫 layout get merged cells over their first two rows: two people at least
    const size = Math.max(layout === 'b' && rand() < 0.3 ? 1 : 1 + Math.floor(rand() * 5), layout === 'a' && (index === 14 || index === 16) ? 2 : 1);
    if (size > 1 && headAge > 22) add(pick(RELATIONS.spouse as string[]), headAge - 2 + Math.floor(rand() * 4), headSex === 'male' ? 'female' : 'male', `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`);
    for (let child = members.length; child < size; child++) {
      const age = Math.max(0, headAge - 22 - Math.floor(rand() * 10));
      if (headAge < 45 || child < 3) add(pick(RELATIONS.child as string[]), age, rand() < 0.5 ? 'male' : 'female');
      else add(pick(RELATIONS.grandchild as string[]), Math.max(0, age - 24), rand() < 0.5 ? 'male' : 'female');
    }
    let household: Pick<FixtureHousehold, 'status' | 'formerlyPoor' | 'huType' | 'monitorType' | 'dibao' | 'tekun' | 'baozhang'>;
    const roll = rand();
    if (layout === 'a') {
      if (roll < 0.55) household = { status: 'alleviated', formerlyPoor: true, huType: '脱贫户', monitorType: '', dibao: false, tekun: false, baozhang: '' };
      else if (roll < 0.65) household = { status: 'monitored', formerlyPoor: true, huType: '脱贫户', monitorType: '脱贫不稳定户', dibao: false, tekun: false, baozhang: '' };
      else if (roll < 0.75) household = { status: 'monitored', formerlyPoor: false, huType: '一般农户', monitorType: pick(['边缘易致贫户', '突发严重困难户'] as const), dibao: false, tekun: false, baozhang: '' };
      else if (roll < 0.95) household = { status: 'dibao', formerlyPoor: true, huType: '脱贫户', monitorType: '', dibao: true, tekun: false, baozhang: '' };
      else household = { status: 'tekun', formerlyPoor: true, huType: '脱贫户', monitorType: '', dibao: false, tekun: true, baozhang: '' };
    } else if (roll < 0.75) household = { status: 'dibao', formerlyPoor: false, huType: '一般农户', monitorType: '', dibao: true, tekun: false, baozhang: '农村低保' };
    else household = { status: 'tekun', formerlyPoor: false, huType: '一般农户', monitorType: '', dibao: false, tekun: true, baozhang: pick(['特困供养', '分散供养特困人员'] as const) };
    households.push({
      number: `4113260010${pad(1 + VILLAGES_A.indexOf(village), 2)}${pad(index + 1, 5)}`,
      township: FIXTURE_TOWNSHIP,
      village,
      group: rand() < 0.15 ? pick(['一组', '二组', '三组', '十组']) : `${1 + Math.floor(rand() * 10)}组`,
      phone: `13${pad(Math.floor(rand() * 1e9), 9)}`,
      ...household,
      income: (5000 + Math.floor(rand() * 9000)).toFixed(2),
      members,
    });
  }
  return households;
}

const HEADERS_A = ['序号', '乡(镇)', '行政村', '自然村/组', '户编号', '姓名', '证件号码', '与户主关系', '性别', '人数', '户类型', '监测对象类别', '风险是否消除', '是否享受农村低保', '是否特困供养', '在校生状况', '残疾类别', '残疾等级', '联系电话', '年人均纯收入'];

export interface PlantedA {
  /** Excel rows: the header is row 2 (a merged title above) */
  wrongCheckDigit: { row: number; value: string; expected: string; key: string };
  unknownWord: { row: number; value: string; key: string };
  lostDigits: { row: number; value: string; key: string };
  orphan: { row: number; key: string; relation: string };
  noKey: { row: number };
  twoHeads: { rows: [number, number]; key: string };
  mergedRelation: { top: number; bottom: number; value: string; key: string };
  mergedKey: { top: number; bottom: number; value: string; key: string };
  blankRows: number[];
  trailingSpace: { row: number; value: string; key: string };
  hiddenSheet: { name: string; rows: number };
  /** households the check keeps out, and the rows that belong to none */
  skippedKeys: string[];
}

const COLUMN_A = Object.fromEntries(HEADERS_A.map((header, index) => [header, index + 1])) as Record<string, number>;

/**
 * The 防返贫监测 export of these households (first rows 1–2: a merged title and the header). With
 * `plant`, problems are planted in households 10–19 (after the showcase ones) and two blank rows.
 */
export async function fangfanpinXlsx(households: FixtureHousehold[], options: { plant: boolean }): Promise<{ bytes: Buffer; planted: PlantedA | null; rows: number }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('监测对象及脱贫户');
  sheet.addRow([`${FIXTURE_TOWNSHIP}防返贫监测对象及脱贫户家庭成员信息表`]);
  sheet.mergeCells(1, 1, 1, HEADERS_A.length);
  sheet.addRow(HEADERS_A);
  const planted: Partial<PlantedA> & { blankRows: number[]; skippedKeys: string[] } = { blankRows: [], skippedKeys: [] };
  let serial = 0;
  let row = 2;
  const write = (cells: (string | number)[]) => {
    row += 1;
    sheet.getRow(row).values = cells;
    return row;
  };
  const cellsOf = (household: FixtureHousehold, person: FixturePerson, overrides: Record<string, string | number> = {}) => {
    const cells: (string | number)[] = [];
    const values: Record<string, string | number> = {
      序号: ++serial,
      '乡(镇)': household.township,
      行政村: household.village,
      '自然村/组': household.group,
      户编号: household.number,
      姓名: person.name,
      证件号码: person.idNumber,
      与户主关系: person.relationWord,
      性别: person.sex === 'male' ? '男' : '女',
      人数: household.members.length,
      户类型: household.huType,
      监测对象类别: household.monitorType,
      风险是否消除: household.monitorType === '' ? '' : '否',
      是否享受农村低保: household.dibao ? '是' : '否',
      是否特困供养: household.tekun ? '是' : '否',
      在校生状况: person.stageWord,
      残疾类别: person.disability?.kindWord ?? '',
      残疾等级: person.disability?.gradeWord ?? '',
      联系电话: household.phone,
      年人均纯收入: Number(household.income),
      ...overrides,
    };
    for (const header of HEADERS_A) cells.push(values[header] as string | number);
    return cells;
  };
  for (const [index, household] of households.entries()) {
    if (options.plant && (index === 40 || index === 41)) {
      write([]);
      planted.blankRows.push(row);
    }
    const plant = options.plant ? index - 10 : -1;
    const first = row + 1;
    for (const [m, person] of household.members.entries()) {
      let overrides: Record<string, string | number> = {};
      if (plant === 0 && m === household.members.length - 1) {
        overrides = { 证件号码: wrongCheck(person.idNumber) };
        planted.wrongCheckDigit = { row: row + 1, value: wrongCheck(person.idNumber), expected: person.idNumber[17] as string, key: household.number };
      }
      if (plant === 1 && m === 0) {
        overrides = { 监测对象类别: '临时困难户' };
        planted.unknownWord = { row: row + 1, value: '临时困难户', key: household.number };
      }
      if (plant === 2 && m === 0) {
        // an ID typed into a number cell: Excel keeps 15 significant digits
        const lost = Number(`${person.idNumber.slice(0, 15)}000`);
        overrides = { 证件号码: lost };
        planted.lostDigits = { row: row + 1, value: BigInt(lost).toString(), key: household.number };
      }
      if (plant === 5 && m === 0) {
        overrides = { 证件号码: `${person.idNumber} ` };
        planted.trailingSpace = { row: row + 1, value: `${person.idNumber} `, key: household.number };
      }
      write(cellsOf(household, person, overrides));
    }
    if (plant === 3) {
      // two 户主 in one household
      const extra = household.members[0] as FixturePerson;
      const second = { ...extra, name: `${extra.name.slice(0, 1)}二`, idNumber: idFor('1980-02-02', 'male', 900 + index, PLANTED_COUNTY) };
      write(cellsOf(household, second));
      planted.twoHeads = { rows: [first, row], key: household.number };
    }
    if (plant === 4) {
      // 户编号 merged down the household's rows: filled in (a household-level column)
      if (row > first) {
        sheet.mergeCells(first, COLUMN_A['户编号'] as number, row, COLUMN_A['户编号'] as number);
        planted.mergedKey = { top: first, bottom: row, value: household.number, key: household.number };
      }
    }
    if (plant === 6 && household.members.length >= 2) {
      // 与户主关系 merged over two people: unreadable (a member-level column)
      sheet.mergeCells(first, COLUMN_A['与户主关系'] as number, first + 1, COLUMN_A['与户主关系'] as number);
      planted.mergedRelation = { top: first, bottom: first + 1, value: '户主', key: household.number };
    }
  }
  if (options.plant) {
    // a member whose 户编号 has no 户主, and one with no 户编号 at all
    const orphanHousehold = { ...(households[3] as FixtureHousehold), number: '41132600199999999' };
    const orphanPerson: FixturePerson = { ...((households[3] as FixtureHousehold).members[0] as FixturePerson), name: '孙小明', relationWord: '之子', idNumber: idFor('2001-05-05', 'male', 4321, PLANTED_COUNTY), birthDate: '2001-05-05' };
    write(cellsOf(orphanHousehold, orphanPerson));
    planted.orphan = { row, key: orphanHousehold.number, relation: '之子' };
    write(cellsOf({ ...orphanHousehold, number: '' }, { ...orphanPerson, name: '孙小红', idNumber: idFor('2003-06-06', 'female', 4322, PLANTED_COUNTY), sex: 'female', relationWord: '之女' }));
    planted.noKey = { row };
    // a hidden sheet the system left in the workbook
    const hidden = workbook.addWorksheet('原始数据');
    hidden.state = 'hidden';
    hidden.addRow(HEADERS_A);
    hidden.addRow(cellsOf(households[0] as FixtureHousehold, (households[0] as FixtureHousehold).members[0] as FixturePerson));
    planted.hiddenSheet = { name: '原始数据', rows: 2 };
    planted.skippedKeys = [households[10], households[11], households[12], households[13], households[16]].map((household) => (household as FixtureHousehold).number).concat(orphanHousehold.number);
  }
  // ID numbers as text, as the systems export them (a number would lose digits)
  sheet.getColumn(COLUMN_A['证件号码'] as number).numFmt = '@';
  sheet.getColumn(COLUMN_A['户编号'] as number).numFmt = '@';
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, planted: options.plant ? (planted as PlantedA) : null, rows: row };
}

const HEADERS_B = ['乡镇（街道）', '村（社区）', '组', '户主姓名', '户主身份证号', '成员姓名', '身份证号码', '与户主关系', '保障类别', '残疾类别等级', '在校学段', '家庭人口', '联系电话'];

export interface PlantedB {
  /** CSV rows: the header is row 1 */
  wrongCheckDigit: { row: number; value: string; expected: string; key: string };
  unknownWord: { row: number; value: string; key: string };
  twoHeads: { rows: [number, number]; key: string };
  orphan: { row: number; key: string; relation: string };
  blankRow: number;
  trailingSpace: { row: number; value: string; key: string };
  skippedKeys: string[];
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The 低保 system export as CSV text; with `plant`, problems in households 10–14 and a blank row. */
export function dibaoCsv(households: FixtureHousehold[], options: { plant: boolean }): { text: string; planted: PlantedB | null } {
  const lines: string[] = [HEADERS_B.join(',')];
  const planted: Partial<PlantedB> & { skippedKeys: string[] } = { skippedKeys: [] };
  const row = () => lines.length;
  const line = (household: FixtureHousehold, person: FixturePerson, overrides: Record<string, string> = {}) => {
    const head = household.members[0] as FixturePerson;
    const values: Record<string, string> = {
      '乡镇（街道）': household.township,
      '村（社区）': household.village,
      组: household.group,
      户主姓名: head.name,
      户主身份证号: head.idNumber,
      成员姓名: person.name,
      身份证号码: person.idNumber,
      与户主关系: person.relationWord === '户主' ? '本人' : person.relationWord,
      保障类别: household.baozhang,
      残疾类别等级: person.disability ? `${person.disability.gradeWord}${person.disability.kindWord.replace('残疾', '')}` : '',
      在校学段: person.stageWord,
      家庭人口: String(household.members.length),
      联系电话: household.phone,
      ...overrides,
    };
    lines.push(HEADERS_B.map((header) => csvCell(values[header] as string)).join(','));
  };
  for (const [index, household] of households.entries()) {
    const plant = options.plant ? index - 10 : -1;
    if (plant === 4) {
      lines.push('');
      planted.blankRow = row();
    }
    for (const [m, person] of household.members.entries()) {
      let overrides: Record<string, string> = {};
      if (plant === 0 && m === 0) {
        overrides = { 身份证号码: wrongCheck(person.idNumber) };
        planted.wrongCheckDigit = { row: row() + 1, value: wrongCheck(person.idNumber), expected: person.idNumber[17] as string, key: (household.members[0] as FixturePerson).idNumber };
      }
      if (plant === 1 && m === 0) {
        overrides = { 保障类别: '临时救助户' };
        planted.unknownWord = { row: row() + 1, value: '临时救助户', key: (household.members[0] as FixturePerson).idNumber };
      }
      if (plant === 3 && m === 0) {
        overrides = { 户主身份证号: `${person.idNumber}  ` };
        planted.trailingSpace = { row: row() + 1, value: `${person.idNumber}  `, key: person.idNumber };
      }
      line(household, person, overrides);
    }
    if (plant === 2) {
      const head = household.members[0] as FixturePerson;
      line(household, { ...head, name: `${head.name.slice(0, 1)}另`, idNumber: idFor('1979-09-09', 'female', 7000 + index, PLANTED_COUNTY), sex: 'female' }, { 与户主关系: '户主' });
      planted.twoHeads = { rows: [row() - household.members.length, row()], key: head.idNumber };
    }
  }
  if (options.plant) {
    const stray = households[5] as FixtureHousehold;
    const ghostHead = idFor('1960-10-10', 'male', 7777, PLANTED_COUNTY);
    line({ ...stray, members: [{ ...(stray.members[0] as FixturePerson), idNumber: ghostHead }] }, { ...(stray.members[0] as FixturePerson), name: '钱小花', idNumber: idFor('1990-01-01', 'female', 7778, PLANTED_COUNTY), relationWord: '之女', sex: 'female' });
    planted.orphan = { row: row(), key: ghostHead, relation: '之女' };
    planted.skippedKeys = [households[10], households[11], households[12]].map((household) => ((household as FixtureHousehold).members[0] as FixturePerson).idNumber).concat(ghostHead);
  }
  return { text: `${lines.join('\r\n')}\r\n`, planted: options.plant ? (planted as PlantedB) : null };
}

let gbkTable: Map<string, number[]> | null = null;

/** Text as GBK (GB18030 two-byte) bytes, as Excel on a Chinese Windows saves a CSV. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.from([lead, trail]));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`not in GBK: ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
