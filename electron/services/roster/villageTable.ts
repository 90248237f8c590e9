/**
 * 本村一览: the households of a roster import as the store holds them now (their latest revisions), in
 * campaign order, with what each family gets split the contract's way — 到手现金, 医院直接结算, 减免,
 * 一次性补助 — and subtotals by 村 and 组. Never a sum of the four: a family reads "到手" as cash.
 *
 * Each case is read once and kept by revision: a table asked again (a filter changed) decodes only the
 * cases saved, recomputed or voided since, found through the search index without decoding anything.
 */
import type { RosterBatchSummary, SplitAmounts, VillageRow, VillageSubtotal, VillageTable } from '../../../shared/api/rosterApi';
import { maskIdNumber } from '../../../shared/household/idNumber';
import { STATUSES, type Status } from '../../../shared/household/codes';
import { ok, type Result } from '../../../shared/errors';
import { fenOf, fenText } from '../../../shared/money';
import { cashByMonth } from '../../../shared/result/cashMonthly';
import { resultTotals } from '../../../shared/result/totals';
import type { CalcResult } from '../../../shared/result/types';
import { compareCampaign, compareGroups, compareText } from '../../../shared/roster/order';
import type { Store } from '../store';
import type { RosterBatch } from '../store/rosterRecords';
import { nameSpellings } from '../store/pinyinInitials';

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export interface VillageFilter {
  village?: string;
  group?: string;
  status?: Status;
  text?: string;
}

interface Cached {
  revision: number;
  row: VillageRow;
  /** 拼音 spellings of the 户主's name, for the search box */
  spellings: string[];
  headId: string;
}

const ZERO_SPLIT = (): SplitAmounts => ({ households: 0, cash: '0.00', settlement: '0.00', waiver: '0.00', oneOff: '0.00' });

function add(to: SplitAmounts, row: SplitAmounts): void {
  to.households += row.households;
  for (const key of ['cash', 'settlement', 'waiver', 'oneOff'] as const) to[key] = fenText(fenOf(to[key]) + fenOf(row[key]));
}

export const villageName = (row: Pick<VillageRow, 'township' | 'village'>) => [row.township, row.village].filter((part) => part !== '').join(' ') || '（未填村）';

/** One household's row from its latest revision (null input: the revision is damaged). */
export function villageRow(caseNo: string, revision: number, voided: boolean, input: unknown, result: CalcResult | null): Omit<Cached, 'revision'> {
  const household = object(object(input).household);
  const members = Array.isArray(object(input).members) ? (object(input).members as unknown[]).map(object) : [];
  const head = members.find((member) => member.relation === 'head') ?? members[0] ?? {};
  const status = text(household.status);
  const totals = result ? resultTotals(result) : null;
  const headId = text(head.idNumber).toUpperCase();
  const row: VillageRow = {
    caseNo,
    revision,
    township: text(household.township),
    village: text(household.village),
    group: typeof household.group === 'number' ? String(household.group) : text(household.group),
    headName: text(head.name),
    headIdMasked: headId === '' ? '' : maskIdNumber(headId),
    members: members.length,
    status: (STATUSES as readonly string[]).includes(status) ? (status as Status) : '',
    households: 1,
    cash: totals?.cash ?? '0.00',
    settlement: totals?.settlement ?? '0.00',
    waiver: totals?.waiver ?? '0.00',
    oneOff: totals?.oneOff ?? '0.00',
    cashMonthly: result ? cashByMonth(result.benefits).monthly : '0.00',
    asOf: text(object(result?.policy).asOf),
    packVersion: text(object(result?.policy).version),
    voided,
    damaged: result === null,
  };
  return { row, spellings: nameSpellings(row.headName), headId };
}

export class VillageTables {
  private readonly cache = new Map<string, Cached>();

  /** The rows of a batch, current: cases changed since the last reading are read again. */
  private rows(store: Store, batch: RosterBatch): Result<Cached[]> {
    const latest = store.roster.latestRevisions(batch.caseNos);
    if (!latest.ok) return latest;
    const rows: Cached[] = [];
    for (const caseNo of batch.caseNos) {
      const now = latest.value.get(caseNo);
      if (!now) continue;
      const cached = this.cache.get(caseNo);
      if (cached && cached.revision === now.revision && cached.row.voided === now.voided) {
        rows.push(cached);
        continue;
      }
      const record = store.cases.get({ caseNo });
      const fresh: Cached = record.ok
        ? { revision: now.revision, ...villageRow(caseNo, now.revision, record.value.voided, record.value.input, record.value.result) }
        : { revision: now.revision, ...villageRow(caseNo, now.revision, now.voided, null, null) };
      this.cache.set(caseNo, fresh);
      rows.push(fresh);
    }
    return ok(rows);
  }

  table(store: Store, batch: RosterBatch, summary: RosterBatchSummary, filter: VillageFilter): Result<VillageTable> {
    const all = this.rows(store, batch);
    if (!all.ok) return all;
    const ordered = [...all.value].sort((a, b) => compareCampaign(a.row, b.row));
    const query = (filter.text ?? '').trim();
    const shown = ordered.filter(({ row, spellings, headId }) => {
      if (filter.village && villageName(row) !== filter.village) return false;
      if (filter.group !== undefined && filter.group !== '' && row.group !== filter.group) return false;
      if (filter.status && row.status !== filter.status) return false;
      if (query !== '') {
        const lower = query.toLowerCase();
        const byName = row.headName.includes(query) || spellings.some((spelling) => spelling.startsWith(lower));
        const byId = /^\d{3,17}[\dXx]$/.test(query) && headId.endsWith(query.toUpperCase());
        if (!byName && !byId && row.caseNo !== query) return false;
      }
      return true;
    });
    const subtotals = new Map<string, VillageSubtotal>();
    const total = ZERO_SPLIT();
    for (const { row } of shown) {
      if (row.voided || row.damaged) continue;
      const village = villageName(row);
      for (const group of [null, row.group] as const) {
        const key = `${village}\u0000${group ?? '\u0001'}`;
        const subtotal = subtotals.get(key) ?? { village, group, ...ZERO_SPLIT() };
        add(subtotal, row);
        subtotals.set(key, subtotal);
      }
      add(total, row);
    }
    const villages = [...new Set(ordered.map(({ row }) => villageName(row)))];
    const groups = [...new Set(ordered.filter(({ row }) => !filter.village || villageName(row) === filter.village).map(({ row }) => row.group).filter((group) => group !== ''))].sort(compareGroups);
    return ok({
      batch: summary,
      rows: shown.map(({ row }) => row),
      // each village's 组 in order, the village's own total after them
      subtotals: [...subtotals.values()].sort(
        (a, b) => villages.indexOf(a.village) - villages.indexOf(b.village) || (a.group === null ? 1 : 0) - (b.group === null ? 1 : 0) || compareGroups(a.group ?? '', b.group ?? '') || compareText(a.village, b.village),
      ),
      total,
      villages,
      groups,
      selection: shown.filter(({ row }) => !row.voided && !row.damaged).map(({ row }) => row.caseNo),
    });
  }
}
