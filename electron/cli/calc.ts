/**
 * Entry of `npm run -s calc` (see calcCli.ts for the options). The same file, bundled, is also the
 * code of the worker threads of --workers: in a worker thread only calcWorker.ts's handler runs.
 */
import { once } from 'node:events';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { SHIPPED_PACKS } from '../../seeds';
import { loadPack, type Pack } from '../../shared/packs/loadPack';
import { localToday } from '../services/clock';
import { runCalcCli } from './calcCli';
import './calcWorker';

/**
 * Without --data-dir the pack in force is the first shipped one (PackRegistry.active()); loaded here
 * without the registry, whose data-folder code only --data-dir and --pack need (calcCli.ts).
 */
function shippedPack(): Pack {
  const loaded = loadPack(SHIPPED_PACKS[0]);
  if (!loaded.ok) throw new Error(`出厂参数包无法加载：${loaded.errors[0]?.message ?? ''}`);
  return loaded.value;
}

function main(): void {
  // A reader that stops early (| head) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  runCalcCli(process.argv.slice(2), {
    readText: (path) => readFile(path, 'utf8'),
    readInput: (path) => (path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1024 * 1024 })),
    stdout: (chunk, written) => {
      // The chunk's memory may be filled again once the stream no longer holds it: at once when the
      // write went through synchronously (a file, /dev/null, a pipe with room: nothing left queued),
      // else at the write's callback (never after an error). The runner takes the first call only.
      const flowing = process.stdout.write(chunk, written ? (error) => (error ? undefined : written()) : undefined);
      if (written && process.stdout.writableLength === 0) written();
      return flowing ? undefined : once(process.stdout, 'drain').then(() => undefined);
    },
    stderr: (text) => process.stderr.write(text),
    today: localToday(),
    defaultPack: shippedPack(),
    isFile: (path) => existsSync(path) && statSync(path).isFile(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${JSON.stringify({ error: { message: `程序内部错误：${error instanceof Error ? error.message : String(error)}`, path: '' } })}\n`);
      process.exitCode = 1;
    },
  );
}

if (isMainThread) main();
