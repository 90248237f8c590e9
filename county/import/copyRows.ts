/**
 * Rows written with COPY … FROM STDIN (text format) instead of multi-row INSERTs: PostgreSQL's cheapest
 * way in (no JSON or array parameter to parse per statement, no plan), and the rows stream while they
 * are being formatted, so PostgreSQL writes one part while Node formats the next.
 *
 * Text format: one line per row, columns separated by tabs, \N for NULL; a backslash, tab, newline or
 * carriage return inside a value is written as a backslash sequence. Arrays are PostgreSQL array
 * literals (every element quoted) and bytea is \x and hex, both then escaped as any other text.
 */
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value as a COPY text field. */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_ESCAPE.test(text) ? text.replace(SPECIAL, (character) => ESCAPES[character] as string) : text;
}

const ARRAY_SPECIAL = /["\\]/g;
const NEEDS_ARRAY_ESCAPE = /["\\]/;

/** A list as a PostgreSQL array literal field: {"a","b"} (every element quoted, so commas, braces, spaces and empty texts stay whole). */
export function copyArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else literal += NEEDS_ARRAY_ESCAPE.test(value) ? `"${value.replace(ARRAY_SPECIAL, '\\$&')}"` : `"${value}"`;
  }
  return copyField(`${literal}}`);
}

/** bytea as a COPY text field (\x and hex, its backslash escaped). */
export function copyBytes(bytes: Buffer): string {
  return `\\\\x${bytes.toString('hex')}`;
}

/** Lets queued replies and other imports' statements through between parts of a long computation. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** rows formatted at a time, between two turns of the event loop */
const ROWS_PER_PART = 256;

/**
 * The COPY text of `count` rows (line(i) gives row i without its newline), in parts of a few hundred
 * rows with a turn of the event loop between them: formatted while PostgreSQL runs the statements
 * queued before it (statementQueue.ts).
 */
export async function formatRows(count: number, line: (index: number) => string): Promise<string[]> {
  const parts: string[] = [];
  for (let start = 0; start < count; start += ROWS_PER_PART) {
    let text = '';
    const end = Math.min(count, start + ROWS_PER_PART);
    for (let i = start; i < end; i++) text += `${line(i)}\n`;
    parts.push(text);
    if (end < count) await breathe();
  }
  return parts;
}

/** Streams formatted rows into `COPY target FROM STDIN`; resolves with the rows written, or fails with PostgreSQL's error. */
export async function copyInto(client: PoolClient, target: string, parts: readonly string[]): Promise<number> {
  if (parts.length === 0) return 0;
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const part of parts) stream.write(part);
  stream.end();
  await done;
  return stream.rowCount;
}
