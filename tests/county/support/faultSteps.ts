/**
 * Named steps for the fault test's child processes (the county server and the office sender). With
 * HUIMIN_FAULT_STEPS=1 a process announces each step on stdout ("HUIMIN-STEP <name>") and stops there
 * until the test answers "go" on its stdin — or kills it at exactly that point. Without it, step()
 * does nothing. Only test code calls it: the product runs unchanged.
 */
import { createInterface } from 'node:readline';

export const STEP_LINE = 'HUIMIN-STEP ';

const enabled = process.env.HUIMIN_FAULT_STEPS === '1';
const waiting: (() => void)[] = [];
const commands: ((line: string) => void)[] = [];
if (enabled) {
  createInterface({ input: process.stdin }).on('line', (text) => {
    const line = text.trim();
    if (line === 'go') waiting.shift()?.();
    else for (const command of commands) command(line);
  });
}

export function step(name: string): Promise<void> {
  if (!enabled) return Promise.resolve();
  return new Promise((resolve) => {
    waiting.push(resolve);
    process.stdout.write(`${STEP_LINE}${name}\n`);
  });
}

/** Other lines the test writes to the process (the sender's "send"). */
export function onCommand(handler: (line: string) => void): void {
  commands.push(handler);
}
