/**
 * Which policy pack is in force for new calculations. The shipped packs (seeds/) are read-only and
 * always available; with a data folder, the county's local packs (localPacks.ts) join them and the
 * pack in force is the one activated there, else the first shipped pack.
 */
import { SHIPPED_PACKS } from '../../../seeds';
import { fail, ok, type Result } from '../../../shared/errors';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import type { RawPack } from '../../../shared/packs/types';
import { CountyKeys } from './countyKeys';
import { LocalPacks, packsFolder, type PackOrigin, type PackRef } from './localPacks';

export interface ActivePack {
  pack: Pack;
  raw: RawPack;
  source: 'shipped' | 'local';
  /** local packs: edited here or imported (signed) */
  origin?: PackOrigin;
  savedAt?: string;
}

function loadShipped(raw: RawPack): ActivePack {
  const loaded = loadPack(raw);
  // A shipped pack that does not load is a build defect: the pack tests catch it before release.
  if (!loaded.ok) throw new Error(`出厂参数包「${raw.id}」无法加载：${loaded.errors.map((e) => `${e.path} ${e.message}`).join('；')}`);
  return { pack: loaded.value, raw, source: 'shipped' };
}

export interface RegistryOptions {
  /** the data folder whose packs/ holds local packs and county keys; none: shipped packs only */
  dataDir?: string;
  now?: () => Date;
}

export class PackRegistry {
  private readonly shipped: ActivePack[];
  readonly local: LocalPacks | null;
  readonly keys: CountyKeys | null;
  private localCache: ActivePack[] | null = null;
  private problems: string[] = [];
  private activeRef: PackRef | null | undefined;

  constructor(shippedPacks: readonly RawPack[] = SHIPPED_PACKS, options: RegistryOptions = {}) {
    this.shipped = shippedPacks.map(loadShipped);
    const folder = options.dataDir === undefined ? null : packsFolder(options.dataDir);
    this.local = folder === null ? null : new LocalPacks(folder, options.now);
    this.keys = folder === null ? null : new CountyKeys(folder);
  }

  private localPacks(): ActivePack[] {
    if (!this.local) return [];
    if (!this.localCache) {
      const listed = this.local.list();
      this.problems = listed.problems;
      this.localCache = listed.packs.map((entry) => ({ pack: entry.loaded, raw: entry.pack, source: 'local', origin: entry.origin, savedAt: entry.savedAt }));
    }
    return this.localCache;
  }

  /** Call after a local pack was saved or imported. */
  refresh(): void {
    this.localCache = null;
    this.activeRef = undefined;
  }

  /** Local files that could not be read (shown on the 政策参数 page). */
  loadProblems(): string[] {
    this.localPacks();
    return this.problems;
  }

  active(): ActivePack {
    // read once and on refresh(): every calculation asks, and the choice changes only through activate()
    if (this.activeRef === undefined) this.activeRef = this.local?.activeRef() ?? null;
    const ref = this.activeRef;
    if (ref) {
      const found = this.find(ref);
      if (found) return found;
    }
    return this.shipped[0] as ActivePack;
  }

  shippedPacks(): readonly ActivePack[] {
    return this.shipped;
  }

  /** Every pack: shipped first, then local ones. */
  all(): ActivePack[] {
    return [...this.shipped, ...this.localPacks()];
  }

  find(ref: PackRef): ActivePack | undefined {
    return this.all().find((entry) => entry.raw.id === ref.id && entry.raw.version === ref.version);
  }

  /** A pack by "id@version", by version alone (when unambiguous), or by id (its newest local version, else shipped). */
  lookup(name: string): ActivePack | undefined {
    const at = name.indexOf('@');
    if (at > 0) return this.find({ id: name.slice(0, at), version: name.slice(at + 1) });
    const byVersion = this.all().filter((entry) => entry.raw.version === name);
    if (byVersion.length === 1) return byVersion[0];
    const byId = this.all().filter((entry) => entry.raw.id === name);
    return byId.at(-1);
  }

  /** Puts a pack in force for new calculations (null: back to the shipped pack). */
  activate(ref: PackRef | null): Result<ActivePack> {
    if (!this.local) return fail('没有数据文件夹，无法切换参数包');
    if (ref && !this.find(ref)) return fail(`找不到参数包 ${ref.id} 版本 ${ref.version}`, 'version');
    const shipped = this.shipped[0] as ActivePack;
    const isShippedDefault = ref !== null && ref.id === shipped.raw.id && ref.version === shipped.raw.version;
    try {
      this.local.setActive(isShippedDefault ? null : ref);
    } catch (error) {
      return fail(`未能切换参数包（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）：请检查数据文件夹是否可写`);
    }
    this.activeRef = undefined;
    return ok(this.active());
  }
}
