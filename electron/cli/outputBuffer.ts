/**
 * The output lines of a batch, encoded as UTF-8 into one buffer as they are made. Joining them into
 * one string first would put a string of megabytes in V8's large-object space for each batch, garbage
 * that only a full collection frees: memory would climb to hundreds of MB per thread. The buffer is
 * not zero-filled (every byte handed on is written) and is handed on as it is, without a copy.
 *
 * A batch's buffer is a few MB, and memory the process has not touched before costs a page fault
 * per 4 KB on first write: on this project's 2-core VM, writing a --brief line into fresh memory took
 * about three times as long as into memory written before (tests/bench/README.md, fourth round). So
 * a buffer whose bytes have been written out is handed back (`spare`) and filled again.
 */
/**
 * Output buffers a thread keeps for reuse (each a batch's output, ≈ 2 MB of --brief lines, ≈ 4 MB
 * full): the main thread, and each worker (it has at most a few batches in flight, calcBatch.ts).
 */
export const SPARE_BUFFERS_KEPT = 4;

/**
 * Node's own UTF-8 writer under Buffer#write (what `write(text, offset, 'utf8')` ends in): Buffer#write's
 * checking of its optional arguments was ≈ 3.6 % of a --brief worker's profile, called ≈ 45 times a line
 * (before each shared piece of bytes and at the end). Not part of Node's typed API, so looked for, and
 * Buffer#write is used where it is missing; the bytes are the same (tests/unit/cli/resultLine.test.ts).
 */
type Utf8Writer = Buffer & { utf8Write(text: string, offset: number, length: number): number };
const UTF8_WRITE = typeof (Buffer.prototype as Partial<Utf8Writer>).utf8Write === 'function';

export class OutputBuffer {
  private bytes: Buffer;
  private length = 0;

  /** a new buffer of `capacity` bytes, or a spare one (handed back after its bytes were written out) */
  constructor(capacity: number | ArrayBuffer) {
    this.bytes = typeof capacity === 'number' ? Buffer.allocUnsafeSlow(capacity) : Buffer.from(capacity);
  }

  private room(needed: number): void {
    if (this.length + needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.length + needed, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** text, encoded as UTF-8 */
  text(text: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    this.room(text.length * 3);
    this.length += UTF8_WRITE ? (this.bytes as Utf8Writer).utf8Write(text, this.length, this.bytes.length - this.length) : this.bytes.write(text, this.length, 'utf8');
  }

  /** bytes already encoded */
  raw(bytes: Buffer): void {
    this.room(bytes.length);
    // Buffer#copy: for the short pieces of a result line, measurably cheaper than TypedArray#set here
    this.length += bytes.copy(this.bytes, this.length);
  }

  newline(): void {
    this.room(1);
    this.bytes[this.length++] = 10;
  }

  line(json: string): void {
    this.text(json);
    this.newline();
  }

  /** bytes written so far */
  get size(): number {
    return this.length;
  }

  /** drops what was written after `size` (a line that could not be finished) */
  truncate(size: number): void {
    this.length = Math.min(this.length, size);
  }

  /** the encoded lines: a view on a buffer of their own (its ArrayBuffer can be transferred) */
  take(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}
