/**
 * Starts the app the way a user does on a machine without Electron — `npm run web` (which builds the
 * renderer and starts the host) — on a fresh data folder, and waits for the address it prints. Used by
 * the end-to-end tests and by the UI and print benchmarks. `build: false` runs only the second half of
 * `npm run web` (its serve.ts, same arguments) on the renderer an earlier start has built: each e2e
 * file gets a host and data folder of its own without building again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
/** the line the host prints once it listens (electron/web/host's start-up message) */
const ADDRESS = /请在浏览器中打开：(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

export interface WebHost {
  /** the address with the run's token */
  url: string;
  dataDir: string;
  /** what the host printed before its address (e.g. "只读：…" when another program holds the folder) */
  output: string;
  /** stops the host (its whole process group) and removes the data folder (unless it was given) */
  stop(): void;
  /** ends the host's whole process group with a signal, as a crash or the task manager would; the folder stays */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The step of package.json's "web" script after its build ("tsx electron/web/serve.ts"), read from the script so the two cannot drift. */
function serveStep(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.web as string;
  return (script.split('&&').at(-1) as string).trim().split(/\s+/);
}

/**
 * `dataDir`: a folder another host may be using (two programs on one folder); it is left in place by
 * stop(). Otherwise a fresh folder, removed by stop().
 */
export async function startWebHost(folderPrefix: string, options: { build?: boolean; dataDir?: string } = {}): Promise<WebHost> {
  const ownFolder = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), folderPrefix));
  const args = ['--port', '0', '--data-dir', dataDir];
  const [command, commandArgs] = options.build === false ? ['npx', [...serveStep(), ...args]] : ['npm', ['run', '-s', 'web', '--', ...args]];
  const child: ChildProcess = spawn(command, commandArgs, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const stop = () => {
    signal('SIGTERM');
    // the host may still be closing its folder (lock note, number marks) as the folder is removed: retry
    if (ownFolder) rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  const kill = (name: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      signal(name);
    });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = ADDRESS.exec(output);
        if (match) resolve(match[1] as string);
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`npm run web exited (${code}) before printing its address:\n${output}`)));
    });
    return { url, dataDir, output, stop, kill };
  } catch (error) {
    stop();
    throw error;
  }
}
