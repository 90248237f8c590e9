/**
 * A child process of the fault test: TypeScript run by Node with tsx (as `tsx file.ts` does), in a
 * process group of its own so SIGKILL takes it whole, its output read line by line, and its named
 * steps (faultSteps.ts) answered by the test — "go", or no answer and a kill at exactly that point.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { STEP_LINE } from './faultSteps';

const ROOT = join(__dirname, '../../..');

export type StepAnswer = 'go' | 'hold';

export class FaultProcess {
  readonly child: ChildProcess;
  readonly output: string[] = [];
  readonly exited: Promise<void>;
  private stepHandler: (name: string) => StepAnswer = () => 'go';
  private readonly watchers: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  private running = true;

  constructor(
    readonly name: string,
    args: string[],
    env: NodeJS.ProcessEnv = {},
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env, HUIMIN_FAULT_STEPS: '1' },
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    void this.exited.then(() => {
      this.running = false;
      for (const watcher of this.watchers.splice(0)) watcher.resolve(Object.assign([] as unknown as RegExpExecArray, { exited: true }));
    });
    this.child.stdin?.on('error', () => undefined);
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.line(line));
    createInterface({ input: this.child.stderr! }).on('line', (line) => this.output.push(line));
  }

  private line(line: string): void {
    this.output.push(line);
    if (line.startsWith(STEP_LINE)) {
      if (this.stepHandler(line.slice(STEP_LINE.length).trim()) === 'go') this.go();
      return;
    }
    for (const watcher of [...this.watchers]) {
      const match = watcher.pattern.exec(line);
      if (match) {
        this.watchers.splice(this.watchers.indexOf(watcher), 1);
        watcher.resolve(match);
      }
    }
  }

  alive(): boolean {
    return this.running;
  }

  /** What to do at each named step from now on (default: go on). */
  onStep(handler: (name: string) => StepAnswer): void {
    this.stepHandler = handler;
  }

  go(): void {
    this.command('go');
  }

  /** A line on the process's stdin. */
  command(line: string): void {
    if (this.running) this.child.stdin?.write(`${line}\n`);
  }

  /** The first line from now on that matches; rejects when the process ends first. */
  async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    const match = await new Promise<RegExpExecArray>((resolve) => this.watchers.push({ pattern, resolve }));
    if ((match as { exited?: boolean }).exited) throw new Error(`${this.name} ended before printing ${pattern}:\n${this.output.join('\n')}`);
    return match;
  }

  /** SIGKILL to the whole process group; resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.running && this.child.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.exited;
  }
}
