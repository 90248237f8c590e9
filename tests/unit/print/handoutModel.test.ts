/**
 * The handout model over real results (the shipped pack): what the 明白纸 and 明白卡 print is the
 * result's, masked, cited, with blanks as "--". Expected values are read from the result or the
 * input here, never typed in.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACKS } from '../../../seeds';
import type { RevisionDetail, Settings } from '../../../shared/api/contract';
import { Decimal, formatYuan, toChineseCapital, toFen } from '../../../shared/money';
import { buildHandout, handoutQrText, PREVAIL_LINE } from '../../../shared/print/handoutModel';
import { compute } from '../../support/calc';
import { LARGE_HOUSEHOLD, NOTHING_HOUSEHOLD, SMALL_HOUSEHOLD } from '../../support/printHouseholds';
import { OFFICE_SETTINGS } from '../../support/officeSettings';

const SETTINGS = OFFICE_SETTINGS;
const documents = SHIPPED_PACKS[0]?.documents ?? {};

function revisionOf(input: unknown, revision = 1): RevisionDetail {
  return {
    caseNo: '2026-000042', revision, kind: 'save', savedAt: '2026-11-23T09:30:00+08:00', operator: '王经办',
    packId: 'henan-nanyang', packVersion: '2026.2', reason: null, totalAnnual: '0', input, result: compute(input),
  };
}

const build = (input: unknown, settings: Settings = SETTINGS) => buildHandout(revisionOf(input), settings, { documents, printedOn: '2026-11-23' });

describe('buildHandout', () => {
  it('masks every ID number (first 6, last 4) and prints no full number anywhere', () => {
    const model = build(LARGE_HOUSEHOLD);
    expect(model.members[0]?.maskedId).toBe('411323********1238');
    expect(JSON.stringify(model)).not.toContain('411323196505011238');
    // members typed with a birth date only have no number: a blank, never empty
    expect(model.members[1]?.maskedId).toBe('--');
  });

  it('prints each benefit of the result with its amount in figures and capitals, and monthly where paid monthly', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const names = new Map(LARGE_HOUSEHOLD.members.map((m) => [m.id, m.name]));
    for (const benefit of revision.result.benefits) {
      const printed = model.benefits.find((b) => b.code === benefit.code && b.beneficiary.split('、').includes(names.get(benefit.memberId ?? '') ?? '全户'));
      expect(printed?.annual.figures).toBe(formatYuan(benefit.annual));
      expect(printed?.annual.capital).toBe(toChineseCapital(benefit.annual));
      expect(printed?.monthly?.fen ?? null).toBe(benefit.monthly);
      expect(printed?.rule).not.toBe('');
      expect(printed?.citations.length).toBeGreaterThan(0);
    }
    // every benefit printed once: the rows' people add up to the result's benefits
    expect(model.benefits.reduce((n, b) => n + b.people, 0)).toBe(revision.result.benefits.length);
    expect(model.benefits.some((b) => b.monthly !== null)).toBe(true);
    expect(model.total.fen).toBe(revision.result.totals.annual);
  });

  it('gives members with the same benefit, amount and working one row, with each one\'s amount and the sum', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const subsidies = revision.result.benefits.filter((b) => b.code === 'medical.premiumSubsidy');
    const row = model.benefits.filter((b) => b.code === 'medical.premiumSubsidy');
    expect(row).toHaveLength(1);
    expect(row[0]?.people).toBe(subsidies.length);
    expect(row[0]?.beneficiary.split('、')).toHaveLength(8);
    expect(row[0]?.sum?.fen).toBe(toFen(subsidies.reduce((acc, b) => acc.plus(b.annual), new Decimal(0))));
    // different bills: different rows
    expect(model.benefits.filter((b) => b.code === 'medical.basic')).toHaveLength(2);
  });

  it('names who gets each benefit (全户 for the household)', () => {
    const model = build(LARGE_HOUSEHOLD);
    const names = new Set(LARGE_HOUSEHOLD.members.map((m) => m.name));
    for (const benefit of model.benefits) for (const name of benefit.beneficiary.split('、')) expect(name === '全户' || names.has(name)).toBe(true);
    expect(model.benefits.find((b) => b.code === 'dibao.allowance')?.beneficiary).toBe('全户');
  });

  it('cites each document once in the reference list, each item pointing at it with its clause', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const cited = new Set(revision.result.benefits.flatMap((b) => b.basis.map((basis) => basis.doc)));
    for (const doc of cited) expect(model.references.filter((r) => r.doc === doc)).toHaveLength(1);
    expect(model.references.map((r) => r.ref)).toEqual(model.references.map((_, i) => i + 1));
    const dibao = revision.result.benefits.find((b) => b.code === 'dibao.allowance');
    const printed = model.benefits.find((b) => b.code === 'dibao.allowance');
    for (const basis of dibao?.basis ?? []) {
      const ref = model.references.find((r) => r.doc === basis.doc)?.ref;
      expect(printed?.citations).toContainEqual(expect.objectContaining({ ref, clause: basis.clause }));
    }
    // the pack knows the issuer of its documents
    expect(model.references.some((r) => r.issuedBy !== '')).toBe(true);
  });

  it('gives each member with bills a breakdown row per bill and a total, from the result', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    expect(model.medical.map((m) => m.name)).toEqual(['欧阳建国', '李秀英']);
    const m1 = revision.result.medical.m1;
    expect(model.medical[0]?.items).toHaveLength(m1?.items.length ?? -1);
    expect(model.medical[0]?.total.assistance).toBe(m1?.assistance);
    expect(model.medical[0]?.total.selfPay).toBe(m1?.selfPay);
  });

  it('lists what still needs an application and where, with the estimate in figures and capitals', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const expected = revision.result.screening.items.filter((item) => item.action !== 'info');
    expect(model.apply.map((a) => a.label)).toEqual(expected.map((item) => item.label));
    for (const [index, item] of expected.entries()) {
      expect(model.apply[index]?.where).toBe(item.where);
      expect(model.apply[index]?.estimate?.capital ?? null).toBe(item.annual === null ? null : toChineseCapital(item.annual));
    }
  });

  it('sums each benefit over its members for the card, exactly, and the lines add up to the total', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const codes = [...new Set(revision.result.benefits.map((b) => b.code))];
    expect(model.card.lines.map((line) => line.code)).toEqual(codes);
    for (const line of model.card.lines) {
      const of = revision.result.benefits.filter((b) => b.code === line.code);
      expect(line.annual.fen).toBe(toFen(of.reduce((acc, b) => acc.plus(b.annual), new Decimal(0))));
      expect(line.people).toBe(new Set(of.map((b) => b.memberId).filter((id) => id !== null)).size);
    }
    const sum = model.card.lines.reduce((acc, line) => acc.plus(line.annual.fen), new Decimal(0));
    expect(toFen(sum)).toBe(revision.result.totals.annual);
    expect(model.card.density).toBe('dense');
    expect(model.card.lines.every((line) => line.label.length <= 9)).toBe(true);
  });

  it('prints the header, policy year, QR text, signatures and the official-documents line', () => {
    const model = build(SMALL_HOUSEHOLD);
    expect(model.header).toMatchObject({ officeName: SETTINGS.officeName, policyYear: '2024年度', caseNo: '2026-000042', revision: 1, printedOn: '2026年11月23日' });
    expect(model.header.qrText).toBe(handoutQrText('2026-000042', 1));
    expect(model.header.qrText).toContain('2026-000042');
    expect(model.household).toMatchObject({ headName: '张三', statusShort: '脱贫户', size: 3, address: '赵河镇王庄村三组', place: '赵河镇王庄村', phone: '13700001234' });
    expect(model.footer).toEqual({ operatorName: '李经办', officePhone: '0377-65000000', hotline: '12345', prevail: PREVAIL_LINE });
    expect(PREVAIL_LINE).toContain('以各部门正式下发文件为准');
  });

  it('prints blanks as "--": no address, no phone, no office details', () => {
    const model = build(NOTHING_HOUSEHOLD, { ...SETTINGS, officeName: '', officePhone: ' ', supervisionHotline: '', operatorName: '' });
    expect(model.household.address).toBe('--');
    expect(model.household.phone).toBe('--');
    expect(model.header.officeName).toBe('--');
    expect(model.footer.officePhone).toBe('--');
    expect(model.footer.hotline).toBe('--');
    // no operator in the settings: the one who saved the revision
    expect(model.footer.operatorName).toBe('王经办');
    expect(model.members[0]?.notes).toBe('--');
  });

  it('has nothing to list for a household with nothing to receive, and a total of zero', () => {
    const model = build(NOTHING_HOUSEHOLD);
    expect(model.benefits).toEqual([]);
    expect(model.card.lines).toEqual([]);
    expect(model.total).toEqual({ fen: '0.00', figures: '0.00 元', plain: '0.00', capital: '零元整' });
    expect(model.card.density).toBe('normal');
  });
});

describe('the split by how money reaches the family (calc-contract.md "Output"; handouts.md "What a family reads first")', () => {
  it('prints 到手现金, 医院直接结算, 减免 and 一次性补助, which add up to the 各项合计', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const { totals } = revision.result;
    expect(model.split.cash).toEqual({ fen: totals.cash, figures: formatYuan(totals.cash), plain: formatYuan(totals.cash, ''), capital: toChineseCapital(totals.cash) });
    expect(model.split.settlement.fen).toBe(totals.settlement);
    const sum = (['cash', 'settlement', 'waiver', 'oneOff'] as const).reduce((acc, d) => acc.plus(model.split[d].fen), new Decimal(0));
    expect(toFen(sum)).toBe(model.total.fen);
    // this household has hospital bills: the settled part is not money in hand
    expect(new Decimal(totals.settlement).isZero()).toBe(false);
    expect(model.benefits.filter((b) => b.code.startsWith('medical.') && b.code !== 'medical.premiumSubsidy').every((b) => b.delivery === 'settlement')).toBe(true);
  });

  it('a revision saved before 2026-12 (no delivery, no split in its totals) still prints the split, from the benefit codes', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const fresh = revision.result;
    const old = {
      ...fresh,
      benefits: fresh.benefits.map(({ delivery: _delivery, ...benefit }) => benefit),
      totals: { annual: fresh.totals.annual, byGroup: fresh.totals.byGroup },
    } as unknown as typeof fresh;
    const model = buildHandout({ ...revision, result: old }, SETTINGS, { documents, printedOn: '2026-11-23' });
    for (const d of ['cash', 'settlement', 'waiver', 'oneOff'] as const) expect(model.split[d].fen).toBe(fresh.totals[d]);
    expect(model.benefits.map((b) => b.delivery)).toEqual(buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' }).benefits.map((b) => b.delivery));
  });
});

describe('notes on paper', () => {
  it('gathers the values carried over and the values 待核实 into one line each, naming every one', () => {
    const revision = revisionOf({ ...SMALL_HOUSEHOLD, asOf: '2026-06-01' });
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const carried = revision.result.warnings.filter((w) => w.kind === 'carriedOver');
    const unverified = revision.result.warnings.filter((w) => w.kind === 'unverified');
    expect(carried.length).toBeGreaterThan(0);
    expect(unverified.length).toBeGreaterThan(1);
    const carriedLine = model.notes.find((n) => n.startsWith('以下标准尚无本年度数值，沿用往年'));
    for (const w of carried) expect(carriedLine).toContain(`${w.label} ${w.value}（${w.year}年）`);
    // more than three 待核实 values are counted (each is marked in the working of its item)
    expect(model.notes).toContain(`本单有 ${unverified.length} 项数值待核实（计算过程中标“待核实”的数值），以各部门正式核定为准`);
    for (const benefit of model.benefits) {
      // printed as （待核实） after the clause it cites
      const marked = benefit.steps.some((step) => step.includes('待核实')) || benefit.citations.some((c) => !c.verified);
      const usesUnverified = revision.result.benefits.some((b) => b.code === benefit.code && b.basis.some((basis) => !basis.verified));
      if (usesUnverified) expect(marked, benefit.code).toBe(true);
    }
    expect(model.notes).toHaveLength(revision.result.warnings.length - carried.length - unverified.length + 2);
  });
});

describe('what a family reads first (issue 15)', () => {
  it('gives every member the household\'s 身份 with its own, never "--" in a 低保 household', () => {
    const model = build(LARGE_HOUSEHOLD);
    for (const member of model.members) expect(member.status).toContain('低保');
    const small = build({ ...SMALL_HOUSEHOLD, household: { ...SMALL_HOUSEHOLD.household, status: 'dibao' } });
    expect(small.members.map((m) => m.status)).toEqual(['低保、脱贫户', '低保、脱贫户', '低保、脱贫户']);
  });

  it('gives 到手现金 by the month: the monthly cash benefits, and the cash paid by term apart', () => {
    const revision = revisionOf(SMALL_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23' });
    const cash = revision.result.benefits.filter((b) => b.delivery === 'cash');
    const monthly = cash.filter((b) => b.monthly !== null).reduce((sum, b) => sum.plus(b.monthly as string), new Decimal(0));
    const yearly = cash.filter((b) => b.monthly === null).reduce((sum, b) => sum.plus(b.annual), new Decimal(0));
    expect(model.cashMonthly.fen).toBe(toFen(monthly));
    expect(model.cashOtherYearly.fen).toBe(toFen(yearly));
    expect(monthly.isZero()).toBe(false);
  });

  it('says where to go once per office, with everything to bring and the office phone where the pack has none', () => {
    const revision = revisionOf(LARGE_HOUSEHOLD);
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-11-23', guidance: SHIPPED_PACKS[0]?.guidance ?? null });
    const hospital = model.guidance.find((g) => g.code === 'hospital');
    expect(hospital?.label).toBe('基本医保报销、大病保险报销、医疗救助');
    expect(hospital?.phone).toBe('0377-65000000');
    expect(hospital?.unverified).toBe(true);
    expect(new Set(model.guidance.map((g) => g.office)).size).toBe(model.guidance.length);
    // without the pack's guidance the items to apply for keep the result's own office
    const bare = build(LARGE_HOUSEHOLD);
    expect(bare.guidance.length).toBe(revision.result.screening.items.filter((i) => i.action !== 'info').length);
  });

  it('counts the values 沿用往年 and 待核实 and marks the lines and card lines that use them', () => {
    const revision = revisionOf({ ...LARGE_HOUSEHOLD, asOf: '2026-12-01' });
    const model = buildHandout(revision, SETTINGS, { documents, printedOn: '2026-12-01' });
    const carried = revision.result.warnings.filter((w) => w.kind === 'carriedOver').length;
    const unverified = revision.result.warnings.filter((w) => w.kind === 'unverified').length;
    expect(carried).toBeGreaterThan(0);
    expect(model.caveats).toEqual({ carriedOver: carried, unverified, text: `本单有${carried} 项数值沿用往年、${unverified} 项数值待核实，标※的项目以各部门正式核定为准` });
    // 低保金 uses the carried-over 低保标准 (2021's 440 元)
    expect(model.benefits.find((b) => b.code === 'dibao.allowance')?.caveats).toContain('carriedOver');
    expect(model.card.lines.find((l) => l.code === 'dibao.allowance')?.caveat).toBe(true);
    expect(model.card.lines.find((l) => l.code === 'disability.living')?.caveat).toBe(false);
  });
});
