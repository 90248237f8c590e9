/**
 * The contract's command line (calc-contract.md "Command line"):
 *   calc case.json                    one case   → one result object on stdout
 *   calc cases.jsonl                  one case a line → one result a line, same order, streamed
 *   calc -                            standard input: JSON, or JSONL (rule in inputLines.ts)
 *   calc case.json --set key=value    overrides (repeatable), as the case's own `params`
 *   calc --params [--as-of DATE]      the pack in force: every key, value, unit and source
 *   calc cases.jsonl --brief          benefits and 还可申请 without steps, basis as {doc, clause} (brief.ts)
 *   calc cases.jsonl --workers N      N worker threads (default: the machine's cores; 0 or 1: none)
 *   calc --help                       the usage and what each option does
 * Also: --as-of DATE is the assessment date of cases that give none (default: today);
 * --data-dir DIR uses the packs of that data folder (the app's 政策参数 page): the pack in force there
 * and its local packs; --pack NAME|FILE computes with another pack: "id@version", a version, or a
 * pack file (a plain pack JSON, or a signed export checked against the folder's county keys).
 * --params and --as-of read the same packs.
 * Exit 0 when every case was computed, 2 when the input (or any line of it) is invalid.
 */
import { availableParallelism } from 'node:os';
import { calculate, readOverrides } from '../../shared/calculate';
import { isIsoDate } from '../../shared/dates';
import { fail, ok, type AppError, type Result } from '../../shared/errors';
import { loadPack, type Pack } from '../../shared/packs/loadPack';
import { listPack } from '../../shared/packs/packListing';
import type { RawPack } from '../../shared/packs/types';
import type { PackRegistry } from '../services/packs/packRegistry';
import { briefResult } from './brief';
import { runBatch } from './calcBatch';
import type { WorkerEntry } from '../services/workerEntry';
import { defaultWorkerEntry } from './calcPool';
import { errorJson, type CaseSettings } from './caseLines';
import { InputError, readCases } from './inputLines';

export interface CliIo {
  /** a pack file (--pack) */
  readText(path: string): Promise<string>;
  /** the input as it arrives: a file, or standard input for '-'; reading a missing file throws */
  readInput(path: string): AsyncIterable<Uint8Array>;
  /**
   * standard output; a promise when the reader is behind (back-pressure). `written` (optional): called
   * once the chunk has been written out, when its memory may be filled again; never if it is kept.
   */
  stdout(chunk: string | Uint8Array, written?: () => void): void | Promise<void>;
  stderr(text: string): void;
  today: string;
  /** the pack used unless --pack or --data-dir is given */
  defaultPack: Pack;
  /** whether a path names a readable file (default: try to read it) */
  isFile?(path: string): boolean;
  /** the default of --workers (default: the machine's cores) */
  cores?: number;
  /** the file worker threads run (default: the CLI bundle itself, or calcWorker.ts from source) */
  workerEntry?: WorkerEntry;
}

interface Options {
  input?: string;
  sets: [string, string][];
  params: boolean;
  asOf?: string;
  packFile?: string;
  dataDir?: string;
  brief: boolean;
  workers?: number;
  help?: boolean;
}

class UsageError extends Error {}

const USAGE = '用法：npm run -s calc -- <case.json | cases.jsonl | -> [--brief] [--workers 线程数] [--set 参数=值 …] [--as-of YYYY-MM-DD] [--data-dir 数据文件夹] [--pack 参数包]\n      npm run -s calc -- --params [--as-of YYYY-MM-DD] [--data-dir 数据文件夹] [--pack 参数包]';

/** --help: the usage and what each option does (the same words as the README's 命令行批量测算). */
const HELP = `${USAGE}

  case.json          一户家庭的 JSON：结果（缩进排版）写到标准输出
  cases.jsonl        每行一户：每行一个结果，第 N 行输出对应第 N 行输入（有误的行在原位给出 {"error":…}）
  -                  从标准输入读（JSON，或多行时为 JSONL）
  --brief            批量用的精简输出：每项待遇和“还可申请”都不带计算步骤（steps），依据（basis）只留
                     {doc, clause}；各项结论、金额、理由、提醒和警告与完整输出相同
  --workers 线程数   计算线程数，默认本机核数；0 或 1 表示在主线程计算
  --set 参数=值      改用这个参数值（可多次给出），与案例的 params 相同
  --as-of 日期       案例未给测算日期（asOf）时按这一天测算，默认今天
  --params           列出所用参数包在该日的全部参数：键、数值、单位、依据
  --data-dir 文件夹  使用该数据文件夹（应用的“政策参数”页）正在使用的参数包和本地参数包
  --pack 参数包      改用另一个参数包：“编号@版本”、版本号，或参数包文件
  --help             显示本说明

退出码：0 全部算出；2 输入（或其中某行）有误。
`;

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { sets: [], params: false, brief: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (name: string) => {
      const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} 后面缺少值`);
      return next;
    };
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--params') options.params = true;
    else if (arg === '--set' || arg.startsWith('--set=')) {
      const pair = value('--set');
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set 的格式应为 参数=值，现为「${pair}」`);
      options.sets.push([pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]);
    } else if (arg === '--as-of' || arg.startsWith('--as-of=')) options.asOf = value('--as-of');
    else if (arg === '--pack' || arg.startsWith('--pack=')) options.packFile = value('--pack');
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) options.dataDir = value('--data-dir');
    else if (arg === '--brief') options.brief = true;
    else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const text = value('--workers');
      if (!/^\d{1,3}$/.test(text)) throw new UsageError(`--workers 应为线程数（0 或正整数，0 和 1 表示不用工作线程），现为「${text}」`);
      options.workers = Number(text);
    }
    else if (arg === '-' || !arg.startsWith('-')) {
      if (options.input !== undefined) throw new UsageError('只能给出一个输入文件');
      options.input = arg;
    } else throw new UsageError(`不认识的选项「${arg}」`);
  }
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new UsageError(`--as-of 应为有效日期（YYYY-MM-DD），现为「${options.asOf}」`);
  if (options.help) return options;
  if (!options.params && options.input === undefined) throw new UsageError('缺少输入：请给出案例文件，或用 - 从标准输入读取');
  return options;
}

const errorLine = errorJson;

/** --set values as the overrides object: lists (the nine diseases) are written with 、 or commas, 大病保险 bands as JSON text. */
function overridesFrom(pack: Pack, sets: [string, string][]): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const [key, text] of sets) {
    overrides[key] = pack.parameters.get(key)?.unit === 'list' ? text.split(/[、,，]/).map((s) => s.trim()).filter(Boolean) : text;
  }
  return overrides;
}

const looksLikeFile = (name: string) => /[\\/]|\.json$/i.test(name);

/** The pack of this run: --pack (a name in the data folder or shipped, or a file), else the one in force. */
async function choosePack(options: Options, io: CliIo): Promise<Result<Pack>> {
  if (options.dataDir === undefined && options.packFile === undefined) return ok(io.defaultPack);
  // loaded only when asked for: the data folder's packs and the signature check (node:crypto) would
  // otherwise add to every start
  const { PackRegistry } = await import('../services/packs/packRegistry');
  let registry: PackRegistry | undefined;
  if (options.dataDir !== undefined) {
    if (io.isFile?.(options.dataDir) === true) return fail(`--data-dir 应为数据文件夹，「${options.dataDir}」是一个文件`, '');
    registry = new PackRegistry(undefined, { dataDir: options.dataDir });
  }
  if (options.packFile === undefined) return ok(registry ? registry.active().pack : io.defaultPack);
  const name = options.packFile;
  if (!looksLikeFile(name) && !(io.isFile?.(name) ?? false)) {
    const found = (registry ?? new PackRegistry()).lookup(name);
    if (found) return ok(found.pack);
    return fail(`找不到参数包「${name}」${registry ? '（已查出厂参数包和该数据文件夹的本地参数包）' : '（未给出 --data-dir，只查出厂参数包）'}`, '');
  }
  let text: string;
  let raw: unknown;
  try {
    text = await io.readText(name);
    raw = JSON.parse(text);
  } catch {
    return fail(`无法读取参数包文件「${name}」，或其内容不是有效的 JSON`, '');
  }
  const { SIGNED_PACK_FORMAT, verifySignedPack } = await import('../services/packs/packSigning');
  if ((raw as { format?: unknown } | null)?.format === SIGNED_PACK_FORMAT) {
    // a signed export is trusted only against the county keys of a data folder
    if (!registry?.keys) return fail('这是签名的参数包文件：请用 --data-dir 指明配置了县级公钥的数据文件夹', '');
    const verified = verifySignedPack(Buffer.from(text, 'utf8'), registry.keys.list());
    if (!verified.ok) return verified;
    raw = verified.value.pack as RawPack;
  }
  return loadPack(raw);
}

export async function runCalcCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    io.stderr(`${errorLine({ message: `${(error as Error).message}\n${USAGE}`, path: '' })}\n`);
    return 2;
  }
  if (options.help) {
    await io.stdout(HELP);
    return 0;
  }

  const chosen = await choosePack(options, io);
  if (!chosen.ok) {
    io.stderr(`${errorLine(chosen.errors[0] as AppError)}\n`);
    return 2;
  }
  const pack = chosen.value;
  const today = options.asOf ?? io.today;
  const overrides = overridesFrom(pack, options.sets);

  // The overrides are checked as a case's would be, once: a misspelt key is refused before anything
  // is computed (not on every line of a batch), and with --params too.
  const checked = readOverrides(pack, overrides);
  if (!checked.ok) {
    io.stderr(`${errorLine(checked.errors[0] as AppError)}\n`);
    return 2;
  }
  if (options.params) {
    await io.stdout(`${JSON.stringify(listPack(pack, today, checked.value), null, 2)}\n`);
    return 0;
  }
  return computeInput(options, io, pack, { today, overrides, brief: options.brief });
}

const readProblem = (error: unknown): string => {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return '：文件不存在';
    case 'EISDIR':
      return '：这是一个文件夹';
    case 'EACCES':
    case 'EPERM':
      return '：没有读取权限';
    default:
      return error instanceof Error ? `：${error.message}` : '';
  }
};

async function computeInput(options: Options, io: CliIo, pack: Pack, settings: CaseSettings): Promise<number> {
  const input = options.input as string;
  const where = input === '-' ? '标准输入' : `输入文件「${input}」`;
  const fail = (message: string) => {
    io.stderr(`${errorLine({ message, path: '' })}\n`);
    return 2;
  };
  const progress = { written: 0 };
  try {
    const cases = await readCases(io.readInput(input), where, /\.(jsonl|ndjson)$/i.test(input));
    const empty = `${where}是空的（或只有空行），没有任何案例：应为一户家庭的 JSON，或每行一户的 JSONL`;
    if (cases.kind === 'empty') return fail(empty);
    if (cases.kind === 'document') return await computeDocument(cases.text, io, pack, settings);
    const tally = await runBatch(cases.lines, {
      pack,
      settings,
      workers: options.workers ?? io.cores ?? availableParallelism(),
      workerEntry: io.workerEntry ?? defaultWorkerEntry(),
      write: (chunk, written) => io.stdout(chunk, written),
      progress,
    });
    if (tally.empty) return fail(empty);
    return tally.failed > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof InputError) return fail(error.message);
    const errno = error as NodeJS.ErrnoException;
    if (typeof errno.code !== 'string') throw error;
    if (progress.written > 0) return fail(`读取${where}时出错${readProblem(error)}；前 ${progress.written} 行已有结果，其后各行没有`);
    return fail(`无法读取输入文件「${input}」${readProblem(error)}`);
  }
}

/** One JSON document: the result pretty-printed on stdout, or the error on stderr. */
async function computeDocument(text: string, io: CliIo, pack: Pack, settings: CaseSettings): Promise<number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const hint = text.trim().includes('\n') ? '（按单个 JSON 文档读取：第一行本身不是完整的 JSON；批量测算请每行一户，或用 .jsonl 文件名）' : '';
    io.stderr(`${errorLine({ message: `输入不是有效的 JSON${hint}`, path: '' })}\n`);
    return 2;
  }
  const result = calculate(parsed, { pack, today: settings.today, overrides: settings.overrides });
  if (!result.ok) {
    io.stderr(`${errorLine(result.errors[0] as AppError)}\n`);
    return 2;
  }
  await io.stdout(`${JSON.stringify(settings.brief ? briefResult(result.value) : result.value, null, 2)}\n`);
  return 0;
}
