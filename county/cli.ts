/**
 * `npm run county`: the county server, and its few one-off commands.
 *
 *   npm run county -- [--data-dir 路径] [--pg postgres://…] [--pg-user huimin-pg] [--name 某某县]
 *                     [--host 127.0.0.1] [--port 5190] [--tls-cert 证书.pem --tls-key 私钥.pem]
 *                     [--derive-workers N]   解读上报包的工作线程数（默认：CPU 核数减一，至少 1；0 = 不用）
 *   npm run county -- register-office --name 某某镇 --key 公钥        登记乡镇（先电话核对指纹）
 *   npm run county -- import 文件.hmbundle [--receipt 回执文件]       导入U盘带来的上报包
 *   npm run county -- publish-pack 参数包.signed.json                 发布签名参数包
 *   npm run county -- first-load 文件夹或文件… [--receipts 回执文件夹]  首次导入：空的县级库一次导入全县的上报包
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE_EXTENSION } from './protocol/bundle';
import { openCountyFolder, defaultCountyDir } from './config';
import { CountyService } from './countyService';
import { deriveWorkersSetting } from './import/derivePool';
import { openCountyDatabase } from './database';
import { ClusterError } from './db/privateCluster';
import { receiptFile } from './protocol/receipt';
import { ListenRefused, startCountyServer } from './server/app';

interface Args {
  command: string | null;
  positional: string[];
  flags: Map<string, string>;
}

const FLAGS_WITH_VALUE = new Set(['--data-dir', '--pg', '--pg-user', '--name', '--host', '--port', '--tls-cert', '--tls-key', '--key', '--receipt', '--receipts', '--derive-workers']);

export function parseArgs(argv: readonly string[]): Args {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (!FLAGS_WITH_VALUE.has(name)) throw new Error(`未知的参数 ${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`参数 ${name} 缺少取值`);
      flags.set(name, value);
    } else positional.push(arg);
  }
  const [command = null, ...rest] = positional;
  return { command, positional: rest, flags };
}

function port(value: string | undefined): number {
  if (value === undefined) return 5190;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new Error(`端口号不正确：${value}`);
  return number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const deriveWorkers = deriveWorkersSetting(args.flags.get('--derive-workers') ?? process.env.HUIMIN_COUNTY_DERIVE_WORKERS);
  const dir = resolve(args.flags.get('--data-dir') ?? process.env.HUIMIN_COUNTY_DIR ?? defaultCountyDir());
  const folder = openCountyFolder(dir, args.command === null ? args.flags.get('--name') : undefined);
  const runAs = args.flags.get('--pg-user') ?? process.env.HUIMIN_PG_USER;
  const server = args.command === null;
  const database = await openCountyDatabase({ url: args.flags.get('--pg') ?? process.env.HUIMIN_COUNTY_PG, clusterDir: folder.clusterDir, runAs, stopCluster: server, firstLoad: args.command === 'first-load' });
  const service = new CountyService(database.pool, folder.serverKey, folder.name, undefined, { deriveWorkers });
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const fail = async (messages: { message: string }[]) => {
    process.stderr.write(`${messages.map((m) => m.message).join('\n')}\n`);
    await database.close();
    process.exit(2);
  };

  if (args.command === 'register-office') {
    const name = args.flags.get('--name');
    const key = args.flags.get('--key');
    if (!name || !key) return fail([{ message: '用法：npm run county -- register-office --name 某某镇 --key 公钥' }]);
    const done = await service.registerOffice(name, key);
    if (!done.ok) return fail(done.errors);
    const office = done.value.find((o) => o.name === name.trim());
    print(`已登记「${name}」，公钥指纹 ${office?.fingerprint ?? ''}`);
  } else if (args.command === 'import') {
    const [file] = args.positional;
    if (!file) return fail([{ message: '用法：npm run county -- import 文件.hmbundle [--receipt 回执文件]' }]);
    const done = await service.importBundleFile(readFileSync(file));
    if (!done.ok) return fail(done.errors);
    const receiptPath = resolve(args.flags.get('--receipt') ?? done.value.receipt.fileName);
    writeFileSync(receiptPath, Buffer.from(done.value.receipt.base64, 'base64'));
    print(`已导入「${done.value.officeName}」的上报包：${done.value.revisions} 条修订，新增 ${done.value.added} 条，冲突 ${done.value.conflicts} 条。\n回执：${receiptPath}（请带回乡镇，在“设置 · 上报县级”中导入）`);
  } else if (args.command === 'first-load') {
    // 首次导入: every .hmbundle of the folders given (and files named), in name order, as one load
    const paths = args.positional.flatMap((path) =>
      statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((name) => name.endsWith(BUNDLE_EXTENSION))
            .sort()
            .map((name) => join(path, name))
        : [path],
    );
    if (paths.length === 0) return fail([{ message: '用法：npm run county -- first-load 上报包文件夹或文件… [--receipts 回执文件夹]（文件夹中的 .hmbundle 文件按文件名顺序导入）' }]);
    print(`首次导入 ${paths.length} 个上报包：全部导入后统一建立索引并提交，中途中断则一条也不导入，可重新执行。`);
    const done = await service.firstLoad(paths.map((path) => ({ name: path, bytes: () => readFileSync(path) })));
    if (!done.ok) return fail(done.errors);
    const receiptsDir = resolve(args.flags.get('--receipts') ?? '.');
    mkdirSync(receiptsDir, { recursive: true });
    for (const file of done.value.files) {
      if (file.refused) {
        print(`未导入 ${file.name}：${file.refused}`);
        continue;
      }
      if (!file.receipt || !file.outcome || !file.officeName) continue;
      const receipt = receiptFile(file.receipt, file.officeName, `第${file.outcome.bundleId}包`);
      writeFileSync(join(receiptsDir, receipt.fileName), receipt.bytes);
    }
    const refused = done.value.files.filter((file) => file.refused).length;
    print(
      `首次导入完成：${done.value.files.length - refused} 个上报包、${done.value.revisions} 条修订，新增 ${done.value.added} 条，用时 ${done.value.seconds.toFixed(0)} 秒（其中建立索引 ${done.value.indexSeconds.toFixed(0)} 秒${done.value.vacuumSeconds === null ? '' : `，整理 ${done.value.vacuumSeconds.toFixed(0)} 秒`}${done.value.walSkipped ? '；数据在提交时直接写入磁盘，未另写预写日志' : ''}）${refused ? `；${refused} 个文件未导入（见上）` : ''}。\n回执在 ${receiptsDir}（请带回各乡镇，在“设置 · 上报县级”中导入）`,
    );
  } else if (args.command === 'publish-pack') {
    const [file] = args.positional;
    if (!file) return fail([{ message: '用法：npm run county -- publish-pack 参数包.signed.json' }]);
    const done = await service.publishPack(readFileSync(file));
    if (!done.ok) return fail(done.errors);
    print(`已发布参数包 ${done.value[0]?.packId} ${done.value[0]?.packVersion}`);
  } else if (server) {
    const certFile = args.flags.get('--tls-cert');
    const keyFile = args.flags.get('--tls-key');
    if (Boolean(certFile) !== Boolean(keyFile)) return fail([{ message: '--tls-cert 与 --tls-key 须同时指定' }]);
    const started = await startCountyServer({
      service,
      rendererDir: resolve(__dirname, '../out/renderer'),
      host: args.flags.get('--host') ?? '127.0.0.1',
      port: port(args.flags.get('--port')),
      tls: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined,
      token: folder.token,
    }).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    const shutdown = () => {
      void started.close().then(async () => {
        await database.close();
        process.exit(0);
      });
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    print(
      [
        `惠民政策测算台 · 县级服务器（${folder.name}）已启动`,
        `数据：${database.description}`,
        `县级服务器公钥指纹：${folder.serverKey.fingerprint}（乡镇首次连接时电话核对）`,
        `乡镇填写的县级地址：${started.officeUrl}`,
        `县级页面（请在浏览器中打开）：${started.url}`,
        '（按 Ctrl+C 停止）',
      ].join('\n'),
    );
    return;
  } else {
    return fail([{ message: `未知的命令「${args.command}」（可用：register-office、import、first-load、publish-pack）` }]);
  }
  await database.close();
}

main().catch((error: unknown) => {
  const known = error instanceof ClusterError || error instanceof ListenRefused;
  process.stderr.write(`县级服务器启动失败：${known ? (error as Error).message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
