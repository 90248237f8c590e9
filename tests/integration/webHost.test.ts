/**
 * The `npm run web` host: only this machine, only with the per-run token, only with our Host header,
 * and invalid payloads are answered with a Chinese error without reaching a service.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlerTable, type HandlerTable } from '../../electron/handlers';
import { createServices } from '../../electron/services';
import { startWebHost, type WebHost } from '../../electron/web/server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(host: WebHost, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let host: WebHost;
let table: HandlerTable;
let computeSpy: ReturnType<typeof vi.fn>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huimin-web-'));
  const rendererDir = join(dir, 'renderer');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const services = createServices({ dataDir: join(dir, 'data'), portable: false, transport: 'web' });
  table = createHandlerTable(services);
  const realCompute = table['calc.compute'];
  computeSpy = vi.fn(realCompute);
  table['calc.compute'] = computeSpy as unknown as HandlerTable['calc.compute'];
  host = await startWebHost({ table, rendererDir, token: 'test-token-0123456789', log: () => {} });
});

afterAll(async () => {
  await host.close();
});

const api = (channel: string, body: unknown, headers: Record<string, string> = { 'X-Huimin-Token': 'test-token-0123456789' }) =>
  send(host, { path: `/api/${channel}`, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? '' : JSON.stringify(body) });

describe('web host: access', () => {
  it('listens on 127.0.0.1 only and prints an address carrying the token', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=test-token-0123456789`);
  });
  it('refuses a request without the token', async () => {
    const reply = await send(host, { path: '/' });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('缺少访问令牌');
  });
  it('refuses a wrong token', async () => {
    expect((await send(host, { path: '/?token=guess' })).status).toBe(403);
    expect((await api('app.info', undefined, { 'X-Huimin-Token': 'guess' })).status).toBe(403);
  });
  it('turns the start address into an HttpOnly SameSite=Strict cookie and serves the page with it', async () => {
    const start = await send(host, { path: '/?token=test-token-0123456789' });
    expect(start.status).toBe(303);
    const cookie = String(start.headers['set-cookie']);
    expect(cookie).toContain('huimin_token=test-token-0123456789; HttpOnly; SameSite=Strict; Path=/');
    const page = await send(host, { path: '/', headers: { Cookie: 'huimin_token=test-token-0123456789' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="huimin-token" content="test-token-0123456789">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await send(host, { path: '/assets/app.js', headers: { Cookie: 'huimin_token=test-token-0123456789' } });
    expect(asset.status).toBe(200);
  });
  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const reply = await send(host, { path: '/?token=test-token-0123456789', headers: { Host: `evil.example:${host.port}` } });
    expect(reply.status).toBe(421);
    const call = await send(host, { path: '/api/app.info', method: 'POST', headers: { Host: 'evil.example', 'X-Huimin-Token': 'test-token-0123456789' } });
    expect(call.status).toBe(421);
  });
  it('API calls need the header, not just the cookie (a cross-site form cannot set it)', async () => {
    const reply = await api('app.info', undefined, { Cookie: 'huimin_token=test-token-0123456789' });
    expect(reply.status).toBe(403);
  });
  it('does not serve files outside the renderer folder', async () => {
    const reply = await send(host, { path: '/..%2fsecret.txt', headers: { Cookie: 'huimin_token=test-token-0123456789' } });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside the renderer');
  });
});

describe('web host: calls through the one handler table', () => {
  it('answers a valid call', async () => {
    const reply = await api('app.info', undefined);
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body) as { ok: boolean; value: { transport: string; pack: { id: string } } };
    expect(body).toMatchObject({ ok: true, value: { transport: 'web', pack: { id: 'henan-nanyang' } } });
  });
  it('an invalid payload gets a clear error and never reaches the service', async () => {
    computeSpy.mockClear();
    const reply = await api('calc.compute', { case: {}, extra: 1 });
    expect(JSON.parse(reply.body)).toEqual({ ok: false, errors: [{ message: '请求内容中有未知字段「extra」，请检查拼写（合同未定义此字段）', path: 'extra' }] });
    const wrongType = await api('calc.compute', 'not an object');
    expect(JSON.parse(wrongType.body)).toEqual({ ok: false, errors: [{ message: '请求内容：应为对象（{…}）', path: '' }] });
    expect(computeSpy).not.toHaveBeenCalled();
  });
  it('a case with a problem reaches the calculation and comes back with the field named', async () => {
    const reply = await api('calc.compute', { case: { household: { area: 'rural', status: 'dibao' }, members: [] } });
    expect(JSON.parse(reply.body)).toEqual({ ok: false, errors: [{ message: '家庭成员：至少需要一位家庭成员', path: 'members' }] });
  });
  it('refuses an unknown channel, a body that is not JSON, and GET on the API', async () => {
    expect(JSON.parse((await api('cases.dropAll', undefined)).body)).toEqual({ ok: false, errors: [{ message: '未知的接口「cases.dropAll」', path: '' }] });
    const notJson = await send(host, { path: '/api/app.info', method: 'POST', headers: { 'X-Huimin-Token': 'test-token-0123456789' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await send(host, { path: '/api/app.info', headers: { 'X-Huimin-Token': 'test-token-0123456789' } })).status).toBe(405);
  });
});
