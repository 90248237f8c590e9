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
export function guidanceList(pack: { guidance?: RawGuidance | null | undefined } | null | undefined, codes: readonly string[]): Guidance[] {
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

/** What a family is to do at one office: the items it serves, who for, and everything to bring once. */
export interface OfficeVisit {
  officeId: string;
  office: string;
  place: string;
  phone: string;
  /** the items handled there, by label */
  labels: string[];
  /** who they are for (names, or 全户) */
  who: string[];
  materials: string[];
  unverified: boolean;
}

/**
 * The guidance of several items gathered by office, in the order the offices first come: one visit to
 * the hospital's settlement window covers 基本医保, 大病保险 and 医疗救助, so it is said once.
 */
export function visitsByOffice(items: readonly { guidance: Guidance; label: string; who: readonly string[] }[]): OfficeVisit[] {
  const visits = new Map<string, OfficeVisit>();
  for (const { guidance: g, label, who } of items) {
    const visit = visits.get(g.officeId) ?? { officeId: g.officeId, office: g.office, place: g.place, phone: g.phone, labels: [], who: [], materials: [], unverified: false };
    if (!visit.labels.includes(label)) visit.labels.push(label);
    for (const name of who) if (!visit.who.includes(name)) visit.who.push(name);
    for (const material of g.materials) if (!visit.materials.includes(material)) visit.materials.push(material);
    visit.unverified ||= guidanceUnverified(g);
    visits.set(g.officeId, visit);
  }
  return [...visits.values()];
}
