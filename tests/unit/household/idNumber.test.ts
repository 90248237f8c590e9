import { describe, expect, it } from 'vitest';
import { checkCharacter, maskIdNumber, readIdNumber } from '../../../shared/household/idNumber';

describe('GB 11643 居民身份证号码', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // The standard's own example: 11010519491231002X
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('41132319930501123')).toBe('7');
  });
  it('reads birth date and sex (17th digit odd = male)', () => {
    expect(readIdNumber('411323199305011237')).toEqual({ normalized: '411323199305011237', birthDate: '1993-05-01', sex: 'male' });
    expect(readIdNumber('11010519491231002x')).toEqual({ normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
  });
  it('names what is wrong', () => {
    expect(readIdNumber('411323199305011238')).toEqual({ problem: '身份证号码校验位不正确（按GB 11643计算应为 7），请核对是否输错' });
    expect(readIdNumber('41132319930501123')).toEqual({ problem: '身份证号码应为18位，现为17位' });
    expect(readIdNumber('411323930501123')).toEqual({ problem: '这是15位旧证号码，请改用18位居民身份证号码' });
    expect(readIdNumber('4113231993050112A7')).toEqual({ problem: '身份证号码前17位应为数字，最后一位为数字或X' });
    expect(readIdNumber('411323199302301230')).toEqual({ problem: '身份证号码中的出生日期 19930230 不是有效日期' });
  });
  it('masks all but the first 6 and last 4 digits', () => {
    expect(maskIdNumber('411323199305011237')).toBe('411323********1237');
  });
});
