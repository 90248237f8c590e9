/**
 * Packs saved before 2026-12 keep working: a county's local pack in the old format (each value citing its
 * document and clause in place, no clauses file, no bands, minimumWage as one value, no deliveries) loads
 * from an office's data folder, signs and verifies, serves as the base of a new local pack, and computes:
 * the benefits it has parameters for as before, each new one reported as not computed (never guessed),
 * deliveries from the contract.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalPacks } from '../../../electron/services/packs/localPacks';
import { generateSigningKeyPair, signPack, verifySignedPack } from '../../../electron/services/packs/packSigning';
import { calculate } from '../../../shared/calculate';
import { loadPack, type Pack } from '../../../shared/packs/loadPack';
import { buildLocalPack } from '../../../shared/packs/packEdit';
import type { RawPack } from '../../../shared/packs/types';
import type { CalcResult } from '../../../shared/result/types';

const FIXTURE = join(__dirname, '../../fixtures/packs/local-pack-2026.1.json');
const oldFile = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { pack: RawPack };

function loaded(raw: RawPack): Pack {
  const result = loadPack(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function compute(pack: Pack, input: unknown): CalcResult {
  const result = calculate(input, { pack, today: '2026-12-01' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const family = {
  asOf: '2026-06-01',
  household: { area: 'rural', status: 'tekun' },
  members: [
    { id: 'g', name: '王奶奶', birthDate: '1950-02-01', tekunCare: 'full', pension: { insured: true, receiving: true }, medical: { inpatient: [{ total: 140000, policyScope: 140000, basicPaid: 20000 }] } },
    { id: 'b', name: '宝宝', birthDate: '2025-03-01' },
  ],
};

describe('a local pack saved before 2026-12', () => {
  it('is in the old format (the fixture is what the app saved then)', () => {
    expect(oldFile.pack.clauses).toBeUndefined();
    expect(oldFile.pack.parameters['minimumWage']?.values[1]).toMatchObject({ value: '2000', doc: 'ny-local-default' });
  });

  it('loads from an office\'s data folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'huimin-oldpack-'));
    mkdirSync(join(folder, 'local'), { recursive: true });
    copyFileSync(FIXTURE, join(folder, 'local', 'henan-nanyang@2026.1-county.json'));
    const { packs, problems } = new LocalPacks(folder).list();
    expect(problems).toEqual([]);
    expect(packs.map((p) => p.pack.version)).toEqual(['2026.1-county']);
  });

  it('computes what it has parameters for, says which rules it cannot compute, and splits the totals by the contract', () => {
    const result = compute(loaded(oldFile.pack), family);
    // its own values: 特困 care at its 2022 wage 2000 × 1/3 = 666.67; 大病保险 by the ratio rule it has:
    // 起付线 31552 × 50% × 0.5 (tilt) = 7888, (120000 − 7888) × 65% = 72872.80
    expect(result.benefits.find((b) => b.code === 'tekun.care')?.monthly).toBe('666.67');
    expect(result.medical.g?.critical).toBe('72872.80');
    expect(result.benefits.map((b) => b.code)).not.toContain('pension.basic');
    expect(result.benefits.map((b) => b.code)).not.toContain('childcare.subsidy');
    const notComputed = result.warnings.filter((w) => w.kind === 'notComputed');
    expect(notComputed.map((w) => w.key)).toEqual(['pension.basicMinimum', 'childcare.monthly']);
    expect(notComputed[0]?.message).toBe(
      '「城乡居民基础养老金」未能测算：所用政策参数包（河南省·南阳市 惠民政策参数包 2026.1-county）编制较早，没有这项政策的参数，请改用新版参数包或以新版为底稿重新编制',
    );
    expect(result.benefits.find((b) => b.code === 'medical.critical')?.delivery).toBe('settlement');
    const { cash, settlement, waiver, oneOff, annual } = result.totals;
    expect([cash, settlement, waiver, oneOff].reduce((sum, v) => sum + Math.round(Number(v) * 100), 0)).toBe(Math.round(Number(annual) * 100));
  });

  it('signs and verifies as it is, and a new local pack can be built on it', () => {
    const key = generateSigningKeyPair();
    const signed = signPack(oldFile.pack, key.privateKeyPem, '2026-12-02T08:00:00.000Z');
    if (!signed.ok) throw new Error('not signed');
    const verified = verifySignedPack(Buffer.from(signed.value.text, 'utf8'), [{ name: '县医保局', publicKey: key.publicKey, fingerprint: key.fingerprint }]);
    expect(verified.ok && loadPack(verified.value.pack).ok).toBe(true);

    const built = buildLocalPack(oldFile.pack, {
      version: '2027.1',
      effectiveFrom: '2027-01-01',
      publishedAt: '2026-12-20',
      changes: [{ key: 'minimumWage', value: '2150', doc: 'ny-local-default', clause: '2025年12月1日起二类行政区域月最低工资标准' }],
    });
    expect(built.ok).toBe(true);
    if (built.ok) expect(compute(loaded(built.value), { ...family, asOf: '2027-03-01' }).benefits.find((b) => b.code === 'tekun.care')?.monthly).toBe('716.67');
  });
});
