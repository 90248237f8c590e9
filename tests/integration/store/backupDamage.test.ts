/**
 * A backup with one damaged byte — anywhere: the SQLite header, a page of revisions, a free part of a
 * page, the packs carried inside, the manifest, its footer — is refused whole and changes nothing
 * (backupManifest.ts). integrity_check alone let 11 of 50 such files through; here not one may pass.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/services/store/index';
import { withoutManifest } from '../../support/backupFiles';
import { openTestStore, removeTempDirs, tempDataDir } from './fixtures/storeTestKit';
import { householdFactory, random } from './fixtures/syntheticCases';

afterEach(removeTempDirs);

function caseCount(store: Store): number {
  const page = store.search.search({ voided: 'include' });
  if (!page.ok) throw new Error(page.errors[0]?.message);
  return page.value.total;
}

describe('damaged backups', { timeout: 60_000 }, () => {
  it('refuses every backup with a single flipped byte, at offsets all over the file', { timeout: 120_000 }, async () => {
    const dir = tempDataDir();
    mkdirSync(join(dir, 'packs', 'local'), { recursive: true });
    writeFileSync(join(dir, 'packs', 'state.json'), '{"active":null}\n');
    const store = openTestStore(dir, { carriedFolders: ['packs'], durability: 'normal' });
    const factory = householdFactory(50, 8);
    for (let i = 0; i < 40; i++) expect(store.cases.save(factory.next()).ok).toBe(true);
    const made = await store.backups.backupNow();
    if (!made.ok) throw new Error(made.errors[0]?.message);
    for (let i = 0; i < 3; i++) expect(store.cases.save(factory.next()).ok).toBe(true);
    const count = caseCount(store);
    const good = readFileSync(made.value.path);

    // offsets: the whole header, the last 512 bytes (manifest and footer), and 300 spread over the rest
    const rand = random(1150);
    const offsets = new Set<number>();
    for (let offset = 0; offset < 100; offset++) offsets.add(offset);
    for (let offset = good.length - 512; offset < good.length; offset++) offsets.add(offset);
    while (offsets.size < 100 + 512 + 300) offsets.add(Math.floor(rand() * good.length));

    const damaged = join(dir, 'usb', 'damaged.sqlite3');
    mkdirSync(join(dir, 'usb'));
    let accepted = 0;
    for (const offset of offsets) {
      const bytes = Buffer.from(good);
      bytes[offset] = (bytes[offset] as number) ^ (1 + Math.floor(rand() * 255));
      writeFileSync(damaged, bytes);
      const restored = await store.backups.restore({ file: damaged });
      if (restored.ok) {
        accepted += 1;
        continue;
      }
      expect(restored.errors[0]?.path).toBe('file');
      expect(restored.errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    console.log(`backup of ${good.length} bytes: ${offsets.size} single-byte flips, ${accepted} accepted`);
    expect(accepted).toBe(0);
    // nothing changed: the same cases, still saving, no file left behind by the refusals
    expect(caseCount(store)).toBe(count);
    expect(store.cases.save(factory.next()).ok).toBe(true);
    expect(readdirSync(dir).filter((name) => /restoring|replaced/.test(name))).toEqual([]);

    // the undamaged file restores, and brings back what was saved after it
    const restored = await store.backups.restore({ file: made.value.path });
    expect(restored.ok && restored.value).toMatchObject({ verification: 'manifest', revisionsChecked: 40, merge: { mergedCount: 4, unmergedCount: 0 } });
    expect(caseCount(store)).toBe(count + 1);
    store.close();
  });

  it('restores a backup made before manifests existed, and says so', async () => {
    const dir = tempDataDir();
    const store = openTestStore(dir, { durability: 'normal' });
    const factory = householdFactory(51, 4);
    for (let i = 0; i < 5; i++) expect(store.cases.save(factory.next()).ok).toBe(true);
    const made = await store.backups.backupNow();
    if (!made.ok) throw new Error(made.errors[0]?.message);
    const older = join(dir, 'older.sqlite3');
    copyFileSync(made.value.path, older);
    withoutManifest(older);
    const restored = await store.backups.restore({ file: older });
    expect(restored.ok && restored.value).toMatchObject({ verification: 'legacy', revisionsChecked: 5 });
    // but a backup whose manifest is cut off part-way is not taken for an old one
    const cut = join(dir, 'cut.sqlite3');
    writeFileSync(cut, readFileSync(made.value.path).subarray(0, readFileSync(made.value.path).length - 20));
    const refused = await store.backups.restore({ file: cut });
    expect(!refused.ok && refused.errors[0]?.message).toContain('已损坏或被改动');
    store.close();
  });
});
