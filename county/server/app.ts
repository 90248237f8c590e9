/**
 * The county server over HTTP (Fastify): two doors.
 *
 * - /office/v1/…: township offices. The greeting is open (it only says who the server is, signed);
 *   everything else must be signed by a registered office's key (protocol/officeRequests.ts).
 * - /, /api/…: the county pages (the Vue app's county entry), behind an access token as `npm run web`
 *   is: the start address sets an HttpOnly SameSite=Strict cookie, API calls also carry the header.
 *
 * It listens on 127.0.0.1 unless told otherwise, and refuses any other address without a TLS
 * certificate and key: case data (names, ID numbers) never crosses a network in clear text.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { cookieValue, MIME, sameSecret, SECURITY_HEADERS, TOKEN_COOKIE, TOKEN_HEADER } from '../../electron/web/server';
import type { CountyService } from '../countyService';
import { OFFICE_HEADER, OFFICE_PATHS, REQUEST_WINDOW_MS, SIGNATURE_HEADER, signHello, TIME_HEADER, verifyRequest } from '../protocol/officeRequests';
import { countyHandlers, dispatchCounty } from './handlers';

export const COUNTY_ENTRY = 'county.html';
const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;
const MAX_API_BYTES = 700 * 1024 * 1024;


export interface CountyServerOptions {
  service: CountyService;
  /** the built renderer (out/renderer), holding county.html */
  rendererDir: string;
  /** default 127.0.0.1 */
  host?: string;
  port?: number;
  tls?: { cert: Buffer; key: Buffer };
  token: string;
  log?: (error: unknown) => void;
}

export interface CountyServer {
  app: FastifyInstance;
  port: number;
  /** the address for the county pages, with the token */
  url: string;
  /** the address offices are given */
  officeUrl: string;
  close(): Promise<void>;
}

export const isLoopback = (host: string) => host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);

export class ListenRefused extends Error {}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({ ...SECURITY_HEADERS });
}

const refusal = (message: string, path = '') => ({ ok: false, errors: [{ message, path }] });

export async function startCountyServer(options: CountyServerOptions): Promise<CountyServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.tls) {
    throw new ListenRefused(`拒绝在 ${host} 上以明文（http）提供服务：案卷含身份证号等个人信息，监听本机以外的地址时必须用 --tls-cert 和 --tls-key 指定证书和私钥`);
  }
  const log = options.log ?? console.error;
  const { service } = options;
  const rendererDir = resolve(options.rendererDir);
  const tlsCertSha256 = options.tls ? createHash('sha256').update(new X509Certificate(options.tls.cert).raw).digest('hex') : null;
  const handlers = countyHandlers(service);
  const seenSignatures = new Map<string, number>();
  let port = 0;

  const app = Fastify({ logger: false, bodyLimit: MAX_API_BYTES, ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}) });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_BUNDLE_BYTES }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) log(error);
    void reply.status(status).send(refusal(status === 413 ? '上传内容过大' : status >= 500 ? '县级服务内部错误，请重试' : '请求有误，县级服务未处理'));
  });

  // ---- offices ----------------------------------------------------------------------------
  async function signedOffice(request: FastifyRequest, body: Buffer): Promise<{ id: number; fingerprint: string } | string> {
    const fingerprint = request.headers[OFFICE_HEADER];
    const time = request.headers[TIME_HEADER];
    const signature = request.headers[SIGNATURE_HEADER];
    if (typeof fingerprint !== 'string' || typeof time !== 'string' || typeof signature !== 'string') return '请求缺少乡镇签名';
    const office = await service.office(fingerprint);
    if (!office) return `本乡镇（公钥指纹 ${fingerprint}）尚未在县级登记或已停用：请把公钥交县级管理员，并电话核对指纹`;
    const now = Date.now();
    if (!/^\d{1,15}$/.test(time) || Math.abs(now - Number(time)) > REQUEST_WINDOW_MS) return '请求时间与县级服务器相差过大，请重试';
    if (!verifyRequest(office.publicKey, request.method, request.url, time, body, signature)) return '乡镇签名与请求内容不符';
    for (const [seen, at] of seenSignatures) if (now - at > 2 * REQUEST_WINDOW_MS) seenSignatures.delete(seen);
    if (seenSignatures.has(signature)) return '重复的请求（已处理过）';
    seenSignatures.set(signature, now);
    return { id: office.id, fingerprint };
  }

  app.get(OFFICE_PATHS.hello, async (request, reply) => {
    const nonce = (request.query as { nonce?: unknown }).nonce;
    if (typeof nonce !== 'string' || !/^[0-9a-f]{32,64}$/.test(nonce)) return reply.status(400).send(refusal('缺少或错误的随机数'));
    return signHello(service.serverKey, { name: service.countyName, time: Date.now(), tlsCertSha256, nonce });
  });

  app.get(OFFICE_PATHS.status, async (request, reply) => {
    const office = await signedOffice(request, Buffer.alloc(0));
    if (typeof office === 'string') return reply.status(403).send(refusal(office));
    const found = await service.office(office.fingerprint);
    return { ok: true, value: { officeName: found?.name ?? '', serverTime: Date.now() } };
  });

  app.post(OFFICE_PATHS.bundles, { bodyLimit: MAX_BUNDLE_BYTES }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const office = await signedOffice(request, body);
    if (typeof office === 'string') return reply.status(403).send(refusal(office));
    const received = await service.receiveBundle(body, 'network', office.fingerprint);
    if (!received.ok) return reply.status(422).send(received);
    return { ok: true, value: received.value.receipt };
  });

  app.get(OFFICE_PATHS.pack, async (request, reply) => {
    const office = await signedOffice(request, Buffer.alloc(0));
    if (typeof office === 'string') return reply.status(403).send(refusal(office));
    const file = await service.currentPack();
    if (!file) return reply.status(404).send(refusal('县级尚未发布参数包'));
    return reply.type('application/json; charset=utf-8').send(file);
  });

  // ---- county pages -----------------------------------------------------------------------
  function pageAllowed(request: FastifyRequest, reply: FastifyReply): boolean {
    if (isLoopback(host) && request.headers.host !== `127.0.0.1:${port}` && request.headers.host !== `localhost:${port}`) {
      void securityHeaders(reply).status(421).type('text/plain; charset=utf-8').send('拒绝访问：地址不正确。');
      return false;
    }
    return true;
  }

  const hasToken = (request: FastifyRequest) =>
    sameSecret(cookieValue(request, TOKEN_COOKIE), options.token) || sameSecret(request.headers[TOKEN_HEADER] as string | undefined, options.token);

  app.post('/api/:channel', async (request, reply) => {
    if (!pageAllowed(request, reply)) return reply;
    if (!sameSecret(request.headers[TOKEN_HEADER] as string | undefined, options.token)) return securityHeaders(reply).status(403).send(refusal('拒绝访问：接口调用缺少令牌'));
    const { channel } = request.params as { channel: string };
    return securityHeaders(reply).send(await dispatchCounty(handlers, channel, request.body ?? undefined, log));
  });

  app.get('/*', async (request, reply) => {
    if (!pageAllowed(request, reply)) return reply;
    const url = new URL(request.url, 'http://county');
    const given = url.searchParams.get('token');
    if (url.pathname === '/' && given !== null) {
      if (!sameSecret(given, options.token)) return securityHeaders(reply).status(403).type('text/plain; charset=utf-8').send('拒绝访问：令牌不正确。');
      const secure = options.tls ? '; Secure' : '';
      return reply.status(303).headers({ Location: '/', 'Set-Cookie': `${TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/${secure}`, 'Cache-Control': 'no-store' }).send();
    }
    if (!hasToken(request)) return securityHeaders(reply).status(403).type('text/plain; charset=utf-8').send('拒绝访问：缺少访问令牌。请使用县级服务器启动时打印的完整地址打开。');
    if (url.pathname === '/' || url.pathname === `/${COUNTY_ENTRY}`) {
      const page = (await readFile(join(rendererDir, COUNTY_ENTRY), 'utf8')).replace('<head>', `<head>\n    <meta name="huimin-token" content="${options.token}">`);
      return securityHeaders(reply).type(MIME['.html'] as string).send(page);
    }
    const filePath = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!filePath.startsWith(rendererDir + sep)) return securityHeaders(reply).status(404).send('找不到该文件。');
    try {
      if (!(await stat(filePath)).isFile()) throw new Error('not a file');
      return securityHeaders(reply).type(MIME[extname(filePath)] ?? 'application/octet-stream').send(await readFile(filePath));
    } catch {
      return securityHeaders(reply).status(404).type('text/plain; charset=utf-8').send('找不到该文件。');
    }
  });

  await app.listen({ host, port: options.port ?? 0 });
  port = (app.server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    app,
    port,
    url: `${scheme}://${shownHost}:${port}/?token=${options.token}`,
    officeUrl: `${scheme}://${shownHost}:${port}`,
    close: async () => {
      app.server.closeAllConnections?.();
      await app.close();
    },
  };
}
