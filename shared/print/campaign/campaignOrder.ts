/**
 * The order of a campaign, the same for the cards, the 明白纸 and the 签收表: village by village
 * (乡镇, then 村), and inside a village by 组 (by number: 2组 before 10组; a household without a 组
 * after those with one), then by 户主 in 拼音 order, then by 案卷编号 so that the order never depends on
 * how the cases were selected. Pure: the print views and the tests use it alike.
 */
import type { RevisionDetail } from '../../api/contract';
import { STATUS_SHORT, type Status } from '../../household/codes';
import { BLANK } from '../blank';
import { villageGroupOf, type VillageGroup } from './villageGroup';

export interface CampaignEntry {
  caseNo: string;
  revision: number;
  /** '' when the household has none */
  township: string;
  village: string;
  group: VillageGroup | null;
  /** the 户主's name ("--" when the saved input does not read) */
  headName: string;
  statusShort: string;
  /** the year of the assessment (政策年度), null when the result does not say */
  policyYear: number | null;
}

export interface CampaignVillage<T extends CampaignEntry = CampaignEntry> {
  township: string;
  village: string;
  /** "马山口镇 马山口村", "--" when neither is known */
  label: string;
  entries: T[];
}

interface LooseInput {
  household?: { township?: unknown; village?: unknown; address?: unknown; group?: unknown; status?: unknown };
  members?: { name?: unknown; relation?: unknown }[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** What the campaign needs of a saved revision, read defensively (an old input still sorts and prints). */
export function campaignEntry(revision: Pick<RevisionDetail, 'caseNo' | 'revision' | 'input'> & { result?: { policy?: { asOf?: unknown } } }): CampaignEntry {
  const input = (typeof revision.input === 'object' && revision.input !== null ? revision.input : {}) as LooseInput;
  const household = typeof input.household === 'object' && input.household !== null ? input.household : undefined;
  const members = Array.isArray(input.members) ? input.members.filter((m) => typeof m === 'object' && m !== null) : [];
  const head = members.find((member) => member.relation === 'head') ?? members[0];
  const status = text(household?.status);
  return {
    caseNo: revision.caseNo,
    revision: revision.revision,
    township: text(household?.township),
    village: text(household?.village),
    group: villageGroupOf(household),
    headName: text(head?.name) || BLANK,
    statusShort: status in STATUS_SHORT ? STATUS_SHORT[status as Status] : BLANK,
    policyYear: yearOfAsOf(revision.result?.policy?.asOf),
  };
}

function yearOfAsOf(asOf: unknown): number | null {
  return typeof asOf === 'string' && /^\d{4}-/.test(asOf) ? Number(asOf.slice(0, 4)) : null;
}

const collator = new Intl.Collator('zh-Hans-CN', { usage: 'sort', sensitivity: 'variant', numeric: true });

function compareText(a: string, b: string): number {
  // the collator orders by 拼音; two different names read alike still get a fixed order
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** 组 by number, then by name; none last. */
function compareGroups(a: VillageGroup | null, b: VillageGroup | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  // 1组, 一组 and 第1村民小组 are one 组
  if (a.number !== null && b.number !== null) return a.number - b.number;
  if ((a.number === null) !== (b.number === null)) return a.number === null ? 1 : -1;
  return compareText(a.label, b.label);
}

/** Households of one village, by 组 then 户主 (then 案卷编号). */
export function compareInVillage(a: CampaignEntry, b: CampaignEntry): number {
  return compareGroups(a.group, b.group) || compareText(a.headName, b.headName) || compareText(a.caseNo, b.caseNo);
}

function villageLabel(township: string, village: string): string {
  const label = [township, village].filter((part) => part !== '').join(' ');
  return label === '' ? BLANK : label;
}

/** The selection as villages (by 乡镇 then 村; households without a village last), each in campaign order. */
export function orderCampaign<T extends CampaignEntry>(entries: readonly T[]): CampaignVillage<T>[] {
  const villages = new Map<string, CampaignVillage<T>>();
  for (const entry of entries) {
    const key = `${entry.township}\u0000${entry.village}`;
    const village = villages.get(key) ?? { township: entry.township, village: entry.village, label: villageLabel(entry.township, entry.village), entries: [] };
    village.entries.push(entry);
    villages.set(key, village);
  }
  const unknown = (v: CampaignVillage<T>) => (v.village === '' ? 1 : 0);
  return [...villages.values()]
    .sort((a, b) => unknown(a) - unknown(b) || compareText(a.township, b.township) || compareText(a.village, b.village))
    .map((village) => ({ ...village, entries: [...village.entries].sort(compareInVillage) }));
}
