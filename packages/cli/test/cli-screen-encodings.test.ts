// `visit screen` and the records' encoding (LANGUAGE.md §7), as users met it: a Windows-1252 CSV
// (København, Fødselsdato) read as UTF-8 into `�` with exit 0 and wrong outcomes; a UTF-16LE file
// with a BOM giving 201 invalid rows for 200 citizens. Now: UTF-8 (BOM or not) and UTF-16 with a
// BOM are read as such, a file that is not UTF-8 is read as Windows-1252 with one warning,
// `--encoding` states it, and text is never replaced by `�` — on one thread, on several, and
// from stdin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const tmp = tempDir('encodings');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = `record Borger {
  cpr:         text key personal
  by:          text                "By"
  fødselsdato: date
  aktiv:       boolean
}
group københavner = by = "København"
program p { require københavner  require aktiv }
`;
const AS_OF = ['--as-of', '2026-11-23'];

/** 200 citizens, every other one in København, as Danish Excel would save them. */
function citizens(): string {
  const rows = Array.from({ length: 200 }, (_, i) => `${String(1_000_000_000 + i)};${i % 2 ? 'Århus' : 'København'};1970-01-01;${i % 3 ? 'ja' : 'nej'}`);
  return ['cpr;by;fødselsdato;aktiv', ...rows].join('\r\n') + '\r\n';
}
const expectedPrograms = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 && i % 3 !== 0 ? 'eligible' : 'ineligible'));

const utf16le = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
const utf16be = (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]);
const cp1252 = (t: string) => Buffer.from(t, 'latin1'); // ASCII and Danish letters: the same bytes

/** Runs the three ways (one thread, three threads with small segments, stdin); they must agree. */
async function screenAllWays(bytes: Buffer, extra: string[] = [], source = RULES) {
  const rules = tmp.write(`rules-${Math.random().toString(36).slice(2)}.visit`, source);
  const file = tmp.write(`in-${Math.random().toString(36).slice(2)}.csv`, bytes);
  const one = await visit(['screen', rules, file, ...AS_OF, ...extra], { env: { VISIT_SCREEN_THREADS: '1' } });
  const many = await visit(['screen', rules, file, ...AS_OF, ...extra], { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: '300' } });
  const stdin = await visit(['screen', rules, '-', ...AS_OF, ...extra], { input: bytes });
  expect({ stdout: many.stdout, code: many.code }).toEqual({ stdout: one.stdout, code: one.code });
  expect({ stdout: stdin.stdout, code: stdin.code }).toEqual({ stdout: one.stdout, code: one.code });
  return { one, many, stdin };
}

const warningsIn = (stderr: string) => stderr.split('\n').filter((l) => l.includes('warning'));

describe('each encoding gives the same, right outcomes', () => {
  it.each([
    { name: 'UTF-8', bytes: Buffer.from(citizens()), warns: false },
    { name: 'UTF-8 with a BOM', bytes: Buffer.from(`\uFEFF${citizens()}`), warns: false },
    { name: 'UTF-16LE with a BOM (the issue: 201 invalid rows for 200 citizens)', bytes: utf16le(citizens()), warns: false },
    { name: 'UTF-16BE with a BOM', bytes: utf16be(citizens()), warns: false },
    { name: 'Windows-1252 (the issue: read as UTF-8 into �, wrong outcomes, exit 0)', bytes: cp1252(citizens()), warns: true },
  ])('$name', async ({ bytes, warns }) => {
    const { one, many, stdin } = await screenAllWays(bytes);
    expect(one.code).toBe(0);
    const rows = ndjson(one.stdout);
    expect(rows).toHaveLength(200);
    expect(rows.map((r) => (r.programs as Record<string, string>).p)).toEqual(expectedPrograms);
    expect(one.stdout).not.toContain('\uFFFD');
    for (const run of [one, many, stdin]) {
      const from = run === stdin ? 'stdin' : 'in-';
      expect(warningsIn(run.stderr)).toEqual(
        warns ? [expect.stringMatching(new RegExp(`^visit: warning: .*${from}.*: not valid UTF-8, so it is read as Windows-1252 \\(state the encoding with --encoding\\)$`))] : [],
      );
    }
  });
});

describe('--encoding states it', () => {
  it('--encoding windows-1252: the same rows, and no warning (nothing was guessed)', async () => {
    const { one } = await screenAllWays(cp1252(citizens()), ['--encoding', 'windows-1252']);
    expect(one.code).toBe(0);
    expect(ndjson(one.stdout).map((r) => (r.programs as Record<string, string>).p)).toEqual(expectedPrograms);
    expect(warningsIn(one.stderr)).toEqual([]);
  });

  it('--encoding utf-8 on a Windows-1252 file: the header cannot be read, exit 2, nothing written', async () => {
    const { one } = await screenAllWays(cp1252(citizens()), ['--encoding', 'utf-8']);
    expect(one.code).toBe(2);
    expect(one.stdout).toBe('');
    expect(one.stderr).toMatch(/header row \(line 1\): not valid UTF-8 in column 9 \(if the file is Windows-1252, say --encoding windows-1252\)/);
  });

  it('--encoding utf-8 where only rows have such bytes: each is an invalid row naming its line and column, with its id; never �', async () => {
    const ascii = (t: string) => t.replaceAll('fødselsdato', 'foedselsdato');
    const { one } = await screenAllWays(cp1252(ascii(citizens())), ['--encoding', 'utf-8'], ascii(RULES));
    expect(one.code).toBe(1);
    const rows = ndjson(one.stdout);
    expect(rows).toHaveLength(200);
    const reason = (column: number) => `not valid UTF-8 in column ${column} (if the file is Windows-1252, say --encoding windows-1252)`;
    expect(rows.slice(0, 2)).toEqual([
      { row: 1, id: '1000000000', status: 'invalid', errors: [`line 2: ${reason(13)}`] },
      { row: 2, id: '1000000001', status: 'invalid', errors: [`line 3: ${reason(12)}`] },
    ]);
    expect(rows.every((r) => r.status === 'invalid')).toBe(true);
    expect(one.stdout).not.toContain('\uFFFD');
  });

  it('--encoding utf-16le on a file without a BOM', async () => {
    const { one } = await screenAllWays(Buffer.from(citizens(), 'utf16le'), ['--encoding', 'utf-16le']);
    expect(one.code).toBe(0);
    expect(ndjson(one.stdout).map((r) => (r.programs as Record<string, string>).p)).toEqual(expectedPrograms);
  });

  it('an --encoding the byte order mark contradicts: exit 2, a clear message, nothing written', async () => {
    const { one } = await screenAllWays(utf16le(citizens()), ['--encoding', 'windows-1252']);
    expect(one.code).toBe(2);
    expect(one.stdout).toBe('');
    expect(one.stderr).toContain('it starts with a UTF-16LE byte order mark, but --encoding windows-1252 says otherwise');
  });

  it('an unknown encoding is a usage error', async () => {
    const run = await visit(['screen', tmp.write('r.visit', RULES), tmp.write('x.csv', citizens()), '--encoding', 'latin9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/encoding/);
  });
});

describe('streaming: the decision may come late, and nothing already written is misread', () => {
  it('a UTF-8 file whose one Windows-1252 byte comes after 100,000 rows: that row is invalid, all others read as UTF-8', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${1_000_000_000 + i};${i % 2 ? 'Århus' : 'København'};1970-01-01;ja`);
    const text = ['cpr;by;fødselsdato;aktiv', ...rows, '2000000000;Kø;1970-01-01;ja', '2000000001;København;1970-01-01;ja'].join('\n') + '\n';
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.lastIndexOf(Buffer.from('Kø;', 'utf8'));
    const broken = Buffer.concat([bytes.subarray(0, at + 1), Buffer.from([0xf8]), bytes.subarray(at + 3)]);
    const { one } = await screenAllWays(broken);
    expect(one.code).toBe(1);
    const out = ndjson(one.stdout);
    expect(out).toHaveLength(100_002);
    expect(out.filter((r) => r.status === 'invalid')).toEqual([
      { row: 100_001, id: '2000000000', status: 'invalid', errors: ['line 100002: not valid UTF-8 in column 13 (if the file is Windows-1252, say --encoding windows-1252)'] },
    ]);
    expect(out.filter((r, i) => i % 2 === 0 && i < 100_000).every((r) => (r.groups as Record<string, boolean>).københavner)).toBe(true);
    expect(warningsIn(one.stderr)).toEqual([]);
    expect(one.stdout).not.toContain('\uFFFD');
  }, 120_000);
});

describe('NDJSON reads the same way', () => {
  const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ cpr: String(1_000_000_000 + i), by: i % 2 ? 'Århus' : 'København', fødselsdato: '1970-01-01', aktiv: true }));
  const text = lines.join('\n') + '\n';
  it.each([
    { name: 'Windows-1252', bytes: cp1252(text), warns: 1 },
    { name: 'UTF-16LE with a BOM', bytes: utf16le(text), warns: 0 },
    { name: 'UTF-8', bytes: Buffer.from(text), warns: 0 },
  ])('$name, from a file and from stdin', async ({ bytes, warns }) => {
    const rules = tmp.write('rules.visit', RULES);
    const file = await visit(['screen', rules, tmp.write('in.ndjson', bytes), ...AS_OF]);
    const stdin = await visit(['screen', rules, '-', ...AS_OF], { input: bytes });
    expect(file.code).toBe(0);
    expect(stdin.stdout).toBe(file.stdout);
    expect(ndjson(file.stdout).map((r) => (r.groups as Record<string, boolean>).københavner)).toEqual(lines.map((_, i) => i % 2 === 0));
    expect(warningsIn(file.stderr)).toHaveLength(warns);
  });
});
