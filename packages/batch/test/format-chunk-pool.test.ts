// Output chunks written again once written (format/bytes.ts): a LineBuffer with a ChunkPool takes
// its chunks from the pool, `lend` + `written` give a buffer back exactly once, and the bytes a
// LineBuffer hands out are the same whether its chunks are new or reused (dirty) ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, ChunkPool, LineBuffer, lend, written } from '../src/format/bytes';

const decode = (pieces: Uint8Array[]) => Buffer.concat(pieces).toString('utf8');

describe('ChunkPool', () => {
  it.each([
    ['a chunk of CHUNK_BYTES is kept', CHUNK_BYTES, 1],
    ['a smaller buffer is left to the collector', CHUNK_BYTES - 1, 0],
    ['a larger buffer is left to the collector', CHUNK_BYTES + 1, 0],
  ])('%s', (_name, size, kept) => {
    const pool = new ChunkPool();
    pool.give(new ArrayBuffer(size));
    expect(pool.size).toBe(kept);
  });

  it('keeps at most `max` spare chunks, and hands them out before making new ones', () => {
    const pool = new ChunkPool(2);
    const a = new ArrayBuffer(CHUNK_BYTES);
    for (let i = 0; i < 3; i++) pool.give(i === 0 ? a : new ArrayBuffer(CHUNK_BYTES));
    expect(pool.size).toBe(2);
    pool.take();
    expect(pool.take().buffer).toBe(a);
    expect(pool.take().length).toBe(CHUNK_BYTES);
    expect(pool.size).toBe(0);
  });
});

describe('lend and written', () => {
  it('gives a lent buffer back once, whichever view of it is written; an unlent piece is nothing', () => {
    const back: ArrayBuffer[] = [];
    const b = new ArrayBuffer(16);
    lend(b, (x) => back.push(x));
    written(new Uint8Array(8)); // another buffer
    expect(back).toEqual([]);
    written(new Uint8Array(b, 4, 4));
    written(new Uint8Array(b));
    expect(back).toHaveLength(1);
    expect(back[0]).toBe(b);
  });
});

describe('LineBuffer over reused chunks', () => {
  it('property: the text handed out is the same with new chunks and with dirty reused ones', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.nat()), { maxLength: 2000 }), fc.integer({ min: 1, max: 40 }), (parts, takeEvery) => {
        const write = (out: LineBuffer) => {
          const pieces: Uint8Array[] = [];
          parts.forEach((p, i) => {
            if (typeof p === 'number') out.int(p);
            else out.text(p);
            if (i % takeEvery === 0) pieces.push(...out.take(true));
          });
          pieces.push(...out.take(true));
          return pieces;
        };
        const expected = decode(write(new LineBuffer()));
        const pool = new ChunkPool();
        for (let i = 0; i < 8; i++) pool.give(new Uint8Array(CHUNK_BYTES).fill(0x41).buffer);
        const pooled = new LineBuffer(undefined, pool);
        const first = write(pooled);
        expect(decode(first)).toBe(expected);
        // Every piece's buffer holds that piece only: giving them all back and writing again is safe.
        const text = decode(first);
        for (const piece of first) pool.give(piece.buffer as ArrayBuffer);
        expect(decode(write(pooled))).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
});
