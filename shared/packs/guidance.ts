/**
 * 带齐这些，去这里办: for a benefit or a 还可申请 item, where the family goes (办理地点), the phone, and
 * what to bring (所需材料), read from the pack's local guidance. Shipped values are local defaults,
 * marked 待核实 until the county confirms them (a where that a policy text states, through `cite`,
 * counts as confirmed). A pack without guidance (made before 2026-12) gives none: the screens then
 * show the result's own `where`.
 */
import type { RawGuidance, RawPack } from './types';

export interface Guidance {
  code: string;
  officeId: string;
  office: string;
  place: string;
  /** '' when the pack does not know it: the issuing office's 咨询电话 is given instead */
  phone: string;
  materials: string[];
  /** where to go: stated by a policy text or confirmed by the county */
  placeVerified: boolean;
  phoneVerified: boolean;
  materialsVerified: boolean;
}

export function guidanceFor(guidance: RawGuidance | undefined | null, code: string): Guidance | null {
  const item = guidance?.items[code];
  const office = item ? guidance?.offices[item.office] : undefined;
  if (!item || !office) return null;
  const officeConfirmed = office.verified === true;
  return {
    code,
    officeId: item.office,
    office: office.name,
    place: office.place,
    phone: office.phone.trim(),
    materials: [...item.materials],
    placeVerified: item.cite !== undefined || officeConfirmed,
    phoneVerified: officeConfirmed && office.phone.trim() !== '',
    materialsVerified: item.verified === true,
  };
}

/** Whether anything about it still needs checking (marked 待核实 on screen and paper). */
export const guidanceUnverified = (g: Guidance): boolean => !(g.placeVerified && g.phoneVerified && g.materialsVerified);

/** Each code's guidance, in the order given, once (several members sharing a benefit need it once). */
export function guidanceList(pack: Pick<RawPack, 'guidance'> | null | undefined, codes: readonly string[]): Guidance[] {
  const seen = new Set<string>();
  const list: Guidance[] = [];
  for (const code of codes) {
    if (seen.has(code)) continue;
    seen.add(code);
    const found = guidanceFor(pack?.guidance, code);
    if (found) list.push(found);
  }
  return list;
}
