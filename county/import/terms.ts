/**
 * The words a county case is found by: its members' names (characters and two-character grams),
 * 拼音首字母 prefixes and ID numbers — the office's own index words (searchTerms.ts), so "zs", "张三"
 * or the last digits of an ID find the same families at the county as at the window. Place, 身份 and
 * benefits are columns of cases with indexes of their own.
 */
import { nameInitials } from '../../electron/services/store/pinyinInitials';
import type { SearchFields } from '../../electron/services/store/searchFields';
import { caseTerms as officeCaseTerms } from '../../electron/services/store/searchTerms';

const PERSON_TERM = /^[npi]:/;

export function caseTerms(names: readonly string[], idNumbers: readonly string[]): string[] {
  const fields: SearchFields = {
    headName: '',
    headIdNumber: null,
    members: names.map((name, index) => ({ name, idNumber: idNumbers[index] || null, initials: nameInitials(name) })),
    township: '',
    village: '',
    householdStatus: '',
    statuses: [],
    asOf: '',
    year: null,
    totalAnnual: '0.00',
    benefits: [],
  };
  return officeCaseTerms(fields, false).filter((term) => PERSON_TERM.test(term));
}
