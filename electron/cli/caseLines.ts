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
import { lineEncodingProblem } from './inputEncoding';
import { isBlank, MAX_LINE_BYTES } from './inputLines';
import { OutputBuffer } from './outputBuffer';
import { ResultLineWriter } from './resultLine';

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
  ) {
    this.writer = new ResultLineWriter(settings.brief);
  }

  /** writes results as JSONL lines (resultLine.ts): the full result, or what --brief prints */
  private readonly writer: ResultLineWriter;

  /** The output line (with its '\n') for one input line, into `out`; whether it is a result (not an error). */
  line(raw: Buffer, lineNo: number, out: OutputBuffer): boolean {
    let bytes = raw;
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const error = (json: string) => {
      out.line(json);
      return false;
    };
    if (isBlank(bytes)) return error(lineError(lineNo, '是空行：JSONL 每行应是一户家庭的 JSON（结果按行号一一对应，空行也占一行）'));
    const problem = lineEncodingProblem(bytes);
    if (problem) return error(lineError(lineNo, problem));
    let input: unknown;
    try {
      input = JSON.parse(bytes.toString('utf8'));
    } catch {
      return error(lineError(lineNo, '不是有效的 JSON'));
    }
    let result: ReturnType<typeof calculate>;
    try {
      // --brief prints no steps: they are not worded at all (calculate's explain)
      result = calculate(input, { pack: this.pack, today: this.settings.today, overrides: this.settings.overrides, explain: !this.settings.brief });
    } catch (caught) {
      return error(lineError(lineNo, `计算时出现程序内部错误：${caught instanceof Error ? caught.message : String(caught)}`));
    }
    if (!result.ok) return error(errorJson(result.errors[0] as AppError));
    const start = out.size;
    try {
      this.writer.line(result.value, out);
    } catch (caught) {
      // never half a line: what was written of it goes
      out.truncate(start);
      return error(lineError(lineNo, `输出结果时出现程序内部错误：${caught instanceof Error ? caught.message : String(caught)}`));
    }
    return true;
  }

  /** size of the last batch's output */
  private lastSize = 0;

  /**
   * `spare`: a buffer whose bytes were written out (outputBuffer.ts: memory written before is filled
   * far faster than new memory), used when it holds a quarter more than the last batch wrote.
   */
  batch(batch: LineBatch, spare?: ArrayBuffer | null): BatchOutput {
    const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    // room to spare, so that a buffer fits the batches after it too (pages never written cost nothing)
    const out = new OutputBuffer(spare && spare.byteLength >= this.lastSize * 1.25 ? spare : Math.max(256 * 1024, this.lastSize * 2));
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
        if (!this.line(bytes.subarray(start, end), lineNo, out)) failed++;
      }
      start = end + 1;
    }
    const output = out.take();
    this.lastSize = output.length;
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
