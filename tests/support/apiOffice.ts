/**
 * An office for the API-level tests: the services of one data folder and the handler table the app
 * calls (dispatch, as the Electron IPC and the web host do), with helpers to call it and to fingerprint
 * a folder, so a test can say "nothing changed" byte for byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHandlerTable, dispatch, type HandlerTable } from '../../electron/handlers';
import { createServices, type Services } from '../../electron/services';
import type { StoreOptions } from '../../electron/services/store';
import type { Result } from '../../shared/errors';

export interface Office {
  services: Services;
  table: HandlerTable;
  dir: string;
}

const opened: Services[] = [];

/** Opens the services of a data folder (a fresh one unless given); close them all with closeOffices(). */
export function openOffice(options: { dir?: string; prefix?: string; store?: StoreOptions } = {}): Office {
  const dir = options.dir ?? join(mkdtempSync(join(tmpdir(), options.prefix ?? 'huimin-office-')), 'data');
  const services = createServices({ dataDir: dir, portable: false, transport: 'web', scheduleBackups: false, store: options.store });
  opened.push(services);
  return { services, table: createHandlerTable(services), dir };
}

export function closeOffices(): void {
  for (const services of opened.splice(0)) services.close();
}

export async function call<T>(table: HandlerTable, channel: string, payload: unknown): Promise<Result<T>> {
  return (await dispatch(table, channel, payload, () => undefined)) as Result<T>;
}

/** The call's value; a refusal fails the test with its messages. */
export async function value<T>(table: HandlerTable, channel: string, payload: unknown): Promise<T> {
  const result = await call<T>(table, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Every file under a folder (paths relative to it) with a hash of its bytes; none when it is missing. */
export function snapshotFolder(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return files;
}
