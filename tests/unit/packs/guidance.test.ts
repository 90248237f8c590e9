/**
 * 带齐这些，去这里办 as pack data (issue 15): the shipped pack has an office and materials for every
 * benefit and 还可申请 code; where a policy text says where to apply (utility.electricity: ny 18、国网
 * 南阳供电公司; 创业开业补贴: 002 第二部分 四、（二）5.② "可向当地人力资源社会保障部门申请"; 监测:
 * 农户自主申报) the place counts as stated, everything else is 待核实; a county edits them in a new
 * local pack (entries it enters count as confirmed); they are signed with the pack (a changed byte in a
 * phone number is refused); packs without guidance still load and edit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, signPack, verifySignedPack } from '../../../electron/services/packs/packSigning';
import { guidanceFor, guidanceList, guidanceUnverified } from '../../../shared/packs/guidance';
import { loadPack } from '../../../shared/packs/loadPack';
import { buildLocalPack } from '../../../shared/packs/packEdit';
import type { RawPack } from '../../../shared/packs/types';
import { BENEFIT_CODES } from '../../../shared/result/benefitCodes';
import { SCREENING_LABELS } from '../../../shared/rules/screeningItem';
import { BASE, dibaoDraft } from '../../support/packDrafts';

describe('the shipped guidance', () => {
  it('names an office and what to bring for every benefit and 还可申请 code', () => {
    const missing = [...Object.keys(BENEFIT_CODES), ...Object.keys(SCREENING_LABELS)].filter((code) => guidanceFor(BASE.guidance, code) === null);
    expect(missing).toEqual([]);
    for (const code of Object.keys(BENEFIT_CODES)) expect(guidanceFor(BASE.guidance, code)?.materials.length).toBeGreaterThan(0);
  });

  it('marks as stated only the places a policy text gives; materials and phones are 待核实 until the county confirms them', () => {
    const electricity = guidanceFor(BASE.guidance, 'utility.electricity');
    expect(electricity).toMatchObject({ office: '当地供电所', placeVerified: true, materialsVerified: false });
    expect(guidanceFor(BASE.guidance, 'employment.startupSubsidy')).toMatchObject({ office: '县人力资源和社会保障局', placeVerified: true });
    expect(guidanceFor(BASE.guidance, 'monitoring.apply')).toMatchObject({ office: '村委会', placeVerified: true });
    const dibao = guidanceFor(BASE.guidance, 'dibao.allowance');
    expect(dibao).toMatchObject({ office: '乡镇（街道）便民服务中心民政窗口', phone: '', placeVerified: false, phoneVerified: false, materialsVerified: false });
    expect(dibao && guidanceUnverified(dibao)).toBe(true);
  });

  it('lists each code once, in the order asked', () => {
    expect(guidanceList(BASE, ['dibao.allowance', 'medical.basic', 'dibao.allowance', 'no.such']).map((g) => g.code)).toEqual(['dibao.allowance', 'medical.basic']);
    expect(guidanceList(null, ['dibao.allowance'])).toEqual([]);
  });

  it('refuses an item whose office is not listed or whose clause is unknown', () => {
    const broken = JSON.parse(JSON.stringify(BASE)) as RawPack;
    (broken.guidance as NonNullable<RawPack['guidance']>).items['dibao.allowance'] = { office: 'nowhere', materials: ['户口簿'], cite: 'no.clause' };
    const loaded = loadPack(broken);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.errors.map((e) => e.path)).toEqual(['guidance.items.dibao.allowance.office', 'guidance.items.dibao.allowance.cite']);
  });
});

describe('editing guidance in a local pack', () => {
  const draft = {
    ...dibaoDraft(),
    changes: [],
    guidance: {
      offices: { civilAffairs: { name: '赵河镇便民服务中心民政窗口', place: '赵河镇人民路18号便民服务中心一楼', phone: '0377-65123456' } },
      items: { 'dibao.allowance': { office: 'civilAffairs', materials: ['户口簿', ' 身份证 ', ''] } },
    },
  };

  it('takes the county\'s office and materials as confirmed, keeping the rest as shipped', () => {
    const built = buildLocalPack(BASE, draft);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(loadPack(built.value).ok).toBe(true);
    expect(guidanceFor(built.value.guidance, 'dibao.allowance')).toMatchObject({
      office: '赵河镇便民服务中心民政窗口',
      phone: '0377-65123456',
      materials: ['户口簿', '身份证'],
      placeVerified: true,
      phoneVerified: true,
      materialsVerified: true,
    });
    // another item at the same office shows the new phone; its materials stay 待核实
    expect(guidanceFor(built.value.guidance, 'dibao.apply')).toMatchObject({ phone: '0377-65123456', materialsVerified: false });
    expect(guidanceFor(built.value.guidance, 'medical.basic')).toEqual(guidanceFor(BASE.guidance, 'medical.basic'));
  });

  it('names the field of each mistake', () => {
    const bad = buildLocalPack(BASE, { ...draft, guidance: { offices: { '1x': { name: '', place: '', phone: '' } }, items: { 'dibao.apply': { office: 'nowhere', materials: [' '] } } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.path)).toEqual(['guidance.offices.1x', 'guidance.offices.1x.name', 'guidance.items.dibao.apply.office', 'guidance.items.dibao.apply.materials']);
  });

  it('signs the guidance with the pack: a changed digit of a phone number is refused', () => {
    const built = buildLocalPack(BASE, draft);
    if (!built.ok) throw new Error('draft');
    const county = generateSigningKeyPair();
    const signed = signPack(built.value, county.privateKeyPem, '2026-12-20T08:00:00.000Z');
    if (!signed.ok) throw new Error('sign');
    const keys = [{ name: '县民政局', publicKey: county.publicKey, fingerprint: county.fingerprint }];
    const good = verifySignedPack(Buffer.from(signed.value.text, 'utf8'), keys);
    expect(good.ok && guidanceFor(good.value.pack.guidance, 'dibao.allowance')?.phone).toBe('0377-65123456');
    const tampered = Buffer.from(signed.value.text.replace('0377-65123456', '0377-65123457'), 'utf8');
    expect(verifySignedPack(tampered, keys).ok).toBe(false);
  });

  it('loads and edits an old-format pack without guidance; guidance added to it is the county\'s own', () => {
    const old = (JSON.parse(readFileSync(join(__dirname, '../../fixtures/packs/local-pack-2026.1.json'), 'utf8')) as { pack: RawPack }).pack;
    expect(old.guidance).toBeUndefined();
    expect(loadPack(old).ok).toBe(true);
    const plain = buildLocalPack(old, { ...dibaoDraft({ version: '2027.9' }) });
    expect(plain.ok && plain.value.guidance).toBeUndefined();
    const added = buildLocalPack(old, { ...draft, version: '2027.8' });
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    expect(Object.keys(added.value.guidance?.items ?? {})).toEqual(['dibao.allowance']);
  });
});
