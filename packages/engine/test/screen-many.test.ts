// screenMany: an iterable or async iterable of typed JSON records → one result per record, in
// order, numbered from 1 (or firstRow); invalid records keep their place.
import { describe, expect, it } from 'vitest';
import { compile, type ScreenResult } from '../src/index';

const SOURCE = `record R {
  id: text key
  n:  integer 0..10 optional
}
group big = n >= 5
`;

const compiled = compile(SOURCE, { asOf: '2026-11-23' });
if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
const s = compiled.screener;

const RECORDS: unknown[] = [{ id: 'a', n: 7 }, { id: 'b', n: 99 }, { id: 'c' }, 'not an object', { id: 'e', n: 1 }];
const EXPECTED: ScreenResult[] = [
  { row: 1, id: 'a', status: 'ok', groups: { big: true }, programs: {} },
  { row: 2, id: 'b', status: 'invalid', errors: ['n: expected an integer from 0 to 10, found 99'] },
  { row: 3, id: 'c', status: 'ok', groups: { big: null }, programs: {} },
  { row: 4, id: null, status: 'invalid', errors: ['record: expected a JSON object, found text'] },
  { row: 5, id: 'e', status: 'ok', groups: { big: false }, programs: {} },
];

async function collect(results: AsyncIterable<ScreenResult>): Promise<ScreenResult[]> {
  const out: ScreenResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

function* generator() {
  yield* RECORDS;
}

async function* slowSource() {
  for (const [i, r] of RECORDS.entries()) {
    // Later records arrive sooner, so any reordering would show.
    await new Promise((resolve) => setTimeout(resolve, (RECORDS.length - i) * 3));
    yield r;
  }
}

describe('screenMany', () => {
  it.each([
    ['an array', () => RECORDS],
    ['a generator', generator],
    ['an async generator', slowSource],
  ])('screens %s in order', async (_, source) => {
    expect(await collect(s.screenMany(source()))).toEqual(EXPECTED);
  });

  it('numbers rows from firstRow', async () => {
    const rows = (await collect(s.screenMany(RECORDS, { firstRow: 101 }))).map((r) => r.row);
    expect(rows).toEqual([101, 102, 103, 104, 105]);
  });

  it('explains every valid row when asked', async () => {
    const results = await collect(s.screenMany(RECORDS, { explain: true }));
    expect(results.map((r) => r.status === 'ok' && r.explain !== undefined)).toEqual([true, false, true, false, true]);
  });

  it('gives exactly one result per record for a large input', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? { id: String(i), n: 'x' } : { id: String(i), n: i % 11 }));
    const results = await collect(s.screenMany(many));
    expect(results.length).toBe(many.length);
    expect(results.every((r, i) => r.row === i + 1 && r.id === String(i))).toBe(true);
    expect(results.filter((r) => r.status === 'invalid').length).toBe(Math.ceil(10_000 / 7));
  });
});
