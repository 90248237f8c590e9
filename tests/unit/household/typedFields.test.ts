/**
 * The second validation layer on a case still being typed (typedFieldProblems, shared/household/
 * validate.ts), the entry point the intake form calls: while the first layer still refuses the case
 * (no name yet, no 身份), an ID number's check digit, a birth date after the assessment date and a
 * bill's amounts against each other are already said, with validateCase's own wording, at the input
 * path of their box; nothing is asked for that has not been typed.
 */
import { describe, expect, it } from 'vitest';
import { typedFieldProblems, validateCase } from '../../../shared/household/validate';

const today = { today: '2026-11-23' };

describe('typedFieldProblems', () => {
  it('checks an ID number while the rest of the case is still missing', () => {
    const input = { household: {}, members: [{ idNumber: '411323199305011238' }] };
    // the first layer stops at the missing parts and says nothing of the check digit
    const first = validateCase(input, today);
    expect(!first.ok && first.errors.some((e) => e.path === 'members[0].idNumber')).toBe(false);
    expect(typedFieldProblems(input, today)).toEqual([{ path: 'members[0].idNumber', problem: '身份证号码校验位不正确（按GB 11643计算应为 7），请核对是否输错' }]);
  });

  it('a birth date after the assessment date, from the date typed or from the ID number', () => {
    const input = { asOf: '2024-09-01', members: [{ birthDate: '2025-01-02' }, { idNumber: '411323202501021233' }, { name: '只填了姓名' }] };
    const found = typedFieldProblems(input, today);
    expect(found[0]).toEqual({ path: 'members[0].birthDate', problem: '出生日期 2025-01-02 晚于测算日期 2024-09-01' });
    expect(found.map((f) => f.path)).not.toContain('members[2].birthDate'); // nothing typed: nothing asked for
  });

  it('bills keep their positions: one not readable yet is skipped, the next is checked where it is', () => {
    const input = {
      members: [{ medical: { inpatient: [{ total: '', policyScope: '100' }, { total: 1000, policyScope: 1200, level: 'county' }], outpatient: [{ total: 500, policyScope: 400, basicPaid: 300, criticalPaid: 200 }] } }],
    };
    expect(typedFieldProblems(input, today)).toEqual([
      { path: 'members[0].medical.inpatient[1].policyScope', problem: '政策范围内费用（1200）不能大于总费用（1000）' },
      { path: 'members[0].medical.outpatient[0].criticalPaid', problem: '基本医保与大病保险已支付之和（500）不能大于政策范围内费用（400）' },
    ]);
  });

  it('an inpatient bill without 基本医保已支付 needs the hospital level', () => {
    const input = { members: [{ medical: { inpatient: [{ total: 1000, policyScope: 900 }] } }] };
    expect(typedFieldProblems(input, today)).toEqual([{ path: 'members[0].medical.inpatient[0].level', problem: '未填基本医保已支付金额时，必须选择医院级别以便估算' }]);
  });
});
