/**
 * Starts the app the way a user does on a machine without Electron — `npm run web` (which builds the
 * renderer and starts the host) — on a fresh data folder, and waits for the address it prints. Used by
 * the end-to-end tests and by the UI and print benchmarks; startCountyHost does the same for `npm run county`. `build: false` runs only the second half of
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

/**
 * The step of a package.json script after its build ("tsx electron/web/serve.ts" of "web", "tsx
 * county/cli.ts" of "county"), read from the script so a test and the script cannot drift.
 */
export function scriptLastStep(name: string): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[name] as string;
  return (script.split('&&').at(-1) as string).trim().split(/\s+/);
}

const serveStep = () => scriptLastStep('web');

interface Started {
  match: RegExpExecArray;
  /** what the command printed up to its address */
  output: string;
  stop(): void;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a command in a process group of its own and waits until its output matches `printed` (the
 * address it prints once it listens). stop() ends the group (SIGTERM) and removes `dataDir` when the
 * folder is the command's own (`ownFolder`); kill() signals the group as a crash would and keeps it.
 */
export async function startPrinting(what: string, command: string, args: string[], dataDir: string, printed: RegExp, ownFolder = true): Promise<Started> {
  const child: ChildProcess = spawn(command, args, {
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
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = printed.exec(output);
        if (found) resolve(found);
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`${what} exited (${code}) before printing its address:\n${output}`)));
    });
    return { match, output, stop, kill };
  } catch (error) {
    stop();
    throw error;
  }
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
  const started = await startPrinting('npm run web', command, commandArgs, dataDir, ADDRESS, ownFolder);
  return { url: started.match[1] as string, dataDir, output: started.output, stop: started.stop, kill: started.kill };
}

/** `npm run county` after its build step (the renderer an earlier start built), on a database given by address. */
export interface CountyHost {
  /** the county pages' address, with the token */
  url: string;
  /** the address offices are given */
  officeUrl: string;
  /** the county server key's fingerprint, as offices confirm it */
  fingerprint: string;
  dataDir: string;
  stop(): void;
}

const COUNTY_STARTED = /县级服务器公钥指纹：(\S+?)（[\s\S]*乡镇填写的县级地址：(\S+)[\s\S]*县级页面（请在浏览器中打开）：(\S+)/;

export async function startCountyHost(pgUrl: string, countyName: string): Promise<CountyHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huimin-county-host-'));
  const args = [...scriptLastStep('county'), '--data-dir', dataDir, '--pg', pgUrl, '--port', '0', '--name', countyName];
  const started = await startPrinting('npm run county', 'npx', args, dataDir, COUNTY_STARTED);
  const [, fingerprint, officeUrl, url] = started.match as unknown as string[];
  return { url: url as string, officeUrl: officeUrl as string, fingerprint: fingerprint as string, dataDir, stop: started.stop };
}
