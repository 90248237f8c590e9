/** ID numbers on paper: first 6 and last 4 digits visible, never the birth date. */
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../shared/household/idNumber';

describe('maskIdNumber on the handouts', () => {
  it('keeps the address code and the last four, hides the eight birth digits and the sequence', () => {
    expect(maskIdNumber('411323199305011237')).toBe('411323********1237');
  });
  it('keeps an X check character as typed', () => {
    expect(maskIdNumber('41132319930501123X')).toBe('411323********123X');
  });
  it('trims spaces typed around the number', () => {
    expect(maskIdNumber(' 411323199305011237 ')).toBe('411323********1237');
  });
  it('masks a 15-digit number the same way (6 + hidden + 4)', () => {
    expect(maskIdNumber('411323930501123')).toBe('411323*****1123');
  });
  it('never shows the birth date of any 18-digit number', () => {
    for (const id of ['110101190001011009', '411302200012319999', '650102198807150018']) {
      const masked = maskIdNumber(id);
      expect(masked).toHaveLength(18);
      expect(masked.slice(6, 14)).toBe('********');
      expect(masked).not.toContain(id.slice(6, 14));
    }
  });
});
