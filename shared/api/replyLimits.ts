/**
 * The limits every call across the renderer↔main seam keeps, on both transports (Electron IPC and the
 * web host: electron/handlers/index.ts dispatch() applies them):
 * - a payload may not use the keys __proto__, constructor or prototype at any depth (the household's
 *   params included), may not nest deeper than MAX_DEPTH, and its text must be well-formed Unicode
 *   (no lone surrogates: the IPC twin of "not valid UTF-8");
 * - a failure lists at most MAX_ERRORS problems plus their count, each message and path cut to a
 *   bounded length (values quoted in messages are cut at the source: shortValue in shared/errors.ts),
 *   so a pasted page of text in 200 bills cannot make a reply of hundreds of megabytes.
 */
import { formatPath, type AppError, type Result } from '../errors';

export const MAX_ERRORS = 20;
export const MAX_MESSAGE_CHARS = 300;
export const MAX_PATH_CHARS = 200;
export const MAX_DEPTH = 64;
/** characters of text in one payload (the web host also refuses bodies over 32 MiB) */
export const MAX_PAYLOAD_CHARS = 32 * 1024 * 1024;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Array.from(text.slice(0, max * 2)).slice(0, max).join('');
  return head.length < text.length ? `${head}…` : text;
}

/** A failure as it may cross the seam: at most MAX_ERRORS errors, each bounded, and how many there were. */
export function boundReply<T>(result: Result<T>): Result<T> {
  if (result.ok) return result;
  const total = Math.max(result.errorCount ?? 0, result.errors.length);
  const errors = result.errors.slice(0, MAX_ERRORS).map((error) => ({ message: cut(String(error.message), MAX_MESSAGE_CHARS), path: cut(String(error.path), MAX_PATH_CHARS) }));
  return total > errors.length ? { ok: false, errors, errorCount: total } : { ok: false, errors };
}

/** The first thing a payload may not carry, as an error naming where; null when it is acceptable. */
export function payloadProblem(payload: unknown): AppError | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: payload, path: [] }];
  let characters = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value === 'string') {
      characters += value.length;
      if (LONE_SURROGATE.test(value)) return { message: '请求内容中有无法识别的文字（不是有效的 Unicode 字符），请检查是否粘贴了乱码', path: cut(formatPath(path), MAX_PATH_CHARS) };
    } else if (typeof value === 'object' && value !== null) {
      if (path.length >= MAX_DEPTH) return { message: `请求内容嵌套过深（超过 ${MAX_DEPTH} 层）`, path: cut(formatPath(path), MAX_PATH_CHARS) };
      const array = Array.isArray(value);
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) return { message: `请求内容中不能使用字段名「${key}」`, path: cut(formatPath([...path, key]), MAX_PATH_CHARS) };
        characters += key.length;
        if (LONE_SURROGATE.test(key)) return { message: '请求内容的字段名中有无法识别的文字', path: cut(formatPath(path), MAX_PATH_CHARS) };
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, array ? Number(key) : key] });
      }
    }
    if (characters > MAX_PAYLOAD_CHARS) return { message: '请求内容过大', path: '' };
  }
  return null;
}
