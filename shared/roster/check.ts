/**
 * 名册检查: a sheet, its header row and a column mapping in; the households it holds out, with every
 * problem found on the way, by row, column and value, in Chinese. Nothing here writes anything: the
 * import writes only the households this returns, and lists the ones it skips and why.
 *
 * Errors keep their household out of the import (or, for a row that belongs to no household, the row);
 * notices say what was done with something unusual (spaces trimmed, a merged household-level cell
 * filled down, a blank row skipped) and keep nothing out. The checks, in the order a row meets them:
 * merged cells · blank and hidden rows · 姓名 · 身份证号 (spaces, stored as a number, GB 11643 check
 * digit, twice in the roster) · 与户主关系 · 身份 words · 残疾 · 学段 · household fields · then per
 * household: a member without a household (no 户编号, or a 户编号 with no 户主), two 户主, the 户主's own
 * number against the 户主身份证号 column, more than 30 members, 家庭人口 against the rows.
 */
import type { Area, DisabilityGrade, DisabilityKind, Stage, Status } from '../household/codes';
import { STATUSES } from '../household/codes';
import { readIdNumber, type Sex } from '../household/idNumber';
import type { Relation } from '../household/schema';
import { shortValue } from '../errors';
import { parseDecimal } from '../money';
import { columnLetter, FIELD_LABEL, ROSTER_FIELD_INFO, type ColumnMapping, type RosterField } from './fields';
import { cellKey, type RosterSheet } from './sheet';
import {
  readDisabilityCell,
  readDisabilityCells,
  readRelationCell,
  readStageCell,
  readStatusCell,
  saysNothing,
  wordKey,
  yesNo,
  type RosterWords,
} from './words';

export interface RosterProblem {
  severity: 'error' | 'notice';
  /** Excel's row number (null: about the whole sheet) */
  row: number | null;
  /** the column's header as written in the roster, and its letter */
  column: string | null;
  columnLetter: string | null;
  /** the cell as written ('' for empty), null when no one cell is meant */
  value: string | null;
  message: string;
  /** the household (户编号 or 户主身份证号) this keeps out of the import, or that it is about */
  household: string | null;
}

export interface RosterMember {
  row: number;
  name: string;
  idNumber: string;
  birthDate: string;
  sex: Sex;
  relation: Relation;
  statuses: Status[];
  /** undefined: the roster has no 残疾 column; null: it says none */
  disability?: { kind: DisabilityKind; grade: DisabilityGrade } | null;
  /** undefined: no 学段 column; null: not a student */
  stage?: Stage | null;
}

export interface RosterHousehold {
  /** the 户编号, or the 户主's ID number when households are grouped by it */
  key: string;
  rows: number[];
  /** the 户主 first, then the others in roster order */
  members: RosterMember[];
  status: Status;
  formerlyRegisteredPoor: boolean;
  /** null: neither the words nor a 城乡类别 column say */
  area: Area | null;
  township: string;
  village: string;
  group: string;
  phone: string;
  annualNetIncomePerCapita: string | null;
  monthlyIncome: string | null;
  /** 家庭人口 as the roster states it (null: not given) */
  declaredSize: number | null;
}

export interface SkippedHousehold {
  key: string;
  headName: string;
  rows: number[];
  reasons: string[];
}

export interface RosterCheck {
  headers: string[];
  /** data rows read (not counting blank rows) */
  rowsRead: number;
  households: RosterHousehold[];
  skipped: SkippedHousehold[];
  /** rows that belong to no household (no 户编号): they are in `problems` too */
  loneRows: number[];
  problems: RosterProblem[];
}

/** A household is grouped by its 户编号 when the roster has one, else by the 户主's ID number on every row. */
type Grouping = 'householdKey' | 'headIdNumber';

interface RowReading {
  row: number;
  key: string;
  member: Partial<Omit<RosterMember, 'relation'>> & { name: string; relation: Relation | null };
  area: Area | null;
  formerlyRegisteredPoor: boolean;
  riskEliminated: boolean;
  household: Pick<RosterHousehold, 'township' | 'village' | 'group' | 'phone' | 'annualNetIncomePerCapita' | 'monthlyIncome' | 'declaredSize'>;
  errors: number;
}

const SPACES = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g;
const MAX_MEMBERS = 30;

const AREA_WORDS: Record<string, Area> = { 农村: 'rural', 乡村: 'rural', 农业: 'rural', 农业户口: 'rural', 城镇: 'urban', 城市: 'urban', 非农业: 'urban', 非农业户口: 'urban', 城区: 'urban' };

/** Shown for a value in a message: the cell as written, spaces made visible by the quotes. */
const shown = (text: string) => `「${shortValue(text)}」`;

export function checkRoster(sheet: RosterSheet, headerRow: number, mapping: readonly ColumnMapping[], words: RosterWords): RosterCheck {
  const headers = (sheet.rows[headerRow - 1] ?? []).map((cell) => cell.trim());
  const problems: RosterProblem[] = [];
  const columnsOf = new Map<RosterField, number[]>();
  for (const entry of mapping) columnsOf.set(entry.field, [...(columnsOf.get(entry.field) ?? []), entry.column]);
  const fieldOf = new Map<number, RosterField>(mapping.map((entry) => [entry.column, entry.field]));
  const grouping: Grouping = columnsOf.has('householdKey') ? 'householdKey' : 'headIdNumber';
  const numeric = new Set(sheet.numericCells);
  const hidden = new Set(sheet.hiddenRows);

  const headerOf = (column: number) => headers[column] || `第${column + 1}列`;
  // a cell quoted in a problem is cut like every quoted value at the seam (a pasted page stays a line)
  const problem = (severity: RosterProblem['severity'], row: number | null, column: number | null, value: string | null, message: string, household: string | null = null) =>
    problems.push({
      severity,
      row,
      column: column === null ? null : shortValue(headerOf(column)),
      columnLetter: column === null ? null : columnLetter(column),
      value: value === null ? null : shortValue(value),
      message,
      household: household === null ? null : shortValue(household),
    });

  // the cells as the check reads them: a merged household-level cell is filled down, a merged member-level one is an error
  const lastRow = lastFilledRow(sheet, headerRow);
  const cells: string[][] = sheet.rows.slice(headerRow, lastRow).map((row) => [...row]);
  const cellAt = (row: number, column: number) => cells[row - headerRow - 1]?.[column] ?? '';
  const mergedRows = new Set<number>();
  /** member cells inside a merged range below its first cell ("row:column", 0-based column): reported once, not again as empty */
  const mergedCells = new Set<string>();
  /** the row readRow is reading (text() looks its merged cells up) */
  let currentRow = 0;
  for (const range of [...sheet.merges].sort((a, b) => a.top - b.top || a.left - b.left)) {
    if (range.top <= headerRow || range.top > lastRow) continue;
    const bottom = Math.min(range.bottom, lastRow);
    // a range down several rows empties every column of it below the first row; one across a row, the columns after the first
    const single = range.top === bottom;
    const covered: number[] = [];
    for (let c = range.left - 1; c <= range.right - 1; c++) if (fieldOf.has(c) && (!single || c !== range.left - 1)) covered.push(c);
    if (covered.length === 0) continue;
    const value = cellAt(range.top, range.left - 1);
    const rows = range.top === bottom ? `第${range.top}行` : `第${range.top}–${bottom}行`;
    const member = covered.filter((c) => ROSTER_FIELD_INFO[fieldOf.get(c) as RosterField].level === 'member');
    if (member.length > 0) {
      problem('error', range.top, member[0] as number, value, `${rows}是合并单元格（${columnLetter(range.left - 1)}${range.top}:${columnLetter(range.right - 1)}${range.bottom}），合并后只有第一格有内容，读不出每个人的“${FIELD_LABEL[fieldOf.get(member[0] as number) as RosterField]}”；请在 Excel 中取消合并并填好每一行`);
      for (let r = range.top; r <= bottom; r++) {
        mergedRows.add(r);
        for (const c of member) if (r > range.top || c > range.left - 1) mergedCells.add(`${r}:${c}`);
      }
      continue;
    }
    for (let r = range.top; r <= bottom; r++) {
      const line = cells[r - headerRow - 1];
      if (!line) continue;
      for (let c = range.left - 1; c <= range.right - 1; c++) line[c] = value;
    }
    // merged empty cells (a layout's decoration) leave every row as empty as it looks: nothing to say
    if (value.trim() !== '') problem('notice', range.top, covered[0] as number, value, `${rows}是合并单元格（${columnLetter(range.left - 1)}${range.top}:${columnLetter(range.right - 1)}${range.bottom}），已把${shown(value)}填入合并范围的每一行`);
  }

  // rows: blank ones skipped (and said), the rest read
  const readings: RowReading[] = [];
  const loneRows: number[] = [];
  const seenIds = new Map<string, number>();
  const idRows = new Map<string, number[]>();
  let rowsRead = 0;
  for (let row = headerRow + 1; row <= lastRow; row++) {
    const line = cells[row - headerRow - 1] ?? [];
    if (line.every((cell) => cell.replace(SPACES, '') === '')) {
      problem('notice', row, null, null, '空行，已跳过');
      continue;
    }
    rowsRead += 1;
    if (hidden.has(row)) problem('notice', row, null, null, '这一行在 Excel 中被隐藏了（可能是筛选），仍按名册导入；如不应导入，请从名册中删去');
    const reading = readRow(row, line);
    if (mergedRows.has(row)) reading.errors += 1;
    readings.push(reading);
  }

  function text(line: readonly string[], field: RosterField): { column: number; raw: string; value: string; merged: boolean } | null {
    const column = columnsOf.get(field)?.[0];
    if (column === undefined) return null;
    const raw = line[column] ?? '';
    return { column, raw, value: raw.replace(SPACES, ''), merged: mergedCells.has(`${currentRow}:${column}`) };
  }

  /** An ID number cell: spaces trimmed with a notice, a number-typed cell refused, the number checked. */
  function idCell(row: number, line: readonly string[], field: 'idNumber' | 'headIdNumber', reading: { errors: number; key: string }): { value: string; birthDate: string; sex: Sex } | null {
    const cell = text(line, field) as { column: number; raw: string; value: string; merged: boolean };
    const label = FIELD_LABEL[field];
    const household = reading.key || null;
    if (cell.merged) return null;
    if (cell.value === '') {
      reading.errors += 1;
      problem('error', row, cell.column, cell.raw, `${label}为空`, household);
      return null;
    }
    if (cell.raw !== cell.value) problem('notice', row, cell.column, cell.raw, `${label}前后有空格，已去掉`, household || (field === 'headIdNumber' ? cell.value.toUpperCase() : null));
    if (numeric.has(cellKey(row, cell.column + 1))) {
      reading.errors += 1;
      problem('error', row, cell.column, cell.raw, `${label}在 Excel 中存成了数字，18位号码的末几位已经丢失；请把这一列设为“文本”格式，重新填写后再导入`, household);
      return null;
    }
    const read = readIdNumber(cell.value);
    if ('problem' in read) {
      reading.errors += 1;
      problem('error', row, cell.column, cell.raw, read.problem, household);
      return null;
    }
    return { value: read.normalized, birthDate: read.birthDate, sex: read.sex };
  }

  function readRow(row: number, line: readonly string[]): RowReading {
    currentRow = row;
    const reading: RowReading = {
      row,
      key: '',
      member: { row, name: '', relation: null, statuses: [] },
      area: null,
      formerlyRegisteredPoor: false,
      riskEliminated: false,
      household: { township: '', village: '', group: '', phone: '', annualNetIncomePerCapita: null, monthlyIncome: null, declaredSize: null },
      errors: 0,
    };
    const error = (column: number, value: string, message: string) => {
      reading.errors += 1;
      problem('error', row, column, value, message, reading.key || null);
    };

    // the household it belongs to
    if (grouping === 'householdKey') {
      const key = text(line, 'householdKey') as { column: number; raw: string; value: string };
      if (key.value !== '' && key.raw !== key.value) problem('notice', row, key.column, key.raw, '户编号前后有空格，已去掉', key.value);
      if (key.value !== '' && numeric.has(cellKey(row, key.column + 1)) && key.value.replace(/\D/g, '').length > 15) {
        error(key.column, key.raw, '户编号在 Excel 中存成了数字，超过15位的数字末几位已经丢失，不同的户可能变成同一个编号；请把这一列设为“文本”格式后重新导出');
      }
      reading.key = key.value;
    } else {
      const key = text(line, 'headIdNumber') as { column: number; raw: string; value: string };
      if (key.value !== '') {
        const id = idCell(row, line, 'headIdNumber', reading);
        reading.key = id ? id.value : key.value.toUpperCase();
      }
    }

    const name = text(line, 'name') as { column: number; raw: string; value: string; merged: boolean };
    reading.member.name = name.value;
    if (name.value === '' && !name.merged) error(name.column, name.raw, '姓名为空');

    const id = idCell(row, line, 'idNumber', reading);
    if (id) {
      reading.member.idNumber = id.value;
      reading.member.birthDate = id.birthDate;
      reading.member.sex = id.sex;
      const first = seenIds.get(id.value);
      if (first !== undefined) {
        const cell = text(line, 'idNumber') as { column: number; raw: string };
        error(cell.column, cell.raw, `身份证号码与第${first}行相同：同一个人在名册中出现了两次`);
      } else seenIds.set(id.value, row);
      idRows.set(id.value, [...(idRows.get(id.value) ?? []), row]);
    }

    const relation = text(line, 'relation') as { column: number; raw: string; value: string; merged: boolean };
    if (relation.merged) reading.member.relation = null;
    else if (relation.value === '') error(relation.column, relation.raw, '与户主关系为空');
    else {
      reading.member.relation = readRelationCell(words, relation.value);
      if (reading.member.relation === null) error(relation.column, relation.raw, `不认识的与户主关系${shown(relation.value)}：可在“名册用语对照表”中添加它是哪种关系`);
    }

    // 身份: every column given to it, then the 是否低保 / 是否特困 flags; 风险已消除 takes 监测对象 away
    // (a 监测对象 whose risk is 标注风险消除 leaves monitoring: 河南省乡村振兴局 2023 梳理汇总 第三部分 一、（二）4.①)
    const statuses = new Set<Status>();
    for (const column of columnsOf.get('status') ?? []) {
      const raw = line[column] ?? '';
      const read = readStatusCell(words, raw);
      for (const word of read.unknown) error(column, raw, `不认识的身份用语${shown(word)}：可在“名册用语对照表”中添加它对应哪种身份`);
      for (const status of read.statuses) statuses.add(status);
      if (read.area) reading.area = read.area;
      if (read.formerlyRegisteredPoor) reading.formerlyRegisteredPoor = true;
    }
    for (const [field, status] of [['dibaoFlag', 'dibao'], ['tekunFlag', 'tekun']] as const) {
      const flag = text(line, field);
      if (!flag) continue;
      const answer = yesNo(flag.value);
      if (answer === null) error(flag.column, flag.raw, `“${FIELD_LABEL[field]}”应填“是”或“否”`);
      else if (answer) statuses.add(status);
    }
    const risk = text(line, 'riskEliminated');
    if (risk) {
      const answer = yesNo(risk.value);
      if (answer === null) error(risk.column, risk.raw, '“风险是否消除”应填“是”或“否”');
      reading.riskEliminated = answer === true;
    }
    reading.member.statuses = STATUSES.filter((status) => statuses.has(status));

    // 残疾: one column ("一级肢体") or two (类别, 等级)
    const combined = text(line, 'disability');
    const kind = text(line, 'disabilityKind');
    const grade = text(line, 'disabilityGrade');
    if (combined || kind || grade) {
      let read = combined ? readDisabilityCell(words, combined.value) : null;
      let at = combined;
      if (read === null && (kind || grade)) {
        read = readDisabilityCells(words, kind?.value ?? '', grade?.value ?? '');
        at = kind && !saysNothing(kind.value) ? kind : (grade ?? kind);
      }
      if (read !== null && 'problem' in read) error((at as { column: number }).column, (at as { raw: string }).raw, read.problem);
      else reading.member.disability = read;
    }

    const stage = text(line, 'stage');
    if (stage) {
      const read = readStageCell(words, stage.value);
      if (read !== null && 'problem' in read) error(stage.column, stage.raw, `不认识的学段用语${shown(stage.value)}：可在“名册用语对照表”中添加它对应哪个学段`);
      else reading.member.stage = read === null ? null : read.stage;
    }

    // the household's own fields (read on every row; the 户主's row is the one used)
    for (const field of ['township', 'village', 'group', 'phone'] as const) {
      const cell = text(line, field);
      if (cell) reading.household[field] = cell.value;
    }
    for (const field of ['annualNetIncomePerCapita', 'monthlyIncome'] as const) {
      const cell = text(line, field);
      if (!cell || cell.value === '') continue;
      const amount = parseDecimal(cell.value.replace(/[,，元]/g, ''));
      if (!amount || amount.isNegative()) error(cell.column, cell.raw, `“${FIELD_LABEL[field]}”应为金额（元），如 6800 或 6800.50`);
      else reading.household[field] = amount.toDecimalPlaces(2).toFixed(2);
    }
    const size = text(line, 'householdSize');
    if (size && size.value !== '') {
      const count = Number(size.value.replace(/人$/, ''));
      if (Number.isInteger(count) && count > 0) reading.household.declaredSize = count;
      else error(size.column, size.raw, '“家庭人口”应为人数（整数）');
    }
    const area = text(line, 'area');
    if (area && !saysNothing(area.value)) {
      const found = AREA_WORDS[wordKey(area.value)];
      if (found) reading.area = reading.area ?? found;
      else error(area.column, area.raw, '“城乡类别”应为“农村”或“城镇”');
    }
    return reading;
  }

  // households: rows with the same key, in the order the roster first names them
  const groups = new Map<string, RowReading[]>();
  for (const reading of readings) {
    if (reading.key === '') {
      const column = columnsOf.get(grouping)?.[0] ?? null;
      loneRows.push(reading.row);
      problem('error', reading.row, column, column === null ? null : cellAt(reading.row, column), `成员不属于任何一户：“${FIELD_LABEL[grouping]}”为空`);
      continue;
    }
    groups.set(reading.key, [...(groups.get(reading.key) ?? []), reading]);
  }

  const households: RosterHousehold[] = [];
  const skipped: SkippedHousehold[] = [];
  const relationColumn = columnsOf.get('relation')?.[0] ?? null;
  for (const [key, rows] of groups) {
    const reasons: string[] = [];
    const heads = rows.filter((reading) => reading.member.relation === 'head');
    if (heads.length === 0) {
      for (const reading of rows) problem('error', reading.row, relationColumn, (sheetCell(reading.row, relationColumn) ?? ''), `成员不属于任何一户：${FIELD_LABEL[grouping]}${shown(key)}在名册中没有户主`, key);
      reasons.push('名册中没有户主');
    } else if (heads.length > 1) {
      problem('error', (heads[1] as RowReading).row, relationColumn, sheetCell((heads[1] as RowReading).row, relationColumn), `同一户有两位户主：第${heads.map((head) => head.row).join('行、第')}行（${FIELD_LABEL[grouping]}${shown(key)}）`, key);
      reasons.push(`有两位户主（第${heads.map((head) => head.row).join('、')}行）`);
    }
    const head = heads[0];
    if (head && heads.length === 1 && grouping === 'headIdNumber' && head.member.idNumber !== undefined && head.member.idNumber !== key) {
      const column = columnsOf.get('idNumber')?.[0] ?? null;
      problem('error', head.row, column, sheetCell(head.row, column), `户主本人的身份证号码与“户主身份证号”列${shown(key)}不一致`, key);
      reasons.push('户主身份证号不一致');
    }
    if (rows.length > MAX_MEMBERS) {
      problem('error', (rows[0] as RowReading).row, null, null, `一户不能超过${MAX_MEMBERS}人，${FIELD_LABEL[grouping]}${shown(key)}有${rows.length}行`, key);
      reasons.push(`超过${MAX_MEMBERS}人`);
    }
    // a person named twice keeps both households out: which of them is right cannot be told here
    for (const reading of rows) {
      const id = reading.member.idNumber;
      if (id && (idRows.get(id)?.length ?? 0) > 1 && !reasons.includes('有人在名册中出现两次')) reasons.push('有人在名册中出现两次');
    }
    const rowErrors = rows.filter((reading) => reading.errors > 0).map((reading) => reading.row);
    if (rowErrors.length > 0) reasons.push(`第${rowErrors.join('、')}行有错误`);
    if (reasons.length > 0 || !head) {
      skipped.push({ key, headName: (head ?? rows[0])?.member.name ?? '', rows: rows.map((reading) => reading.row), reasons });
      continue;
    }
    const declared = head.household.declaredSize;
    if (declared !== null && declared !== rows.length) {
      const column = columnsOf.get('householdSize')?.[0] ?? null;
      problem('notice', head.row, column, sheetCell(head.row, column), `家庭人口为${declared}人，名册中本户有${rows.length}行：按名册中的${rows.length}人测算`, key);
    }
    households.push(toHousehold(key, head, rows));
  }

  function sheetCell(row: number, column: number | null): string | null {
    return column === null ? null : cellAt(row, column);
  }

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOrder(a) - columnOrder(b) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  function columnOrder(p: RosterProblem): number {
    return p.column === null ? -1 : headers.indexOf(p.column) >= 0 ? headers.indexOf(p.column) : Number.MAX_SAFE_INTEGER;
  }
  return { headers, rowsRead, households, skipped, loneRows, problems };
}

/** The household from its rows: its 身份 from the 户主's row (the most favourable there, STATUSES order), the rest by person. */
function toHousehold(key: string, head: RowReading, rows: RowReading[]): RosterHousehold {
  const withoutEliminated = (reading: RowReading) => (reading.riskEliminated ? (reading.member.statuses ?? []).filter((status) => status !== 'monitored') : (reading.member.statuses ?? []));
  const headStatuses = withoutEliminated(head).filter((status) => status !== 'ordinary');
  const formerlyRegisteredPoor = rows.some((reading) => reading.formerlyRegisteredPoor || withoutEliminated(reading).includes('alleviated'));
  // a household whose only 监测 status was lifted stays what it was before: a 脱贫户 when it was one
  const status: Status = headStatuses[0] ?? (formerlyRegisteredPoor ? 'alleviated' : 'ordinary');
  // a word on every row (户类型, 保障类别) is the household's: a member's own statuses are those its row has beyond the 户主's
  const headSet = new Set(withoutEliminated(head));
  const members = [head, ...rows.filter((reading) => reading !== head)].map((reading): RosterMember => {
    const own = withoutEliminated(reading).filter(
      (candidate) =>
        candidate !== 'ordinary' &&
        candidate !== status &&
        !(candidate === 'alleviated' && formerlyRegisteredPoor) &&
        (reading === head || !headSet.has(candidate)),
    );
    const member: RosterMember = {
      row: reading.row,
      name: reading.member.name,
      idNumber: reading.member.idNumber as string,
      birthDate: reading.member.birthDate as string,
      sex: reading.member.sex as Sex,
      relation: reading.member.relation as Relation,
      statuses: own,
    };
    if (reading.member.disability !== undefined) member.disability = reading.member.disability;
    if (reading.member.stage !== undefined) member.stage = reading.member.stage;
    return member;
  });
  return {
    key,
    rows: rows.map((reading) => reading.row),
    members,
    status,
    formerlyRegisteredPoor,
    area: head.area ?? rows.find((reading) => reading.area !== null)?.area ?? null,
    ...head.household,
  };
}

/** The last row with anything in it: blank rows after it are not the roster's. */
function lastFilledRow(sheet: RosterSheet, headerRow: number): number {
  for (let row = sheet.rows.length; row > headerRow; row--) {
    if ((sheet.rows[row - 1] ?? []).some((cell) => cell.replace(SPACES, '') !== '')) return row;
  }
  return headerRow;
}
