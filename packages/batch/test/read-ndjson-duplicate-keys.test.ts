// An NDJSON object with the same key twice: JSON.parse keeps the last value without a word, so a
// record could be screened on a value nobody meant (CSV warns about a repeated column too). Such a
// line is an invalid row naming the key, never its value; the row's `id` is still read when the
// key field is not the one repeated (LANGUAGE.md §10). What `visit screen` writes for such a line:
// packages/cli/test/cli-screen-ndjson-duplicate-keys.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openNdjson, type NdjsonEntry } from '../src/node';

async function read(text: string): Promise<NdjsonEntry[]> {
  const out: NdjsonEntry[] = [];
  const source = {
    async *[Symbol.asyncIterator]() {
      yield new TextEncoder().encode(text);
    },
  };
  for await (const batch of openNdjson(source).batches()) out.push(...batch);
  return out;
}

describe('the reader', () => {
  it.each([
    { line: '{"cpr":"0101","benefit":"dagpenge","benefit":"kontanthjaelp"}', error: 'duplicate key "benefit"', value: { cpr: '0101' } },
    { line: '{"cpr":"0101","cpr":"0202"}', error: 'duplicate key "cpr"', value: {} },
    { line: '{"a":1, "a" :2,"b":3}', error: 'duplicate key "a"', value: { b: 3 } },
    { line: '{"a":1,"b":2,"a":3,"b":4}', error: 'duplicate keys "a", "b"', value: {} },
    { line: '{"x":{"k":1,"k":2},"cpr":"0101"}', error: 'duplicate key "k"', value: { x: { k: 2 }, cpr: '0101' } },
    { line: '{"a\\u0062":1,"ab":2}', error: 'duplicate key "ab"', value: {} },
    { line: '{"0101701234":1,"0101701234":2}', error: 'duplicate key (a name that looks like a CPR number, withheld)', value: {} },
    { line: '{"__proto__":1,"__proto__":2}', error: 'duplicate key "__proto__"', value: {} },
  ])('$line → $error', async ({ line, error, value }) => {
    const [entry] = await read(`${line}\n`);
    expect(entry).toEqual({ row: 1, line: 1, error, value });
    expect(entry && 'error' in entry && entry.error).not.toMatch(/dagpenge|kontanthjaelp|0202/);
  });

  it.each([
    '{"a":"b:c","d":"e"}',
    '{"note":"say \\"x\\": y","n":1}',
    '{"k":"\\\\","l":"\\\\\\"","m":1}',
    '{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}',
    '{"time":"12:30:45","t2":"::::"}',
    '{}',
  ])('no duplicate: %s is a row', async (line) => {
    expect(await read(`${line}\n`)).toEqual([{ row: 1, line: 1, value: JSON.parse(line) }]);
  });

  it('property: a line holds a duplicate exactly when the generated object repeats a key in one of its objects', async () => {
    type Value = { obj: [string, Value][] } | { arr: Value[] } | { scalar: unknown };
    const key = fc.constantFrom('a', 'b', 'cpr', 'x:y', 'q"', 'ø', '\\', ' a');
    const scalar = fc.oneof(fc.constantFrom(1, true, null), fc.string({ unit: fc.constantFrom('a', ':', '"', '\\', ' ', '{', '}'), maxLength: 5 }));
    const tree = fc.letrec<{ obj: Value; value: Value }>((tie) => ({
      obj: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => ({ obj: entries })),
      value: fc.oneof(
        { depthSize: 'small' },
        scalar.map((v) => ({ scalar: v })),
        tie('obj'),
        fc.array(tie('obj'), { maxLength: 2 }).map((items) => ({ arr: items })),
      ),
    })).obj;
    const write = (v: Value, spaced: boolean): string => {
      if ('obj' in v) return `{${v.obj.map(([k, x]) => `${JSON.stringify(k)}${spaced ? ' : ' : ':'}${write(x, spaced)}`).join(spaced ? ' , ' : ',')}}`;
      if ('arr' in v) return `[${v.arr.map((x) => write(x, spaced)).join(',')}]`;
      return JSON.stringify(v.scalar);
    };
    const repeats = (v: Value): boolean => {
      if ('obj' in v) return new Set(v.obj.map(([k]) => k)).size !== v.obj.length || v.obj.some(([, x]) => repeats(x));
      if ('arr' in v) return v.arr.some(repeats);
      return false;
    };
    await fc.assert(
      fc.asyncProperty(tree, fc.boolean(), async (v, spaced) => {
        const [entry] = await read(`${write(v, spaced)}\n`);
        expect(entry !== undefined && 'error' in entry).toBe(repeats(v));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
