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
import type { PolicyDocument } from '../packs/types';
import { DELIVERIES, deliveryOf, type Delivery } from '../result/delivery';
import { resultTotals } from '../result/totals';
import type { BenefitResult, CalcResult, ResultWarning, ScreeningItem } from '../result/types';
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
}

const ACTION_LABELS: Record<ScreeningItem['action'], string> = { apply: '需本人申请', assess: '需评定认定', info: '须知' };

/** The input saved with the revision, read again; null when it no longer reads (then names print as "--"). */
function readInput(input: unknown): ParsedCase | null {
  const parsed = caseInputSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

function statusLabels(status: ParsedMember['status']): string {
  if (status === undefined) return BLANK;
  const list = Array.isArray(status) ? status : [status];
  return list.length === 0 ? BLANK : list.map((code) => STATUS_SHORT[code]).join('、');
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

/**
 * Members who get the same benefit with the same amount worked out the same way (居民医保参保资助 for
 * all 8, say) share one row of the 明白纸, at the place of the first; everything else keeps its row.
 */
function sameBenefitGroups(benefits: readonly BenefitResult[]): BenefitResult[][] {
  const groups = new Map<string, BenefitResult[]>();
  for (const benefit of benefits) {
    const key = benefit.memberId === null
      ? `household|${groups.size}`
      : JSON.stringify([benefit.code, benefit.annual, benefit.monthly, benefit.steps, benefit.basis.map((b) => [b.doc, b.clause])]);
    const group = groups.get(key);
    if (group) group.push(benefit);
    else groups.set(key, [benefit]);
  }
  return [...groups.values()];
}

/** The card's lines: one per benefit, summed over the members who get it, in the result's order. */
function cardLines(benefits: readonly BenefitResult[]): CardLine[] {
  const byCode = new Map<string, { label: string; members: Set<string>; sum: Decimal }>();
  for (const benefit of benefits) {
    const line = byCode.get(benefit.code) ?? { label: cardLabel(benefit.code, benefit.label), members: new Set<string>(), sum: new Decimal(0) };
    if (benefit.memberId !== null) line.members.add(benefit.memberId);
    line.sum = line.sum.plus(new Decimal(benefit.annual));
    byCode.set(benefit.code, line);
  }
  return [...byCode.entries()].map(([code, line]) => ({ code, label: line.label, people: line.members.size, annual: printedAmount(toFen(line.sum)) }));
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

  const benefits: HandoutBenefit[] = sameBenefitGroups(result.benefits).map((group) => {
    const [first] = group as [BenefitResult, ...BenefitResult[]];
    const sum = group.reduce((acc, benefit) => acc.plus(new Decimal(benefit.annual)), new Decimal(0));
    return {
      code: first.code,
      label: first.label,
      beneficiary: group.map((benefit) => nameOf(benefit.memberId)).join('、'),
      people: group.length,
      annual: printedAmount(first.annual),
      monthly: first.monthly === null ? null : printedAmount(first.monthly),
      sum: group.length > 1 ? printedAmount(toFen(sum)) : null,
      rule: ruleSentence(first.code, first.steps),
      steps: first.steps,
      citations: references.cite(first.basis),
      payment: orBlank(first.payment),
      // results saved before 2026-12 have no delivery: the contract's, by code
      delivery: deliveryOf(first),
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

  const lines = cardLines(result.benefits);
  const totals = resultTotals(result);
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
      status: statusLabels(member.status),
      notes: memberNotes(member),
    })),
    benefits,
    total: printedAmount(totals.annual),
    split: Object.fromEntries(DELIVERIES.map((delivery) => [delivery, printedAmount(totals[delivery])])) as Record<Delivery, PrintedAmount>,
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
