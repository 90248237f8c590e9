/**
 * Starts the app the way a user does on a machine without Electron — `npm run web`, which builds the
 * renderer — on a fresh data folder, and hands its address to the shell test. The other e2e files each
 * start a host of their own on that build (support/browser.ts openAppOnOwnFolder), so none depends on
 * what another saved.
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
