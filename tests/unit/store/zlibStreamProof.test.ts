/**
 * zlibStream.ts drives the native handle behind node:zlib's one-shot functions, which is not Node's
 * public API. A Node (Electron's) whose handle wrote other bytes must not make 重新测算 store
 * documents no reader can inflate: each new stream is proved on a sample first, and one that fails the
 * proof falls back to the one-shot functions for good. Here the handle of every stream node:zlib makes
 * is spoiled (its output's bytes changed after each write), as such a Node would behave.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { ZlibStream } from '../../../electron/services/store/zlibStream';

vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  const spoiled = <T extends object>(stream: T): T => {
    const handle = (stream as unknown as { _handle?: { writeSync: (...args: unknown[]) => void } })._handle;
    if (handle) {
      const write = handle.writeSync.bind(handle);
      handle.writeSync = (...args: unknown[]) => {
        write(...args);
        // the output buffer and its offset: its first byte written is changed
        const output = args[4] as Uint8Array;
        const at = args[5] as number;
        if (output.length > at) output[at] = (output[at] as number) ^ 0x5a;
      };
    }
    return stream;
  };
  return {
    ...zlib,
    createDeflateRaw: (options?: import('node:zlib').ZlibOptions) => spoiled(zlib.createDeflateRaw(options)),
    createInflateRaw: (options?: import('node:zlib').ZlibOptions) => spoiled(zlib.createInflateRaw(options)),
  };
});

const dictionary = Buffer.from('{"code":"dibao.allowance","label":"城乡低保","annual":"');
// a household-sized document: 低保 12 months of 433.00 as the rules would word them
const document = Buffer.from(JSON.stringify(Array.from({ length: 12 }, (_, month) => ({ code: 'dibao.allowance', month: month + 1, amount: '433.00' }))));

describe('ZlibStream on a Node whose zlib handle behaves otherwise', () => {
  it('deflates as the one-shot function does: the stored bytes inflate back exactly', () => {
    const deflate = ZlibStream.deflateRaw({ dictionary, level: 3 });
    for (let i = 0; i < 3; i++) {
      const bytes = deflate.run(document);
      expect(bytes.equals(deflateRawSync(document, { dictionary, level: 3 }))).toBe(true);
      expect(inflateRawSync(bytes, { dictionary }).equals(document)).toBe(true);
    }
    expect((deflate as unknown as { reusable: boolean }).reusable).toBe(false);
  });

  it('inflates as the one-shot function does', () => {
    const inflate = ZlibStream.inflateRaw({ dictionary });
    const stored = deflateRawSync(document, { dictionary });
    for (let i = 0; i < 3; i++) expect(inflate.run(stored).equals(document)).toBe(true);
    expect((inflate as unknown as { reusable: boolean }).reusable).toBe(false);
  });
});
