/**
 * A worker thread of `calc --workers N`: gets the pack and settings once ('setup'), then batches of
 * JSONL lines; computes and stringifies each batch (caseLines.ts) and sends the output back as
 * UTF-8 bytes, transferred without a copy, so the main thread only reads, cuts lines and writes.
 *
 * Started as its own file from source (tsx) or as the CLI bundle itself (calc.ts), with
 * workerData.huiminCalcWorker set.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadPack } from '../../shared/packs/loadPack';
import type { RawPack } from '../../shared/packs/types';
import { CaseComputer, type CaseSettings, type LineBatch } from './caseLines';
import { SPARE_BUFFERS_KEPT } from './outputBuffer';

/** `spare`: an output buffer of an earlier batch, written out by the main thread and handed back (transferred) */
export type CalcWorkerRequest = { type: 'setup'; pack: RawPack; settings: CaseSettings } | { type: 'batch'; id: number; batch: LineBatch; spare?: ArrayBuffer };
export type CalcWorkerReply = { type: 'ready' } | { type: 'done'; id: number; bytes: Uint8Array; failed: number };

export const CALC_WORKER_FLAG = 'huiminCalcWorker';

/**
 * Test seam (tests/integration/cliWorkers.test.ts): a worker exits abruptly when it is given the line
 * of this number, as a worker killed by the system would. Never set in use.
 */
const EXIT_AT_LINE = Number(process.env.HUIMIN_CALC_TEST_WORKER_EXIT_LINE ?? 0);

function serve(): void {
  const port = parentPort;
  if (!port) return;
  let computer: CaseComputer | null = null;
  /** output buffers handed back, filled again (outputBuffer.ts) */
  const spares: ArrayBuffer[] = [];
  port.on('message', (message: CalcWorkerRequest) => {
    if (message.type === 'setup') {
      // the main thread's pack.raw: it went through the pack schema there (loadPack.ts schemaChecked)
      const loaded = loadPack(message.pack, { schemaChecked: true });
      if (!loaded.ok) throw new Error(`参数包无法加载：${loaded.errors[0]?.message ?? ''}`);
      computer = new CaseComputer(loaded.value, message.settings);
      port.postMessage({ type: 'ready' } satisfies CalcWorkerReply);
      return;
    }
    const { batch } = message;
    if (message.spare && spares.length < SPARE_BUFFERS_KEPT) spares.push(message.spare);
    if (EXIT_AT_LINE >= batch.firstLine && EXIT_AT_LINE < batch.firstLine + batch.count) process.exit(70);
    if (!computer) throw new Error('calc worker got a batch before its setup');
    const { bytes, failed } = computer.batch(batch, spares.pop());
    port.postMessage({ type: 'done', id: message.id, bytes, failed } satisfies CalcWorkerReply, [bytes.buffer as ArrayBuffer]);
  });
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[CALC_WORKER_FLAG] === true) serve();
