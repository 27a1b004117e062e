// Output lines written as UTF-8 bytes straight into buffers, not built as strings. Measured on 1M
// rows (issue 11): each 64 KB input chunk made a ~200 KB output string, which V8 puts in its
// large-object space (over 128 KB), fresh memory every batch (83k minor page faults, 1.0–1.4 s of
// system time), and the sink then encoded it to UTF-8 again. Here lines go into chunks of
// CHUNK_BYTES (below glibc's mmap threshold, so freed chunks are reused by malloc), handed out as
// views (`take`) that are never written again. Runs in browsers too: no Node Buffer.

/** Bytes per chunk. */
export const CHUNK_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/**
 * Spare chunks of CHUNK_BYTES, written again instead of allocated anew. Why: in the split screen
 * each chunk goes to the main thread and is written there; a chunk held there (in output order)
 * through two minor collections is promoted, and its memory is freed only by a full collection,
 * which V8 starts only after some 64 MB of such external memory: measured 57 MB of dead output
 * buffers on the main thread at the peak (1M rows, 2 threads). Chunks that come back once written
 * (`lend` / `written`) are reused, so that few are ever allocated.
 */
export class ChunkPool {
  private readonly spare: ArrayBuffer[] = [];

  constructor(private readonly max = 64) {}

  /** A chunk to write into: a spare one, or a new one. */
  take(): Uint8Array {
    const b = this.spare.pop();
    return b === undefined ? new Uint8Array(CHUNK_BYTES) : new Uint8Array(b);
  }

  /** A chunk that is no longer read anywhere (buffers of another size, or over `max`, are left to the collector). */
  give(b: ArrayBuffer): void {
    if (b.byteLength === CHUNK_BYTES && this.spare.length < this.max) this.spare.push(b);
  }

  get size(): number {
    return this.spare.length;
  }
}

/** Output buffers whose maker wants them back once written (see `ChunkPool`). */
const lent = new WeakMap<ArrayBuffer, (b: ArrayBuffer) => void>();

/**
 * `buffer` (of pieces handed out as output) goes to `back` once a sink has written it
 * (`written`). Only for buffers that hold nothing else: `back` may write them again at once.
 */
export function lend(buffer: ArrayBuffer, back: (b: ArrayBuffer) => void): void {
  lent.set(buffer, back);
}

/**
 * Called by a sink when it has finished with `piece` (its bytes are written and it keeps no
 * reference to them): a lent buffer goes back to its maker. Anything else: nothing happens.
 */
export function written(piece: Uint8Array): void {
  const buffer = piece.buffer as ArrayBuffer;
  const back = lent.get(buffer);
  if (back === undefined) return;
  lent.delete(buffer);
  back(buffer);
}

export class LineBuffer {
  private chunk: Uint8Array;
  /** Next byte to write. */
  private pos = 0;
  /** First byte not yet handed out. */
  private start = 0;
  private full: Uint8Array[] = [];

  constructor(
    private readonly chunkBytes = CHUNK_BYTES,
    /** Where new chunks of CHUNK_BYTES come from (spare ones first). */
    private readonly pool?: ChunkPool,
  ) {
    this.chunk = this.fresh();
  }

  private fresh(): Uint8Array {
    return this.pool !== undefined && this.chunkBytes === CHUNK_BYTES ? this.pool.take() : new Uint8Array(this.chunkBytes);
  }

  /** Makes sure `n` more bytes fit in the current chunk (else starts a new one). */
  private room(n: number): void {
    if (this.chunk.length - this.pos >= n) return;
    if (this.pos > this.start) this.full.push(this.chunk.subarray(this.start, this.pos));
    this.chunk = n <= this.chunkBytes ? this.fresh() : new Uint8Array(n);
    this.pos = 0;
    this.start = 0;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const c = this.chunk;
    let p = this.pos;
    if (n <= 32) for (let i = 0; i < n; i++) c[p++] = b[i]!;
    else {
      c.set(b, p);
      p += n;
    }
    this.pos = p;
  }

  /** Appends a string whose characters are all below U+0080 (no check). */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const c = this.chunk;
    let p = this.pos;
    for (let i = 0; i < n; i++) c[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Appends a string as UTF-8. */
  text(s: string): void {
    // At most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
    if (s.length * 3 > this.chunkBytes) {
      this.bytes(encoder.encode(s));
      return;
    }
    this.room(s.length * 3);
    this.pos += encoder.encodeInto(s, this.chunk.subarray(this.pos)).written;
  }

  /** Appends a whole number ≥ 0 in decimal. */
  int(n: number): void {
    if (!(n >= 0 && n <= 0x7fffffff && n === Math.floor(n))) {
      this.ascii(String(n));
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    this.room(digits);
    const c = this.chunk;
    let p = this.pos + digits;
    this.pos = p;
    let x = n;
    do {
      const q = (x / 10) | 0;
      c[--p] = 48 + x - q * 10;
      x = q;
    } while (x > 0);
  }

  /** Bytes written since the last `take`. */
  get pending(): number {
    let n = this.pos - this.start;
    for (const b of this.full) n += b.length;
    return n;
  }

  /**
   * Everything written since the last `take`, as views in order (none empty). `own`: each view's
   * buffer holds nothing else that is written later, so the buffers can be moved to another thread
   * (the current chunk is then left to them and a new one started).
   */
  take(own = false): Uint8Array[] {
    if (this.pos > this.start) this.full.push(this.chunk.subarray(this.start, this.pos));
    this.start = this.pos;
    const out = this.full;
    this.full = [];
    if (own && out.length > 0 && out[out.length - 1]!.buffer === this.chunk.buffer) {
      this.chunk = this.fresh();
      this.pos = 0;
      this.start = 0;
    }
    return out;
  }
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
