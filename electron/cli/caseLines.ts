/**
 * One batch of JSONL lines → one output line each, in order (calc-contract.md "Command line"): the
 * result, or `{"error": {"message", "path"}}` in its place. Runs in a worker thread (calcWorker.ts) or
 * in the main thread; either way the output is stringified where it is computed.
 *
 * A batch travels as the lines' bytes joined by '\n' (lines never contain '\n'), so it can be
 * transferred to a worker without copying and split there.
 */
import { calculate } from '../../shared/calculate';
import type { AppError } from '../../shared/errors';
import type { Pack } from '../../shared/packs/loadPack';
import { briefResult } from './brief';
import { lineEncodingProblem } from './inputEncoding';
import { isBlank, MAX_LINE_BYTES } from './inputLines';

export interface LineBatch {
  /** 1-based number of the batch's first line in the input */
  firstLine: number;
  count: number;
  /** the lines joined by '\n' */
  bytes: Uint8Array;
  /** positions in the batch of lines longer than MAX_LINE_BYTES (sent empty) */
  tooLong: number[];
}

export interface BatchOutput {
  /** one line per input line, each ending in '\n', as UTF-8 */
  bytes: Uint8Array;
  /** lines answered with an error */
  failed: number;
}

/**
 * The output lines of a batch, encoded one by one into one buffer as they are made. Joining them into
 * one string first would put a string of megabytes in V8's large-object space for each batch, garbage
 * that only a full collection frees: memory would climb to hundreds of MB per thread. The buffer is
 * not zero-filled (every byte handed on is written) and is handed on as it is, without a copy.
 */
class OutputBuffer {
  private bytes: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafeSlow(capacity);
  }

  line(json: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8; +1 for the newline
    const needed = this.length + json.length * 3 + 1;
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(json, this.length, 'utf8');
    this.bytes[this.length++] = 10;
  }

  /** the encoded lines: a view on a buffer of their own (its ArrayBuffer can be transferred) */
  take(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}

export interface CaseSettings {
  today: string;
  overrides: Record<string, unknown>;
  brief: boolean;
}

export const errorJson = (error: AppError) => JSON.stringify({ error: { message: error.message, path: error.path } });

const lineError = (lineNo: number, message: string) => errorJson({ message: `第 ${lineNo} 行${message}`, path: '' });

export class CaseComputer {
  constructor(
    private readonly pack: Pack,
    private readonly settings: CaseSettings,
  ) {}

  /** The output line (without '\n') for one input line, and whether it is an error. */
  line(raw: Buffer, lineNo: number): { json: string; ok: boolean } {
    let bytes = raw;
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (isBlank(bytes)) return { json: lineError(lineNo, '是空行：JSONL 每行应是一户家庭的 JSON（结果按行号一一对应，空行也占一行）'), ok: false };
    const problem = lineEncodingProblem(bytes);
    if (problem) return { json: lineError(lineNo, problem), ok: false };
    let input: unknown;
    try {
      input = JSON.parse(bytes.toString('utf8'));
    } catch {
      return { json: lineError(lineNo, '不是有效的 JSON'), ok: false };
    }
    try {
      // --brief prints no steps: they are not worded at all (calculate's explain)
      const result = calculate(input, { pack: this.pack, today: this.settings.today, overrides: this.settings.overrides, explain: !this.settings.brief });
      if (!result.ok) return { json: errorJson(result.errors[0] as AppError), ok: false };
      return { json: JSON.stringify(this.settings.brief ? briefResult(result.value) : result.value), ok: true };
    } catch (error) {
      return { json: lineError(lineNo, `计算时出现程序内部错误：${error instanceof Error ? error.message : String(error)}`), ok: false };
    }
  }

  /** capacity of the next batch's output: about the size of the last one */
  private capacity = 64 * 1024;

  batch(batch: LineBatch): BatchOutput {
    const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    const out = new OutputBuffer(this.capacity);
    let failed = 0;
    let start = 0;
    let tooLong = 0;
    for (let i = 0; i < batch.count; i++) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      const lineNo = batch.firstLine + i;
      if (batch.tooLong[tooLong] === i) {
        tooLong++;
        out.line(lineError(lineNo, `超过 ${MAX_LINE_BYTES / 1024 / 1024} MB，不像一户家庭的 JSON，未读取`));
        failed++;
      } else {
        const { json, ok } = this.line(bytes.subarray(start, end), lineNo);
        out.line(json);
        if (!ok) failed++;
      }
      start = end + 1;
    }
    const output = out.take();
    this.capacity = Math.max(64 * 1024, Math.ceil(output.length * 1.25));
    return { bytes: output, failed };
  }
}

/** The output of a batch none of whose lines could be computed (its worker died): an error per line. */
export function lostBatch(batch: Pick<LineBatch, 'firstLine' | 'count'>, reason: string): BatchOutput {
  const out = new OutputBuffer(batch.count * 512);
  for (let i = 0; i < batch.count; i++) {
    const lineNo = batch.firstLine + i;
    out.line(lineError(lineNo, `未能计算：${reason}，第 ${batch.firstLine}–${batch.firstLine + batch.count - 1} 行这一批都没有结果。其余各行不受影响；请把这几行单独重新运行`));
  }
  return { bytes: out.take(), failed: batch.count };
}
