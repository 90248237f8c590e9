/**
 * The case store behind the API: every cases.*, print.record, settings.* and backup.* call goes through
 * the one handler table (dispatch), exactly as the Electron IPC and the web host call it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch, type HandlerTable } from '../../electron/handlers';
import { createServices, type Services } from '../../electron/services';
import type { ApiInput, ApiOutput } from '../../shared/api/contract';
import type { Channel } from '../../shared/api/channels';
import type { AppError, Result } from '../../shared/errors';

let services: Services;
let table: HandlerTable;

async function call<C extends Channel>(channel: C, input: ApiInput<C>): Promise<ApiOutput<C>> {
  const result = await dispatch(table, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.errors)}`);
  return result.value as ApiOutput<C>;
}

/** A call on another table (a second data folder). */
async function callOn<C extends Channel>(other: HandlerTable, channel: C, input: ApiInput<C>): Promise<Result<ApiOutput<C>>> {
  return (await dispatch(other, channel, input)) as Result<ApiOutput<C>>;
}

async function refused<C extends Channel>(channel: C, input: ApiInput<C>): Promise<AppError[]> {
  const result = await dispatch(table, channel, input);
  if (result.ok) throw new Error(`${channel} should have been refused`);
  return result.errors;
}

/**
 * The contract's worked example: rural 低保 张三, one county stay of 110000 (政策范围内 100000) with
 * 基本医保 60000 and 大病保险 21125 from the settlement slip → 医疗救助 (100000 − 60000 − 21125) × 70%
 * = 13212.50 (豫医保〔2022〕 医疗救助: 低保对象 70%, see tests/unit/medical/medicalChain.test.ts).
 */
function zhangSan(billTotal = 110000): Record<string, unknown> {
  return {
    asOf: '2023-09-01',
    household: { area: 'rural', status: 'dibao', township: '城关镇', village: '东关村' },
    members: [
      {
        id: 'm1',
        name: '张三',
        idNumber: '411323199305011237',
        medical: { inpatient: [{ total: billTotal, policyScope: 100000, level: 'county', basicPaid: 60000, criticalPaid: 21125 }] },
      },
    ],
  };
}

beforeAll(() => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'huimin-caseapi-')), 'data');
  services = createServices({ dataDir, portable: false, transport: 'web', scheduleBackups: false, store: { durability: 'normal' } });
  table = createHandlerTable(services);
});
afterAll(() => services.close());

describe('cases through the handler table', () => {
  it('refuses to save before the 经办人 is set, naming the setting', async () => {
    const errors = await refused('cases.save', { input: zhangSan() });
    expect(errors[0]?.message).toContain('经办人');
  });

  it('saves a new case with the result computed in main, and reads it back', async () => {
    const settings = await call('settings.set', { key: 'operatorName', value: '李经办' });
    expect(settings.operatorName).toBe('李经办');
    const detail = await call('cases.save', { input: zhangSan() });
    expect(detail.caseNo).toMatch(/^\d{4}-\d{6}$/);
    expect(detail.revisions.map((r) => r.revision)).toEqual([1]);
    expect(detail.latest.operator).toBe('李经办');
    expect(detail.latest.packId).toBe('henan-nanyang');
    const assistance = detail.latest.result.benefits.find((b) => b.code === 'medical.assistance' && b.memberId === 'm1');
    expect(assistance?.annual).toBe('13212.50');
    expect(detail.latest.input).toEqual(zhangSan());
    const again = await call('cases.get', { caseNo: detail.caseNo });
    expect(again.latest.result).toEqual(detail.latest.result);
  });

  it('never stores an invalid household: the errors name the field', async () => {
    const bad = zhangSan();
    (bad.members as Record<string, unknown>[])[0]!.idNumber = '411323199305011238';
    const errors = await refused('cases.save', { input: bad });
    expect(errors.some((error) => error.path === 'members[0].idNumber')).toBe(true);
  });

  it('an edit is a new revision; the first stays readable exactly as saved', async () => {
    const first = await call('cases.save', { input: zhangSan() });
    // the bill grows to 120000: 政策范围内 unchanged, so 医疗救助 stays 13212.50 and 自付 grows by 10000
    const second = await call('cases.save', { caseNo: first.caseNo, input: zhangSan(120000) });
    expect(second.caseNo).toBe(first.caseNo);
    expect(second.revisions.map((r) => r.revision)).toEqual([1, 2]);
    const one = await call('cases.revision', { caseNo: first.caseNo, revision: 1 });
    const two = await call('cases.revision', { caseNo: first.caseNo, revision: 2 });
    expect(one.result.medical.m1?.selfPay).toBe('15662.50');
    expect(two.result.medical.m1?.selfPay).toBe('25662.50');
    expect((one.input as { members: { medical: { inpatient: { total: number }[] } }[] }).members[0]!.medical.inpatient[0]!.total).toBe(110000);
  });

  it('finds cases by 拼音首字母, by the last 4 ID digits and by village, with masked ID numbers', async () => {
    const byPinyin = await call('cases.search', { text: 'zs' });
    expect(byPinyin.total).toBeGreaterThanOrEqual(2);
    expect(byPinyin.rows.every((row) => row.headName === '张三')).toBe(true);
    expect(byPinyin.rows[0]?.maskedIds).toEqual(['411323********1237']);
    expect(JSON.stringify(byPinyin)).not.toContain('411323199305011237');
    const byDigits = await call('cases.search', { idDigits: '1237' });
    expect(byDigits.rows.map((row) => row.caseNo).sort()).toEqual(byPinyin.rows.map((row) => row.caseNo).sort());
    const byVillage = await call('cases.search', { village: '东关村' });
    expect(byVillage.rows[0]).toMatchObject({ township: '城关镇', village: '东关村', status: 'dibao' });
    const none = await call('cases.search', { text: 'ww' });
    expect(none.total).toBe(0);
  });

  it('finds the cases with a benefit in a year', async () => {
    const withAssistance = await call('cases.search', { benefit: 'medical.assistance', benefitYear: 2023 });
    expect(withAssistance.total).toBeGreaterThanOrEqual(2);
    const otherYear = await call('cases.search', { benefit: 'medical.assistance', benefitYear: 2024 });
    expect(otherYear.total).toBe(0);
  });

  it('作废 keeps the history and hides the case from searches unless asked', async () => {
    const saved = await call('cases.save', { input: { ...zhangSan(), members: [{ ...(zhangSan().members as object[])[0], name: '赵六', idNumber: '411323197001012012' }] } });
    const voided = await call('cases.void', { caseNo: saved.caseNo, reason: '重复录入' });
    expect(voided.voided).toBe(true);
    expect(voided.revisions.map((r) => [r.revision, r.kind, r.reason])).toEqual([
      [1, 'save', null],
      [2, 'void', '重复录入'],
    ]);
    expect((await call('cases.search', { text: '赵六' })).total).toBe(0);
    expect((await call('cases.search', { text: '赵六', includeVoided: true })).rows[0]?.voided).toBe(true);
    expect((await refused('cases.void', { caseNo: saved.caseNo, reason: '' }))[0]?.message).toContain('作废原因');
  });

  it('records a printing in the case history', async () => {
    const saved = await call('cases.save', { input: zhangSan() });
    const printed = await call('print.record', { caseNo: saved.caseNo, revision: 1, document: 'sheet' });
    expect(printed.prints).toEqual([{ revision: 1, document: 'sheet', operator: '李经办', printedAt: expect.any(String) }]);
  });

  it('exports the cases of a date range as CSV with a BOM and Chinese headers, ID numbers masked', async () => {
    const today = services.today();
    const file = await call('cases.export', { from: today, to: today, format: 'csv' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('张三');
    expect(text).toContain('411323********1237');
    expect(text).not.toContain('411323199305011237');
    expect(file.fileName).toMatch(/\.csv$/);
  });
});

describe('backups through the handler table', () => {
  it('立即备份, lists it, and restores it keeping the replaced file aside', async () => {
    const taken = await call('backup.now', undefined);
    expect(taken.kind).toBe('manual');
    const listed = await call('backup.list', undefined);
    expect(listed.map((backup) => backup.fileName)).toContain(taken.fileName);
    const status = await call('backup.status', undefined);
    expect(status.state).toBe('done');
    expect(status.folder).toBe(join(services.options.dataDir, 'backups'));

    const before = (await call('cases.search', {})).total;
    const after = await call('cases.save', { input: zhangSan() });
    expect((await call('cases.search', {})).total).toBe(before + 1);
    const restored = await call('backup.restore', { fileName: taken.fileName });
    expect(restored.keptAside).toMatch(/huimin/);
    expect(restored.verification).toBe('manifest');
    // the case saved after the backup is in the file set aside: the restore brought it back, and says so
    expect(restored.merged).toEqual([expect.objectContaining({ caseNo: after.caseNo, revision: 1, kind: 'save', headName: '张三' })]);
    expect(restored.mergedCount).toBe(1);
    expect((await call('cases.search', {})).total).toBe(before + 1);
    expect((await call('cases.get', { caseNo: after.caseNo })).latest.input).toEqual(zhangSan());
    // the next number is above every number issued
    const [year, sequence] = after.caseNo.split('-').map(Number) as [number, number];
    expect(restored.nextCaseNo).toBe(`${year}-${String(sequence + 1).padStart(6, '0')}`);
  });

  it('refuses a corrupt backup and changes nothing', async () => {
    const folder = (await call('backup.status', undefined)).folder;
    writeFileSync(join(folder, 'huimin-backup-2026-01-01.sqlite3'), 'this is not a database');
    const before = (await call('cases.search', {})).total;
    const errors = await refused('backup.restore', { fileName: 'huimin-backup-2026-01-01.sqlite3' });
    expect(errors[0]?.message).toContain('已损坏或被改动');
    expect((await call('cases.search', {})).total).toBe(before);
  });
});

describe('a database that cannot be opened', () => {
  it('keeps the app answering: the reason is shown, and a backup from the default folder can be restored', async () => {
    const source = createServices({ dataDir: join(mkdtempSync(join(tmpdir(), 'huimin-caseapi-src-')), 'data'), portable: false, transport: 'web', scheduleBackups: false });
    const sourceTable = createHandlerTable(source);
    await dispatch(sourceTable, 'settings.set', { key: 'operatorName', value: '王经办' });
    await dispatch(sourceTable, 'cases.save', { input: zhangSan() });
    const backup = await callOn(sourceTable, 'backup.now', undefined);
    if (!backup.ok) throw new Error(JSON.stringify(backup.errors));
    source.close();

    const dataDir = join(mkdtempSync(join(tmpdir(), 'huimin-caseapi-bad-')), 'data');
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    copyFileSync(backup.value.path, join(dataDir, 'backups', backup.value.fileName));
    writeFileSync(join(dataDir, 'huimin.sqlite3'), Buffer.alloc(8192, 7));
    const damaged = createServices({ dataDir, portable: false, transport: 'web', scheduleBackups: false, log: () => {} });
    const damagedTable = createHandlerTable(damaged);
    const search = await callOn(damagedTable, 'cases.search', {});
    expect(search.ok).toBe(false);
    const listed = await callOn(damagedTable, 'backup.list', undefined);
    expect(listed.ok && listed.value.map((b) => b.fileName)).toEqual([backup.value.fileName]);
    const restored = await callOn(damagedTable, 'backup.restore', { fileName: backup.value.fileName });
    expect(restored.ok).toBe(true);
    const after = await callOn(damagedTable, 'cases.search', { text: 'zs' });
    expect(after.ok && after.value.total).toBe(1);
    damaged.close();
  });
});
