/**
 * Errors are values: a Chinese message for the person at the desk and the path of the field it is
 * about ("members[0].medical.inpatient[0].policyScope", "" for the whole input). No stack traces
 * cross this boundary.
 */

export interface AppError {
  message: string;
  path: string;
}

/** A failure lists its problems; `errorCount` is there when more were found than are listed (replyLimits.ts). */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: AppError[]; errorCount?: number };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(message: string, path = ''): Result<T> {
  return { ok: false, errors: [{ message, path }] };
}

/** How much of a value a message may quote: a pasted page of text must not come back in every error about it. */
export const QUOTED_VALUE_CHARS = 64;

/** A value as a message quotes it: its first characters, "…" when there were more (reads only the start of a long text). */
export function shortValue(value: unknown): string {
  const text = String(value);
  if (text.length <= QUOTED_VALUE_CHARS) return text;
  const head = Array.from(text.slice(0, QUOTED_VALUE_CHARS * 2)).slice(0, QUOTED_VALUE_CHARS).join('');
  return head.length < text.length ? `${head}…` : text;
}

/** The dotted path of the contract's error messages: ['members', 0, 'name'] → "members[0].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}
