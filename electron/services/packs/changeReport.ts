/**
 * 变动报告 of a recalculation: who gains or loses what. For every case recomputed it compares the
 * annual amount of each benefit (summed over the members) before and after, and adds the differences
 * up by benefit, by how the money reaches the family (到手现金 apart from what the hospital settles or is
 * not charged) and by village, exactly (decimal.js), reported to the fen. A benefit a household did
 * not have before (育儿补贴 in a first 2025 recalculation, say) counts as a gain of its whole amount.
 */
import { Decimal, toFen, ZERO } from '../../../shared/money';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import { pairBy } from '../../../shared/result/compare';
import { DELIVERIES, deliveryOf, type Delivery } from '../../../shared/result/delivery';
import type { CaseChangeLine, ChangeReport } from '../../../shared/api/packApi';
import { reportEntry, type ReportEntry } from './recalcCompute';

export type { ChangeReport } from '../../../shared/api/packApi';

interface Totals {
  gainers: number;
  losers: number;
  before: Decimal;
  after: Decimal;
}

const signed = (value: Decimal) => (value.isPositive() && !value.isZero() ? `+${toFen(value)}` : toFen(value));

export class ChangeReportBuilder {
  /** how each benefit reaches the family: the pack's own deliveries, else the contract's */
  constructor(private readonly deliveries: ReadonlyMap<string, Delivery> = new Map()) {}

  private deliveryOf(code: string): Delivery {
    return this.deliveries.get(code) ?? deliveryOf({ code });
  }

  private readonly labels = new Map<string, string>();
  private readonly benefits = new Map<string, Totals>();
  private readonly villages = new Map<string, Totals & { township: string; village: string; cases: number; changed: number }>();
  private readonly changes: (CaseChangeLine & { sort: Decimal })[] = [];
  private readonly all: Totals & { cases: number; changed: number } = { gainers: 0, losers: 0, before: ZERO, after: ZERO, cases: 0, changed: 0 };

  /** One household recomputed: its input and its results before and after. */
  add(caseNo: string, input: unknown, before: unknown, after: unknown): void {
    this.addEntry(caseNo, reportEntry(input, before, after));
  }

  /** One household, as the per-case work (recalcCompute.ts) summed it up. */
  addEntry(caseNo: string, entry: ReportEntry): void {
    const { headName: head, township, village } = entry;
    for (const [code, label] of [...entry.before, ...entry.after]) if (!this.labels.has(code)) this.labels.set(code, label);
    const parts: string[] = [];
    let total = { before: ZERO, after: ZERO };
    // the household's amounts are summed per code (recalcCompute.ts): matched by code
    for (const { key: code, before, after } of pairBy(entry.before, entry.after, ([code]) => code)) {
      const a = before ? new Decimal(before[2]) : ZERO;
      const b = after ? new Decimal(after[2]) : ZERO;
      total = { before: total.before.plus(a), after: total.after.plus(b) };
      const line = this.benefits.get(code) ?? { gainers: 0, losers: 0, before: ZERO, after: ZERO };
      line.before = line.before.plus(a);
      line.after = line.after.plus(b);
      const cmp = b.comparedTo(a);
      if (cmp > 0) line.gainers += 1;
      if (cmp < 0) line.losers += 1;
      if (cmp !== 0) parts.push(`${this.labels.get(code) ?? code} ${signed(b.minus(a))}`);
      this.benefits.set(code, line);
    }
    const delta = total.after.minus(total.before);
    const key = `${township}\u001f${village}`;
    const place = this.villages.get(key) ?? { township, village, cases: 0, changed: 0, gainers: 0, losers: 0, before: ZERO, after: ZERO };
    place.cases += 1;
    place.before = place.before.plus(total.before);
    place.after = place.after.plus(total.after);
    this.all.cases += 1;
    this.all.before = this.all.before.plus(total.before);
    this.all.after = this.all.after.plus(total.after);
    if (parts.length > 0) {
      place.changed += 1;
      this.all.changed += 1;
      if (delta.isPositive() && !delta.isZero()) {
        place.gainers += 1;
        this.all.gainers += 1;
      } else if (delta.isNegative()) {
        place.losers += 1;
        this.all.losers += 1;
      }
      this.changes.push({
        caseNo,
        headName: head,
        township,
        village,
        before: toFen(total.before),
        after: toFen(total.after),
        delta: toFen(delta),
        changes: parts.join('；'),
        sort: delta,
      });
    }
    this.villages.set(key, place);
  }

  build(meta: Omit<ChangeReport, 'summary' | 'byBenefit' | 'byVillage' | 'cases'>): ChangeReport {
    const fen = (t: { before: Decimal; after: Decimal }) => ({ before: toFen(t.before), after: toFen(t.after), delta: toFen(t.after.minus(t.before)) });
    const codeOrder = Object.keys(BENEFIT_CODES);
    const rank = (code: string) => (codeOrder.includes(code) ? codeOrder.indexOf(code) : codeOrder.length);
    const byDelivery = Object.fromEntries(DELIVERIES.map((delivery) => [delivery, { before: ZERO, after: ZERO }])) as Record<Delivery, { before: Decimal; after: Decimal }>;
    for (const [code, line] of this.benefits) {
      const sums = byDelivery[this.deliveryOf(code)];
      sums.before = sums.before.plus(line.before);
      sums.after = sums.after.plus(line.after);
    }
    return {
      ...meta,
      summary: {
        cases: this.all.cases,
        changed: this.all.changed,
        gainers: this.all.gainers,
        losers: this.all.losers,
        ...fen(this.all),
        byDelivery: Object.fromEntries(DELIVERIES.map((delivery) => [delivery, fen(byDelivery[delivery])])) as ChangeReport['summary']['byDelivery'],
      },
      byBenefit: [...this.benefits]
        .filter(([, line]) => line.gainers + line.losers > 0 || !line.before.isZero() || !line.after.isZero())
        .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
        .map(([code, line]) => ({ code, label: this.labels.get(code) ?? code, delivery: this.deliveryOf(code), gainers: line.gainers, losers: line.losers, ...fen(line) })),
      byVillage: [...this.villages.values()]
        .sort((a, b) => a.township.localeCompare(b.township, 'zh') || a.village.localeCompare(b.village, 'zh'))
        .map((place) => ({
          township: place.township,
          village: place.village,
          cases: place.cases,
          changed: place.changed,
          gainers: place.gainers,
          losers: place.losers,
          ...fen(place),
        })),
      cases: [...this.changes].sort((a, b) => a.sort.comparedTo(b.sort) || a.caseNo.localeCompare(b.caseNo)).map(({ sort: _sort, ...row }) => row),
    };
  }
}
