/** Every pack shipped with the app (read-only; edits make local packs). The first is the default. */
import type { RawPack } from '../shared/packs/types';
import { henanNanyang } from './henan-nanyang';

export const SHIPPED_PACKS: readonly RawPack[] = [henanNanyang];
