/**
 * COPY text format (county/import/copyRows.ts), as PostgreSQL reads it: a backslash, tab, newline or
 * carriage return inside a value becomes a backslash sequence, \N is NULL, arrays are literals with
 * every element quoted (its quotes and backslashes escaped), bytea is \x and hex — and the private
 * cluster's shared_buffers follow the machine's memory (county/db/privateCluster.ts).
 */
import { describe, expect, it } from 'vitest';
import { copyArray, copyBytes, copyField, formatBinaryRows, formatRows } from '../../../county/import/copyRows';
import { defaultSharedBuffers } from '../../../county/db/privateCluster';

describe('COPY text fields', () => {
  it('escapes exactly the four characters the format gives meaning to, and writes NULL as \\N', () => {
    expect(copyField('王建国')).toBe('王建国');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('')).toBe('');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(2026)).toBe('2026');
    expect(copyField('"{,}" 𠀀')).toBe('"{,}" 𠀀');
  });

  it('writes arrays as literals with every element quoted, then escapes the literal as a field', () => {
    expect(copyArray([])).toBe('{}');
    expect(copyArray(['张三', ''])).toBe('{"张三",""}');
    expect(copyArray(['NULL', null])).toBe('{"NULL",NULL}');
    expect(copyArray(['{a,b}', 'x y'])).toBe('{"{a,b}","x y"}');
    // "a\"b" and "c\\d" inside the literal; each backslash of the literal doubled by the field escaping
    expect(copyArray(['a"b', 'c\\d'])).toBe('{"a\\\\"b","c\\\\\\\\d"}');
    expect(copyArray(['e\tf'])).toBe('{"e\\tf"}');
  });

  it('writes bytea as \\x and hex, its backslash escaped', () => {
    expect(copyBytes(Buffer.from([0, 1, 0xab, 0xff]))).toBe('\\\\x0001abff');
    expect(copyBytes(Buffer.alloc(0))).toBe('\\\\x');
  });

  it('formats rows in parts, each row once and in order, every row ending in a newline', async () => {
    const parts = await formatRows(600, (i) => `${i}\tx`);
    const lines = Buffer.concat(parts).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(Array.from({ length: 600 }, (_, i) => `${i}\tx`));
    expect(await formatRows(0, () => 'never')).toEqual([]);
  });

  it('writes rows as UTF-8 in parts of whole rows: names beyond the BMP, a lone surrogate as Buffer.from writes it, rows longer than a part', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => (i === 7 ? 'x'.repeat(200_000) : `${i}\t王𠀀明\t${'测'.repeat(i % 50)}${i === 11 ? '\ud800' : ''}`));
    const parts = await formatRows(rows.length, (i) => rows[i] as string);
    expect(parts.length).toBeGreaterThan(1);
    // a part holds whole rows only
    for (const part of parts) expect(part[part.length - 1]).toBe(0x0a);
    expect(Buffer.concat(parts).equals(Buffer.from(rows.map((row) => `${row}\n`).join('')))).toBe(true);
  });
});

describe('private cluster shared_buffers', () => {
  const GB = 1024 ** 3;
  it('is an eighth of the memory, between 256 MB and 4 GB', () => {
    expect(defaultSharedBuffers(1 * GB)).toBe('256MB');
    expect(defaultSharedBuffers(4 * GB)).toBe('512MB');
    expect(defaultSharedBuffers(8 * GB)).toBe('1024MB');
    expect(defaultSharedBuffers(24 * GB)).toBe('3072MB');
    expect(defaultSharedBuffers(64 * GB)).toBe('4096MB');
  });
});

describe('COPY binary format (the documents)', () => {
  it('header, each row as its field count then length-prefixed big-endian fields (-1 for NULL), trailer — bytes as they are', async () => {
    const awkward = Buffer.from([0x00, 0x5c, 0x0a, 0x09, 0x0d, 0xff, 0x4e]);
    const parts = await formatBinaryRows(2, (i) => [{ bigint: i === 0 ? '9007199254740993' : '1' }, { int16: 2 }, { int32: i === 0 ? 7 : null }, { bytes: i === 0 ? awkward : Buffer.alloc(0) }]);
    const all = Buffer.concat(parts);
    // PostgreSQL manual, COPY, "Binary Format": 11-byte signature, int32 flags 0, int32 extension length 0
    expect(all.subarray(0, 19)).toEqual(Buffer.concat([Buffer.from('PGCOPY\n', 'latin1'), Buffer.from([0xff, 0x0d, 0x0a, 0x00]), Buffer.alloc(8)]));
    const row0 = Buffer.concat([
      Buffer.from([0x00, 0x04]),
      Buffer.from([0, 0, 0, 8]), Buffer.from('0020000000000001', 'hex'), // 2^53 + 1: not a safe JS number, exact as a bigint
      Buffer.from([0, 0, 0, 2, 0x00, 0x02]),
      Buffer.from([0, 0, 0, 4, 0, 0, 0, 7]),
      Buffer.from([0, 0, 0, 7]), awkward,
    ]);
    const row1 = Buffer.concat([Buffer.from([0x00, 0x04]), Buffer.from([0, 0, 0, 8]), Buffer.from('0000000000000001', 'hex'), Buffer.from([0, 0, 0, 2, 0, 2]), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from([0, 0, 0, 0])]);
    expect(all.subarray(19)).toEqual(Buffer.concat([row0, row1, Buffer.from([0xff, 0xff])]));
  });

  it('rows in parts of 256 with nothing lost at the boundaries; no rows is header and trailer only', async () => {
    const parts = await formatBinaryRows(600, (i) => [{ int32: i }]);
    expect(parts).toHaveLength(1 + 3 + 1);
    const body = Buffer.concat(parts.slice(1, -1));
    expect(body.length).toBe(600 * (2 + 4 + 4));
    for (const i of [0, 255, 256, 511, 512, 599]) expect(body.readInt32BE(i * 10 + 6)).toBe(i);
    expect(Buffer.concat(await formatBinaryRows(0, () => []))).toEqual(Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8), Buffer.from([0xff, 0xff])]));
  });
});
