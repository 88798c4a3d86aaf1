/**
 * The data types of OTR's binary messages (Protocol-v3, "Data types"): BYTE,
 * SHORT, INT (big-endian), MPI and DATA (4-byte length, then bytes), CTR (8
 * bytes) and MAC (20 bytes). The reader never reads past its buffer: every
 * length is checked against what remains, so no length field can make it
 * allocate or loop beyond the input it was given.
 */
import { bigintToBytes, bytesToBigint } from '../crypto/bigint';

/** A binary OTR message that cannot be parsed. `message` is safe to show. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

export class Writer {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }

  byte(v: number): this {
    return this.push(Uint8Array.of(v & 0xff));
  }

  short(v: number): this {
    return this.push(Uint8Array.of((v >>> 8) & 0xff, v & 0xff));
  }

  int(v: number): this {
    return this.push(Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }

  /** Raw bytes with no length prefix (CTR, MAC, fixed-size fields). */
  raw(bytes: Uint8Array): this {
    return this.push(bytes);
  }

  data(bytes: Uint8Array): this {
    return this.int(bytes.length).push(bytes);
  }

  mpi(n: bigint): this {
    return this.data(bigintToBytes(n));
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

export class Reader {
  private offset = 0;

  constructor(private readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  get position(): number {
    return this.offset;
  }

  private take(n: number, what: string): Uint8Array {
    if (n > this.remaining) throw new WireError(`message truncated in ${what}`);
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Moves past `n` bytes and returns where they start; no view is made for a number. */
  private skip(n: number, what: string): number {
    if (n > this.remaining) throw new WireError(`message truncated in ${what}`);
    const at = this.offset;
    this.offset += n;
    return at;
  }

  byte(what = 'a byte'): number {
    return this.buf[this.skip(1, what)] as number;
  }

  short(what = 'a short'): number {
    const at = this.skip(2, what);
    return ((this.buf[at] as number) << 8) | (this.buf[at + 1] as number);
  }

  int(what = 'an int'): number {
    const at = this.skip(4, what);
    const b = this.buf;
    return (
      (((b[at] as number) << 24) |
        ((b[at + 1] as number) << 16) |
        ((b[at + 2] as number) << 8) |
        (b[at + 3] as number)) >>>
      0
    );
  }

  raw(n: number, what = 'fixed data'): Uint8Array {
    return this.take(n, what);
  }

  data(what = 'a data field'): Uint8Array {
    return this.take(this.int(`${what} length`), what);
  }

  mpi(what = 'an MPI'): bigint {
    return bytesToBigint(this.data(what));
  }

  /** Everything not read yet. */
  rest(): Uint8Array {
    return this.take(this.remaining, 'the rest');
  }

  /** Throws unless the whole buffer was read: trailing garbage means a malformed message. */
  end(what: string): void {
    if (this.remaining !== 0) throw new WireError(`${this.remaining} unexpected trailing bytes after ${what}`);
  }
}
