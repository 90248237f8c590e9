/**
 * The contract's command line (calc-contract.md "Command line"):
 *   calc case.json                    one case   → one result object on stdout
 *   calc cases.jsonl                  one case a line → one result a line, same order
 *   calc -                            standard input: JSON, or JSONL when it is one object a line
 *   calc case.json --set key=value    overrides (repeatable), as the case's own `params`
 *   calc --params [--as-of DATE]      the pack in force: every key, value, unit and source
 * Also: --as-of DATE is the assessment date of cases that give none (default: today);
 * --data-dir DIR uses the packs of that data folder (the app's 政策参数 page): the pack in force there
 * and its local packs; --pack NAME|FILE computes with another pack: "id@version", a version, or a
 * pack file (a plain pack JSON, or a signed export checked against the folder's county keys).
 * --params and --as-of read the same packs.
 * Exit 0 when every case was computed, 2 when the input (or any line of it) is invalid.
 */
import { calculate, readOverrides } from '../../shared/calculate';
import { isIsoDate } from '../../shared/dates';
import { fail, ok, type AppError, type Result } from '../../shared/errors';
import { loadPack, type Pack } from '../../shared/packs/loadPack';
import { listPack } from '../../shared/packs/packListing';
import type { RawPack } from '../../shared/packs/types';
import { PackRegistry } from '../services/packs/packRegistry';
import { SIGNED_PACK_FORMAT, verifySignedPack } from '../services/packs/packSigning';

export interface CliIo {
  readText(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  today: string;
  /** the pack used unless --pack or --data-dir is given */
  defaultPack: Pack;
  /** whether a path names a readable file (default: try to read it) */
  isFile?(path: string): boolean;
}

interface Options {
  input?: string;
  sets: [string, string][];
  params: boolean;
  asOf?: string;
  packFile?: string;
  dataDir?: string;
}

class UsageError extends Error {}

const USAGE = '用法：npm run -s calc -- <case.json | cases.jsonl | -> [--set 参数=值 …] [--as-of YYYY-MM-DD] [--data-dir 数据文件夹] [--pack 参数包]\n      npm run -s calc -- --params [--as-of YYYY-MM-DD] [--data-dir 数据文件夹] [--pack 参数包]';

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { sets: [], params: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (name: string) => {
      const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} 后面缺少值`);
      return next;
    };
    if (arg === '--params') options.params = true;
    else if (arg === '--set' || arg.startsWith('--set=')) {
      const pair = value('--set');
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set 的格式应为 参数=值，现为「${pair}」`);
      options.sets.push([pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]);
    } else if (arg === '--as-of' || arg.startsWith('--as-of=')) options.asOf = value('--as-of');
    else if (arg === '--pack' || arg.startsWith('--pack=')) options.packFile = value('--pack');
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) options.dataDir = value('--data-dir');
    else if (arg === '-' || !arg.startsWith('-')) {
      if (options.input !== undefined) throw new UsageError('只能给出一个输入文件');
      options.input = arg;
    } else throw new UsageError(`不认识的选项「${arg}」`);
  }
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new UsageError(`--as-of 应为有效日期（YYYY-MM-DD），现为「${options.asOf}」`);
  if (!options.params && options.input === undefined) throw new UsageError('缺少输入：请给出案例文件，或用 - 从标准输入读取');
  return options;
}

const errorLine = (error: AppError) => JSON.stringify({ error: { message: error.message, path: error.path } });

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
  if ((raw as { format?: unknown } | null)?.format === SIGNED_PACK_FORMAT) {
    // a signed export is trusted only against the county keys of a data folder
    if (!registry?.keys) return fail('这是签名的参数包文件：请用 --data-dir 指明配置了县级公钥的数据文件夹', '');
    const verified = verifySignedPack(Buffer.from(text, 'utf8'), registry.keys.list());
    if (!verified.ok) return verified;
    raw = verified.value.pack as RawPack;
  }
  return loadPack(raw);
}

/** Splits standard input: one JSON document, or JSONL when the whole is not a single document. */
function casesOf(text: string, forceLines: boolean): { lines: string[]; jsonl: boolean } {
  if (!forceLines) {
    try {
      JSON.parse(text);
      return { lines: [text], jsonl: false };
    } catch {
      // not one document: read it as one case a line when it has several lines
    }
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!forceLines && lines.length <= 1) return { lines: [text], jsonl: false };
  return { lines, jsonl: true };
}

export async function runCalcCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    io.stderr(`${errorLine({ message: `${(error as Error).message}\n${USAGE}`, path: '' })}\n`);
    return 2;
  }

  const chosen = await choosePack(options, io);
  if (!chosen.ok) {
    io.stderr(`${errorLine(chosen.errors[0] as AppError)}\n`);
    return 2;
  }
  const pack = chosen.value;
  const today = options.asOf ?? io.today;
  const overrides = overridesFrom(pack, options.sets);

  if (options.params) {
    // The overrides are checked as a case's would be, so a misspelt key is refused here too.
    const checked = readOverrides(pack, overrides);
    if (!checked.ok) {
      io.stderr(`${errorLine(checked.errors[0] as AppError)}\n`);
      return 2;
    }
    io.stdout(`${JSON.stringify(listPack(pack, today, checked.value), null, 2)}\n`);
    return 0;
  }

  const input = options.input as string;
  let text: string;
  try {
    text = input === '-' ? await io.readStdin() : await io.readText(input);
  } catch {
    io.stderr(`${errorLine({ message: `无法读取输入文件「${input}」`, path: '' })}\n`);
    return 2;
  }
  const { lines, jsonl } = casesOf(text, input.toLowerCase().endsWith('.jsonl'));

  let failed = false;
  const out: string[] = [];
  for (const line of lines) {
    let parsed: unknown;
    let error: AppError | undefined;
    try {
      parsed = JSON.parse(line);
    } catch {
      error = { message: '输入不是有效的 JSON', path: '' };
    }
    if (!error) {
      const result = calculate(parsed, { pack, today, overrides });
      if (result.ok) {
        out.push(jsonl ? JSON.stringify(result.value) : JSON.stringify(result.value, null, 2));
        continue;
      }
      error = result.errors[0] as AppError;
    }
    failed = true;
    if (jsonl) out.push(errorLine(error as AppError));
    else io.stderr(`${errorLine(error as AppError)}\n`);
  }
  if (out.length > 0) io.stdout(`${out.join('\n')}\n`);
  return failed ? 2 : 0;
}
