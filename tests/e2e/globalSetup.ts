/**
 * Starts the app the way a user does on a machine without Electron — `npm run web` — on a fresh data
 * folder, and hands its address to the tests (one host for every e2e file).
 */
import type { TestProject } from 'vitest/node';
import { startWebHost, type WebHost } from '../support/webHostProcess';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    webDataDir: string;
  }
}

let host: WebHost | undefined;

export async function setup(project: TestProject): Promise<void> {
  host = await startWebHost('huimin-e2e-');
  project.provide('webUrl', host.url);
  project.provide('webDataDir', host.dataDir);
}

export async function teardown(): Promise<void> {
  host?.stop();
}
