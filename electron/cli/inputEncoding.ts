/**
 * What the command line reads must be UTF-8 (calc-contract.md "Command line"; a BOM is accepted).
 * The start of the input is looked at once, before anything is computed: a UTF-16 file (with or
 * without BOM), a GBK/GB18030 file from a Chinese Windows, an Excel workbook or other binary content
 * is refused with a message that names the input, the likely encoding and what to do. Lines further
 * down are checked one by one (caseLines.ts), so a bad line deep in a large file gets its error in place.
 */
import { isUtf8 } from 'node:buffer';

/** bytes looked at before the first line is computed */
export const SNIFF_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const SAVE_AS_UTF8 = '请用记事本（或 WPS、Excel）打开，“另存为”时把编码选为“UTF-8”，再重新运行。';

export type Sniffed = { ok: true; bomLength: number } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, i) => bytes[i] === byte);

/** Whether bytes decode with the encoding; a sequence cut at the end of a partial sample is allowed. */
function decodes(encoding: string, bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: JSON is mostly ASCII, so every other byte is zero. */
function utf16WithoutBom(bytes: Uint8Array): 'LE' | 'BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'LE';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'BE';
  return null;
}

/**
 * Checks the first bytes of an input. `where` names it for the message (「cases.jsonl」, 标准输入);
 * `complete` says the sample is the whole input (a multi-byte character may not be cut at its end).
 */
export function sniffEncoding(head: Uint8Array, complete: boolean, where: string): Sniffed {
  if (startsWith(head, UTF8_BOM)) {
    const rest = head.subarray(UTF8_BOM.length);
    return decodes('utf-8', rest, complete) ? { ok: true, bomLength: UTF8_BOM.length } : notUtf8(rest, complete, where);
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const order = head[0] === 0xff ? 'LE' : 'BE';
    return { ok: false, message: `${where}是 UTF-16 ${order} 编码（带 BOM，记事本里叫“Unicode${order === 'BE' ? ' big endian' : ''}”），本程序只读 UTF-8。${SAVE_AS_UTF8}` };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return { ok: false, message: `${where}是压缩文件或 Excel 工作簿（.xlsx），不是 JSON 文本。请先导出为每行一户的 JSONL 文件（UTF-8 编码）。` };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, message: `${where}是旧版 Office 文件（.xls/.doc），不是 JSON 文本。请先导出为每行一户的 JSONL 文件（UTF-8 编码）。` };
  }
  const order = utf16WithoutBom(head);
  if (order) return { ok: false, message: `${where}看起来是 UTF-16 ${order} 编码（无 BOM），本程序只读 UTF-8。${SAVE_AS_UTF8}` };
  if (head.includes(0)) return { ok: false, message: `${where}含有二进制内容（NUL 字节），不是 JSON 文本。请确认选对了文件，并保存为 UTF-8 编码的 JSON 或 JSONL。` };
  return decodes('utf-8', head, complete) ? { ok: true, bomLength: 0 } : notUtf8(head, complete, where);
}

function notUtf8(bytes: Uint8Array, complete: boolean, where: string): Sniffed {
  if (decodes('gb18030', bytes, complete)) {
    return { ok: false, message: `${where}不是 UTF-8 编码，看起来是 GBK/GB18030（中文 Windows 的默认编码，记事本、Excel 另存的文件常见），按 UTF-8 读会成乱码。${SAVE_AS_UTF8}` };
  }
  return { ok: false, message: `${where}不是 UTF-8 编码，也不像 GBK，无法识别是哪种编码。${SAVE_AS_UTF8}` };
}

/** The message for one line further down a UTF-8 input that is not UTF-8 (a pasted-in GBK line, say). */
export function lineEncodingProblem(line: Buffer): string | null {
  if (line.includes(0)) return '含有 NUL 字节（可能是 UTF-16 编码或二进制内容），不是 JSON 文本';
  if (isUtf8(line)) return null;
  return decodes('gb18030', line, true) ? '不是 UTF-8 编码，看起来是 GBK/GB18030，请另存为 UTF-8' : '不是 UTF-8 编码，请另存为 UTF-8';
}
