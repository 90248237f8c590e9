/**
 * The Node-side services behind the API, created once per process (Electron main or the web host) for
 * one data folder. Plain Node modules: nothing here imports Electron.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../package.json';
import type { AppInfo } from '../../shared/api/contract';
import { localToday } from './clock';
import { PackRegistry } from './packs/packRegistry';

export interface ServiceOptions {
  dataDir: string;
  portable: boolean;
  transport: AppInfo['transport'];
}

export interface Services {
  readonly options: ServiceOptions;
  readonly packs: PackRegistry;
  info(): AppInfo;
  /** the default assessment date */
  today(): string;
  close(): void;
}

export const PRODUCT_VERSION: string = packageJson.version;

export function createServices(options: ServiceOptions): Services {
  mkdirSync(options.dataDir, { recursive: true });
  const packs = new PackRegistry();
  const databasePath = join(options.dataDir, 'huimin.sqlite3');
  return {
    options,
    packs,
    today: () => localToday(),
    info: () => {
      const active = packs.active();
      return {
        productName: packageJson.productName,
        version: PRODUCT_VERSION,
        transport: options.transport,
        platform: process.platform,
        dataDir: options.dataDir,
        databasePath,
        portable: options.portable,
        pack: {
          id: active.pack.meta.id,
          version: active.pack.meta.version,
          title: active.pack.meta.title,
          validFrom: active.pack.meta.validFrom,
          source: active.source,
        },
      };
    },
    close: () => {},
  };
}
