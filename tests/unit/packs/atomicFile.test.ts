/** writeFileAtomic: the new content whole, or the old file untouched and no temporary file left. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/services/packs/atomicFile';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'huimin-atomic-'));
  dirs.push(dir);
  return dir;
};

describe('writeFileAtomic', () => {
  it('replaces a file with the whole new content', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.json'), 'old');
    writeFileAtomic(join(dir, 'a.json'), '新的内容');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('新的内容');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('when the final rename fails, the target is as it was and the temporary file is gone', () => {
    const dir = folder();
    mkdirSync(join(dir, 'a.json'));
    writeFileSync(join(dir, 'a.json', 'inside'), 'kept');
    expect(() => writeFileAtomic(join(dir, 'a.json'), 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(readFileSync(join(dir, 'a.json', 'inside'), 'utf8')).toBe('kept');
  });
});
