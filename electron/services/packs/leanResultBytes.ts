/**
 * The UTF-8 bytes of a result as 重新测算 stores it (withoutSteps(), then JSON.stringify), written by the
 * command line's result writer (electron/cli/resultLine.ts) into one buffer a worker keeps: the
 * citations with their quotes and the warnings on the pack's values — the objects the core shares
 * across cases, about half of a result — are serialized and encoded once per thread and then copied as
 * bytes, instead of JSON.stringify spelling the whole ≈ 19 KB result and Buffer.from encoding it again
 * for every case (≈ 10 % of a worker's case: tests/bench/README.md「Recalculation, fifth round」). The
 * bytes are exactly JSON.stringify's (resultLine.ts's own tests, and leanResultBytes.test.ts on
 * recalculated results).
 */
import type { CalcResult } from '../../../shared/result/types';
import { OutputBuffer } from '../../cli/outputBuffer';
import { ResultLineWriter } from '../../cli/resultLine';

export class LeanResultBytes {
  private readonly writer = new ResultLineWriter(false);
  private readonly out = new OutputBuffer(64 * 1024);

  /** JSON.stringify(result) as UTF-8: a view valid until the next call (copy it to keep it). */
  bytes(result: CalcResult): Buffer {
    this.out.truncate(0);
    this.writer.line(result, this.out);
    const line = this.out.take();
    // without the line's newline
    return Buffer.from(line.buffer, line.byteOffset, line.byteLength - 1);
  }
}
