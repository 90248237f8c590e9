/**
 * 名册 CSV files come from Excel and WPS on Chinese Windows (GBK, Excel's default "CSV（逗号分隔）"),
 * from "CSV UTF-8" (with a BOM) and from web systems (UTF-8 without one), and from Excel's "Unicode 文本"
 * (UTF-16 with a BOM, tab-separated). The encoding is decided from the bytes and said to the user; a
 * file that is valid in both UTF-8 and GBK is read as UTF-8 and the other reading is offered. A file
 * that is neither is refused, naming it: nothing is ever decoded with replacement characters.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK（GB18030）',
  'utf-16le': 'UTF-16（Unicode 文本）',
  'utf-16be': 'UTF-16 BE',
};

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /** what the user is told: "按 GBK（GB18030）编码读取（中文 Windows 的 Excel、WPS 另存的 CSV）" */
  statement: string;
  /** the other encoding the bytes are also valid in (a file of plain digits and letters is valid in both) */
  alternative: TextEncodingName | null;
}

function decode(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, i) => bytes[i] === byte);

/**
 * The text of a CSV file, or a Chinese message naming the file. `forced`: the user chose the encoding
 * (after being told what was detected); bytes that are not valid in it are still refused.
 */
export function decodeText(bytes: Uint8Array, fileName: string, forced?: TextEncodingName): DecodedText | { problem: string } {
  const name = `文件「${fileName}」`;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding: TextEncodingName = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = decode(encoding, bytes.subarray(2));
    if (text === null) return { problem: `${name}开头标明是 UTF-16 编码，但内容不是有效的 UTF-16 文字，可能已损坏` };
    return { text, encoding, bom: true, statement: `按 ${ENCODING_LABELS[encoding]} 编码读取（文件开头带编码标记，Excel“Unicode 文本”另存的文件）`, alternative: null };
  }
  const utf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = utf8Bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return { problem: `${name}含有二进制内容，不是 CSV 文本：请确认选对了文件（Excel 工作簿请选 .xlsx 文件）` };
  const utf8 = decode('utf-8', body);
  const gbk = utf8Bom ? null : decode('gb18030', body);
  if (forced === 'gb18030' && !utf8Bom) {
    if (gbk === null) return { problem: `${name}不是有效的 GBK 编码文字，不能按 GBK 读取` };
    return { text: gbk, encoding: 'gb18030', bom: false, statement: '按 GBK（GB18030）编码读取（您选择的）', alternative: utf8 === null ? null : 'utf-8' };
  }
  if (utf8 !== null) {
    const statement = utf8Bom ? '按 UTF-8 编码读取（文件开头带 UTF-8 编码标记，Excel“CSV UTF-8”另存的文件）' : '按 UTF-8 编码读取（文件开头没有编码标记；内容是有效的 UTF-8）';
    return { text: utf8, encoding: 'utf-8', bom: utf8Bom, statement, alternative: gbk !== null && gbk !== utf8 ? 'gb18030' : null };
  }
  if (gbk !== null) {
    return {
      text: gbk,
      encoding: 'gb18030',
      bom: false,
      statement: '按 GBK（GB18030）编码读取（不是有效的 UTF-8；中文 Windows 的 Excel、WPS 另存的 CSV 常用此编码）',
      alternative: null,
    };
  }
  return {
    problem: `${name}既不是 UTF-8 编码，也不是 GBK 编码，无法读取（可能已损坏，或不是文本文件）。请用 Excel 或 WPS 打开它，另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入`,
  };
}
