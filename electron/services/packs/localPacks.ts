/**
 * Local packs: the county's edited packs and the signed packs a township imported, one file each in
 * <dataDir>/packs/local/, plus which pack is in force (packs/state.json). Files rather than database
 * rows because a pack is a document that travels (exported, signed, imported, read by the command
 * line without opening the case store) and is small; each is written atomically (atomicFile.ts), so an
 * interrupted import leaves the folder as it was. Shipped packs are never written here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../shared/errors';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';
import { isoWithOffset } from '../store/localTime';
import { writeFileAtomic } from './atomicFile';
import { ensurePrivateFolder } from '../store/privateFiles';

export const PACKS_FOLDER = 'packs';
const LOCAL_FOLDER = 'local';
const STATE_FILE = 'state.json';

export interface PackOrigin {
  kind: 'edited' | 'imported';
  /** imported: whose key signed it */
  signedBy?: { name: string; fingerprint: string };
  signedAt?: string;
}

export interface LocalPackFile {
  savedAt: string;
  origin: PackOrigin;
  pack: RawPack;
  /** imported: the signed file exactly as received, so its signature can be checked again (a restored packs/ is, restoredPacks.ts) */
  signed?: string;
}

export interface LocalPack extends LocalPackFile {
  loaded: Pack;
  file: string;
}

export interface PackRef {
  id: string;
  version: string;
}

export function packsFolder(dataDir: string): string {
  return join(dataDir, PACKS_FOLDER);
}

/** a version that can stand in a file name as it is (what 编制新参数包 allows, packEdit.ts) */
const PLAIN_VERSION = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

/**
 * The file name of a pack version. A signed pack from elsewhere may carry any version the pack format
 * allows ("2027年第1版", spaces, a slash): such a version is named by a hash of it, so the file stays
 * inside local/ under a name every file system takes; the version itself is read from the file.
 */
function fileNameOf(ref: PackRef): string {
  const version = PLAIN_VERSION.test(ref.version) ? ref.version : `~${createHash('sha256').update(ref.version, 'utf8').digest('hex').slice(0, 24)}`;
  return `${ref.id}@${version}.json`;
}
const SAFE = /^[a-z0-9][a-z0-9-]*@([0-9A-Za-z][0-9A-Za-z._-]*|~[0-9a-f]{24})\.json$/;

export class LocalPacks {
  constructor(
    readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get localFolder(): string {
    return join(this.folder, LOCAL_FOLDER);
  }

  /** Every local pack that loads; a damaged file is reported, not fatal. */
  list(): { packs: LocalPack[]; problems: string[] } {
    const packs: LocalPack[] = [];
    const problems: string[] = [];
    if (!existsSync(this.localFolder)) return { packs, problems };
    let names: string[];
    try {
      names = readdirSync(this.localFolder).sort();
    } catch {
      return { packs, problems: [`本地参数包文件夹「${this.localFolder}」无法读取`] };
    }
    for (const name of names) {
      if (!SAFE.test(name)) continue;
      try {
        const file = JSON.parse(readFileSync(join(this.localFolder, name), 'utf8')) as LocalPackFile;
        const loaded = loadPack(file.pack);
        if (!loaded.ok) {
          problems.push(`本地参数包文件「${name}」无法加载：${loaded.errors[0]?.message ?? ''}`);
          continue;
        }
        packs.push({ ...file, loaded: loaded.value, file: name });
      } catch {
        problems.push(`本地参数包文件「${name}」已损坏，已忽略`);
      }
    }
    return { packs, problems };
  }

  has(ref: PackRef): boolean {
    return existsSync(join(this.localFolder, fileNameOf(ref)));
  }

  /** Saves a pack that has passed loadPack; refuses to overwrite an existing version. */
  save(pack: RawPack, origin: PackOrigin, signed?: string): Result<LocalPackFile> {
    const loaded = loadPack(pack);
    if (!loaded.ok) return loaded;
    if (this.has(pack)) return fail(`本地已有参数包 ${pack.id} 版本 ${pack.version}，请换一个版本号`, 'version');
    const file: LocalPackFile = { savedAt: isoWithOffset(this.now()), origin, pack, ...(signed === undefined ? {} : { signed }) };
    try {
      ensurePrivateFolder(this.localFolder);
      writeFileAtomic(join(this.localFolder, fileNameOf(pack)), `${JSON.stringify(file, null, 1)}\n`);
    } catch (error) {
      // nothing is left half-written (atomicFile.ts): the folder is as it was
      return fail(`参数包未能保存（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）：请检查数据文件夹是否可写、磁盘是否已满`, 'file');
    }
    return ok(file);
  }

  /** The pack chosen to be in force, if any. */
  activeRef(): PackRef | null {
    try {
      const state = JSON.parse(readFileSync(join(this.folder, STATE_FILE), 'utf8')) as { active?: PackRef | null };
      return state.active && typeof state.active.id === 'string' && typeof state.active.version === 'string' ? state.active : null;
    } catch {
      return null;
    }
  }

  setActive(ref: PackRef | null): void {
    ensurePrivateFolder(this.folder);
    writeFileAtomic(join(this.folder, STATE_FILE), `${JSON.stringify({ active: ref, changedAt: isoWithOffset(this.now()) }, null, 2)}\n`);
  }
}
