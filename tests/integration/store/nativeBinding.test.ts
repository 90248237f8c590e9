/**
 * The addon the store loads (db.ts useNativeBinding): the desktop app run from a checkout names an
 * Electron build outside node_modules, and every connection the store opens — the database itself,
 * the read-only file check, a backup's copy — must load that one. Here a copy of node_modules' own
 * (Node) build stands in for it, so the test can see the copy is the addon loaded.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseOptions, useNativeBinding } from '../../../electron/services/store/db';
import { openStore } from '../../../electron/services/store/index';
import { removeTempDirs, tempDataDir } from './fixtures/storeTestKit';

const NODE_BUILD = resolve(__dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node');

afterEach(() => {
  useNativeBinding(undefined);
  removeTempDirs();
});

describe('the native binding the store opens databases with', () => {
  it("by default node_modules' own: no nativeBinding option", () => {
    expect(databaseOptions({ timeout: 5 })).toEqual({ timeout: 5 });
  });

  it('a named addon is the one every connection loads: open, check, backup copy', async () => {
    const dir = tempDataDir();
    const addonDir = join(tempDataDir(), 'electron-build');
    mkdirSync(addonDir, { recursive: true });
    const addon = join(addonDir, 'better_sqlite3.node');
    copyFileSync(NODE_BUILD, addon);
    useNativeBinding(addon);
    expect(databaseOptions({ readonly: true })).toEqual({ readonly: true, nativeBinding: addon });

    const opened = openStore(dir, { now: () => new Date('2026-03-01T09:00:00+08:00') });
    if (!opened.ok) throw new Error(opened.errors[0]?.message);
    expect(createRequire(__filename).cache[addon], 'the named addon was loaded').toBeDefined();
    const backup = await opened.value.backups.backupNow();
    opened.value.close();
    expect(backup.ok, backup.ok ? '' : backup.errors[0]?.message).toBe(true);
  });

  it('an addon that cannot be loaded is reported when the store opens, naming the file', () => {
    const missing = join(tempDataDir(), 'no-such', 'better_sqlite3.node');
    useNativeBinding(missing);
    const opened = openStore(tempDataDir());
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.errors[0]?.message).toContain(missing);
  });
});
