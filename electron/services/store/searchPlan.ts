/**
 * A search request as the term index sees it: which conditions (searchTerms.ts), which dates, which
 * whole-text checks, and whether current and/or 作废 cases. Pure except for looking up a case number.
 */
import { fail, ok, type Result } from '../../../shared/errors';
import { parseCaseNumber } from './caseNumber';
import { endOfLocalDay, startOfLocalDay } from './localTime';
import type { CaseFilter } from './schemas';
import { cleanText } from './searchFields';
import {
  ALL_TERM,
  benefitCondition,
  exact,
  idNumberCondition,
  nameConditions,
  pinyinCondition,
  statusCondition,
  townshipTerm,
  villageTerm,
  voidedCondition,
  yearCondition,
  type TermCondition,
} from './searchTerms';

const EARLIEST = -8_640_000_000_000_000;
const LATEST = 8_640_000_000_000_000;

/** A search as the index sees it. */
export interface SearchPlan {
  conditions: TermCondition[];
  from: number;
  to: number;
  /** whole-text checks on the stored names / initials, for texts longer than one index term */
  nameContains: string | null;
  initialsStartWith: string | null;
  /** a search by 案卷编号 */
  caseRowId: number | null;
  /** a condition nothing can meet (a case number that does not exist) */
  nothing: boolean;
}

type Filter = Omit<CaseFilter, 'text'>;

/** What the search box holds: a case number, ID digits, 拼音首字母, or (anything else) a name. */
export function classifySearchText(text: string): Result<Filter> {
  const value = cleanText(text);
  if (value === '') return ok({});
  if (parseCaseNumber(value)) return ok({ caseNo: value });
  if (/^\d{3,17}[\dXx]$/.test(value)) return ok({ idDigits: value });
  if (/^\d{1,3}$/.test(value)) return fail('身份证号码请至少输入后4位', 'text');
  if (/^[A-Za-z]+$/.test(value)) return ok({ pinyin: value });
  return ok({ name: value });
}

/** Where a case sits in the index, by 案卷编号 (year and running number), or null. */
export type CaseLocator = (year: number, sequence: number) => { caseRowId: number; updatedAt: number } | null;

/**
 * A checked filter as index plans: one for current cases and/or one for 作废 ones (they live apart in
 * the index), or none when nothing can match.
 */
export function planSearch(filter: CaseFilter, locate: CaseLocator): Result<SearchPlan[]> {
  const { text, voided = 'exclude', ...rest } = filter;
  let conditions: Filter = rest;
  if (text !== undefined) {
    const classified = classifySearchText(text);
    if (!classified.ok) return classified;
    conditions = { ...classified.value, ...rest };
  }
  const plan = planConditions(conditions, locate);
  if (!plan.ok) return plan;
  return ok(partitions(plan.value, voided));
}

/** The filter as index conditions (conditions most likely to be rare first). */
function planConditions(filter: Filter, locate: CaseLocator): Result<SearchPlan> {
  const conditions: TermCondition[] = [];
  const plan: SearchPlan = { conditions, from: EARLIEST, to: LATEST, nameContains: null, initialsStartWith: null, caseRowId: null, nothing: false };
  if (filter.idDigits !== undefined) {
    if (filter.idDigits.length < 4) return fail('身份证号码请至少输入后4位', 'idDigits');
    conditions.push(idNumberCondition(filter.idDigits));
  }
  const name = filter.name === undefined ? '' : cleanText(filter.name);
  if (name !== '') {
    const grams = nameConditions(name);
    conditions.push(...grams.conditions);
    if (grams.checkWhole) plan.nameContains = name.toLowerCase();
  }
  if (filter.pinyin !== undefined) {
    const pinyin = pinyinCondition(filter.pinyin);
    conditions.push(pinyin.condition);
    if (pinyin.checkWhole) plan.initialsStartWith = filter.pinyin.toLowerCase();
  }
  const village = cleanText(filter.village ?? '');
  const township = cleanText(filter.township ?? '');
  if (village) conditions.push(exact(villageTerm(village)));
  if (township) conditions.push(exact(townshipTerm(township)));
  if (filter.benefit !== undefined) conditions.push(benefitCondition(filter.benefit, filter.benefitYear));
  else if (filter.benefitYear !== undefined) conditions.push(yearCondition(filter.benefitYear));
  if (filter.status !== undefined) conditions.push(statusCondition(filter.status));
  if (conditions.length === 0) conditions.push(exact(ALL_TERM));

  if (filter.from !== undefined) plan.from = startOfLocalDay(filter.from);
  if (filter.to !== undefined) plan.to = endOfLocalDay(filter.to);
  if (plan.from > plan.to) return fail('起始日期不能晚于截止日期', 'from');

  if (filter.caseNo !== undefined) {
    const number = parseCaseNumber(filter.caseNo);
    const found = number ? locate(number.year, number.sequence) : null;
    if (!found) plan.nothing = true;
    else {
      // the case's index rows all sit at its updated_at: the scan is that one instant
      plan.caseRowId = found.caseRowId;
      plan.from = Math.max(plan.from, found.updatedAt);
      plan.to = Math.min(plan.to, found.updatedAt);
    }
  }
  return ok(plan);
}

function partitions(plan: SearchPlan, voided: 'exclude' | 'include' | 'only'): SearchPlan[] {
  if (plan.nothing || plan.from > plan.to) return [];
  const voidedPlan = { ...plan, conditions: plan.conditions.map(voidedCondition) };
  if (voided === 'exclude') return [plan];
  if (voided === 'only') return [voidedPlan];
  return [plan, voidedPlan];
}
