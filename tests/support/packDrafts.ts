/** A new year's pack for the pack tests: the shipped pack with the rural 低保 standard raised from a date. */
import { SHIPPED_PACKS } from '../../seeds';
import { loadPack, type Pack } from '../../shared/packs/loadPack';
import { buildLocalPack, type PackDraft } from '../../shared/packs/packEdit';
import type { RawPack } from '../../shared/packs/types';

export const BASE: RawPack = SHIPPED_PACKS[0] as RawPack;

export function dibaoDraft(options: { version?: string; from?: string; rural?: string; urban?: string } = {}): PackDraft {
  const changes: PackDraft['changes'] = [{ key: 'dibao.standard.rural', value: options.rural ?? '480', doc: 'ny-2027-dibao', clause: '第一条' }];
  if (options.urban) changes.push({ key: 'dibao.standard.urban', value: options.urban, doc: 'ny-2027-dibao', clause: '第二条' });
  return {
    version: options.version ?? '2027.1',
    effectiveFrom: options.from ?? '2027-01-01',
    publishedAt: '2026-12-20',
    documents: { 'ny-2027-dibao': { number: '宛民〔2026〕99号', title: '关于提高2027年城乡最低生活保障标准的通知', issuer: '南阳市民政局' } },
    changes,
  };
}

export function builtPack(draft: PackDraft = dibaoDraft()): { raw: RawPack; pack: Pack } {
  const built = buildLocalPack(BASE, draft);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const loaded = loadPack(built.value);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return { raw: built.value, pack: loaded.value };
}
