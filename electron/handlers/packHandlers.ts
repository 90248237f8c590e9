/** 政策参数: the pack list, local packs (edit, activate), signed export and import, county keys. */
import { ok } from '../../shared/errors';
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
  return {
    'packs.list': () => ok(listPacks(registry)),
    'packs.get': (ref) => {
      const found = registry.find(ref);
      return found ? ok(found.raw) : { ok: false, errors: [{ message: `找不到参数包 ${ref.id} 版本 ${ref.version}`, path: 'version' }] };
    },
    'packs.diff': (request) => comparePacks(registry, request.from, request.to, request.asOf),
    'packs.saveLocal': (request) => saveLocalPack(registry, request.base, request.draft),
    'packs.activate': (ref) => {
      const activated = registry.activate(ref);
      return activated.ok ? ok(listPacks(registry)) : activated;
    },
    'packs.export': (request) => exportSignedPack(registry, request, request.privateKeyPem, new Date()),
    'packs.import': (request) => importSignedPack(registry, Buffer.from(request.base64, 'base64'), request.dryRun ?? false),
    'keys.list': () => listKeys(registry),
    'keys.add': (request) => (registry.keys ? registry.keys.add(request.name, request.publicKey) : noKeys),
    'keys.remove': (request) => (registry.keys ? registry.keys.remove(request.fingerprint) : noKeys),
    'keys.generate': () => ok(generateKey(new Date())),
  };
}
