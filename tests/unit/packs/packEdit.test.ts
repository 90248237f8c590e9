/** A new year's pack: dated values at the effective date's boundary, validation, sources, the diff. */
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../shared/calculate';
import { valueAt } from '../../../shared/packs/loadPack';
import { diffPacks } from '../../../shared/packs/packDiff';
import { buildLocalPack } from '../../../shared/packs/packEdit';
import { pack as shipped } from '../../support/calc';
import { BASE, builtPack, dibaoDraft } from '../../support/packDrafts';

const dibaoHousehold = (asOf: string) => ({
  asOf,
  household: { area: 'rural', status: 'dibao', monthlyIncome: 100 },
  members: [
    { id: 'm1', name: '王大', birthDate: '1960-02-01' },
    { id: 'm2', name: '王二', birthDate: '1990-07-09' },
  ],
});

function amounts(input: unknown, options: Parameters<typeof calculate>[1]) {
  const result = calculate(input, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { benefits: result.value.benefits.map((b) => [b.code, b.memberId, b.annual, b.monthly]), total: result.value.totals.annual };
}

describe('a new value from the effective date', () => {
  const { raw, pack } = builtPack(dibaoDraft({ from: '2027-01-01', rural: '480' }));
  const before = valueAt(shipped.parameters.get('dibao.standard.rural')!, '2026-12-31')!;

  it.each([
    ['2026-12-31', 'old'],
    ['2027-01-01', 'new'],
    ['2027-01-02', 'new'],
  ])('on %s the %s value is in force, with its own source', (date, which) => {
    const value = valueAt(pack.parameters.get('dibao.standard.rural')!, date)!;
    if (which === 'old') {
      expect(value.quantity?.text).toBe(before.quantity?.text);
      expect(value.basis).toEqual(before.basis);
    } else {
      expect(value.quantity?.text).toBe('480');
      expect(value.from).toBe('2027-01-01');
      expect(value.basis.doc).toContain('宛民〔2026〕99号');
      expect(value.basis.clause).toBe('第一条');
    }
  });

  it('computes like the old pack the day before, like an override of 480 on the day and after', () => {
    expect(amounts(dibaoHousehold('2026-12-31'), { pack, today: '2026-12-31' })).toEqual(amounts(dibaoHousehold('2026-12-31'), { pack: shipped, today: '2026-12-31' }));
    for (const day of ['2027-01-01', '2027-01-02']) {
      const mine = amounts(dibaoHousehold(day), { pack, today: day });
      expect(mine).toEqual(amounts(dibaoHousehold(day), { pack: shipped, today: day, overrides: { 'dibao.standard.rural': '480' } }));
      expect(mine).not.toEqual(amounts(dibaoHousehold(day), { pack: shipped, today: day }));
    }
  });

  it('keeps the history: every earlier dated value is still there, and records what it was based on', () => {
    for (const [key, parameter] of Object.entries(BASE.parameters)) {
      for (const value of parameter.values) expect(raw.parameters[key]?.values).toContainEqual(value);
    }
    expect(raw.basedOn).toEqual({ id: BASE.id, version: BASE.version });
    expect(raw.id).toBe(BASE.id);
    expect(BASE.parameters['dibao.standard.rural']?.values.some((v) => v.from === '2027-01-01')).toBe(false);
  });

  it('carries the 名册用语 of the pack it was made from', () => {
    expect(raw.rosterWords).toEqual(BASE.rosterWords);
    expect(raw.rosterWords?.status['脱贫不稳定户']).toMatchObject({ status: 'monitored', formerlyRegisteredPoor: true });
  });
});

describe('refused drafts name the field', () => {
  const paths = (draft: ReturnType<typeof dibaoDraft>) => {
    const built = buildLocalPack(BASE, draft);
    expect(built.ok).toBe(false);
    return built.ok ? [] : built.errors.map((e) => e.path);
  };

  it('a changed value without a source (document or clause) is refused', () => {
    const noClause = dibaoDraft();
    noClause.changes[0]!.clause = ' ';
    expect(paths(noClause)).toContain('changes[0].clause');
    const noDoc = dibaoDraft();
    noDoc.changes[0]!.doc = '';
    expect(paths(noDoc)).toContain('changes[0].doc');
    const unknownDoc = dibaoDraft();
    unknownDoc.changes[0]!.doc = 'no-such-doc';
    expect(paths(unknownDoc)).toContain('changes[0].doc');
  });

  it.each([
    ['dibao.standard.rural', 'abc'],
    ['dibao.standard.rural', '-5'],
    ['dibao.standard.rural', '480.123'],
    ['dibao.employmentCostRatio', '30'],
    ['dibao.taperMonths', '2.5'],
  ])('%s = %s is refused with the reason', (key, value) => {
    const draft = dibaoDraft();
    draft.changes = [{ key, value, doc: 'ny-2027-dibao', clause: '第一条' }];
    const built = buildLocalPack(BASE, draft);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.errors[0]?.path).toBe('changes[0].value');
      expect(built.errors[0]?.message).toContain(BASE.parameters[key]?.label);
    }
  });

  it('the same version, a bad date, an unknown key, a value equal to the one in force, no change at all', () => {
    expect(paths(dibaoDraft({ version: BASE.version }))).toContain('version');
    expect(paths(dibaoDraft({ version: '../evil' }))).toContain('version');
    expect(paths(dibaoDraft({ from: '2027-02-30' }))).toContain('effectiveFrom');
    expect(paths(dibaoDraft({ from: '2020-01-01' }))).toContain('effectiveFrom');
    const unknown = dibaoDraft();
    unknown.changes[0]!.key = 'dibao.nonsense';
    expect(paths(unknown)).toContain('changes[0].key');
    const current = valueAt(shipped.parameters.get('dibao.standard.rural')!, '2027-01-01')!.quantity!.text;
    expect(paths(dibaoDraft({ rural: current }))).toContain('changes[0].value');
    const none = dibaoDraft();
    none.changes = [];
    expect(paths(none)).toContain('changes');
  });
});

describe('diffPacks', () => {
  it('lists exactly the changed parameters, with the value in force before and after', () => {
    const { raw } = builtPack(dibaoDraft({ rural: '480', urban: '700' }));
    const diff = diffPacks(BASE, raw, '2027-01-01');
    expect(diff.parameters.map((p) => p.key)).toEqual(['dibao.standard.rural', 'dibao.standard.urban']);
    const rural = diff.parameters[0]!;
    expect(rural.kind).toBe('changed');
    expect(rural.before).toBe(valueAt(shipped.parameters.get('dibao.standard.rural')!, '2027-01-01')!.quantity!.text);
    expect(rural.after).toBe('480');
    expect(rural.added).toHaveLength(1);
    expect(rural.removed).toHaveLength(0);
    expect(diff.documentsAdded).toEqual(['ny-2027-dibao']);
    expect(diffPacks(BASE, BASE, '2027-01-01').parameters).toEqual([]);
  });
});
