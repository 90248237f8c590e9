/**
 * What the 明白纸 and the 明白卡 show, built from one saved revision, the office settings and the
 * pack's document list. Pure (no DOM, no Node): the print views only lay it out, and the tests check
 * it without a browser. Every amount is the result's own string, printed in figures and capitals;
 * the only arithmetic is the 明白卡's sum of one benefit over several members (exact, in Decimal).
 */
import type { RevisionDetail, Settings } from '../api/contract';
import { formatChineseDate, yearOf } from '../dates';
import {
  AREA_LABELS,
  DISABILITY_GRADE_LABELS,
  DISABILITY_KIND_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  STATUS_SHORT,
  TEKUN_CARE_LABELS,
  type Status,
} from '../household/codes';
import { maskIdNumber } from '../household/idNumber';
import { caseInputSchema, RELATION_LABELS, type ParsedCase, type ParsedMember } from '../household/schema';
import { Decimal, toFen } from '../money';
import { guidanceList, visitsByOffice } from '../packs/guidance';
import type { PolicyDocument, RawGuidance } from '../packs/types';
import { benefitRows } from '../result/benefitRows';
import { cashByMonth } from '../result/cashMonthly';
import { benefitCaveats, caveatsOf, CAVEAT_LABELS, type CaveatKind } from '../result/caveats';
import { DELIVERIES, deliveryOf, type Delivery } from '../result/delivery';
import { resultTotals } from '../result/totals';
import type { CalcResult, ResultWarning, ScreeningItem } from '../result/types';
import { BLANK, orBlank } from './blank';
import { cardLabel } from './cardLabels';
import { printedAmount, type PrintedAmount } from './printedAmount';
import { ReferenceList, type PrintedCitation, type PrintedReference } from './references';
import { ruleSentence } from './ruleSentences';

/** 政策运用时以各部门正式下发文件为准 (handouts.md, footer). */
export const PREVAIL_LINE = '本单金额为按现行政策测算的结果，政策运用时以各部门正式下发文件为准，实际以各部门审核发放为准。';

export interface HandoutHeader {
  officeName: string;
  /** "2024年度": the year of the assessment date */
  policyYear: string;
  asOf: string;
  printedOn: string;
  caseNo: string;
  revision: number;
  savedAt: string;
  pack: string;
  /** what the QR code holds: the case number and revision */
  qrText: string;
}

export interface HandoutHousehold {
  headName: string;
  status: string;
  statusShort: string;
  area: string;
  /** 乡镇 村 详细地址, or "--" */
  address: string;
  /** 乡镇 and 村 only: the card has no room for the detailed address */
  place: string;
  phone: string;
  size: number;
}

export interface HandoutMember {
  id: string;
  name: string;
  relation: string;
  maskedId: string;
  status: string;
  /** 学段, 残疾, 护理等级: what the handouts list beside each member */
  notes: string;
}

export interface HandoutBenefit {
  code: string;
  label: string;
  /** the member's name, several names (same benefit, same amount, same working), or 全户 */
  beneficiary: string;
  /** how many members share this row (1 for one member or the household) */
  people: number;
  /** for one person (each, when people > 1) */
  annual: PrintedAmount;
  /** paid monthly: the monthly amount (each) */
  monthly: PrintedAmount | null;
  /** people > 1: the row's annual sum */
  sum: PrintedAmount | null;
  rule: string;
  steps: string[];
  citations: PrintedCitation[];
  payment: string;
  delivery: Delivery;
  /** 沿用往年 / 待核实: the row used such a value (marked ※ on paper) */
  caveats: CaveatKind[];
}

export interface MedicalLine {
  label: string;
  total: string;
  policyScope: string;
  basic: string;
  critical: string;
  assistance: string;
  selfPay: string;
  estimated: boolean;
}

export interface MedicalMember {
  name: string;
  /** the 身份 whose rules gave the 医疗救助 */
  assistanceStatus: string;
  items: MedicalLine[];
  total: MedicalLine;
}

export interface ApplyItem {
  label: string;
  beneficiary: string;
  action: string;
  reason: string;
  where: string;
  estimate: PrintedAmount | null;
  citations: PrintedCitation[];
}

export interface CardLine {
  code: string;
  label: string;
  /** how many members get it (0: the household as a whole) */
  people: number;
  annual: PrintedAmount;
  /** the line used a value 沿用往年 or 待核实 */
  caveat: boolean;
}

/** 带齐这些，去这里办: one line per office to go to, with the items it handles (issue 15). */
export interface GuidanceLine {
  /** the office's id (or the item's code when the pack has no guidance for it) */
  code: string;
  /** the items handled there, joined: "基本医保报销、大病保险报销、医疗救助" */
  label: string;
  /** who it is for: names, or 全户 */
  beneficiary: string;
  office: string;
  place: string;
  /** the office's phone, or the issuing office's 咨询电话 when the pack has none */
  phone: string;
  materials: string;
  /** something in it is a local default not yet confirmed (printed （待核实）) */
  unverified: boolean;
}

/** The values the amounts rest on that are not final: counted on page 1, ※ on lines and the card. */
export interface HandoutCaveats {
  carriedOver: number;
  unverified: number;
  /** "本单有 3 项数值沿用往年、12 项数值待核实，标※的项目以各部门正式核定为准", or '' */
  text: string;
}

export interface HandoutFooter {
  operatorName: string;
  officePhone: string;
  hotline: string;
  prevail: string;
}

export interface HandoutModel {
  header: HandoutHeader;
  household: HandoutHousehold;
  members: HandoutMember[];
  benefits: HandoutBenefit[];
  /** the sum of every item (各项合计): never to be printed as money received */
  total: PrintedAmount;
  /** the year split by how it reaches the family: 到手现金, 医院直接结算, 减免, 一次性补助 */
  split: Record<Delivery, PrintedAmount>;
  /** 到手现金 each month (cash benefits paid monthly), and the cash paid by term or year */
  cashMonthly: PrintedAmount;
  cashOtherYearly: PrintedAmount;
  caveats: HandoutCaveats;
  guidance: GuidanceLine[];
  medical: MedicalMember[];
  apply: ApplyItem[];
  references: PrintedReference[];
  card: { lines: CardLine[]; density: 'normal' | 'compact' | 'dense' };
  /** the result's warnings (values carried over, 待核实 parameters): printed so nobody takes an estimate for a decision */
  notes: string[];
  footer: HandoutFooter;
}

export interface HandoutOptions {
  /** the pack's documents (issuer and date for the reference list) */
  documents: Readonly<Record<string, PolicyDocument>>;
  /** the day of printing, YYYY-MM-DD */
  printedOn: string;
  /** the pack's 办理指引 (所需材料, 办理地点, 电话); none: the section lists the result's own `where` */
  guidance?: RawGuidance | null;
}

const ACTION_LABELS: Record<ScreeningItem['action'], string> = { apply: '需本人申请', assess: '需评定认定', info: '须知' };

/** The input saved with the revision, read again; null when it no longer reads (then names print as "--"). */
function readInput(input: unknown): ParsedCase | null {
  const parsed = caseInputSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** A member's 身份: the household's with the member's own (contract: a member's statuses are both). */
function statusLabels(status: ParsedMember['status'], householdStatus: Status | undefined): string {
  const own = status === undefined ? [] : Array.isArray(status) ? status : [status];
  const all = new Set<Status>([...(householdStatus ? [householdStatus] : []), ...own]);
  return all.size === 0 ? BLANK : [...all].map((code) => STATUS_SHORT[code]).join('、');
}

function memberNotes(member: ParsedMember): string {
  const notes: string[] = [];
  if (member.student) notes.push(`${STAGE_LABELS[member.student.stage]}${member.student.boarding ? '寄宿' : ''}`);
  if (member.disability) notes.push(`${DISABILITY_KIND_LABELS[member.disability.kind]}${DISABILITY_GRADE_LABELS[member.disability.grade]}`);
  if (member.tekunCare) notes.push(`特困${TEKUN_CARE_LABELS[member.tekunCare]}`);
  if (member.pension?.receiving) notes.push('领取养老金');
  return notes.length > 0 ? notes.join('，') : BLANK;
}

function joinAddress(parts: readonly (string | undefined)[]): string {
  return orBlank(parts.filter((part) => part && part.trim() !== '').join(''));
}

function medicalLine(label: string, figures: Omit<MedicalLine, 'label' | 'estimated'>, estimated: boolean): MedicalLine {
  return { label, total: figures.total, policyScope: figures.policyScope, basic: figures.basic, critical: figures.critical, assistance: figures.assistance, selfPay: figures.selfPay, estimated };
}

function medicalMembers(result: CalcResult, nameOf: (id: string | null) => string): MedicalMember[] {
  return Object.entries(result.medical).map(([memberId, medical]) => ({
    name: nameOf(memberId),
    assistanceStatus: medical.assistanceStatus ? (STATUS_LABELS[medical.assistanceStatus as Status] ?? medical.assistanceStatus) : BLANK,
    items: medical.items.map((item) => medicalLine(item.label, item, item.basicEstimated || item.criticalEstimated)),
    total: medicalLine('合计', medical, medical.items.some((item) => item.basicEstimated || item.criticalEstimated)),
  }));
}

/** The card's lines: one per benefit, summed over the members who get it, in the result's order. */
function cardLines(result: CalcResult, caveats: ReturnType<typeof caveatsOf>): CardLine[] {
  const byCode = new Map<string, { label: string; members: Set<string>; sum: Decimal; caveat: boolean }>();
  for (const benefit of result.benefits) {
    const line = byCode.get(benefit.code) ?? { label: cardLabel(benefit.code, benefit.label), members: new Set<string>(), sum: new Decimal(0), caveat: false };
    if (benefit.memberId !== null) line.members.add(benefit.memberId);
    line.sum = line.sum.plus(new Decimal(benefit.annual));
    line.caveat ||= benefitCaveats(benefit, caveats).length > 0;
    byCode.set(benefit.code, line);
  }
  return [...byCode.entries()].map(([code, line]) => ({ code, label: line.label, people: line.members.size, annual: printedAmount(toFen(line.sum)), caveat: line.caveat }));
}

function caveatText(carriedOver: number, unverified: number): string {
  const parts: string[] = [];
  if (carriedOver > 0) parts.push(`${carriedOver} 项数值${CAVEAT_LABELS.carriedOver}`);
  if (unverified > 0) parts.push(`${unverified} 项数值${CAVEAT_LABELS.unverified}`);
  return parts.length === 0 ? '' : `本单有${parts.join('、')}，标※的项目以各部门正式核定为准`;
}

function cardDensity(lines: number): HandoutModel['card']['density'] {
  if (lines <= 6) return 'normal';
  if (lines <= 10) return 'compact';
  return 'dense';
}

export function buildHandout(revision: RevisionDetail, settings: Settings, options: HandoutOptions): HandoutModel {
  const { result } = revision;
  const input = readInput(revision.input);
  const members = input?.members ?? [];
  const names = new Map(members.map((member) => [member.id, member.name]));
  const nameOf = (id: string | null): string => (id === null ? '全户' : (names.get(id) ?? id));
  const head = members.find((member) => member.relation === 'head') ?? members[0];
  const household = input?.household;
  const references = new ReferenceList(options.documents);

  const caveats = caveatsOf(result);
  const benefits: HandoutBenefit[] = benefitRows(result.benefits).map((row) => {
    const { first, benefits: group } = row;
    return {
      code: first.code,
      label: first.label,
      beneficiary: group.map((benefit) => nameOf(benefit.memberId)).join('、'),
      people: group.length,
      annual: printedAmount(first.annual),
      monthly: first.monthly === null ? null : printedAmount(first.monthly),
      sum: group.length > 1 ? printedAmount(row.sum) : null,
      rule: ruleSentence(first.code, first.steps),
      steps: first.steps,
      citations: references.cite(first.basis),
      payment: orBlank(first.payment),
      // results saved before 2026-12 have no delivery: the contract's, by code
      delivery: deliveryOf(first),
      caveats: benefitCaveats(first, caveats),
    };
  });

  const apply: ApplyItem[] = result.screening.items
    .filter((item) => item.action !== 'info')
    .map((item) => ({
      label: item.label,
      beneficiary: nameOf(item.memberId),
      action: ACTION_LABELS[item.action],
      reason: orBlank(item.reason),
      where: orBlank(item.where),
      estimate: item.annual === null ? null : printedAmount(item.annual),
      citations: references.cite(item.basis),
    }));

  const lines = cardLines(result, caveats);
  const totals = resultTotals(result);
  const cash = cashByMonth(result.benefits);
  const officePhone = orBlank(settings.officePhone);
  const status = household?.status;
  return {
    header: {
      officeName: orBlank(settings.officeName),
      policyYear: `${yearOf(result.policy.asOf)}年度`,
      asOf: formatChineseDate(result.policy.asOf),
      printedOn: formatChineseDate(options.printedOn),
      caseNo: revision.caseNo,
      revision: revision.revision,
      savedAt: revision.savedAt.slice(0, 16).replace('T', ' '),
      pack: `${revision.packId} ${revision.packVersion}`,
      qrText: handoutQrText(revision.caseNo, revision.revision),
    },
    household: {
      headName: orBlank(head?.name),
      status: status ? STATUS_LABELS[status] : BLANK,
      statusShort: status ? STATUS_SHORT[status] : BLANK,
      area: household ? AREA_LABELS[household.area] : BLANK,
      address: joinAddress([household?.township, household?.village, household?.address]),
      place: joinAddress([household?.township, household?.village]),
      phone: orBlank(household?.phone),
      size: members.length,
    },
    members: members.map((member) => ({
      id: member.id,
      name: member.name,
      relation: member.relation ? RELATION_LABELS[member.relation] : BLANK,
      maskedId: member.idNumber ? maskIdNumber(member.idNumber) : BLANK,
      status: statusLabels(member.status, household?.status),
      notes: memberNotes(member),
    })),
    benefits,
    total: printedAmount(totals.annual),
    split: Object.fromEntries(DELIVERIES.map((delivery) => [delivery, printedAmount(totals[delivery])])) as Record<Delivery, PrintedAmount>,
    cashMonthly: printedAmount(cash.monthly),
    cashOtherYearly: printedAmount(cash.otherYearly),
    caveats: { carriedOver: caveats.carriedOver.length, unverified: caveats.unverified.length, text: caveatText(caveats.carriedOver.length, caveats.unverified.length) },
    guidance: guidanceLines(result, options.guidance ?? null, nameOf, officePhone),
    medical: medicalMembers(result, nameOf),
    apply,
    references: references.list(),
    card: { lines, density: cardDensity(lines.length) },
    notes: noteLines(result.warnings),
    footer: {
      operatorName: orBlank(settings.operatorName || revision.operator),
      officePhone: orBlank(settings.officePhone),
      hotline: orBlank(settings.supervisionHotline),
      prevail: PREVAIL_LINE,
    },
  };
}

/**
 * 带齐这些，去这里办: each benefit of the result, then each item to apply for or have assessed, with the
 * pack's office, phone and materials (the issuing office's phone where the pack has none). A pack without
 * guidance: the items to apply for keep the result's own `where`, the materials are to be asked there.
 */
function guidanceLines(result: CalcResult, guidance: RawGuidance | null, nameOf: (id: string | null) => string, officePhone: string): GuidanceLine[] {
  const entries: { code: string; label: string; ids: (string | null)[]; where: string | null }[] = [];
  const add = (code: string, label: string, id: string | null, where: string | null) => {
    const entry = entries.find((e) => e.code === code);
    if (entry) entry.ids.push(id);
    else entries.push({ code, label, ids: [id], where });
  };
  for (const benefit of result.benefits) add(benefit.code, benefit.label, benefit.memberId, null);
  for (const item of result.screening.items) if (item.action !== 'info') add(item.code, item.label, item.memberId, item.where);
  const found = new Map(guidanceList(guidance ? { guidance } : null, entries.map((e) => e.code)).map((g) => [g.code, g]));
  const whoOf = (ids: (string | null)[]) => {
    const names = [...new Set(ids.map(nameOf))];
    return names.includes('全户') ? ['全户'] : names;
  };
  const visits = visitsByOffice(entries.flatMap((e) => {
    const g = found.get(e.code);
    return g ? [{ guidance: g, label: e.label, who: whoOf(e.ids) }] : [];
  }));
  const lines: GuidanceLine[] = visits.map((v) => ({
    code: v.officeId,
    label: v.labels.join('、'),
    beneficiary: v.who.includes('全户') ? '全户' : v.who.join('、'),
    office: v.office,
    place: v.place,
    phone: v.phone || officePhone,
    materials: v.materials.join('；'),
    unverified: v.unverified,
  }));
  // a pack without guidance: the items to apply for, where the result says to go
  for (const entry of entries) {
    if (found.has(entry.code) || !entry.where) continue;
    lines.push({ code: entry.code, label: entry.label, beneficiary: whoOf(entry.ids).join('、'), office: entry.where, place: BLANK, phone: officePhone, materials: '请到办理地点咨询', unverified: true });
  }
  return lines;
}

/**
 * The notes printed under the amounts: a result lists each value carried over and each value 待核实 as
 * a warning of its own; on paper they are gathered into one line of each kind (issue 15 places them
 * beside the lines that use them), and every other note is printed as it is.
 */
export function noteLines(warnings: readonly ResultWarning[]): string[] {
  const carried = warnings.filter((w) => w.kind === 'carriedOver' && w.label);
  const unverified = warnings.filter((w) => w.kind === 'unverified' && w.label);
  const lines = warnings.filter((w) => !carried.includes(w) && !unverified.includes(w)).map((w) => w.message);
  if (carried.length > 0) {
    lines.push(`以下标准尚无本年度数值，沿用往年（请向县级主管部门核实）：${carried.map((w) => `${w.label} ${w.value ?? ''}（${w.year ?? ''}年）`).join('；')}`);
  }
  if (unverified.length > 0) {
    // each is marked （待核实） in the working of the item that uses it: a few are named, more are counted
    lines.push(
      unverified.length <= 3
        ? `以下数值待核实，以各部门正式核定为准：${unverified.map((w) => w.label).join('、')}`
        : `本单有 ${unverified.length} 项数值待核实（计算过程中标“待核实”的数值），以各部门正式核定为准`,
    );
  }
  return lines;
}

/** The QR code's text: enough to find the case and the revision again at any office. */
export function handoutQrText(caseNo: string, revision: number): string {
  return `惠民政策测算台 案卷编号:${caseNo} 版本:第${revision}版`;
}
