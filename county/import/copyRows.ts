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
/** bytes of one buffer of formatted rows */
const PART_BYTES = 64 * 1024;
/** characters of rows gathered before they are encoded into the buffer (one call per few dozen rows) */
const PENDING_CHARACTERS = 4096;

/**
 * The COPY text of `count` rows (line(i) gives row i without its newline) as UTF-8, in buffers of
 * ~64 KB, with a turn of the event loop every few hundred rows: formatted while PostgreSQL runs the
 * statements queued before it (statementQueue.ts). Rows are encoded a few KB at a time as they are
 * made: a whole part's text concatenated first and encoded by the stream (Buffer.from of a 256-row
 * concatenation) cost ~25 µs a revision in a first load's profile, 2–3× this way in a micro benchmark.
 * A row is never split between two buffers.
 */
export async function formatRows(count: number, line: (index: number) => string): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  let buffer = Buffer.allocUnsafe(0);
  let at = 0;
  let pending = '';
  const encode = () => {
    // at most 3 bytes of UTF-8 per UTF-16 unit (a surrogate pair: 4 bytes for 2 units)
    const most = pending.length * 3;
    if (at + most > buffer.length) {
      if (at > 0) parts.push(buffer.subarray(0, at));
      buffer = Buffer.allocUnsafe(Math.max(PART_BYTES, most));
      at = 0;
    }
    at += buffer.write(pending, at);
    pending = '';
  };
  for (let start = 0; start < count; start += ROWS_PER_PART) {
    const end = Math.min(count, start + ROWS_PER_PART);
    for (let i = start; i < end; i++) {
      pending += `${line(i)}\n`;
      if (pending.length >= PENDING_CHARACTERS) encode();
    }
    if (end < count) await breathe();
  }
  if (pending.length > 0) encode();
  if (at > 0) parts.push(buffer.subarray(0, at));
  return parts;
}

/** The signature, flags and header extension of COPY's binary format (PostgreSQL manual, COPY, "Binary Format"). */
const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** One field of a binary COPY row. */
export type BinaryField = { bigint: string } | { int16: number } | { int32: number | null } | { bytes: Buffer };

const fieldSize = (field: BinaryField): number =>
  4 + ('bigint' in field ? 8 : 'int16' in field ? 2 : 'int32' in field ? (field.int32 === null ? 0 : 4) : field.bytes.length);

/**
 * Rows in COPY's binary format (for bytea: the bytes as they are, where text format would send them as
 * hex, twice the bytes, parsed by PostgreSQL): the header, then each row (its field count, then each
 * field's length and bytes, -1 for NULL), then the trailer; in parts of a few hundred rows.
 */
export async function formatBinaryRows(count: number, row: (index: number) => BinaryField[]): Promise<Buffer[]> {
  const parts: Buffer[] = [BINARY_HEADER];
  for (let start = 0; start < count; start += ROWS_PER_PART) {
    const end = Math.min(count, start + ROWS_PER_PART);
    const rows: BinaryField[][] = [];
    let size = 0;
    for (let i = start; i < end; i++) {
      const fields = row(i);
      rows.push(fields);
      size += 2;
      for (const field of fields) size += fieldSize(field);
    }
    const part = Buffer.allocUnsafe(size);
    let at = 0;
    for (const fields of rows) {
      at = part.writeInt16BE(fields.length, at);
      for (const field of fields) {
        if ('bigint' in field) {
          at = part.writeInt32BE(8, at);
          at = part.writeBigInt64BE(BigInt(field.bigint), at);
        } else if ('int16' in field) {
          at = part.writeInt32BE(2, at);
          at = part.writeInt16BE(field.int16, at);
        } else if ('int32' in field) {
          if (field.int32 === null) at = part.writeInt32BE(-1, at);
          else {
            at = part.writeInt32BE(4, at);
            at = part.writeInt32BE(field.int32, at);
          }
        } else {
          at = part.writeInt32BE(field.bytes.length, at);
          at += field.bytes.copy(part, at);
        }
      }
    }
    parts.push(part);
    if (end < count) await breathe();
  }
  parts.push(BINARY_TRAILER);
  return parts;
}

/**
 * Streams formatted rows into `COPY target FROM STDIN` (text format; `binary`: parts of
 * formatBinaryRows); resolves with the rows written, or fails with PostgreSQL's error.
 */
export async function copyInto(client: PoolClient, target: string, parts: readonly (string | Buffer)[], binary = false): Promise<number> {
  if (parts.length === 0) return 0;
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN${binary ? ' (FORMAT binary)' : ''}`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const part of parts) stream.write(part);
  stream.end();
  await done;
  return stream.rowCount;
}
