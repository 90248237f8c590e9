/**
 * Errors are values: a Chinese message for the person at the desk and the path of the field it is
 * about ("members[0].medical.inpatient[0].policyScope", "" for the whole input). No stack traces
 * cross this boundary.
 */

export interface AppError {
  message: string;
  path: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: AppError[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(message: string, path = ''): Result<T> {
  return { ok: false, errors: [{ message, path }] };
}

export function failMany<T = never>(errors: AppError[]): Result<T> {
  return { ok: false, errors };
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
