/**
 * Sanity rules for parameter values by unit, used when a pack is loaded and when a county officer
 * edits a value. They catch slips (a ratio typed as 70 instead of 0.70), not policy judgements.
 */
import { parseQuantity, toDecimal, type Quantity } from '../quantity';
import { parseBands } from './bands';
import type { Unit } from './types';

const MONEY_CEILING = 100_000_000;

/** null when the value is acceptable for the unit, else the Chinese reason. */
export function checkValue(unit: Unit, value: unknown): string | null {
  if (unit === 'list') {
    if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
      return '应为非空的文字清单';
    }
    return null;
  }
  if (unit === 'bands') {
    const read = parseBands(value);
    return 'problem' in read ? read.problem : null;
  }
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) return '应为一个数字，不是清单';
  const quantity = parseQuantity(value);
  if (!quantity) return unit === 'fraction' ? '应为数字或分数（如 1/3）' : '应为数字（如 440 或 0.65）';
  return checkQuantity(unit, quantity);
}

export function checkQuantity(unit: Unit, quantity: Quantity): string | null {
  const decimal = toDecimal(quantity);
  if (decimal.isNegative()) return '不能为负数';
  switch (unit) {
    case 'ratio':
      return decimal.greaterThan(1) ? '比例应在 0 到 1 之间（70% 请填 0.70）' : null;
    case 'fraction':
      return decimal.greaterThan(1) ? '分数应在 0 到 1 之间（如 1/3）' : null;
    case 'factor':
      return decimal.greaterThan(100) ? '倍数过大，请检查' : null;
    case 'tier':
      if (!decimal.isInteger() || decimal.lessThan(1)) return '档次应为 1、2、3 这样的整数';
      return decimal.greaterThan(9) ? '档次过大，请检查' : null;
    case 'grade':
      return !decimal.isInteger() || decimal.lessThan(1) || decimal.greaterThan(4) ? '残疾等级应为 1、2、3 或 4（级）' : null;
    case 'months':
    case 'years':
    case 'count':
      if (!decimal.isInteger()) return '应为整数';
      return decimal.greaterThan(150) ? '数值过大，请检查' : null;
    case 'sqm':
    case 'sqmPerPerson':
      return decimal.greaterThan(10000) ? '面积过大，请检查' : null;
    default:
      if (decimal.decimalPlaces() > 2 && unit !== 'yuanPerKwh') return '金额最多保留两位小数';
      return decimal.greaterThan(MONEY_CEILING) ? '金额过大，请检查' : null;
  }
}
