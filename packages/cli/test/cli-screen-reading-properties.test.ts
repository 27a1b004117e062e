// `visit screen` on generated exports (csv-model.ts: stray quotes, multi-line cells, cells at and
// over Excel's limit, rows of the wrong width, text after a closing quote, invalid bytes, Danish
// letters and U+FFFD; `;` or `,`; LF or CRLF; UTF-8 with or without a BOM, UTF-16 LE/BE with a
// BOM, Windows-1252), each screened by real processes: on one thread, on three threads with small
// segments (the parallel reader, @visit/batch split/segments.ts), and from stdin. Invariants (LANGUAGE.md §7,
// §10): exactly one output row per citizen line of the model, numbered 1..N in order, with the
// citizen's key as `id` (also on an invalid row) and the status the model says, a malformed line
// naming its physical line; the same stdout byte for byte on every path; exit 0 or 1, never 2; no
// U+FFFD unless the input had one; a Windows-1252 file warned about exactly once.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, untimed, visit } from './cli-support';
import { RULES, encode, modelFile, type FileEncoding, type ModelFile } from '../../../tests/support/csv-model';

const tmp = tempDir('reading-properties');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const AS_OF = ['--as-of', '2026-11-23'];

/** A model file and the encoding its bytes are written in. */
// UTF-16 is read on one thread (its segments cannot be cut at a byte 0x0A): less of it.
const encodedFile = fc.constantFrom<FileEncoding>('utf-8', 'utf-8', 'utf-8-bom', 'windows-1252', 'windows-1252', 'utf-16le', 'utf-16be').chain((encoding) => {
  const latin = encoding === 'windows-1252';
  return fc.tuple(fc.constant(encoding), modelFile({ allowBad: !latin, allowFffd: !latin }), fc.integer({ min: 40, max: 3000 }));
});

let count = 0;

async function check(encoding: FileEncoding, file: ModelFile, segment: number): Promise<void> {
  const bytes = encode(file.text, encoding);
  const rules = tmp.write('rules.visit', RULES);
  const records = tmp.write(`f${++count}.csv`, bytes);
  const args = ['screen', rules, records, ...AS_OF];
  const one = await visit(args, { env: { VISIT_SCREEN_THREADS: '1' } });
  const many = await visit(args, { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: String(segment) } });
  const stdin = await visit(['screen', rules, '-', ...AS_OF], { input: bytes });

  const context = `${encoding}, segments of ${segment} bytes:\n${file.text.slice(0, 400)}`;
  const expectedCode = file.citizens.some((c) => c.status === 'invalid') ? 1 : 0;
  expect({ code: one.code, stderr: one.stderr.split('\n').slice(0, 3) }, context).toMatchObject({ code: expectedCode });
  const rows = ndjson(one.stdout);
  expect(
    rows.map((r) => [r.row, r.id, r.status]),
    context,
  ).toEqual(file.citizens.map((c, i) => [i + 1, c.key, c.status]));
  file.citizens.forEach((c, i) => {
    const errors = rows[i]!.errors as string[] | undefined;
    if (c.malformed) expect(errors?.[0], context).toMatch(new RegExp(`^line ${c.line}: `));
    else if (errors) expect(errors.join(), context).not.toMatch(/^line /);
  });
  expect(one.stdout.includes('\uFFFD'), context).toBe(file.citizens.some((c) => c.key.includes('\uFFFD')));
  const warnings = one.stderr.split('\n').filter((l) => l.includes('Windows-1252'));
  expect(warnings.length, context).toBe(encoding === 'windows-1252' ? 1 : 0);

  expect({ stdout: many.stdout, code: many.code }, `${context}\n(three threads)`).toEqual({ stdout: one.stdout, code: one.code });
  expect({ stdout: stdin.stdout, code: stdin.code }, `${context}\n(stdin)`).toEqual({ stdout: one.stdout, code: one.code });
  expect(untimed(many.stderr)).toBe(untimed(one.stderr));
}

describe('visit screen on generated exports', () => {
  it('every citizen line is one row with its key, on one thread, three threads and stdin alike', async () => {
    await fc.assert(
      fc.asyncProperty(encodedFile, async ([encoding, file, segment]) => check(encoding, file, segment)),
      { numRuns: 12, seed: 20261123, endOnFailure: true },
    );
  }, 240_000);

  it.each(['utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const)('the same model in %s gives exactly the stdout of its UTF-8 bytes', async (encoding) => {
    const [file] = fc.sample(modelFile({ allowBad: false, allowFffd: false }), { numRuns: 1, seed: 77 });
    const rules = tmp.write('rules.visit', RULES);
    const utf8 = await visit(['screen', rules, tmp.write('ref.csv', encode(file!.text, 'utf-8')), ...AS_OF]);
    const other = await visit(['screen', rules, tmp.write(`other-${encoding}.csv`, encode(file!.text, encoding)), ...AS_OF]);
    expect(other.stdout).toBe(utf8.stdout);
    expect(other.code).toBe(utf8.code);
  });
});
