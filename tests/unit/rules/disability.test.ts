/**
 * 残疾人两项补贴 (002 第二部分 五、兜底保障（二）1.④): 困难残疾人生活补贴 75 元/月 for disabled 低保对象 (any grade),
 * 重度残疾人护理补贴 75 元/月 for 一、二级 certificates.
 */
import { describe, expect, it } from 'vitest';
import { benefitOf, caseOf, clausesOf, compute, itemOf, person } from './cases';

const disabled = (grade: number, kind = 'physical', extra: Record<string, unknown> = {}) => person('d1', '残疾人', '1975-06-01', { disability: { grade, kind }, ...extra });

describe('困难残疾人生活补贴 and 重度残疾人护理补贴', () => {
  it('低保 household, grade 1: both, 75.00/月 and 900.00/年 each', () => {
    const result = compute(caseOf({ status: 'dibao' }, [disabled(1)]));
    expect(benefitOf(result, 'disability.living', 'd1')).toMatchObject({ monthly: '75.00', annual: '900.00' });
    expect(benefitOf(result, 'disability.care', 'd1')).toMatchObject({ monthly: '75.00', annual: '900.00' });
    expect(clausesOf(benefitOf(result, 'disability.care', 'd1'))).toEqual(['第二部分 五、兜底保障（二）1.④']);
  });
  it('grade 2 vs grade 3: 护理补贴 stops at grade 2; 生活补贴 follows 低保, not the grade', () => {
    const grade2 = compute(caseOf({}, [disabled(2)]));
    expect(benefitOf(grade2, 'disability.care', 'd1')?.annual).toBe('900.00');
    expect(benefitOf(grade2, 'disability.living', 'd1')).toBeUndefined();
    const grade3 = compute(caseOf({ status: 'dibao' }, [disabled(3, 'mental')]));
    expect(benefitOf(grade3, 'disability.care', 'd1')).toBeUndefined();
    expect(benefitOf(grade3, 'disability.living', 'd1')?.annual).toBe('900.00');
  });
  it('a member-level 低保 身份 counts for the 生活补贴', () => {
    expect(benefitOf(compute(caseOf({ status: 'dibao_edge' }, [disabled(4, 'hearing', { status: 'dibao' })])), 'disability.living', 'd1')).toBeDefined();
  });
  it('an override of the care subsidy (100) is used: 100.00/月, 1200.00/年', () => {
    const result = compute(caseOf({}, [disabled(1)], '2023-09-01', { params: { 'disability.careSubsidy': 100 } }));
    expect(benefitOf(result, 'disability.care', 'd1')).toMatchObject({ monthly: '100.00', annual: '1200.00' });
  });
  it('残疾评定 hint for a 全护理 特困 member without a certificate', () => {
    const result = compute(caseOf({}, [person('t1', '老人', '1940-01-01', { status: 'tekun', tekunCare: 'full' })]));
    expect(itemOf(result, 'disability.assessment', 't1')?.action).toBe('assess');
    expect(itemOf(compute(caseOf({}, [disabled(1, 'physical', { status: 'tekun', tekunCare: 'full' })])), 'disability.assessment', 'd1')).toBeUndefined();
  });
});
