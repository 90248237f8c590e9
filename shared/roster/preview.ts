/**
 * The mapping step's preview: each cell of the first rows as this app will read it, under the field
 * its column is mapped to ("411323199305011237" → "1993-05-01 男", "七年级" → "初中", "脱贫不稳定户" →
 * "监测对象 · 原建档立卡"), or why it cannot be read. The same functions as the check, one cell at a
 * time, so the page can redraw the preview at each change of the mapping without asking the main process.
 */
import { AREA_LABELS, DISABILITY_GRADE_LABELS, DISABILITY_KIND_LABELS, STAGE_LABELS, STATUS_SHORT } from '../household/codes';
import { readIdNumber } from '../household/idNumber';
import { RELATION_LABELS } from '../household/schema';
import { parseDecimal } from '../money';
import type { RosterField } from './fields';
import { readDisabilityCell, readGrade, readKind, readRelationCell, readStageCell, readStatusCell, saysNothing, yesNo, type RosterWords } from './words';

export interface CellReading {
  /** what the app reads ('' when the cell is empty and that is fine) */
  shown: string;
  /** why it cannot be read (the check will report it) */
  problem?: string;
  /** something the check will only note (spaces trimmed) */
  notice?: string;
}

const SPACES = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g;

export function readCell(field: RosterField, raw: string, words: RosterWords): CellReading {
  const value = raw.replace(SPACES, '');
  const notice = raw !== value && value !== '' ? '前后有空格，将去掉' : undefined;
  const withNotice = (reading: CellReading): CellReading => (notice && !reading.problem ? { ...reading, notice } : reading);
  switch (field) {
    case 'idNumber':
    case 'headIdNumber': {
      if (value === '') return { shown: '', problem: '为空' };
      const read = readIdNumber(value);
      if ('problem' in read) return { shown: value, problem: read.problem };
      return withNotice({ shown: `${read.birthDate} ${read.sex === 'male' ? '男' : '女'}` });
    }
    case 'name':
      return value === '' ? { shown: '', problem: '姓名为空' } : { shown: value };
    case 'relation': {
      if (value === '') return { shown: '', problem: '为空' };
      const relation = readRelationCell(words, value);
      return relation ? { shown: RELATION_LABELS[relation] } : { shown: value, problem: '不认识的关系用语' };
    }
    case 'status': {
      const read = readStatusCell(words, value);
      if (read.unknown.length > 0) return { shown: value, problem: `不认识的身份用语：${read.unknown.join('、')}` };
      const parts: string[] = read.statuses.map((status) => STATUS_SHORT[status]);
      if (read.formerlyRegisteredPoor) parts.push('原建档立卡');
      if (read.area) parts.push(AREA_LABELS[read.area]);
      return { shown: parts.join(' · ') };
    }
    case 'dibaoFlag':
    case 'tekunFlag':
    case 'riskEliminated': {
      const answer = yesNo(value);
      return answer === null ? { shown: value, problem: '应填“是”或“否”' } : { shown: answer ? '是' : '否' };
    }
    case 'disability': {
      const read = readDisabilityCell(words, value);
      if (read === null) return { shown: '' };
      if ('problem' in read) return { shown: value, problem: read.problem };
      return { shown: `${DISABILITY_KIND_LABELS[read.kind]}${DISABILITY_GRADE_LABELS[read.grade]}` };
    }
    case 'disabilityKind': {
      if (saysNothing(value)) return { shown: '' };
      const kind = readKind(words, value);
      return kind ? { shown: DISABILITY_KIND_LABELS[kind] } : { shown: value, problem: '读不出残疾类别' };
    }
    case 'disabilityGrade': {
      if (saysNothing(value)) return { shown: '' };
      const grade = readGrade(value);
      return grade ? { shown: DISABILITY_GRADE_LABELS[grade] } : { shown: value, problem: '读不出残疾等级' };
    }
    case 'stage': {
      const read = readStageCell(words, value);
      if (read === null) return { shown: saysNothing(value) ? '' : '不在校' };
      if ('problem' in read) return { shown: value, problem: '不认识的学段用语' };
      return { shown: STAGE_LABELS[read.stage] };
    }
    case 'annualNetIncomePerCapita':
    case 'monthlyIncome': {
      if (value === '') return { shown: '' };
      const amount = parseDecimal(value.replace(/[,，元]/g, ''));
      return amount && !amount.isNegative() ? { shown: `${amount.toFixed(2)} 元` } : { shown: value, problem: '应为金额' };
    }
    case 'householdSize': {
      if (value === '') return { shown: '' };
      const count = Number(value.replace(/人$/, ''));
      return Number.isInteger(count) && count > 0 ? { shown: `${count}人` } : { shown: value, problem: '应为人数' };
    }
    default:
      return withNotice({ shown: value });
  }
}
