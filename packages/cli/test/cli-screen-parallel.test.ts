// Screening a CSV file on several threads gives exactly what one thread gives, also when quoted
// cells run over several lines across the places where the file is cut into segments, and when
// stray quotes, blank lines and rows of the wrong width sit right at those places.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, untimed, visit } from './cli-support';

const tmp = tempDir('parallel');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = `record R {
  id:   text key personal
  note: text optional
  n:    integer optional
  flag: boolean optional
}
group big = n > 3
program p { require flag  require big }
`;

/** A cell as a careless export writes it. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', 'ja', 'nej', '1', '7', 'x', 'Hansen') },
  { weight: 2, arbitrary: fc.constantFrom('"a;b"', '"say ""hi"""', '"two\nlines"', '"three\r\nshort\nlines"', '""') },
  { weight: 1, arbitrary: fc.constantFrom('"stray', 'mid"quote', '"closed"junk', '"\n"') },
);
const row = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.array(cell, { minLength: 2, maxLength: 4 })).map(([id, cells]) => [`id${id}`, ...cells].join(';'));
const file = fc
  .tuple(
    fc.array(fc.oneof({ weight: 12, arbitrary: row }, { weight: 1, arbitrary: fc.constant('') }), { minLength: 40, maxLength: 160 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(), // a BOM
    fc.nat(2), // blank lines before the header
  )
  .map(([rows, eol, bom, blank]) => `${bom ? '\uFEFF' : ''}${eol.repeat(blank)}id;note;n;flag${eol}${rows.join(eol)}${eol}`);

const FILES = fc.sample(file, { numRuns: 6, seed: 20261123 });

/**
 * Files as most exports are: quoted cells that close on their own line (numbered in advance on
 * the main thread, see @visit/batch split/segments.ts), blank lines and lines of only CRs, and once in a while a
 * multi-line cell or a stray quote, which stops the numbering until the segments up to it are
 * verified.
 */
const plainCell = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('', 'ja', 'nej', '1', '7', 'x', 'Hansen') },
  { weight: 3, arbitrary: fc.constantFrom('"a;b"', '"say ""hi"""', 'mid"quote', '"closed"junk', '""', '"x"') },
  { weight: 1, arbitrary: fc.constantFrom('"two\nlines"', '"stray', '"\r\n"') },
);
const plainRow = fc
  .tuple(fc.integer({ min: 1, max: 99999 }), fc.array(plainCell, { minLength: 2, maxLength: 4 }))
  .map(([id, cells]) => [`id${id}`, ...cells].join(';'));
const plainFile = fc
  .tuple(
    fc.array(fc.oneof({ weight: 30, arbitrary: plainRow }, { weight: 1, arbitrary: fc.constantFrom('', '\r', '\r\r') }), { minLength: 60, maxLength: 200 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(), // the last line without its line end
  )
  .map(([rows, eol, open]) => `id;note;n;flag${eol}${rows.join(eol)}${open ? '' : eol}`);
const PLAIN_FILES = fc.sample(plainFile, { numRuns: 6, seed: 20261124 });

describe('visit screen on several threads', () => {
  it.each([
    ...FILES.map((content, i) => ({ name: `${i} (many quotes)`, file: `many-${i}.csv`, content })),
    ...PLAIN_FILES.map((content, i) => ({ name: `${i} (few quotes)`, file: `few-${i}.csv`, content })),
  ])('file $name: the same output as on one thread, for any segment size', async ({ file, content }) => {
    const rules = tmp.write('rules.visit', RULES);
    const records = tmp.write(file, content);
    const args = ['screen', rules, records, '--as-of', '2026-11-23'];
    const one = await visit(args, { env: { VISIT_SCREEN_THREADS: '1' } });
    expect(one.stdout.split('\n').length).toBeGreaterThan(10);
    for (const segment of ['24', '97', '400']) {
      const many = await visit(args, { env: { VISIT_SCREEN_THREADS: '3', VISIT_SCREEN_SEGMENT_BYTES: segment } });
      expect({ segment, stdout: many.stdout, code: many.code }).toEqual({ segment, stdout: one.stdout, code: one.code });
      expect(untimed(many.stderr)).toBe(untimed(one.stderr));
    }
  });
});
