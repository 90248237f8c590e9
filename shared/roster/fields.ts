/**
 * The columns a household roster can have, as this app reads them: each a field of the calculation
 * contract (or of its documented extensions), with the Chinese name shown in the mapping step and the
 * header wordings of the systems the rosters come from (全国防返贫监测信息系统, the 低保 system, 残联), so
 * the usual layouts map themselves. A roster is one row per person; household fields repeat on each.
 */

export const ROSTER_FIELDS = [
  // how rows are put together into households
  'householdKey',
  'headIdNumber',
  // the person
  'name',
  'idNumber',
  'relation',
  'status',
  'dibaoFlag',
  'tekunFlag',
  'disability',
  'disabilityKind',
  'disabilityGrade',
  'stage',
  // the household
  'township',
  'village',
  'group',
  'phone',
  'householdSize',
  'annualNetIncomePerCapita',
  'monthlyIncome',
  'area',
  'riskEliminated',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export interface RosterFieldInfo {
  label: string;
  /** household: the same on every row of a household (the 户主's row is read); member: the person's own */
  level: 'household' | 'member';
  /** header texts that map to this field without asking (compared without spaces and brackets) */
  headers: readonly string[];
  /** what the mapping step says under the field */
  hint: string;
  /** several columns may carry it (身份: 户类型 and 监测对象类别 and 保障类别) */
  multiple?: boolean;
}

export const ROSTER_FIELD_INFO: Record<RosterField, RosterFieldInfo> = {
  householdKey: {
    label: '户编号',
    level: 'household',
    headers: ['户编号', '户编码', '家庭编号', '户号', '家庭编码', '户代码'],
    hint: '同一户的成员户编号相同，用来把成员归到各户（或用“户主身份证号”）',
  },
  headIdNumber: {
    label: '户主身份证号',
    level: 'household',
    headers: ['户主身份证号', '户主身份证号码', '户主证件号码', '户主公民身份号码'],
    hint: '每一行写本户户主的身份证号，用来把成员归到各户（或用“户编号”）',
  },
  name: { label: '姓名', level: 'member', headers: ['姓名', '成员姓名', '家庭成员姓名', '人员姓名', '保障对象姓名'], hint: '必需' },
  idNumber: {
    label: '身份证号',
    level: 'member',
    headers: ['身份证号', '身份证号码', '证件号码', '公民身份号码', '成员身份证号', '成员身份证号码', '身份证件号码'],
    hint: '必需；出生日期、性别由身份证号得出',
  },
  relation: { label: '与户主关系', level: 'member', headers: ['与户主关系', '与户主的关系', '家庭关系', '关系'], hint: '必需；户主、配偶、之子……' },
  status: {
    label: '身份（人员类别）',
    level: 'member',
    headers: ['人员类别', '身份', '户类型', '监测对象类别', '保障类别', '救助类别', '对象类别', '家庭类别', '户属性', '人员身份', '供养类别'],
    hint: '脱贫户、监测对象、农村低保、特困供养……按“名册用语对照表”读；可指定多列',
    multiple: true,
  },
  dibaoFlag: { label: '是否低保', level: 'member', headers: ['是否低保', '是否享受低保', '是否享受农村低保', '是否低保户', '是否低保对象'], hint: '“是”即为低保对象' },
  tekunFlag: { label: '是否特困', level: 'member', headers: ['是否特困', '是否特困供养', '是否享受特困供养', '是否特困人员', '是否五保'], hint: '“是”即为特困人员' },
  disability: {
    label: '残疾类别等级',
    level: 'member',
    headers: ['残疾类别等级', '残疾类别及等级', '残疾情况', '残疾类型等级', '残疾'],
    hint: '如“一级肢体”“视力二级”；类别和等级分两列时用下面两项',
  },
  disabilityKind: { label: '残疾类别', level: 'member', headers: ['残疾类别', '残疾类型'], hint: '肢体、视力、听力、言语、智力、精神、多重' },
  disabilityGrade: { label: '残疾等级', level: 'member', headers: ['残疾等级', '残疾级别'], hint: '一级至四级' },
  stage: { label: '在校学段', level: 'member', headers: ['在校学段', '在校生状况', '学段', '就学情况', '在校情况', '就读学段', '在读学段'], hint: '小学、七年级、中职、大专……空着表示不在校' },
  township: { label: '乡镇', level: 'household', headers: ['乡镇', '乡(镇)', '乡镇(街道)', '乡镇街道', '所属乡镇', '镇'], hint: '' },
  village: { label: '村', level: 'household', headers: ['村', '行政村', '村(社区)', '村社区', '所属村', '村委会', '社区'], hint: '' },
  group: { label: '组', level: 'household', headers: ['组', '村民小组', '自然村/组', '自然村组', '组别', '小组'], hint: '村民小组；打印时按组排序' },
  phone: { label: '联系电话', level: 'household', headers: ['联系电话', '电话', '手机号', '手机号码', '联系方式', '户主联系电话'], hint: '' },
  householdSize: { label: '家庭人口', level: 'household', headers: ['家庭人口', '家庭人口数', '人口数', '家庭人数', '户人口', '人数', '共同生活人数'], hint: '用来核对名册中本户的人数' },
  annualNetIncomePerCapita: { label: '年人均纯收入', level: 'household', headers: ['年人均纯收入', '家庭年人均纯收入', '人均纯收入', '年人均收入'], hint: '元/人·年，防返贫监测用' },
  monthlyIncome: { label: '家庭月收入', level: 'household', headers: ['家庭月收入', '月收入', '家庭月总收入'], hint: '元/月（不含务工工资），低保补差用' },
  area: { label: '城乡类别', level: 'household', headers: ['城乡类别', '城乡', '户籍类别', '城乡属性'], hint: '农村或城镇；没有此列时按导入时所选' },
  riskEliminated: { label: '风险是否消除', level: 'household', headers: ['风险是否消除', '是否风险消除', '风险消除', '是否已消除风险', '风险是否已消除'], hint: '“是”：监测对象已标注风险消除，不再按监测对象测算' },
};

export const FIELD_LABEL: Record<RosterField, string> = Object.fromEntries(ROSTER_FIELDS.map((field) => [field, ROSTER_FIELD_INFO[field].label])) as Record<RosterField, string>;

/** A header as compared: no spaces, brackets or punctuation, full-width folded to half-width. */
export function headerKey(text: string): string {
  return halfWidth(text)
    .replace(/[\s\u3000()（）[\]【】:：*＊、.·/／\\-]/g, '')
    .toLowerCase();
}

/** Full-width ASCII (ＡＢＣ１２３，Ｘ) and the ideographic space as their half-width forms. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
export function halfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const BY_HEADER = new Map<string, RosterField>();
for (const field of ROSTER_FIELDS) for (const header of ROSTER_FIELD_INFO[field].headers) BY_HEADER.set(headerKey(header), field);

/** The field a header names, when it is one of the known wordings. */
export function fieldForHeader(header: string): RosterField | null {
  return BY_HEADER.get(headerKey(header)) ?? null;
}

/** One column of the roster mapped to a field (a column maps to one field; 身份 may take several columns). */
export interface ColumnMapping {
  /** 0-based column of the sheet */
  column: number;
  field: RosterField;
}

/**
 * The mapping suggested for a header row: known wordings first; a field (other than 身份) claimed by
 * two columns keeps the first; 户主身份证号 wins over a second 身份证号 column.
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping[] {
  const mapping: ColumnMapping[] = [];
  const taken = new Set<RosterField>();
  headers.forEach((header, column) => {
    const field = fieldForHeader(header);
    if (!field) return;
    if (taken.has(field) && !ROSTER_FIELD_INFO[field].multiple) return;
    taken.add(field);
    mapping.push({ column, field });
  });
  return mapping;
}

/** Which fields a mapping must have before anything can be checked, as Chinese sentences. */
export function mappingProblems(mapping: readonly ColumnMapping[]): string[] {
  const fields = new Set(mapping.map((entry) => entry.field));
  const problems: string[] = [];
  for (const field of ['name', 'idNumber', 'relation'] as const) {
    if (!fields.has(field)) problems.push(`请指定“${FIELD_LABEL[field]}”列`);
  }
  if (!fields.has('householdKey') && !fields.has('headIdNumber')) problems.push('请指定“户编号”或“户主身份证号”列：用来把成员归到各户');
  if (!fields.has('status') && !fields.has('dibaoFlag') && !fields.has('tekunFlag')) problems.push('请指定至少一列“身份（人员类别）”（或“是否低保”“是否特困”）');
  const columns = new Set<number>();
  const once = new Set<RosterField>();
  for (const entry of mapping) {
    if (columns.has(entry.column)) problems.push(`第${entry.column + 1}列被指定了两次`);
    columns.add(entry.column);
    if (once.has(entry.field) && !ROSTER_FIELD_INFO[entry.field].multiple) problems.push(`“${FIELD_LABEL[entry.field]}”只能指定一列`);
    once.add(entry.field);
  }
  return problems;
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A column mapping saved by name for a layout the county uses (the header text of each column, and its field). */
export interface RosterPreset {
  name: string;
  columns: { header: string; field: RosterField }[];
  defaultArea: 'rural' | 'urban';
  savedAt?: string;
}

/** A saved preset laid on a sheet's headers: each preset column on the first header that reads the same. */
export function applyPreset(headers: readonly string[], columns: readonly { header: string; field: RosterField }[]): ColumnMapping[] {
  const mapping: ColumnMapping[] = [];
  const used = new Set<number>();
  for (const entry of columns) {
    const column = headers.findIndex((header, index) => !used.has(index) && headerKey(header) === headerKey(entry.header));
    if (column < 0) continue;
    used.add(column);
    mapping.push({ column, field: entry.field });
  }
  return mapping.sort((a, b) => a.column - b.column);
}
