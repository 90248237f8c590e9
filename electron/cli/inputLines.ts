/**
 * Reading the command line's input as it arrives, in constant memory: the encoding is checked on
 * the first bytes (inputEncoding.ts), the bytes are cut into lines at '\n' (a UTF-8 byte that never
 * occurs inside a character), and the input is told apart as one JSON document or JSONL.
 *
 * Which it is (calc-contract.md: "JSON, or JSONL when several lines"):
 * - a `.jsonl`/`.ndjson` file is always JSONL;
 * - anything else (a `.json` file, standard input) is JSONL when its first non-blank line is a
 *   complete JSON value on its own and another non-blank line follows; otherwise it is one JSON
 *   document, which may be pretty-printed over many lines (its first line, `{`, is not complete).
 */
import { isUtf8 } from 'node:buffer';
import { sniffEncoding, SNIFF_BYTES } from './inputEncoding';

/** A line longer than this is not read into memory: it gets an error in its place. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** One JSON document (not JSONL) is read whole; beyond this size it is refused. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** A line that was longer than MAX_LINE_BYTES (its bytes were skipped). */
export const TOO_LONG = Object.freeze({ tooLong: true as const });
export type Line = Buffer | typeof TOO_LONG;

export class InputError extends Error {}

const asBuffer = (chunk: Uint8Array) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

/** The input after its encoding was checked on the first bytes, without a UTF-8 BOM. */
export async function* checkedEncoding(source: AsyncIterable<Uint8Array>, where: string): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = asBuffer(next.value);
    head.push(chunk);
    size += chunk.length;
  }
  const first = Buffer.concat(head, size);
  const sniffed = sniffEncoding(first, done, where);
  if (!sniffed.ok) throw new InputError(sniffed.message);
  if (first.length > sniffed.bomLength) yield first.subarray(sniffed.bomLength);
  if (done) return;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield asBuffer(next.value);
}

/**
 * The lines of a byte stream, without their '\n', a few at a time (those of one chunk). A last line
 * without '\n' is a line; a '\n' ending the input does not start another one.
 */
export async function* splitLines(source: AsyncIterable<Buffer>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line[]> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skipping = false;
  for await (const chunk of source) {
    const lines: Line[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (skipping) lines.push(TOO_LONG);
      else if (carryBytes > 0) {
        const total = carryBytes + nl - start;
        carry.push(chunk.subarray(start, nl));
        lines.push(total > maxLineBytes ? TOO_LONG : Buffer.concat(carry, total));
      } else lines.push(nl - start > maxLineBytes ? TOO_LONG : chunk.subarray(start, nl));
      skipping = false;
      carry = [];
      carryBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length && !skipping) {
      carry.push(chunk.subarray(start));
      carryBytes += chunk.length - start;
      if (carryBytes > maxLineBytes) {
        skipping = true;
        carry = [];
        carryBytes = 0;
      }
    }
    if (lines.length > 0) yield lines;
  }
  if (skipping) yield [TOO_LONG];
  else if (carryBytes > 0) yield [Buffer.concat(carry, carryBytes)];
}

/** Blank: only JSON whitespace (a '\r' of CRLF included), or a stray BOM. */
export function isBlank(line: Line): boolean {
  if (line === TOO_LONG) return false;
  const bytes = line as Buffer;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

function completeJson(line: Line): boolean {
  if (line === TOO_LONG) return false;
  try {
    JSON.parse((line as Buffer).toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

export type Cases =
  | { kind: 'document'; text: string }
  | { kind: 'lines'; lines: AsyncIterable<Line[]> }
  /** no case at all: an empty input, or only blank lines */
  | { kind: 'empty' };

/** a blank line (for blank lines that were only counted) */
export const BLANK = Buffer.alloc(0);

/** What was read to tell the kinds apart: blank lines are only counted, so a run of them costs no memory. */
interface Head {
  blanksBefore: number;
  first: Line | null;
  blanksAfter: number;
  /** the line that decided and the rest of its chunk */
  rest: Line[];
}

function* blanks(count: number): Generator<Line[]> {
  for (let left = count; left > 0; left -= 4096) yield new Array<Line>(Math.min(left, 4096)).fill(BLANK);
}

async function* prepend(head: Head, rest: AsyncIterator<Line[]>): AsyncGenerator<Line[]> {
  yield* blanks(head.blanksBefore);
  if (head.first) yield [head.first];
  yield* blanks(head.blanksAfter);
  if (head.rest.length > 0) yield head.rest;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Tells one JSON document from JSONL (rule in the header), reading only as far as needed. */
export async function readCases(source: AsyncIterable<Uint8Array>, where: string, forceLines: boolean): Promise<Cases> {
  const lines = splitLines(checkedEncoding(source, where));
  if (forceLines) return { kind: 'lines', lines };
  const iterator = lines[Symbol.asyncIterator]();
  const head: Head = { blanksBefore: 0, first: null, blanksAfter: 0, rest: [] };
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const chunk = next.value;
    for (let i = 0; i < chunk.length; i++) {
      const line = chunk[i] as Line;
      if (isBlank(line)) {
        if (head.first) head.blanksAfter++;
        else head.blanksBefore++;
        continue;
      }
      if (!head.first && completeJson(line)) {
        head.first = line;
        continue;
      }
      // this line decides; it and the rest of its chunk belong to the document or the JSONL
      head.rest = chunk.slice(i);
      return head.first ? { kind: 'lines', lines: prepend(head, iterator) } : document(head, iterator);
    }
  }
  if (!head.first) return { kind: 'empty' };
  return document(head, iterator);
}

/** One document: the lines read so far and the rest, joined back, up to MAX_DOCUMENT_BYTES. */
async function document(head: Head, rest: AsyncIterator<Line[]>): Promise<Cases> {
  const parts: Buffer[] = [];
  let size = 0;
  const add = (line: Line) => {
    if (line === TOO_LONG || (size += (line as Buffer).length + 1) > MAX_DOCUMENT_BYTES) {
      throw new InputError(`输入超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB，不像一户家庭的 JSON。批量测算请用 JSONL：每行一户，文件名以 .jsonl 结尾。`);
    }
    parts.push(line as Buffer, NEWLINE);
  };
  // blank lines are JSON whitespace: leaving them out changes nothing
  if (head.first) add(head.first);
  head.rest.forEach(add);
  for (let next = await rest.next(); !next.done; next = await rest.next()) next.value.forEach(add);
  const bytes = Buffer.concat(parts);
  if (!isUtf8(bytes)) throw new InputError('输入中有不是 UTF-8 编码的内容（可能是 GBK），请另存为 UTF-8 后再试。');
  return { kind: 'document', text: bytes.toString('utf8') };
}

const NEWLINE = Buffer.from('\n');
