/**
 * The seam's limits (shared/api/replyLimits.ts), on both transports: over HTTP against the web host,
 * and through dispatch() as Electron's IPC calls it. Bounded replies (at most 20 errors and their
 * count, values quoted only by a short prefix), __proto__ / constructor / prototype refused at every
 * depth, text that is not valid UTF-8 (or Unicode) refused, a bad %-escape answered 400 with nothing
 * logged.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlerTable, dispatch, type HandlerTable } from '../../electron/handlers';
import { createServices, type Services } from '../../electron/services';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { MAX_ERRORS } from '../../shared/api/replyLimits';
import { QUOTED_VALUE_CHARS } from '../../shared/errors';

const TOKEN = 'seam-token-0123456789';
let host: WebHost;
let table: HandlerTable;
let services: Services;
const logged = vi.fn();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huimin-seam-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  services = createServices({ dataDir: join(dir, 'data'), portable: false, transport: 'web', scheduleBackups: false, store: { durability: 'normal' } });
  table = createHandlerTable(services);
  host = await startWebHost({ table, rendererDir, token: TOKEN, log: logged });
  await dispatch(table, 'settings.set', { key: 'operatorName', value: '李经办' });
});

afterAll(async () => {
  await host.close();
  services.close();
});

function post(path: string, body: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { Host: `127.0.0.1:${host.port}`, 'X-Huimin-Token': TOKEN, 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, Cookie: `huimin_token=${TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const caseCount = async () => ((await dispatch(table, 'cases.search', {})) as { value: { total: number } }).value.total;

/** A household whose head has a 0.5 MiB name and 200 hospital bills, each wrong in two ways. */
function floodedHousehold(): Record<string, unknown> {
  const name = '张'.repeat(512 * 1024);
  const bills = Array.from({ length: 200 }, () => ({ total: -5, policyScope: 'many', level: 'moon' }));
  return { household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name, birthDate: '1970-01-01', medical: { inpatient: bills } }] };
}

describe('bounded replies', { timeout: 60_000 }, () => {
  it('answers a 0.5 MiB name in 200 bad bills with at most 20 short errors and their count, at once', async () => {
    const started = performance.now();
    const reply = await post('/api/cases.save', JSON.stringify({ input: floodedHousehold() }));
    const elapsed = performance.now() - started;
    const body = JSON.parse(reply.body) as { ok: false; errors: { message: string; path: string }[]; errorCount: number };
    expect(body.ok).toBe(false);
    expect(body.errors).toHaveLength(MAX_ERRORS);
    expect(body.errorCount).toBeGreaterThan(400);
    // the name is quoted by its first characters only, wherever it appears
    for (const error of body.errors) expect(error.message.includes('张'.repeat(QUOTED_VALUE_CHARS + 1)), error.message.slice(0, 80)).toBe(false);
    expect(Buffer.byteLength(reply.body)).toBeLessThan(20_000);
    console.log(`flooded save: ${body.errorCount} problems, reply ${Buffer.byteLength(reply.body)} bytes in ${elapsed.toFixed(0)} ms`);
    // the same over IPC
    const viaIpc = await dispatch(table, 'cases.save', { input: floodedHousehold() });
    expect(viaIpc).toMatchObject({ ok: false, errorCount: body.errorCount });
    expect(!viaIpc.ok && viaIpc.errors).toHaveLength(MAX_ERRORS);
  });
});

describe('strict input', { timeout: 60_000 }, () => {
  it('refuses __proto__, constructor and prototype at every depth, params included, on both transports', async () => {
    const before = await caseCount();
    const household = '{"household":{"area":"rural","status":"dibao"},"members":[{"id":"m1","name":"张三","birthDate":"1970-01-01"}]';
    const cases: [string, string, string][] = [
      ['/api/calc.compute', `{"case":${household},"params":{"__proto__":{"polluted":true}}}}`, 'case.params.__proto__'],
      ['/api/cases.save', `{"input":${household},"params":{"medical.critical.rate":{"constructor":{"prototype":1}}}}}`, 'input.params.medical.critical.rate.constructor'],
      ['/api/cases.save', `{"input":{"household":{"area":"rural","status":"dibao","prototype":1},"members":[]}}`, 'input.household.prototype'],
      ['/api/settings.set', '{"key":"officeName","value":"x","__proto__":null}', '__proto__'],
    ];
    for (const [path, body, where] of cases) {
      const reply = JSON.parse((await post(path, body)).body) as { ok: boolean; errors: { message: string; path: string }[] };
      expect(reply, body).toMatchObject({ ok: false, errors: [{ path: where }] });
      expect(reply.errors[0]?.message).toMatch(/不能使用字段名「(__proto__|constructor|prototype)」/);
    }
    expect(await caseCount()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // IPC: a payload with an own __proto__ key, as structured clone delivers it
    const payload = JSON.parse('{"case":{"members":[{"__proto__":{"x":1}}]}}') as unknown;
    expect(await dispatch(table, 'calc.compute', payload)).toMatchObject({ ok: false, errors: [{ path: 'case.members[0].__proto__' }] });
  });

  it('refuses a body that is not valid UTF-8 with a Chinese message, and stores nothing', async () => {
    const before = await caseCount();
    const valid = Buffer.from(JSON.stringify({ input: { household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name: '张三', birthDate: '1970-01-01' }] } }));
    const at = valid.indexOf(Buffer.from('张'));
    const broken = Buffer.concat([valid.subarray(0, at), Buffer.from([0xe5, 0xbc]), valid.subarray(at + 3)]); // 张 cut to two bytes
    const reply = await post('/api/cases.save', broken);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, errors: [{ message: expect.stringContaining('不是有效的 UTF-8 文字'), path: '' }] });
    expect(await caseCount()).toBe(before);
    // the same bytes, valid, are saved
    expect(JSON.parse((await post('/api/cases.save', valid)).body)).toMatchObject({ ok: true });
    expect(await caseCount()).toBe(before + 1);
    // IPC carries strings, not bytes: text with a lone surrogate is its malformed twin
    expect(await dispatch(table, 'cases.save', { input: { household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name: '张\ud800', birthDate: '1970-01-01' }] } })).toMatchObject({
      ok: false,
      errors: [{ path: 'input.members[0].name', message: expect.stringContaining('无法识别的文字') }],
    });
  });

  it('answers a bad %-escape with 400 and logs nothing', async () => {
    logged.mockClear();
    const call = await post('/api/cases.%E0%A4%A', '');
    expect(call.status).toBe(400);
    expect(JSON.parse(call.body)).toEqual({ ok: false, errors: [{ message: '接口地址中有无效的 % 转义', path: '' }] });
    const file = await get('/assets/%E0%A4%A.js');
    expect(file.status).toBe(400);
    expect(file.body).toContain('无效的 % 转义');
    expect(file.body).not.toMatch(/URIError|at .*\.ts/);
    expect(logged).not.toHaveBeenCalled();
  });
});
