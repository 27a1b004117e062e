// Lists (LANGUAGE.md §12) arrive two ways: in NDJSON as arrays of objects, from CSV as second
// files in long form (`--list`). Generated citizens with histories, written once each way, read
// to the same records: the same elements in the same order, the same missing values, and for a
// malformed element the same reasons (the CSV's naming the list file's line as well). Read with
// the batch API's own readers (openNdjson + validateJson; openCsv + csvReader + readList + ListJoin).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as engine from '@visit/engine';
import { ListJoin, openCsv, openNdjson, readList, isCsvRowError, isNdjsonRowError } from '../src/index';

const RULES = `record Citizen {
  cpr:      text key personal
  alder:    integer
  forløb:   list of {
              kind:  one of (dagpenge, kontanthjaelp, jobklub)
              start: date
              end:   date optional
              timer: number 0..37 optional
            } optional
  samtaler: list of { dato: date, form: one of (individuel, gruppe), fremmødt: boolean optional, note: text optional personal }
}
group g = alder > 3
`;

const compiled = engine.compile(RULES, { asOf: '2026-11-23' });
if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
const screener = compiled.screener;

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

type Cell = string | undefined;
interface Period { kind: Cell; start: Cell; end: Cell; timer: number | undefined }
interface Talk { dato: Cell; form: Cell; fremmødt: boolean | undefined; note: Cell }
interface Citizen { cpr: string; alder: number; forløb: Period[] | undefined; samtaler: Talk[] }

const date = fc.oneof(
  { weight: 8, arbitrary: fc.date({ min: new Date('2010-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('2025-02-30', '2025-13-01', 'snart') },
);
const maybe = <T>(a: fc.Arbitrary<T>, missing = 3) => fc.oneof({ weight: 10, arbitrary: a }, { weight: 1 + missing, arbitrary: fc.constant(undefined) });
const period: fc.Arbitrary<Period> = fc.record({
  kind: maybe(fc.constantFrom('dagpenge', 'kontanthjaelp', 'jobklub', 'Jobklub'), 0),
  start: maybe(date, 0),
  end: maybe(date),
  timer: maybe(fc.integer({ min: 0, max: 80 }).map((n) => n / 2)),
});
const talk: fc.Arbitrary<Talk> = fc.record({
  dato: maybe(date, 0),
  form: maybe(fc.constantFrom('individuel', 'gruppe', 'tele'), 0),
  fremmødt: maybe(fc.boolean()),
  note: maybe(fc.constantFrom('ringede', 'kom ikke', 'ok; "godt"')),
});
const citizens = fc
  .array(
    fc.record({ alder: fc.integer({ min: 16, max: 70 }), forløb: maybe(fc.array(period, { maxLength: 5 }), 0), samtaler: fc.array(talk, { maxLength: 4 }) }),
    { minLength: 1, maxLength: 20 },
  )
  .map((cs): Citizen[] => cs.map((c, i) => ({ cpr: `C${i}`, ...c })));

const csvCell = (v: string | number | boolean | undefined, delimiter: string): string => {
  if (v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'ja' : 'nej') : typeof v === 'number' && delimiter === ';' ? String(v).replace('.', ',') : String(v);
  return /[;,"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The long-form CSV, its lines in round-robin order across citizens (not grouped by key). */
function listCsv<T extends object>(cs: Citizen[], pick: (c: Citizen) => T[] | undefined, columns: (keyof T & string)[], delimiter: string): string {
  const out = [['cpr', ...columns].join(delimiter)];
  for (let r = 0; r < 5; r++) {
    for (const c of cs) {
      const e = pick(c)?.[r];
      if (e) out.push([c.cpr, ...columns.map((k) => csvCell(e[k] as never, delimiter))].join(delimiter));
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

// A reason quotes the value as written: `found 37,5` in a `;` file is `found 37.5` in JSON.
const stripLine = (reason: string) => reason.replace(/ \((forloeb|samtaler)\.csv line \d+\)$/, '').replace(/found (\d+),(\d+)$/, 'found $1.$2');

async function viaNdjson(cs: Citizen[]): Promise<unknown[]> {
  const text = cs.map((c) => JSON.stringify(c)).join('\n');
  const out: unknown[] = [];
  for await (const batch of openNdjson(once(text)).batches()) {
    for (const e of batch) {
      if (isNdjsonRowError(e)) throw new Error(e.error);
      out.push(shown(screener.validateJson(e.value)));
    }
  }
  return out;
}

async function viaCsv(cs: Citizen[], delimiter: ',' | ';', codegen: boolean): Promise<unknown[]> {
  const info = screener.record;
  const lists = [];
  for (const [name, text] of [
    ['forløb', listCsv(cs.filter((c) => c.forløb !== undefined), (c) => c.forløb, ['kind', 'start', 'end', 'timer'], delimiter)],
    ['samtaler', listCsv(cs, (c) => c.samtaler, ['dato', 'form', 'fremmødt', 'note'], delimiter)],
  ] as const) {
    const read = await readList(engine, info, name, name === 'forløb' ? 'forloeb.csv' : 'samtaler.csv', once(text), { codegen });
    if (!read.ok) throw new Error(read.error);
    lists.push(read.data);
  }
  const join = new ListJoin(lists);
  const main = `cpr${delimiter}alder\n${cs.map((c) => `${c.cpr}${delimiter}${c.alder}`).join('\n')}\n`;
  const opened = await openCsv(once(main));
  if (!opened.ok) throw new Error(opened.error);
  const reader = screener.csvReader(opened.reader.header, { decimalComma: delimiter === ';', joinedLists: join.names });
  const out: unknown[] = [];
  for await (const batch of opened.reader.batches()) {
    for (const e of batch) {
      if (isCsvRowError(e)) throw new Error(e.error);
      const r = reader.read(e.cells);
      const reasons = join.join(r.id, r.ok ? (r.record as Record<string, unknown>) : undefined);
      out.push(shown(reasons ? { ok: false, id: r.id, errors: r.ok ? reasons : [...r.errors, ...reasons] } : r));
    }
  }
  return out;
}

/** A read record as plain data (elements copied out of their null-prototype objects). */
function shown(r: engine.CoercedRecord | engine.InvalidRecord): unknown {
  if (!r.ok) return { id: r.id, errors: r.errors.map(stripLine) };
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.record)) record[k] = Array.isArray(v) ? v.map((e: object) => ({ ...e })) : v;
  return { id: r.id, record };
}

describe('NDJSON arrays and --list CSV files read to the same records', () => {
  it.each([
    [',', true],
    [';', true],
    [';', false],
  ] as const)('delimiter %s, codegen %s', async (delimiter, codegen) => {
    await fc.assert(
      fc.asyncProperty(citizens, async (cs) => {
        // From CSV a citizen without lines has an empty list (§12); in NDJSON that is `[]`, and a
        // missing optional list (`forløb` absent) has no CSV form: written as `[]` on both sides.
        const same = cs.map((c) => ({ ...c, forløb: c.forløb ?? [] }));
        expect(await viaCsv(same, delimiter, codegen)).toEqual(await viaNdjson(same));
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });

  it('the generator does reach malformed elements and ends before starts', async () => {
    const sample = fc.sample(citizens, { numRuns: 60, seed: 1 });
    const reasons = (await Promise.all(sample.map((cs) => viaNdjson(cs)))).flat().flatMap((r) => (r as { errors?: string[] }).errors ?? []);
    expect(reasons.some((r) => r.includes('is before start'))).toBe(true);
    expect(reasons.some((r) => /^samtaler\[\d\]\.form: expected/.test(r))).toBe(true);
    expect(reasons.some((r) => /^forløb\[\d\]\.start: expected a date/.test(r))).toBe(true);
  });
});
