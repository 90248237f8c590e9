/**
 * 政策参数: the pack list, local packs (edit, activate), signed export and import, county keys. What
 * writes the data folder's packs/ is refused in a read-only window, like the case store (folderLock.ts).
 */
import { fail, ok, type Result } from '../../shared/errors';
import type { Services } from '../services';
import { comparePacks, exportSignedPack, generateKey, importSignedPack, listKeys, listPacks, saveLocalPack } from '../services/packs/packService';
import type { Handlers } from './index';

type PackChannels =
  | 'packs.list'
  | 'packs.get'
  | 'packs.diff'
  | 'packs.saveLocal'
  | 'packs.activate'
  | 'packs.export'
  | 'packs.import'
  | 'keys.list'
  | 'keys.add'
  | 'keys.remove'
  | 'keys.generate';

export function packHandlers(services: Services): Handlers<PackChannels> {
  const registry = services.packs;
  const noKeys = { ok: false as const, errors: [{ message: '没有数据文件夹，无法保存公钥', path: '' }] };
  /** runs a change of packs/ only when this program writes the folder */
  const writing = <T>(change: () => Result<T>): Result<T> => {
    const access = services.access();
    return access.writable ? change() : fail(access.reason ?? '本窗口只读');
  };
  return {
    'packs.list': () => ok(listPacks(registry)),
    'packs.get': (ref) => {
      const found = registry.find(ref);
      return found ? ok(found.raw) : { ok: false, errors: [{ message: `找不到参数包 ${ref.id} 版本 ${ref.version}`, path: 'version' }] };
    },
    'packs.diff': (request) => comparePacks(registry, request.from, request.to, request.asOf),
    'packs.saveLocal': (request) => writing(() => saveLocalPack(registry, request.base, request.draft)),
    'packs.activate': (ref) =>
      writing(() => {
        const activated = registry.activate(ref);
        return activated.ok ? ok(listPacks(registry)) : activated;
      }),
    'packs.export': (request) => exportSignedPack(registry, request, request.privateKeyPem, new Date()),
    'packs.import': (request) =>
      request.dryRun ? importSignedPack(registry, Buffer.from(request.base64, 'base64'), true) : writing(() => importSignedPack(registry, Buffer.from(request.base64, 'base64'), false)),
    'keys.list': () => listKeys(registry),
    'keys.add': (request) => writing(() => (registry.keys ? registry.keys.add(request.name, request.publicKey) : noKeys)),
    'keys.remove': (request) => writing(() => (registry.keys ? registry.keys.remove(request.fingerprint) : noKeys)),
    'keys.generate': () => ok(generateKey(new Date())),
  };
}
