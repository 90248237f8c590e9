/**
 * How a revision's input and result JSON are stored. A result is 8–20 KB of JSON, most of it the same
 * policy quotes, labels and steps in every case; plain deflate gets it to about a fifth, deflate with a
 * preset dictionary made of recent results of the same policy pack to about a twentieth (measured in
 * tests/bench/storeBench.ts). At a million cases that is the difference between a database that backs
 * up in seconds and one that does not.
 *
 * Dictionaries live in the database (table dictionaries), never change once written, and each
 * revision names the one it was compressed with, so any revision can always be read back exactly. A
 * new dictionary is made the first time enough results of a pack version the store has no dictionary
 * for have been seen (a new year's pack brings new quotes).
 */
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';
import type { Connection } from './connection';
import type { Db } from './db';
import { isoWithOffset } from './localTime';
import { ZlibStream } from './zlibStream';

export const CODEC_JSON_TEXT = 0;
export const CODEC_DEFLATE = 1;
export const CODEC_DEFLATE_DICTIONARY = 2;

/**
 * The deflate level of the revisions 重新测算 writes (CODEC_DEFLATE_DICTIONARY, the pack's own
 * dictionary). A level is the compressor's effort only: inflate reads every level alike, so these
 * revisions are codec 2 like any other. zlib's default (6) searches long match chains through the
 * 32 KB dictionary; level 3 takes about half the time for results about a quarter larger (measured on
 * recalculated revisions: 1,483 → 1,871 bytes a revision, input and result; tests/bench/README.md).
 * A county-wide run writes 100,000 of them at once; the desk's saves keep the default.
 */
export const RECALC_DEFLATE_LEVEL = 3;

/**
 * The part of a dictionary the input of a revision 重新测算 writes is compressed against: its last
 * 8 KB. deflate hashes every byte of the dictionary it is given into its window before compressing
 * (≈ 50 µs for 32 KB, more than compressing a 0.5 KB input), and a dictionary holds result texts: the
 * input gains almost nothing from the rest (measured on the bench's inputs: 268 bytes against the
 * whole dictionary, 279 against its tail, 306 without one). The stream is still codec 2 with the whole
 * dictionary: a match against the tail is at the same distance in the whole dictionary, so inflate
 * with the dictionary the revision names reads it as any other (and the checksum covers the JSON,
 * not these bytes). The result keeps the whole dictionary (its tail alone costs a third more bytes).
 */
export const RECALC_INPUT_DICTIONARY_TAIL = 8 * 1024;

/** How 重新测算 deflates a revision's two documents with a pack's own dictionary: the input against its tail, the result against all of it. */
function recalcDeflateOptions(dictionary: Buffer): { input: ZlibOptions; result: ZlibOptions } {
  const tail = dictionary.length > RECALC_INPUT_DICTIONARY_TAIL ? dictionary.subarray(dictionary.length - RECALC_INPUT_DICTIONARY_TAIL) : dictionary;
  return { input: { dictionary: tail, level: RECALC_DEFLATE_LEVEL }, result: { dictionary, level: RECALC_DEFLATE_LEVEL } };
}

/** A revision 重新测算 writes, compressed with a pack's own dictionary (workers and the main thread alike). */
export function deflateRecalc(inputBytes: Buffer | string, resultBytes: Buffer | string, dictionary: Buffer): { input: Buffer; result: Buffer } {
  const options = recalcDeflateOptions(dictionary);
  return { input: deflateRawSync(inputBytes, options.input), result: deflateRawSync(resultBytes, options.result) };
}

/**
 * deflateRecalc with the two deflate streams kept open between revisions (zlibStream.ts): the same
 * bytes, without building and freeing a stream per document. One per worker thread and dictionary.
 */
export class RecalcDeflater {
  private readonly input: ZlibStream;
  private readonly result: ZlibStream;

  constructor(dictionary: Buffer) {
    const options = recalcDeflateOptions(dictionary);
    this.input = ZlibStream.deflateRaw(options.input);
    this.result = ZlibStream.deflateRaw(options.result);
  }

  deflate(inputBytes: Buffer, resultBytes: Buffer): { input: Buffer; result: Buffer } {
    return { input: this.input.run(inputBytes), result: this.result.run(resultBytes) };
  }

  close(): void {
    this.input.close();
    this.result.close();
  }
}

/** deflate's window: a longer dictionary is not used */
const DICTIONARY_BYTES = 32 * 1024;
/** results of one pack seen before its dictionary is made */
const SAMPLES_TO_TRAIN = 16;
const INPUT_SAMPLES = 3;

const deflateRawAsync = promisify<string, ZlibOptions, Buffer>(deflateRaw);

export interface EncodedRevision {
  codec: number;
  dictionaryId: number | null;
  input: Buffer;
  result: Buffer;
}

export interface StoredDocuments {
  codec: number;
  dictionary_id: number | null;
  input: Buffer | string;
  result: Buffer | string;
}

export function decodeDocument(stored: Buffer | string, codec: number, dictionary: Buffer | null): string {
  if (codec === CODEC_JSON_TEXT) return typeof stored === 'string' ? stored : stored.toString('utf8');
  return decodeBytes(stored, codec, dictionary).toString('utf8');
}

/** A stored document as the UTF-8 bytes of its JSON (for hashing and comparing without decoding the text). */
export function decodeBytes(stored: Buffer | string, codec: number, dictionary: Buffer | null): Buffer {
  const bytes = typeof stored === 'string' ? Buffer.from(stored, 'utf8') : stored;
  if (codec === CODEC_JSON_TEXT) return bytes;
  if (codec === CODEC_DEFLATE) return inflateRawSync(bytes);
  if (codec === CODEC_DEFLATE_DICTIONARY && dictionary) return inflateRawSync(bytes, { dictionary });
  throw new Error(`revision stored with unknown codec ${codec}`);
}

/** Reads dictionaries of one database file by id, once each. */
export class DictionaryCache {
  private readonly byId = new Map<number, Buffer>();
  constructor(private readonly db: () => Db) {}

  get(id: number): Buffer {
    let bytes = this.byId.get(id);
    if (!bytes) {
      const row = this.db().prepare('SELECT bytes FROM dictionaries WHERE id = ?').get(id) as { bytes: Buffer } | undefined;
      if (!row) throw new Error(`compression dictionary ${id} is missing`);
      bytes = row.bytes;
      this.byId.set(id, bytes);
    }
    return bytes;
  }

  decode(stored: StoredDocuments): { inputJson: string; resultJson: string } {
    const dictionary = stored.dictionary_id === null ? null : this.get(stored.dictionary_id);
    return {
      inputJson: decodeDocument(stored.input, stored.codec, dictionary),
      resultJson: decodeDocument(stored.result, stored.codec, dictionary),
    };
  }

  clear(): void {
    this.byId.clear();
  }
}

interface Sample {
  signature: string;
  inputJson: string;
  resultJson: string;
}

interface Learning {
  seen: number;
  /** one per signature, the most recent last */
  samples: Sample[];
}

export class RevisionCodec {
  private cache: DictionaryCache;
  private generation = -1;
  /** pack "id@version" → its newest dictionary */
  private byPack = new Map<string, number>();
  private newest: number | null = null;
  private learning = new Map<string, Learning>();

  constructor(
    private readonly conn: Connection,
    private readonly now: () => Date,
  ) {
    this.cache = new DictionaryCache(() => conn.db);
  }

  /** Dictionaries belong to one file: after a restore the cache starts again. */
  private sync(): void {
    if (this.generation === this.conn.generation) return;
    this.generation = this.conn.generation;
    this.cache.clear();
    this.learning.clear();
    this.byPack.clear();
    this.newest = null;
    const rows = this.conn.prepare('SELECT id, pack_id, pack_version FROM dictionaries ORDER BY id').all() as {
      id: number;
      pack_id: string;
      pack_version: string;
    }[];
    for (const row of rows) {
      this.byPack.set(`${row.pack_id}@${row.pack_version}`, row.id);
      this.newest = row.id;
    }
  }

  decode(stored: StoredDocuments): { inputJson: string; resultJson: string } {
    this.sync();
    return this.cache.decode(stored);
  }

  /** The result alone (a history lists each revision's total). */
  decodeResult(stored: Omit<StoredDocuments, 'input'>): string {
    this.sync();
    return decodeDocument(stored.result, stored.codec, stored.dictionary_id === null ? null : this.cache.get(stored.dictionary_id));
  }

  /**
   * Compresses one revision. `signature` (benefit codes, 身份) lets the dictionary be made from
   * varied cases rather than sixteen alike. Call outside the save transaction: making a dictionary
   * is its own small commit (an unused dictionary is harmless; a revision naming a missing one is not).
   * `level`: deflate's level (default zlib's; 重新测算 gives RECALC_DEFLATE_LEVEL).
   */
  encode(packId: string, packVersion: string, inputJson: string, resultJson: string, signature: string, level?: number): EncodedRevision {
    this.sync();
    const options: ZlibOptions = level === undefined ? {} : { level };
    const packKey = `${packId}@${packVersion}`;
    let dictionaryId = this.byPack.get(packKey) ?? null;
    if (dictionaryId === null) {
      dictionaryId = this.learn(packId, packVersion, { signature, inputJson, resultJson }) ?? this.newest;
    }
    if (dictionaryId === null) {
      return { codec: CODEC_DEFLATE, dictionaryId: null, input: deflateRawSync(inputJson, options), result: deflateRawSync(resultJson, options) };
    }
    const dictionary = this.cache.get(dictionaryId);
    // 重新测算's revisions: as a worker compresses them
    if (level === RECALC_DEFLATE_LEVEL) return { codec: CODEC_DEFLATE_DICTIONARY, dictionaryId, ...deflateRecalc(inputJson, resultJson, dictionary) };
    return {
      codec: CODEC_DEFLATE_DICTIONARY,
      dictionaryId,
      input: deflateRawSync(inputJson, { ...options, dictionary }),
      result: deflateRawSync(resultJson, { ...options, dictionary }),
    };
  }

  /**
   * As encode(), with the compressing done on libuv's thread pool: a roster import compresses thousands
   * of revisions before its one transaction while the main thread checks the next ones. The choice of
   * dictionary (and the making of one) happens here, in call order, as encode() does it; the bytes are
   * the same as encode() gives. `generation` is the database file it was made for: a revision encoded
   * for a file a restore has since replaced must not be written (its dictionary id means nothing there).
   */
  encodeLater(packId: string, packVersion: string, inputJson: string, resultJson: string, signature: string): { generation: number; encoded: Promise<EncodedRevision> } {
    this.sync();
    const generation = this.generation;
    const packKey = `${packId}@${packVersion}`;
    let dictionaryId = this.byPack.get(packKey) ?? null;
    if (dictionaryId === null) {
      dictionaryId = this.learn(packId, packVersion, { signature, inputJson, resultJson }) ?? this.newest;
    }
    if (dictionaryId === null) {
      return { generation, encoded: Promise.all([deflateRawAsync(inputJson, {}), deflateRawAsync(resultJson, {})]).then(([input, result]) => ({ codec: CODEC_DEFLATE, dictionaryId: null, input, result })) };
    }
    const dictionary = this.cache.get(dictionaryId);
    const id = dictionaryId;
    return {
      generation,
      encoded: Promise.all([deflateRawAsync(inputJson, { dictionary }), deflateRawAsync(resultJson, { dictionary })]).then(([input, result]) => ({ codec: CODEC_DEFLATE_DICTIONARY, dictionaryId: id, input, result })),
    };
  }

  /** The database file the codec's dictionaries belong to now (bumped by a restore). */
  currentGeneration(): number {
    this.sync();
    return this.generation;
  }

  /**
   * The pack's own dictionary once it has been made (null before), for compressing revisions of that
   * pack elsewhere (重新测算's worker threads); what they produce decodes exactly as encode()'s does
   * (they compress at RECALC_DEFLATE_LEVEL).
   */
  ownDictionary(packId: string, packVersion: string): { id: number; bytes: Buffer } | null {
    this.sync();
    const id = this.byPack.get(`${packId}@${packVersion}`);
    return id === undefined ? null : { id, bytes: this.cache.get(id) };
  }

  /** A stored dictionary's bytes (for decoding elsewhere). */
  dictionary(id: number): Buffer {
    this.sync();
    return this.cache.get(id);
  }

  private learn(packId: string, packVersion: string, sample: Sample): number | null {
    const packKey = `${packId}@${packVersion}`;
    const learning = this.learning.get(packKey) ?? { seen: 0, samples: [] };
    this.learning.set(packKey, learning);
    learning.seen += 1;
    const same = learning.samples.findIndex((held) => held.signature === sample.signature);
    if (same >= 0) learning.samples.splice(same, 1);
    learning.samples.push(sample);
    if (learning.samples.length > SAMPLES_TO_TRAIN) learning.samples.shift();
    if (learning.seen < SAMPLES_TO_TRAIN) return null;

    const bytes = buildDictionary(learning.samples);
    const id = this.conn.write(
      () =>
        this.conn
          .prepare('INSERT INTO dictionaries (pack_id, pack_version, created_at, bytes) VALUES (?, ?, ?, ?)')
          .run(packId, packVersion, isoWithOffset(this.now()), bytes).lastInsertRowid,
    );
    const dictionaryId = Number(id);
    this.byPack.set(packKey, dictionaryId);
    this.newest = dictionaryId;
    this.learning.delete(packKey);
    return dictionaryId;
  }
}

/** The parts of a result that repeat from case to case, one per benefit or screening code. */
function resultFragments(resultJson: string, into: Map<string, string>): void {
  let result: unknown;
  try {
    result = JSON.parse(resultJson);
  } catch {
    return;
  }
  const object = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const screening = (typeof object.screening === 'object' && object.screening !== null ? object.screening : {}) as Record<string, unknown>;
  for (const [group, list] of [
    ['benefit', object.benefits],
    ['screening', screening.items],
    ['alert', object.alerts],
    ['warning', object.warnings],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const code = typeof item === 'object' && item !== null ? String((item as Record<string, unknown>).code ?? (item as Record<string, unknown>).message) : '';
      const key = `${group}:${code}`;
      into.delete(key);
      into.set(key, JSON.stringify(item));
    }
  }
}

/**
 * The dictionary: a few inputs, every benefit / screening / alert text seen in the samples once, and a
 * whole recent result last (deflate reaches the end of its window most cheaply), cut to the window.
 */
export function buildDictionary(samples: readonly Sample[]): Buffer {
  const fragments = new Map<string, string>();
  for (const sample of samples) resultFragments(sample.resultJson, fragments);
  const last = samples[samples.length - 1];
  const parts = [
    ...samples.slice(-INPUT_SAMPLES).map((sample) => sample.inputJson),
    ...fragments.values(),
    last ? last.resultJson : '',
  ];
  const bytes = Buffer.from(parts.join('\n'), 'utf8');
  return bytes.length > DICTIONARY_BYTES ? bytes.subarray(bytes.length - DICTIONARY_BYTES) : bytes;
}
