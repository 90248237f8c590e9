/**
 * The county server's operations over its database, for the HTTP routes and the command line alike:
 * registering offices, receiving bundles (checked, imported, answered with a signed receipt),
 * publishing packs, and the pages' queries.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { BundleImportReply, OfficeReport, PublishedPack } from '../shared/api/countyApi';
import { fail, ok, type Result } from '../shared/errors';
import { SIGNED_PACK_FORMAT } from '../electron/services/packs/packSigning';
import { isoWithOffset, localDay } from '../electron/services/store/localTime';
import { DerivePool, defaultDeriveWorkers } from './import/derivePool';
import { FirstLoad, type FirstLoadOptions } from './import/firstLoad';
import { importBundle, readRevisions, type ImportOutcome } from './import/importBundle';
import { parsePublicKey, type SigningKey } from './protocol/keys';
import { bundleSigner, readBundle, type Bundle } from './protocol/bundle';
import { receiptFile, signReceipt, type Receipt } from './protocol/receipt';
import { officeReports } from './queries/totals';

export interface RegisteredOffice {
  id: number;
  name: string;
  publicKey: Buffer;
}

export interface Received {
  office: RegisteredOffice;
  outcome: ImportOutcome;
  receipt: Receipt;
}

/** One file of a first load: what became of it (refused files are listed, the others loaded). */
export interface FirstLoadFile {
  name: string;
  /** the office that signed it, when it was read */
  officeName?: string;
  outcome?: ImportOutcome;
  /** signed after the whole load is committed */
  receipt?: Receipt;
  /** why it was not loaded (Chinese, for staff) */
  refused?: string;
}

export interface FirstLoadReport {
  files: FirstLoadFile[];
  revisions: number;
  added: number;
  seconds: number;
  /** of which building the deferred indexes at the end */
  indexSeconds: number;
  /** of which the COMMIT (at wal_level minimal: writing the load's files to disk) */
  commitSeconds: number;
  /** of which the VACUUM after the commit (null: it failed, autovacuum will do it) */
  vacuumSeconds: number | null;
  /** written without WAL (wal_level minimal: its tables truncated in the load's transaction) */
  walSkipped: boolean;
}

export class CountyService {
  constructor(
    readonly pool: Pool,
    readonly serverKey: SigningKey,
    readonly countyName: string,
    private readonly now: () => Date = () => new Date(),
    options: { deriveWorkers?: number } = {},
  ) {
    this.derivePool = new DerivePool(options.deriveWorkers ?? defaultDeriveWorkers());
  }

  /** 解读线程: the worker threads that read received revisions (derivePool.ts) */
  readonly derivePool: DerivePool;

  /** Stops the worker threads (they never keep the process alive; this frees them sooner). */
  close(): Promise<void> {
    return this.derivePool.close();
  }

  /** A registered, not revoked office by its key fingerprint. */
  async office(fingerprint: string): Promise<RegisteredOffice | null> {
    const found = await this.pool.query<{ id: number; name: string; public_key: Buffer }>(
      'SELECT id, name, public_key FROM offices WHERE fingerprint = $1 AND revoked_at IS NULL',
      [fingerprint],
    );
    const row = found.rows[0];
    return row ? { id: row.id, name: row.name, publicKey: row.public_key } : null;
  }

  async registerOffice(name: string, publicKeyText: string): Promise<Result<OfficeReport[]>> {
    const parsed = parsePublicKey(publicKeyText);
    if (!parsed.ok) return parsed;
    const existing = await this.pool.query<{ name: string; revoked_at: Date | null }>('SELECT name, revoked_at FROM offices WHERE fingerprint = $1', [parsed.value.fingerprint]);
    const held = existing.rows[0];
    if (held && !held.revoked_at) return fail(`该公钥（指纹 ${parsed.value.fingerprint}）已登记为「${held.name}」`, 'publicKey');
    if (held) await this.pool.query('UPDATE offices SET revoked_at = NULL, name = $2 WHERE fingerprint = $1', [parsed.value.fingerprint, name.trim()]);
    else await this.pool.query('INSERT INTO offices (fingerprint, public_key, name) VALUES ($1, $2, $3)', [parsed.value.fingerprint, Buffer.from(parsed.value.publicKey, 'base64'), name.trim()]);
    return ok(await this.offices());
  }

  /** 停用: the office's bundles are refused from now on; what it sent stays. */
  async revokeOffice(id: number): Promise<Result<OfficeReport[]>> {
    const updated = await this.pool.query('UPDATE offices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    if (updated.rowCount === 0) return fail('找不到该乡镇，或已停用', 'id');
    return ok(await this.offices());
  }

  offices(): Promise<OfficeReport[]> {
    return officeReports(this.pool, this.now());
  }

  /** A bundle's signature (a registered office) and every byte checked; nothing written. */
  private async checkBundle(bytes: Buffer, expectedOffice?: string): Promise<Result<{ bundle: Bundle; office: RegisteredOffice }>> {
    const offices = new Map<string, RegisteredOffice>();
    const signer = bundleSigner(bytes);
    if (signer) {
      const office = await this.office(signer.fingerprint);
      if (office) offices.set(signer.fingerprint, office);
    }
    const bundle = readBundle(bytes, (fingerprint) => offices.get(fingerprint)?.publicKey ?? null);
    if (!bundle.ok) return bundle;
    if (expectedOffice && bundle.value.header.office.fingerprint !== expectedOffice) return fail('上报包不是由发送请求的乡镇签名的，未导入', 'office');
    return ok({ bundle: bundle.value, office: offices.get(bundle.value.header.office.fingerprint) as RegisteredOffice });
  }

  /** `bundle`: which bundle (its signer's fingerprint and its hash) */
  private receiptFor(bundle: { fingerprint: string; sha256: string }, outcome: ImportOutcome): Receipt {
    return signReceipt(this.serverKey, {
      officeFingerprint: bundle.fingerprint,
      bundleSha256: bundle.sha256,
      receivedAt: this.now().toISOString(),
      accepted: outcome.accepted,
      conflicts: outcome.conflicts,
    });
  }

  /** Checks a bundle (signature of a registered office, every byte), imports it, and signs the receipt. */
  async receiveBundle(bytes: Buffer, via: 'network' | 'file', expectedOffice?: string): Promise<Result<Received>> {
    const checked = await this.checkBundle(bytes, expectedOffice);
    if (!checked.ok) return checked;
    const { bundle, office } = checked.value;
    const imported = await importBundle(this.pool, office.id, bundle, via, { derive: this.derivePool });
    if (!imported.ok) return imported;
    return ok({ office, outcome: imported.value, receipt: this.receiptFor({ fingerprint: bundle.header.office.fingerprint, sha256: bundle.sha256 }, imported.value) });
  }

  /**
   * 首次导入: every bundle file of a county into an empty county database as one load (firstLoad.ts):
   * the derived tables' indexes built once at the end, all of it committed at once or not at all.
   * A file that is not a bundle of a registered office, or cannot be read, is listed as refused and
   * the others are loaded; receipts are signed only once the load is committed. The next file is
   * checked and read (worker threads) while the one before is written.
   */
  async firstLoad(files: Iterable<{ name: string; bytes: () => Buffer }>, options: FirstLoadOptions = {}): Promise<Result<FirstLoadReport>> {
    const started = performance.now();
    const begun = await FirstLoad.begin(this.pool, options);
    if (!begun.ok) return begun;
    const load = begun.value;
    const report: FirstLoadFile[] = [];
    // what the receipts will name, not the bundles themselves (a county's bundles are gigabytes)
    const loaded: { file: FirstLoadFile; bundle: { fingerprint: string; sha256: string } }[] = [];
    const prepare = async (file: { name: string; bytes: () => Buffer }) => {
      const checked = await this.checkBundle(file.bytes());
      if (!checked.ok) return { name: file.name, refused: checked.errors.map((error) => error.message).join('；') };
      const read = await readRevisions(checked.value.bundle, this.derivePool);
      if (!read.ok) return { name: file.name, refused: read.errors.map((error) => error.message).join('；') };
      return { name: file.name, ...checked.value, revisions: read.value };
    };
    const iterator = files[Symbol.iterator]();
    const following = () => {
      const next = iterator.next();
      return next.done ? null : prepare(next.value);
    };
    let pending: ReturnType<typeof following> = null;
    try {
      pending = following();
      while (pending) {
        const current = await pending;
        pending = following();
        if ('refused' in current) {
          report.push({ name: current.name, refused: current.refused });
          continue;
        }
        const outcome = await load.add(current.office.id, current.bundle, 'file', current.revisions);
        const file: FirstLoadFile = { name: current.name, officeName: current.office.name, outcome };
        report.push(file);
        loaded.push({ file, bundle: { fingerprint: current.bundle.header.office.fingerprint, sha256: current.bundle.sha256 } });
      }
    } catch (error) {
      pending?.catch(() => undefined);
      await load.abort();
      throw error;
    }
    const { indexSeconds, commitSeconds, vacuumSeconds } = await load.finish();
    // committed: now the receipts can say so
    for (const { file, bundle } of loaded) file.receipt = this.receiptFor(bundle, file.outcome as ImportOutcome);
    const outcomes = loaded.map(({ file }) => file.outcome as ImportOutcome);
    return ok({
      files: report,
      revisions: outcomes.reduce((sum, outcome) => sum + outcome.revisions, 0),
      added: outcomes.reduce((sum, outcome) => sum + outcome.added, 0),
      seconds: (performance.now() - started) / 1000,
      indexSeconds,
      commitSeconds,
      vacuumSeconds,
      walSkipped: load.walSkipped,
    });
  }

  /** A bundle brought on a USB stick: imported, and the receipt handed back as a file for the office. */
  async importBundleFile(bytes: Buffer): Promise<Result<BundleImportReply>> {
    const received = await this.receiveBundle(bytes, 'file');
    if (!received.ok) return received;
    const { office, outcome, receipt } = received.value;
    const day = localDay(this.now());
    const file = receiptFile(receipt, office.name, day);
    return ok({
      officeName: office.name,
      revisions: outcome.revisions,
      added: outcome.added,
      conflicts: outcome.conflicts.length,
      receipt: { fileName: file.fileName, mime: 'application/json', base64: file.bytes.toString('base64') },
    });
  }

  /**
   * 发布参数包: a pack file the county signed with its pack key (政策参数 · 导出), kept byte for byte for
   * offices to fetch; each office checks the signature against its own 县级公钥 before showing it.
   */
  async publishPack(bytes: Buffer): Promise<Result<PublishedPack[]>> {
    let file: { format?: unknown; keyFingerprint?: unknown; signature?: unknown; pack?: { id?: unknown; version?: unknown } };
    try {
      file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as typeof file;
    } catch {
      return fail('不是签名参数包文件（内容不是有效的 JSON）', 'file');
    }
    if (file?.format !== SIGNED_PACK_FORMAT || typeof file.keyFingerprint !== 'string' || typeof file.signature !== 'string') {
      return fail('只能发布签名参数包文件：请在“政策参数 · 导出签名参数包”中用县级私钥签名导出后再发布', 'file');
    }
    if (typeof file.pack?.id !== 'string' || typeof file.pack.version !== 'string') return fail('签名参数包文件中缺少参数包编号或版本', 'file');
    await this.pool.query('INSERT INTO published_packs (pack_id, pack_version, key_fingerprint, file, sha256) VALUES ($1, $2, $3, $4, $5)', [
      file.pack.id,
      file.pack.version,
      file.keyFingerprint,
      bytes,
      createHash('sha256').update(bytes).digest(),
    ]);
    return ok(await this.packs());
  }

  async packs(): Promise<PublishedPack[]> {
    const rows = await this.pool.query<{ id: number; pack_id: string; pack_version: string; key_fingerprint: string; published_at: Date; bytes: number }>(
      'SELECT id, pack_id, pack_version, key_fingerprint, published_at, length(file) AS bytes FROM published_packs ORDER BY id DESC',
    );
    return rows.rows.map((row) => ({ id: row.id, packId: row.pack_id, packVersion: row.pack_version, keyFingerprint: row.key_fingerprint, publishedAt: isoWithOffset(row.published_at), bytes: row.bytes }));
  }

  /** The pack offices should have: the latest published. */
  async currentPack(): Promise<Buffer | null> {
    const row = await this.pool.query<{ file: Buffer }>('SELECT file FROM published_packs ORDER BY id DESC LIMIT 1');
    return row.rows[0]?.file ?? null;
  }
}
