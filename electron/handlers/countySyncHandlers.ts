/** 上报县级: the county link, sending (network or bundle file), receipts, and the county's published pack. */
import type { Services } from '../services';
import type { Handlers } from './index';

type CountySyncChannels =
  | 'countySync.status'
  | 'countySync.connect'
  | 'countySync.trust'
  | 'countySync.send'
  | 'countySync.exportBundle'
  | 'countySync.importReceipt'
  | 'countySync.fetchPack';

export function countySyncHandlers(services: Services): Handlers<CountySyncChannels> {
  const sync = services.countySync;
  return {
    'countySync.status': () => sync.status(),
    'countySync.connect': (request) => sync.connect(request.address),
    'countySync.trust': (request) => sync.trust(request.fingerprint),
    'countySync.send': () => sync.send(),
    'countySync.exportBundle': () => sync.exportBundle(),
    'countySync.importReceipt': (request) => sync.importReceipt(Buffer.from(request.base64, 'base64'), request.confirmFingerprint),
    'countySync.fetchPack': () => sync.fetchPack(),
  };
}
