/**
 * 大病保险 bands (calc-contract.md, medical chain step 2, "Bands and fixed thresholds"): a list of
 * `{ from, rate }` in increasing `from`; the part of the year's accumulated self-pay between one band's
 * `from` (or the threshold, whichever is higher) and the next band's `from` is paid at that band's rate.
 * In a pack file the numbers are strings; in `params` numbers or strings; with --set the whole list is
 * JSON text.
 */
import { parseDecimal, type Decimal } from '../money';
import { parseQuantity, toDecimal, type Quantity } from '../quantity';
import type { RawBand } from './types';

export interface Band {
  from: Decimal;
  rate: Quantity;
}

export const BANDS_EXAMPLE = '[{"from":0,"rate":0.6},{"from":100000,"rate":0.7}]';

/** The bands of a value (a list, or JSON text of one), or the Chinese reason it is not one. */
export function parseBands(value: unknown): { bands: Band[] } | { problem: string } {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return { problem: `应为分段清单的 JSON 文本，如 ${BANDS_EXAMPLE}` };
    }
  }
  if (!Array.isArray(list) || list.length === 0) return { problem: `应为非空的分段清单，如 ${BANDS_EXAMPLE}` };
  if (list.length > 20) return { problem: '分段过多（最多20段）' };
  const bands: Band[] = [];
  for (const [index, item] of list.entries()) {
    const which = `第${index + 1}段`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { problem: `${which}应为 {"from": 起点金额, "rate": 比例}` };
    const keys = Object.keys(item);
    const unknown = keys.find((key) => key !== 'from' && key !== 'rate');
    if (unknown !== undefined) return { problem: `${which}有未知字段「${unknown}」，只能有 from（起点金额）和 rate（比例）` };
    const { from: rawFrom, rate: rawRate } = item as { from?: unknown; rate?: unknown };
    const from = parseDecimal(rawFrom);
    if (!from) return { problem: `${which}的起点金额 from 应为数字（元），现为 ${JSON.stringify(rawFrom ?? null)}` };
    if (from.isNegative()) return { problem: `${which}的起点金额不能为负数` };
    if (from.decimalPlaces() > 2) return { problem: `${which}的起点金额最多两位小数` };
    const rate = parseQuantity(rawRate);
    if (!rate) return { problem: `${which}的比例 rate 应为数字（如 0.6），现为 ${JSON.stringify(rawRate ?? null)}` };
    const decimal = toDecimal(rate);
    if (decimal.isNegative() || decimal.greaterThan(1)) return { problem: `${which}的比例应在 0 到 1 之间（60% 请填 0.6）` };
    const previous = bands[bands.length - 1];
    if (previous && !from.greaterThan(previous.from)) return { problem: `各段起点金额应从小到大排列（${which}的 ${from.toString()} 不大于前一段的 ${previous.from.toString()}）` };
    bands.push({ from, rate });
  }
  return { bands };
}

/** As a pack file writes them (strings), for --params and the 政策参数 page. */
export function rawBands(bands: readonly Band[]): RawBand[] {
  return bands.map((band) => ({ from: band.from.toString(), rate: band.rate.text }));
}

/** 100000 → "10万元", 11000 → "1.1万元", 5500 → "5500元": band limits as the notices write them. */
export function wanYuan(amount: Decimal): string {
  if (amount.greaterThanOrEqualTo(10000)) {
    const wan = amount.dividedBy(10000);
    if (wan.decimalPlaces() <= 2) return `${wan.toString()}万元`;
  }
  return `${amount.toString()}元`;
}

/**
 * The names of a pack's 大病保险 bands: worked out for every member with bills, and always the same
 * for the same (pack-shared, never changed) bands.
 */
const SLICE_NAMES = new WeakMap<readonly Band[], string[]>();

/** sliceName for a pack's own bands (a list shared across cases), spelt once per list. */
export function sharedSliceName(bands: readonly Band[], index: number): string {
  let names = SLICE_NAMES.get(bands);
  if (names === undefined) SLICE_NAMES.set(bands, (names = bands.map((_, i) => sliceName(bands, i))));
  return names[index] as string;
}

/** The name of the slice of band `index`: "10万元以下部分", "3万元至10万元部分", "10万元以上部分". */
export function sliceName(bands: readonly Band[], index: number): string {
  const band = bands[index] as Band;
  const next = bands[index + 1];
  if (bands.length === 1) return '起付线以上部分';
  if (!next) return `${wanYuan(band.from)}以上部分`;
  if (index === 0 || band.from.isZero()) return `${wanYuan(next.from)}以下部分`;
  return `${wanYuan(band.from)}至${wanYuan(next.from)}部分`;
}

/** "10万元以下部分 60%，10万元以上部分 70%" */
export function bandsText(bands: readonly Band[], rateOf: (band: Band) => string): string {
  return bands.map((band, index) => `${sliceName(bands, index)} ${rateOf(band)}`).join('，');
}
