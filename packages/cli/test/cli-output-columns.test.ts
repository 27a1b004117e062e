// The screening output's columns are unambiguous (LANGUAGE.md §10): `row,id,status`, one per group,
// one per programme, `errors`, and with --explain `explain` (and `asOf` with --as-of-field). A group
// or programme named like one of them once gave a CSV with two `status` columns; `check` refuses such
// names, and `screen` writes no output for them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('columns');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = 'record R {\n  nr: text key\n  a: boolean\n}\n';
const RECORDS = '{"nr":"x","a":true}\n{"nr":"y","a":false}\n';
let files = 0;
const write = (rules: string) => tmp.write(`rules-${++files}.visit`, rules);

describe('reserved names', () => {
  it.each([
    ['a group named status', 'group status = a', 'status', 'group', 'status'],
    ['a program named id', 'program id { require a }', 'id', 'program', 'id'],
    ['a group named row', 'group row = a', 'row', 'group', 'row'],
    ['a program named errors', 'program errors { require a }', 'errors', 'program', 'errors'],
    ['a group named explain', 'group explain = a', 'explain', 'group', 'explain'],
    ['a group named asOf', 'group asOf = a', 'asOf', 'group', 'asOf'],
    ['a program named Status', 'program Status { require a }', 'Status', 'program', 'status'],
  ])('%s: check exits 1, screen exits 2 and writes nothing', async (_what, snippet, name, kind, column) => {
    const file = write(`${RECORD}${snippet}\n`);
    const records = tmp.write(`records-${files}.ndjson`, RECORDS);
    const [checked, screened] = await Promise.all([visit(['check', file]), visit(['screen', file, records, '--format', 'csv', '--as-of', '2026-11-23'])]);
    const message = `error: '${name}' cannot name a ${kind}: the screening output has a column '${column}' of its own`;
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(message);
    expect(screened.code).toBe(2);
    expect(screened.stdout).toBe('');
    expect(screened.stderr).toContain(message);
  });

  it('a group and a program of one name: refused', async () => {
    const checked = await visit(['check', write(`${RECORD}group jobklub = a\nprogram jobklub { require jobklub }\n`)]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("error: 'jobklub' is already declared on line 5: names must be unique in a file");
  });
});

describe('generated group and programme names', () => {
  const names = fc.constantFrom(
    'rows', 'id_', 'ids', 'status2', 'statuses', 'errors_', 'error', 'explained', 'as_of', 'asOfDate', 'groups', 'programs', 'program_', 'a2', 'ok', 'invalid',
    'unge', 'jobklub', 'Row_', 'æ', 'målgruppe',
  );
  it('every set of names check accepts gives CSV columns that are all different, the output columns first and last', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(names, { minLength: 1, maxLength: 6 }), fc.nat(), async (picked, split) => {
        const k = split % (picked.length + 1);
        const groups = picked.slice(0, k);
        const programs = picked.slice(k);
        const rules = `${RECORD}${groups.map((g) => `group ${g} = a\n`).join('')}${programs.map((p) => `program ${p} { require a }\n`).join('')}`;
        const file = write(rules);
        const records = tmp.write(`records-${files}.ndjson`, RECORDS);
        const run = await visit(['screen', file, records, '--format', 'csv', '--explain', '--as-of', '2026-11-23']);
        expect(run.code, run.stderr).toBe(0);
        const header = run.stdout.split('\r\n')[0]!.split(',');
        expect(header).toEqual(['row', 'id', 'status', ...groups, ...programs, 'errors', 'explain']);
        expect(new Set(header.map((h) => h.toLowerCase())).size).toBe(header.length);
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
