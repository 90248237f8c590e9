/**
 * zlibStream.ts: a deflate stream kept open between documents gives what zlib's one-shot function
 * gives for the same options — the same bytes for a fresh stream; after a reset now and then another,
 * equally valid match (zlib's deflateReset leaves its match chains as they were: ≈ 2 documents in 30
 * differ by a byte or two), so what counts is that every document inflates back exactly with the
 * dictionary the revision names, as every reader does. An inflate stream gives the same bytes, grows
 * its output when a document does not fit, and after a damaged document fails as the one-shot
 * function does and still reads the next one right.
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../shared/calculate';
import { loadPack } from '../../../shared/packs/loadPack';
import { withoutSteps } from '../../../shared/result/withoutSteps';
import { buildDictionary, RECALC_DEFLATE_LEVEL, RECALC_INPUT_DICTIONARY_TAIL, RecalcDeflater } from '../../../electron/services/store/revisionCodec';
import { ZlibStream } from '../../../electron/services/store/zlibStream';
import { householdFactory } from '../../integration/store/fixtures/syntheticCases';
import { BASE } from '../../support/packDrafts';

const shipped = loadPack(BASE);
if (!shipped.ok) throw new Error('shipped pack');
const pack = shipped.value;

/** real documents: households of the synthetic mix with the lean results the rules give them */
function documents(count: number): { input: Buffer; result: Buffer }[] {
  const factory = householdFactory(20261205);
  const out: { input: Buffer; result: Buffer }[] = [];
  while (out.length < count) {
    const household = factory.next();
    const computed = calculate(household.input, { pack, today: String(household.input.asOf) });
    if (!computed.ok) continue;
    out.push({ input: Buffer.from(JSON.stringify(household.input)), result: Buffer.from(JSON.stringify(withoutSteps(computed.value))) });
  }
  return out;
}

const docs = documents(60);
const dictionary = buildDictionary(docs.slice(0, 16).map((doc, i) => ({ signature: String(i), inputJson: doc.input.toString(), resultJson: doc.result.toString() })));

describe('ZlibStream', () => {
  it('deflates every document to what the one-shot deflate gives: read back exactly, the same size within a few bytes, mostly the same bytes', () => {
    const withDictionary = ZlibStream.deflateRaw({ dictionary, level: RECALC_DEFLATE_LEVEL });
    const plain = ZlibStream.deflateRaw({ level: 1 });
    expect(dictionary.length).toBeGreaterThan(16_000);
    let same = 0;
    let all = 0;
    for (const { input, result } of docs) {
      for (const document of [input, result]) {
        const kept = withDictionary.run(document);
        const oneShot = deflateRawSync(document, { dictionary, level: RECALC_DEFLATE_LEVEL });
        expect(inflateRawSync(kept, { dictionary }).equals(document)).toBe(true);
        expect(Math.abs(kept.length - oneShot.length)).toBeLessThanOrEqual(4);
        if (kept.equals(oneShot)) same += 1;
        all += 1;
        expect(inflateRawSync(plain.run(document)).equals(document)).toBe(true);
      }
    }
    expect(same).toBeGreaterThan(all * 0.8);
    // a fresh stream's first document: exactly the one-shot bytes
    const first = docs[5]!.result;
    expect(ZlibStream.deflateRaw({ dictionary, level: RECALC_DEFLATE_LEVEL }).run(first).equals(deflateRawSync(first, { dictionary, level: RECALC_DEFLATE_LEVEL }))).toBe(true);
  });

  it('RecalcDeflater: the input against the dictionary tail, the result against all of it, both read back with the whole dictionary', () => {
    const deflater = new RecalcDeflater(dictionary);
    const tail = dictionary.subarray(dictionary.length - RECALC_INPUT_DICTIONARY_TAIL);
    for (const { input, result } of docs) {
      const encoded = deflater.deflate(input, result);
      expect(Math.abs(encoded.input.length - deflateRawSync(input, { dictionary: tail, level: RECALC_DEFLATE_LEVEL }).length)).toBeLessThanOrEqual(4);
      expect(Math.abs(encoded.result.length - deflateRawSync(result, { dictionary, level: RECALC_DEFLATE_LEVEL }).length)).toBeLessThanOrEqual(4);
      expect(inflateRawSync(encoded.input, { dictionary }).equals(input)).toBe(true);
      expect(inflateRawSync(encoded.result, { dictionary }).equals(result)).toBe(true);
      // a buffer of its own (a worker posts it: a view on a shared chunk would copy the chunk)
      expect(encoded.result.byteOffset).toBe(0);
      expect(encoded.result.buffer.byteLength).toBe(encoded.result.length);
    }
    deflater.close();
  });

  it('inflates to the same bytes, a document larger than its first output buffer included', () => {
    const inflate = ZlibStream.inflateRaw({ dictionary });
    for (const { input, result } of docs) {
      expect(inflate.run(deflateRawSync(result, { dictionary })).equals(result)).toBe(true);
      expect(inflate.run(deflateRawSync(input, { dictionary })).equals(input)).toBe(true);
    }
    // 300 KB of random bytes (barely compressible): well past the 64 KB the output starts with
    const large = randomBytes(300_000);
    const plainInflate = ZlibStream.inflateRaw({});
    expect(plainInflate.run(deflateRawSync(large)).equals(large)).toBe(true);
    expect(ZlibStream.deflateRaw({}).run(large).equals(deflateRawSync(large))).toBe(true);
    // and back to small ones after it
    expect(plainInflate.run(deflateRawSync(docs[0]!.result)).equals(docs[0]!.result)).toBe(true);
  });

  it('a damaged or cut document fails as inflateRawSync does, and the next one is read right', () => {
    const inflate = ZlibStream.inflateRaw({ dictionary });
    const good = deflateRawSync(docs[1]!.result, { dictionary });
    const flipped = Buffer.from(good);
    flipped[0] = (flipped[0] as number) ^ 0xff;
    expect(() => inflateRawSync(flipped, { dictionary })).toThrow();
    expect(() => inflate.run(flipped)).toThrow();
    expect(inflate.run(good).equals(docs[1]!.result)).toBe(true);
    const cut = good.subarray(0, good.length >> 1);
    expect(() => inflateRawSync(cut, { dictionary })).toThrow(/unexpected end of file/);
    expect(() => inflate.run(cut)).toThrow(/unexpected end of file/);
    expect(inflate.run(good).equals(docs[1]!.result)).toBe(true);
  });

  it('where Node has no handle to drive, every call is the one-shot function (the same bytes, the same errors)', () => {
    const deflate = ZlibStream.deflateRaw({ dictionary, level: RECALC_DEFLATE_LEVEL });
    const inflate = ZlibStream.inflateRaw({ dictionary });
    // as open() leaves it when createDeflateRaw's stream has no _handle.writeSync or _writeState
    (deflate as unknown as { reusable: boolean }).reusable = false;
    (inflate as unknown as { reusable: boolean }).reusable = false;
    for (const { result } of docs.slice(0, 10)) {
      const bytes = deflate.run(result);
      expect(bytes.equals(deflateRawSync(result, { dictionary, level: RECALC_DEFLATE_LEVEL }))).toBe(true);
      expect(inflate.run(bytes).equals(result)).toBe(true);
    }
    const cut = deflateRawSync(docs[2]!.result, { dictionary }).subarray(0, 100);
    expect(() => inflate.run(cut)).toThrow(/unexpected end of file/);
  });
});
