/**
 * The form's draft and the contract's input: empty boxes and untouched rows are left out, problems
 * found on the input land on the right box of the draft, a saved case reopens as the same input, and
 * what staff type (full-width digits, "1,200 元", 19930501) reaches the core cleaned.
 */
import { describe, expect, it } from 'vitest';
import { emptyBill, emptyDraft, emptyMember } from '../../renderer/src/components/intake/caseDraft';
import { evaluateDraft } from '../../renderer/src/components/intake/evaluateDraft';
import { fromCaseInput } from '../../renderer/src/components/intake/fromCaseInput';
import { toCaseInput } from '../../renderer/src/components/intake/toCaseInput';
import { compareGroups, totalDifference } from '../../renderer/src/components/results/compareRows';
import { shippedPack } from './mountIntake';

const TODAY = '2024-01-15';

const CONTRACT_EXAMPLE = {
  asOf: '2023-09-01',
  household: { area: 'rural', status: 'dibao' },
  members: [
    {
      id: 'm1',
      name: '张三',
      relation: 'head',
      idNumber: '411323199305011237',
      medical: { inpatient: [{ total: '110000', policyScope: '100000', level: 'county', basicPaid: '60000', criticalPaid: '21125' }] },
    },
  ],
};

describe('draft ⇄ contract input', () => {
  it('reopens a saved case as exactly the input it was saved from', () => {
    const draft = fromCaseInput(CONTRACT_EXAMPLE, TODAY);
    expect(toCaseInput(draft).input).toEqual(CONTRACT_EXAMPLE);
  });

  it('reopens a 学前 child\'s kindergarten year and a private kindergarten (publicKindergarten: false); absent pension flags stay absent', () => {
    const input = {
      asOf: '2026-03-01',
      household: { area: 'rural', status: 'ordinary' },
      members: [
        { id: 'm1', name: '王奶奶', relation: 'head', birthDate: '1950-02-01', pension: { insured: true, receiving: true } },
        { id: 'm2', name: '小红', relation: 'grandchild', birthDate: '2020-05-01', student: { stage: 'preschool', kindergartenYear: 3, publicKindergarten: false } },
        { id: 'm3', name: '小明', relation: 'grandchild', birthDate: '2021-05-01', student: { stage: 'preschool', kindergartenYear: 2 } },
      ],
    };
    const draft = fromCaseInput(input, TODAY);
    expect(draft.members[1]?.student).toMatchObject({ kindergartenYear: '3', privateKindergarten: true });
    expect(toCaseInput(draft).input).toEqual(input);
    // a kindergarten year typed and then the stage changed away from 学前 is not sent
    draft.members[2]!.student.stage = 'primary';
    expect((toCaseInput(draft).input as { members: { student?: Record<string, unknown> }[] }).members[2]?.student).toEqual({ stage: 'primary' });
  });

  it('cleans what staff type: full-width digits, separators, 元, compact dates', () => {
    const draft = emptyDraft(TODAY);
    draft.household.status = 'ordinary';
    draft.household.monthlyIncome = '１，２００ 元';
    const member = draft.members[0]!;
    member.name = ' 李四 ';
    member.birthDate = '19700101';
    const { input } = toCaseInput(draft);
    expect(input.household).toEqual({ area: 'rural', status: 'ordinary', monthlyIncome: '1200' });
    expect((input.members as { name: string; birthDate: string }[])[0]).toMatchObject({ name: '李四', birthDate: '1970-01-01' });
  });

  it('skips untouched rows and maps problems back to the box they came from', () => {
    const draft = emptyDraft(TODAY);
    draft.household.status = 'ordinary';
    draft.members[0]!.name = '甲';
    draft.members[0]!.birthDate = '1970-01-01';
    draft.members.push(emptyMember('m2')); // added with Enter, nothing typed yet
    const third = emptyMember('m3');
    third.name = '丙';
    third.birthDate = '1980-01-01';
    third.inpatient.push(emptyBill('inpatient')); // an empty bill row
    const bill = emptyBill('inpatient');
    bill.total = '1000';
    bill.policyScope = '2000';
    bill.level = 'county';
    third.inpatient.push(bill);
    draft.members.push(third);

    const { input, memberCount } = toCaseInput(draft);
    expect(memberCount).toBe(2);
    expect((input.members as unknown[]).length).toBe(2);
    const evaluation = evaluateDraft(draft, shippedPack, TODAY);
    expect(evaluation.result).toBeNull();
    expect(evaluation.problems).toEqual([
      {
        path: 'members[2].medical.inpatient[1].policyScope',
        short: '政策范围内费用（2000）不能大于总费用（1000）',
        full: '第3位成员（丙） · 医疗费用 · 住院第2笔 · 政策范围内费用：政策范围内费用（2000）不能大于总费用（1000）',
      },
    ]);
  });

  it('computes the contract example in the page, to the fen', () => {
    const evaluation = evaluateDraft(fromCaseInput(CONTRACT_EXAMPLE, TODAY), shippedPack, TODAY);
    expect(evaluation.problems).toEqual([]);
    expect(evaluation.result?.medical.m1).toMatchObject({ assistance: '13212.50', selfPay: '15662.50' });
  });
});

describe('对比测算', () => {
  it('lines up both results benefit by benefit with the differences', () => {
    const before = evaluateDraft(fromCaseInput(CONTRACT_EXAMPLE, TODAY), shippedPack, TODAY).result!;
    const changed = structuredClone(CONTRACT_EXAMPLE);
    changed.members[0]!.medical.inpatient[0] = { total: '200000', policyScope: '200000', level: 'county', basicPaid: '60000', criticalPaid: '21125' };
    const after = evaluateDraft(fromCaseInput(changed, TODAY), shippedPack, TODAY).result!;
    const medical = compareGroups(before, after).find((g) => g.group === 'medical');
    const assistance = medical?.rows.find((r) => r.key === 'medical.assistance|m1');
    expect(assistance).toMatchObject({ before: '13212.50', after: '30000.00', difference: '16787.50' });
    expect(totalDifference(before, after)).toBe('16787.50');
  });
});
