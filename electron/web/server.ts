/**
 * `npm run web`: the same app in a local browser, for machines without the Electron runtime and for the
 * end-to-end tests. Serves the built renderer and the one handler table over HTTP, on 127.0.0.1 only.
 *
 * Other pages on the same machine must not be able to call it:
 * - every request carries the per-run token (an HttpOnly SameSite=Strict cookie set by the start URL,
 *   and for API calls also the X-Huimin-Token header, which a cross-site form cannot add);
 * - the Host header must name this server (127.0.0.1:port or localhost:port), which defeats DNS
 *   rebinding;
 * - responses carry the same Content-Security-Policy as the desktop window.
 * Malformed requests are answered, never thrown: a body that is not UTF-8 or not JSON and an address
 * with a bad %-escape get a 400 with a Chinese message (no stack trace in the log); payload and reply
 * limits are dispatch()'s, the same as over IPC (shared/api/replyLimits.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../contentSecurityPolicy';
import { dispatch, type HandlerTable } from '../handlers';

export const TOKEN_COOKIE = 'huimin_token';
export const TOKEN_HEADER = 'x-huimin-token';
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebHostOptions {
  table: HandlerTable;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  port?: number;
  token?: string;
  log?: (error: unknown) => void;
}

export interface WebHost {
  server: Server;
  port: number;
  token: string;
  /** the address to open: it carries the token once, then the cookie does */
  url: string;
  close(): Promise<void>;
}

/** Constant-time comparison of a given token with the run's (also used by the county server). */
export function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(request: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** On every answer of a local page server (this one and the county server's): no framing of other origins, no caching of case data. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function send(response: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS, ...extra });
  response.end(body);
}

function refuse(response: ServerResponse, status: number, message: string): void {
  send(
    response,
    status,
    `<!doctype html><meta charset="utf-8"><title>无法访问</title><p style="font:16px sans-serif;margin:2em">${message}</p>`,
    'text/html; charset=utf-8',
  );
}

/** The body as text; 'tooLarge' past the limit, 'notUtf8' when its bytes are not valid UTF-8 (never replaced by "�"). */
async function readBody(request: IncomingMessage): Promise<string | 'tooLarge' | 'notUtf8'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'tooLarge';
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.concat(chunks));
  } catch {
    return 'notUtf8';
  }
}

/** decodeURIComponent that answers null for a malformed %-escape instead of throwing. */
function decodePathPart(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const apiError = (message: string) => JSON.stringify({ ok: false, errors: [{ message, path: '' }] });

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const log = options.log ?? console.error;
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(error);
      if (!response.headersSent) refuse(response, 500, '服务内部错误，请重试。');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      refuse(response, 421, '拒绝访问：地址不正确（仅限本机 127.0.0.1 访问）。');
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${host}`);
    } catch {
      refuse(response, 400, '地址格式不正确。');
      return;
    }

    // The start URL carries the token once; it becomes a cookie and the address bar is cleaned.
    const given = url.searchParams.get('token');
    if (request.method === 'GET' && url.pathname === '/' && given !== null) {
      if (!sameSecret(given, token)) {
        refuse(response, 403, '拒绝访问：令牌不正确。请使用启动 npm run web 时打印的地址打开。');
        return;
      }
      response.writeHead(303, {
        Location: '/',
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }

    if (!sameSecret(cookieValue(request, TOKEN_COOKIE), token) && !sameSecret(request.headers[TOKEN_HEADER] as string | undefined, token)) {
      refuse(response, 403, '拒绝访问：缺少访问令牌。请使用启动 npm run web 时打印的完整地址打开。');
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') {
        refuse(response, 405, '接口只接受 POST 请求。');
        return;
      }
      // The header (not just the cookie) is required for calls: a form on another site cannot set it.
      if (!sameSecret(request.headers[TOKEN_HEADER] as string | undefined, token)) {
        send(response, 403, apiError('拒绝访问：接口调用缺少令牌'), MIME['.json'] as string);
        return;
      }
      const body = await readBody(request);
      if (body === 'tooLarge') {
        send(response, 413, apiError('请求内容过大'), MIME['.json'] as string);
        return;
      }
      if (body === 'notUtf8') {
        send(response, 400, apiError('请求内容不是有效的 UTF-8 文字，未处理（可能是从其他程序粘贴了乱码，或文件编码不对）'), MIME['.json'] as string);
        return;
      }
      let payload: unknown;
      try {
        payload = body === '' ? undefined : JSON.parse(body);
      } catch {
        send(response, 400, apiError('请求内容不是有效的 JSON'), MIME['.json'] as string);
        return;
      }
      const channel = decodePathPart(url.pathname.slice('/api/'.length));
      if (channel === null) {
        send(response, 400, apiError('接口地址中有无效的 % 转义'), MIME['.json'] as string);
        return;
      }
      const result = await dispatch(options.table, channel, payload, log);
      send(response, 200, JSON.stringify(result), MIME['.json'] as string);
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      refuse(response, 405, '不支持的请求方式。');
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // The page learns the token for its API calls from a meta tag (only served with the cookie).
      const page = indexHtml.replace('<head>', `<head>\n    <meta name="huimin-token" content="${token}">`);
      send(response, 200, page, MIME['.html'] as string);
      return;
    }
    const decoded = decodePathPart(url.pathname);
    if (decoded === null) {
      refuse(response, 400, '地址中有无效的 % 转义。');
      return;
    }
    const filePath = normalize(join(rendererDir, decoded));
    if (!filePath.startsWith(rendererDir + sep)) {
      refuse(response, 404, '找不到该文件。');
      return;
    }
    try {
      const info = await stat(filePath);
      if (!info.isFile()) throw new Error('not a file');
      send(response, 200, await readFile(filePath), MIME[extname(filePath)] ?? 'application/octet-stream');
    } catch {
      refuse(response, 404, '找不到该文件。');
    }
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
