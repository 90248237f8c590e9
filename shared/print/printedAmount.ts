/**
 * An amount as the handouts print it: in figures with separators and unit, and in Chinese capitals
 * (大写), both read from the contract's exact string so nothing is rounded twice.
 */
import { formatYuan, toChineseCapital } from '../money';

export interface PrintedAmount {
  /** the contract's string, "32640.00" */
  fen: string;
  /** "32,640.00 元" */
  figures: string;
  /** "32,640.00": for columns headed 单位：元 (the 明白卡) */
  plain: string;
  /** "叁万贰仟陆佰肆拾元整" */
  capital: string;
}

export function printedAmount(fen: string): PrintedAmount {
  return { fen, figures: formatYuan(fen), plain: formatYuan(fen, ''), capital: toChineseCapital(fen) };
}
