/**
 * 设置 · 上报县级: sends every revision the county has not acknowledged — over the network in bundles
 * of a few thousand, each answered by a signed receipt that is recorded before the next one goes, or
 * as one signed bundle file for a USB stick whose receipt file comes back the same way — and fetches
 * the pack the county published, for the usual verify-and-compare import.
 *
 * A receipt is recorded only from the county server whose key fingerprint the operator confirmed.
 * The first contact (network or receipt file) shows that fingerprint and records nothing until the
 * operator confirms it matches what the county read out on the phone.
 */
import type { DataAccess } from '../../../shared/api/contract';
import type { CountySyncStatus, ReceiptOutcome, SendJob } from '../../../shared/api/countySyncApi';
import { fail, ok, type Result } from '../../../shared/errors';
import { bundleDigest, readReceipt, RECEIPT_EXTENSION, type Receipt } from '../../../county/protocol/receipt';
import { BUNDLE_EXTENSION, writeBundle } from '../../../county/protocol/bundle';
import { OFFICE_PATHS } from '../../../county/protocol/officeRequests';
import { isoWithOffset } from '../store/localTime';
import type { Store } from '../store';
import { CountyClient, parseCountyAddress, refusalText } from './countyClient';
import { CountyLink } from './link';

/** revisions per network bundle: a few MB, a receipt every few seconds */
export const REVISIONS_PER_BUNDLE = 2000;
/** a USB bundle holds everything pending, up to this many (another export carries the rest) */
const REVISIONS_PER_FILE = 200_000;

export interface CountySyncOptions {
  dataDir: string;
  store: () => Result<Store>;
  /** whether this program writes the data folder (one writer per folder); default: it does */
  access?: () => DataAccess;
  officeName: () => string;
  now?: () => Date;
  revisionsPerBundle?: number;
  /** called after each receipt is recorded (the fault test watches it) */
  onProgress?: (job: SendJob) => void;
}

/** Damaged revisions stay at the office: the rest is sent, and the operator is told what to repair. */
function damagedText(damaged: readonly string[], rest: '其余已上报' | '本次未导出上报包'): string {
  const named = damaged.slice(0, 5).join('、') + (damaged.length > 5 ? ` 等 ${damaged.length} 个` : '');
  return `${named}修订数据已损坏（校验值不符），不能上报；${rest}。请在“设置 · 数据检查”中检查，并从备份恢复后再上报`;
}

export class CountySync {
  readonly link: CountyLink;
  private job: SendJob | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: CountySyncOptions) {
    this.link = new CountyLink(options.dataDir);
    this.now = options.now ?? (() => new Date());
  }

  /** A program that only reads the folder (another holds it, a write-protected stick) records nothing. */
  private readOnly(): Result<never> | null {
    const access = this.options.access?.();
    return access && !access.writable ? fail(`${access.reason ?? '数据文件夹只读'}：不能上报县级或记录回执`, '') : null;
  }

  status(): Result<CountySyncStatus> {
    const store = this.options.store();
    if (!store.ok) return store;
    if (!this.link.hasKey()) {
      const refused = this.readOnly();
      if (refused) return refused;
    }
    const config = this.link.config();
    const key = this.link.officeKey();
    const counts = store.value.countyLedger.counts(config.server?.fingerprint ?? '');
    return ok({
      office: { fingerprint: key.fingerprint, publicKey: key.publicKey.toString('base64') },
      address: config.address,
      server: config.server,
      revisions: counts.revisions,
      pending: counts.revisions - counts.acknowledged,
      acknowledged: counts.acknowledged,
      conflicts: counts.conflicts,
      lastSentAt: config.lastSentAt,
      job: this.job,
    });
  }

  /** Saves the address; asks the server who it is (for the operator to compare the fingerprint). */
  async connect(addressText: string): Promise<Result<CountySyncStatus & { offered: { fingerprint: string; name: string } }>> {
    const refused = this.readOnly();
    if (refused) return refused;
    const address = parseCountyAddress(addressText);
    if (!address.ok) return address;
    const client = new CountyClient(address.value, this.link.officeKey());
    const hello = await client.hello(null);
    if (!hello.ok) return hello;
    const config = this.link.config();
    const sameServer = config.server?.fingerprint === hello.value.server.fingerprint;
    this.link.save({ address: address.value.url.origin, server: sameServer ? config.server : null });
    const status = this.status();
    if (!status.ok) return status;
    return ok({ ...status.value, offered: { fingerprint: hello.value.server.fingerprint, name: hello.value.server.name } });
  }

  /** 确认指纹: the operator confirms the county server's key (as read out by the county on the phone). */
  async trust(fingerprint: string): Promise<Result<CountySyncStatus>> {
    const refused = this.readOnly();
    if (refused) return refused;
    const config = this.link.config();
    if (!config.address) return fail('请先填写县级服务器地址', 'address');
    const address = parseCountyAddress(config.address);
    if (!address.ok) return address;
    const hello = await new CountyClient(address.value, this.link.officeKey()).hello(fingerprint);
    if (!hello.ok) return hello;
    this.link.save({ server: { ...hello.value.server } });
    return this.status();
  }

  /** Starts sending in the background (one job at a time); poll status(). */
  send(): Result<CountySyncStatus> {
    const refused = this.readOnly();
    if (refused) return refused;
    if (this.job?.state === 'running') return this.status();
    const config = this.link.config();
    if (!config.address) return fail('请先填写县级服务器地址并确认其指纹', 'address');
    if (!config.server) return fail('请先与县级电话核对并确认县级服务器的公钥指纹', 'server');
    this.job = { state: 'running', sent: 0, acknowledged: 0, conflicts: 0, bundles: 0, startedAt: isoWithOffset(this.now()), finishedAt: null, message: null };
    void this.run(this.job, config.address, config.server.fingerprint);
    return this.status();
  }

  /** Sends until nothing is pending; resolves when the job ends (tests and the command line await it). */
  async sendAll(): Promise<SendJob> {
    // the job runs in the background; this waits for its end
    const started = this.send();
    if (!started.ok) return { state: 'failed', sent: 0, acknowledged: 0, conflicts: 0, bundles: 0, startedAt: isoWithOffset(this.now()), finishedAt: isoWithOffset(this.now()), message: started.errors[0]?.message ?? '' };
    while (this.job?.state === 'running') await new Promise((resolve) => setTimeout(resolve, 20));
    return this.job as SendJob;
  }

  private async run(job: SendJob, addressText: string, trusted: string): Promise<void> {
    const finish = (state: SendJob['state'], message: string | null) => {
      job.state = state;
      job.message = message;
      job.finishedAt = isoWithOffset(this.now());
      this.options.onProgress?.(job);
    };
    try {
      const address = parseCountyAddress(addressText);
      if (!address.ok) return finish('failed', address.errors[0]?.message ?? '');
      const client = new CountyClient(address.value, this.link.officeKey());
      const hello = await client.hello(trusted);
      if (!hello.ok) return finish('failed', hello.errors[0]?.message ?? '');
      let afterId = 0;
      const damaged: string[] = [];
      for (;;) {
        const store = this.options.store();
        if (!store.ok) return finish('failed', store.errors[0]?.message ?? '');
        const batch = store.value.countyLedger.pending(trusted, this.options.revisionsPerBundle ?? REVISIONS_PER_BUNDLE, afterId);
        damaged.push(...batch.damaged);
        if (batch.revisions.length === 0) {
          if (batch.lastId === afterId) break;
          afterId = batch.lastId;
          continue;
        }
        const bytes = writeBundle(this.link.officeKey(), this.options.officeName(), isoWithOffset(this.now()), batch.dictionaries, batch.revisions);
        const response = await client.signed('POST', OFFICE_PATHS.bundles, bytes);
        if (response.status !== 200) return finish('failed', refusalText(response));
        const parsed = JSON.parse(response.body.toString('utf8')) as { value: Receipt };
        const recorded = this.record(Buffer.from(JSON.stringify(parsed.value)), trusted, bundleDigest(bytes));
        if (!recorded.ok) return finish('failed', recorded.errors[0]?.message ?? '');
        job.sent += batch.revisions.length;
        job.acknowledged += recorded.value.accepted;
        job.conflicts += recorded.value.conflicts;
        job.bundles += 1;
        afterId = batch.lastId;
        this.link.save({ lastSentAt: isoWithOffset(this.now()) });
        this.options.onProgress?.(job);
      }
      if (damaged.length > 0) return finish('failed', damagedText(damaged, '其余已上报'));
      finish('done', job.sent === 0 ? '没有需要上报的修订：县级已收到本机全部案卷' : null);
    } catch (error) {
      finish('failed', `发送中断：${error instanceof Error && /ECONN|timeout|socket|certificate/i.test(error.message) ? '与县级服务器的连接断开' : '程序错误'}，已收到回执的部分不会重发，请稍后再点“上报”`);
    }
  }

  /** Checks a receipt against the trusted server key and records its ids. */
  private record(bytes: Buffer, trusted: string, bundleSha256: string | null): Result<{ accepted: number; conflicts: number; receipt: Receipt }> {
    const receipt = readReceipt(bytes);
    if (!receipt.ok) return receipt;
    if (receipt.value.server.fingerprint !== trusted) return fail(`回执不是由本机确认过的县级服务器（指纹 ${trusted}）签发的，未记录`, 'file');
    if (receipt.value.officeFingerprint !== this.link.officeKey().fingerprint) return fail('这是其他乡镇的回执，未记录', 'file');
    if (bundleSha256 !== null && receipt.value.bundleSha256 !== bundleSha256) return fail('回执与本次发送的上报包不符，未记录', 'file');
    const store = this.options.store();
    if (!store.ok) return store;
    store.value.countyLedger.acknowledge(trusted, receipt.value.accepted, receipt.value.conflicts, isoWithOffset(this.now()));
    return ok({ accepted: receipt.value.accepted.length, conflicts: receipt.value.conflicts.length, receipt: receipt.value });
  }

  /** 导出上报包 (USB): every pending revision as one signed file. */
  exportBundle(): Result<{ fileName: string; mime: string; base64: string; revisions: number }> {
    const store = this.options.store();
    if (!store.ok) return store;
    const server = this.link.config().server?.fingerprint ?? '';
    const batch = store.value.countyLedger.pending(server, REVISIONS_PER_FILE);
    if (batch.damaged.length > 0) return fail(damagedText(batch.damaged, '本次未导出上报包'), '');
    if (batch.revisions.length === 0) return fail('没有需要上报的修订：县级已确认收到本机全部案卷', '');
    const now = this.now();
    const bytes = writeBundle(this.link.officeKey(), this.options.officeName(), isoWithOffset(now), batch.dictionaries, batch.revisions);
    const stamp = isoWithOffset(now).slice(0, 16).replace(/[-:T]/g, '');
    return ok({ fileName: `上报包-${this.options.officeName() || '乡镇'}-${stamp}${BUNDLE_EXTENSION}`, mime: 'application/octet-stream', base64: bytes.toString('base64'), revisions: batch.revisions.length });
  }

  /**
   * 导入回执 (USB). Before any county server is confirmed, the receipt's server fingerprint is shown
   * (`confirmFingerprint` absent: nothing recorded) and recorded once the operator confirms it.
   */
  importReceipt(bytes: Buffer, confirmFingerprint?: string): Result<ReceiptOutcome> {
    const refused = this.readOnly();
    if (refused) return refused;
    const receipt = readReceipt(bytes);
    if (!receipt.ok) return receipt;
    const { server } = receipt.value;
    let trusted = this.link.config().server;
    if (!trusted) {
      if (confirmFingerprint !== server.fingerprint) {
        return ok({ recorded: false, server: { fingerprint: server.fingerprint }, accepted: receipt.value.accepted.length, conflicts: receipt.value.conflicts.length });
      }
      trusted = { fingerprint: server.fingerprint, publicKey: server.publicKey, name: '' };
      this.link.save({ server: trusted });
    }
    const recorded = this.record(bytes, trusted.fingerprint, null);
    if (!recorded.ok) return recorded;
    return ok({ recorded: true, server: { fingerprint: server.fingerprint }, accepted: recorded.value.accepted, conflicts: recorded.value.conflicts });
  }

  /** 获取县级参数包: the file the county published (checked and compared by the usual import, not here). */
  async fetchPack(): Promise<Result<{ fileName: string; base64: string }>> {
    const config = this.link.config();
    if (!config.address || !config.server) return fail('请先填写县级服务器地址并确认其指纹；也可以用U盘导入参数包', 'address');
    const address = parseCountyAddress(config.address);
    if (!address.ok) return address;
    const client = new CountyClient(address.value, this.link.officeKey());
    const hello = await client.hello(config.server.fingerprint);
    if (!hello.ok) return hello;
    try {
      const response = await client.signed('GET', OFFICE_PATHS.pack);
      if (response.status !== 200) return fail(refusalText(response), 'server');
      return ok({ fileName: '县级发布的参数包.signed.json', base64: response.body.toString('base64') });
    } catch {
      return fail('与县级服务器的连接断开，请稍后重试', 'address');
    }
  }
}

export { RECEIPT_EXTENSION, BUNDLE_EXTENSION };
