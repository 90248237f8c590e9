/**
 * 大写金额 as the handouts print them. Besides the fixed cases, every capital is read back by an
 * independent reader written here, so a figure and its capitals can never disagree on paper.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toChineseCapital } from '../../../shared/money';
import { printedAmount } from '../../../shared/print/printedAmount';

const DIGIT: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const SMALL: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };

/** 壹拾万柒仟元零伍角叁分 → 10700053 (fen). */
function readCapital(text: string): bigint {
  let body = text.replace(/整$/, '');
  let fen = 0n;
  const fenMatch = /([壹贰叁肆伍陆柒捌玖])分$/.exec(body);
  if (fenMatch) {
    fen += BigInt(DIGIT[fenMatch[1] as string] as number);
    body = body.slice(0, -2);
  }
  const jiaoMatch = /([壹贰叁肆伍陆柒捌玖])角$/.exec(body);
  if (jiaoMatch) {
    fen += BigInt(DIGIT[jiaoMatch[1] as string] as number) * 10n;
    body = body.slice(0, -2);
  }
  body = body.replace(/零$/, '');
  if (body === '' || body === '零元') return fen;
  expect(body.endsWith('元')).toBe(true);
  body = body.slice(0, -1);
  let total = 0n;
  let section = 0n;
  let digit = 0n;
  for (const char of body) {
    if (char in DIGIT) digit = BigInt(DIGIT[char] as number);
    else if (char in SMALL) {
      section += digit * (SMALL[char] as bigint);
      digit = 0n;
    } else if (char === '万') {
      total += (section + digit) * 10000n;
      section = 0n;
      digit = 0n;
    } else if (char === '亿') {
      total = (total + section + digit) * 100000000n;
      section = 0n;
      digit = 0n;
    } else throw new Error(`unexpected ${char} in ${text}`);
  }
  return (total + section + digit) * 100n + fen;
}

describe('capitals on the handouts', () => {
  it.each([
    ['32640.00', '叁万贰仟陆佰肆拾元整'],
    ['2720.00', '贰仟柒佰贰拾元整'],
    ['67.20', '陆拾柒元贰角整'],
    ['5.60', '伍元陆角整'],
    ['15500.39', '壹万伍仟伍佰元零叁角玖分'],
    ['195222.29', '壹拾玖万伍仟贰佰贰拾贰元贰角玖分'],
    ['0.00', '零元整'],
  ])('%s → %s', (fen, capital) => {
    expect(toChineseCapital(fen)).toBe(capital);
    expect(printedAmount(fen).capital).toBe(capital);
  });

  it('prints figures with separators and the unit beside the capitals', () => {
    expect(printedAmount('195222.29')).toEqual({ fen: '195222.29', figures: '195,222.29 元', plain: '195,222.29', capital: '壹拾玖万伍仟贰佰贰拾贰元贰角玖分' });
  });

  it('every capital reads back to its amount, ends in 整 exactly when there is no 分, and never doubles 零', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 99_999_999_999n }), (fen) => {
        const text = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
        const capital = toChineseCapital(text);
        expect(readCapital(capital)).toBe(fen);
        expect(capital.endsWith('整')).toBe(fen % 10n === 0n);
        expect(capital).not.toMatch(/零零/);
      }),
      { numRuns: 3000 },
    );
  });
});
