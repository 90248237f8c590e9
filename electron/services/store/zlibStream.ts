/**
 * A raw deflate or inflate stream kept open and reset between documents, for 重新测算's worker threads
 * (tens of thousands of documents in a row). zlib's one-shot functions (deflateRawSync, inflateRawSync)
 * build a whole stream object per call — option checks, a Transform, a native stream with its window
 * and hash tables (≈ 256 KB for deflate), a 16 KB output chunk — and close it again: per document that
 * was ≈ 20 µs of a ≈ 105 µs deflate of a result and ≈ 20 µs of a ≈ 35 µs inflate of a stored pair,
 * and garbage to collect (tests/bench/README.md「Recalculation, fifth round」).
 *
 * Here the native stream is reset between documents (deflateReset/inflateReset and the dictionary set
 * again, as zlib does after its own reset): the bytes are those the one-shot function gives for the
 * same options, and what inflates them is unchanged (tests/unit/store/zlibStream.test.ts compares
 * them). It drives the stream through the handle Node's own one-shot functions drive (writeSync and its
 * state array, node:zlib's processChunkSync); where a Node lacks it, every call falls back to the
 * one-shot function. That handle is not Node's public API, so each new stream is first proved on a
 * sample document against the one-shot functions (a Node — Electron's — whose handle behaves
 * otherwise falls back too, rather than storing bytes no reader could inflate). A stream that failed
 * (a damaged document) is closed and made again on next use.
 */
import { constants, createDeflateRaw, createInflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';

interface NativeHandle {
  writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
  reset(): void;
  close(): void;
  onerror: (message: string, errno: number) => void;
}

interface Native {
  handle: NativeHandle;
  /** [avail_out, avail_in] after each writeSync */
  state: Uint32Array;
  failed: string | null;
}

/** the output buffer's first size: a recalculated result deflates to ≈ 2 KB and inflates to ≈ 20 KB */
const FIRST_OUTPUT_BYTES = 64 * 1024;

/** What a new stream is proved on: ≈ 6 KB of result-like JSON, with repeats for deflate to match (twice through, so a reset is proved too). */
const PROOF_DOCUMENT = Buffer.from(
  JSON.stringify(
    Array.from({ length: 40 }, (_, i) => ({ code: `benefit.${i % 7}`, label: `第${i}项`, annual: `${(i * 137.5).toFixed(2)}`, basis: { document: '豫民文〔2021〕1号', clause: `第${(i % 9) + 1}条` } })),
  ),
);

export class ZlibStream {
  private native: Native | null = null;
  /** false: this Node's zlib has no handle to drive; every call is the one-shot function */
  private reusable = true;
  private output = Buffer.allocUnsafeSlow(FIRST_OUTPUT_BYTES);

  private constructor(
    private readonly mode: 'deflate' | 'inflate',
    private readonly options: ZlibOptions,
  ) {}

  static deflateRaw(options: ZlibOptions): ZlibStream {
    return new ZlibStream('deflate', options);
  }

  static inflateRaw(options: ZlibOptions): ZlibStream {
    return new ZlibStream('inflate', options);
  }

  /** The whole document through the stream (Z_FINISH), in a buffer of its own; throws as the one-shot function does on damaged input. */
  run(input: Uint8Array): Buffer {
    const native = this.reusable ? (this.native ?? this.open()) : null;
    if (!native) return this.mode === 'deflate' ? deflateRawSync(input, this.options) : inflateRawSync(input, this.options);
    let inOffset = 0;
    let inLength = input.byteLength;
    let outOffset = 0;
    for (;;) {
      const room = this.output.length - outOffset;
      native.handle.writeSync(constants.Z_FINISH, input, inOffset, inLength, this.output, outOffset, room);
      if (native.failed !== null) {
        const message = native.failed;
        this.discard();
        throw new Error(message);
      }
      const availOut = native.state[0] as number;
      const availIn = native.state[1] as number;
      outOffset += room - availOut;
      inOffset += inLength - availIn;
      inLength = availIn;
      if (availOut !== 0) break;
      // the output filled up: a larger buffer, and the stream goes on where it stopped
      const larger = Buffer.allocUnsafeSlow(this.output.length * 2);
      this.output.copy(larger, 0, 0, outOffset);
      this.output = larger;
    }
    native.handle.reset();
    const bytes = Buffer.allocUnsafeSlow(outOffset);
    this.output.copy(bytes, 0, 0, outOffset);
    return bytes;
  }

  /** Frees the native stream (it is made again on next use). */
  close(): void {
    this.discard();
  }

  private open(): Native | null {
    const stream = (this.mode === 'deflate' ? createDeflateRaw(this.options) : createInflateRaw(this.options)) as unknown as { _handle?: NativeHandle; _writeState?: unknown };
    const handle = stream._handle;
    const state = stream._writeState;
    if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array) || state.length < 2) {
      this.reusable = false;
      return null;
    }
    const native: Native = { handle, state, failed: null };
    // zlib reports a damaged stream through this callback, during writeSync
    handle.onerror = (message: string) => {
      native.failed = message;
    };
    this.native = native;
    if (!this.proved()) {
      this.discard();
      this.reusable = false;
      return null;
    }
    return native;
  }

  /** The new stream gives, twice in a row, what the one-shot functions agree with: deflated bytes they inflate back exactly, or their deflated bytes inflated exactly. */
  private proved(): boolean {
    try {
      for (let pass = 0; pass < 2; pass++) {
        if (this.mode === 'deflate') {
          if (!inflateRawSync(this.run(PROOF_DOCUMENT), { dictionary: this.options.dictionary }).equals(PROOF_DOCUMENT)) return false;
        } else if (!this.run(deflateRawSync(PROOF_DOCUMENT, { dictionary: this.options.dictionary })).equals(PROOF_DOCUMENT)) {
          return false;
        }
      }
      return this.native !== null;
    } catch {
      return false;
    }
  }

  private discard(): void {
    const native = this.native;
    this.native = null;
    if (!native) return;
    try {
      native.handle.close();
    } catch {
      // closed already
    }
  }
}
