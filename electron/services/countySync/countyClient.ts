/**
 * HTTP(S) to the county server. Plain http only to this computer (127.x, localhost); anything else
 * must be https, and the connection is accepted only when the certificate it presents is the one the
 * county server's signed greeting names (protocol/officeRequests.ts) — so a self-signed certificate
 * works and a man in the middle does not. Certificates are checked before a byte of case data is
 * written. Every request but the greeting is signed with the office key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { fail, ok, type Result } from '../../../shared/errors';
import { OFFICE_PATHS, signRequest, verifyHello, type Hello } from '../../../county/protocol/officeRequests';
import type { SigningKey } from '../../../county/protocol/keys';

const TIMEOUT_MS = 120_000;

export interface CountyAddress {
  url: URL;
  secure: boolean;
}

/** Checks an address the operator typed: http only to this computer, https elsewhere. */
export function parseCountyAddress(text: string): Result<CountyAddress> {
  let url: URL;
  try {
    url = new URL(text.trim().includes('://') ? text.trim() : `https://${text.trim()}`);
  } catch {
    return fail('县级服务器地址格式不对，应如 https://192.168.1.10:5190', 'address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('县级服务器地址应以 https:// 开头', 'address');
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) return fail('连接其他电脑上的县级服务器必须用 https://（案卷含个人信息，不能明文传输）', 'address');
  return ok({ url: new URL(url.origin), secure: url.protocol === 'https:' });
}

export interface CountyResponse {
  status: number;
  body: Buffer;
}

const certificateHash = (socket: TLSSocket): string | null => {
  const cert = socket.getPeerCertificate();
  return cert?.raw ? createHash('sha256').update(cert.raw).digest('hex') : null;
};

export class CountyClient {
  /** difference between the server's clock and ours, from the greeting */
  private clockOffset = 0;
  /** the certificate hash the trusted greeting named */
  private certificate: string | null = null;

  constructor(
    private readonly address: CountyAddress,
    private readonly key: SigningKey,
  ) {}

  /** A TLS connection to the server, checked against the certificate the greeting vouched for before it is used. */
  private tlsSocket(pinned: boolean): Promise<TLSSocket> {
    const { url } = this.address;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve, reject) => {
      // the certificate is checked against the signed greeting, not a certificate authority
      const socket = tlsConnect({ host, port: Number(url.port || 443), servername: /^[\d.:]+$/.test(host) ? undefined : host, rejectUnauthorized: false });
      socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('timeout')));
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        if (pinned && certificateHash(socket) !== this.certificate) {
          socket.destroy();
          reject(new Error('certificate mismatch'));
          return;
        }
        resolve(socket);
      });
    });
  }

  private async send(method: 'GET' | 'POST', path: string, body: Buffer, headers: Record<string, string>, pinned: boolean): Promise<CountyResponse> {
    const { url, secure } = this.address;
    const socket = secure ? await this.tlsSocket(pinned) : null;
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          method,
          host: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (secure ? 443 : 80),
          path,
          headers: { ...headers, host: url.host, 'content-length': String(body.length) },
          timeout: TIMEOUT_MS,
          ...(socket ? { createConnection: () => socket } : {}),
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', reject);
      request.end(body);
    });
  }

  /**
   * The server's signed greeting. With `trusted` (the key fingerprint the operator confirmed), refuses
   * any other server, and over TLS remembers the certificate the greeting vouches for.
   */
  async hello(trusted: string | null): Promise<Result<Hello>> {
    const nonce = randomBytes(16).toString('hex');
    let response: CountyResponse;
    let presented: string | null = null;
    try {
      if (this.address.secure) presented = await this.presentedCertificate();
      response = await this.send('GET', `${OFFICE_PATHS.hello}?nonce=${nonce}`, Buffer.alloc(0), {}, false);
    } catch {
      return fail(`无法连接县级服务器 ${this.address.url.origin}：请检查网络和地址，或改用U盘上报`, 'address');
    }
    let hello: Hello;
    try {
      hello = JSON.parse(response.body.toString('utf8')) as Hello;
    } catch {
      return fail('该地址不是惠民政策测算台的县级服务器', 'address');
    }
    if (response.status !== 200 || !verifyHello(hello, nonce)) return fail('该地址不是惠民政策测算台的县级服务器，或其应答未通过签名校验', 'address');
    if (trusted !== null && hello.server.fingerprint !== trusted) {
      return fail(`县级服务器的公钥指纹（${hello.server.fingerprint}）与本机确认过的（${trusted}）不同：可能连到了别的服务器，已停止发送。如县级确已更换服务器，请重新确认指纹`, 'server');
    }
    if (this.address.secure && (presented === null || presented !== hello.tlsCertSha256)) {
      return fail('县级服务器的证书与其签名声明的不一致（连接可能被劫持），已停止发送', 'server');
    }
    this.certificate = presented;
    this.clockOffset = hello.time - Date.now();
    return ok(hello);
  }

  private async presentedCertificate(): Promise<string | null> {
    const socket = await this.tlsSocket(false);
    const hash = certificateHash(socket);
    socket.end();
    return hash;
  }

  /** A request signed with the office key (call hello first: it sets the clock and the certificate). */
  async signed(method: 'GET' | 'POST', path: string, body: Buffer = Buffer.alloc(0)): Promise<CountyResponse> {
    const headers = signRequest(this.key, method, path, body, Date.now() + this.clockOffset);
    if (method === 'POST') headers['content-type'] = 'application/octet-stream';
    return this.send(method, path, body, headers, this.address.secure);
  }
}

/** The Chinese message of a county server's JSON refusal, or a general one. */
export function refusalText(response: CountyResponse): string {
  try {
    const parsed = JSON.parse(response.body.toString('utf8')) as { errors?: { message: string }[] };
    if (parsed.errors?.length) return parsed.errors.map((error) => error.message).join('；');
  } catch {
    // not JSON
  }
  return `县级服务器拒绝了请求（${response.status}）`;
}
