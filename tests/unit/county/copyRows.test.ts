/**
 * COPY text format (county/import/copyRows.ts), as PostgreSQL reads it: a backslash, tab, newline or
 * carriage return inside a value becomes a backslash sequence, \N is NULL, arrays are literals with
 * every element quoted (its quotes and backslashes escaped), bytea is \x and hex — and the private
 * cluster's shared_buffers follow the machine's memory (county/db/privateCluster.ts).
 */
import { describe, expect, it } from 'vitest';
import { copyArray, copyBytes, copyField, formatRows } from '../../../county/import/copyRows';
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
    expect(parts.length).toBe(3);
    const lines = parts.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(Array.from({ length: 600 }, (_, i) => `${i}\tx`));
    expect(await formatRows(0, () => 'never')).toEqual([]);
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
