/**
 * 重新测算 takes the members' spellings from the index instead of spelling the names again
 * (deriveSearchFields `known`): the index must come out exactly as from spelling them.
 */
import { describe, expect, it } from 'vitest';
import { deriveSearchFields, LIST_SEPARATOR } from '../../../electron/services/store/searchFields';
import { caseFacets, caseTerms } from '../../../electron/services/store/searchTerms';

const input = {
  asOf: '2027-01-01',
  household: { status: 'dibao', township: '石桥镇', village: '王庄村' },
  members: [
    { id: 'a', name: '曾小贤', relation: 'head', idNumber: '41132319800101123x' },
    { id: 'b', name: '单田芳' },
    { id: 'c', name: '' },
    { id: 'd', name: '长青' },
  ],
};
const result = { policy: { asOf: '2027-01-01' }, benefits: [{ code: 'dibao.allowance', annual: '3444.00' }], totals: { annual: '3444.00' } };

/** What the index holds for the case (searchIndex.ts upsertCase). */
function indexed(fields: ReturnType<typeof deriveSearchFields>) {
  return { names: fields.members.map((m) => m.name).join(LIST_SEPARATOR), initials: fields.members.flatMap((m) => m.initials).join(LIST_SEPARATOR) };
}

describe('search fields with the spellings the index holds', () => {
  it('give the same terms, facets and initials column as spelling the names', () => {
    const spelt = deriveSearchFields(input, result);
    const known = indexed(spelt);
    const reused = deriveSearchFields(input, result, { known });
    expect(caseTerms(reused, false)).toEqual(caseTerms(spelt, false));
    expect(caseFacets(reused)).toBe(caseFacets(spelt));
    expect(indexed(reused)).toEqual(known);
    // 曾 read as a surname (zeng) and 单 as shan come back from the index as they were spelt
    expect(reused.members[0]?.initials).toEqual(expect.arrayContaining(['zxx', 'stf']));
  });

  it('spell the names again when they are not the indexed ones', () => {
    const known = indexed(deriveSearchFields(input, result));
    const renamed = { ...input, members: input.members.map((m, i) => (i === 1 ? { ...m, name: '王秀英' } : m)) };
    const fields = deriveSearchFields(renamed, result, { known });
    expect(caseTerms(fields, false)).toEqual(caseTerms(deriveSearchFields(renamed, result), false));
    expect(fields.members[1]?.initials).toContain('wxy');
  });
});
