/** Entry of `npm run -s calc`; see calcCli.ts for the options. */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { localToday } from '../services/clock';
import { PackRegistry } from '../services/packs/packRegistry';
import { runCalcCli } from './calcCli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// A reader that stops early (| head) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCalcCli(process.argv.slice(2), {
  readText: (path) => readFile(path, 'utf8'),
  readStdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  today: localToday(),
  defaultPack: new PackRegistry().active().pack,
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
