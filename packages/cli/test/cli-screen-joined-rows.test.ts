// Rows longer than the lookahead a segment is sent with (64 KiB) are joined with the next segment
// and read again, as often as they need. A legitimate multi-line row spanning many segments once
// deadlocked the parallel path (0 % CPU, for ever): the job it was joined into waited for the next
// segment, while reading waited for the output to move. The family: files mixing ordinary rows
// with rows of 65 KB–200 KB (quoted over many lines, quoted on one line, unquoted, a quote that
// never closes), screened on 2 and 3 threads with segments far smaller than those rows. Every file
// must finish, with exactly what one thread gives.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('joined-rows');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const NOTES = 8;
const RULES = `record R {
  cpr:   text key personal
${Array.from({ length: NOTES }, (_, i) => `  note${i}: text optional`).join('\n')}
  beløb: number optional
}
group rig = beløb >= 1000
program p { require rig }
`;
const HEADER = ['cpr', ...Array.from({ length: NOTES }, (_, i) => `note${i}`), 'beløb'].join(';');

const cpr = fc.integer({ min: 1, max: 9999 }).map((id) => String(101700000 + id).padStart(10, '0'));
const ordinary = fc
  .tuple(cpr, fc.constantFrom('Hansen', '"a;b"', '', 'x'), fc.constantFrom('1000', '7', ''))
  .map(([id, note, beløb]) => [id, note, ...Array(NOTES - 1).fill(''), beløb].join(';'));
// A legitimate long row: up to eight case-note cells of up to 30,000 characters (under Excel's
// 32,767), quoted, over many lines; 65 KB–240 KB in all, so it is joined over many segments.
const note = fc.integer({ min: 8_000, max: 30_000 }).map((n) => `"${'Samtale om jobsøgning; aftalt "" opfølgning.\n'.repeat(Math.ceil(n / 44)).slice(0, n)}"`);
const longRow = fc
  .tuple(cpr, fc.array(note, { minLength: 3, maxLength: NOTES }), fc.constantFrom('1000', '7'))
  .map(([id, notes, beløb]) => [id, ...notes, ...Array(NOTES - notes.length).fill(''), beløb].join(';'));
// What breaks a file around such rows: a quote that never closes, a stray quote, a long unquoted line.
const broken = fc.constantFrom(`0101701234;"${'x'.repeat(1023)}`, '";1000', `0101701234;${'x'.repeat(70_000)};1000`, `0101701234;"${'x'.repeat(65_534)}";1000`);
const file = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: ordinary }, { weight: 2, arbitrary: longRow }, { weight: 1, arbitrary: broken }), { minLength: 4, maxLength: 14 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([rows, eol]) => `${HEADER}${eol}${rows.join(eol)}${eol}`);

// The first file is the one that hung; the rest are generated (fixed seed: the same files every run).
const HUNG = [
  'cpr;navn;beløb',
  '";1000',
  `0101701234;${'x'.repeat(1024)};1000`,
  `0101701234;"${'x'.repeat(1023)}`,
  `0101701234;"${'x'.repeat(65534)}";1000`,
  `0101701234;${'x'.repeat(65534)};1000`,
  `0101701234;"${'x'.repeat(1023)}`,
].join('\n') + '\n';
const FILES = [HUNG, ...fc.sample(file, { numRuns: 5, seed: 20261202 })];

describe('rows joined over many segments, on several threads', () => {
  it.each(FILES.map((content, i) => ({ i, content })))('file $i: finishes, with the same output as one thread', async ({ i, content }) => {
    const rules = tmp.write('rules.visit', RULES);
    const records = tmp.write(`f${i}.csv`, content); 
    const args = ['screen', rules, records, '--as-of', '2026-11-23'];
    const one = await visit(args, { env: { VISIT_SCREEN_THREADS: '1' }, timeoutMs: 30_000 });
    expect(one.signal).toBeNull();
    for (const [threads, segment] of [['2', '1000'], ['3', '20000']] as const) {
      const many = await visit(args, { env: { VISIT_SCREEN_THREADS: threads, VISIT_SCREEN_SEGMENT_BYTES: segment }, timeoutMs: 30_000 });
      expect({ threads, segment, signal: many.signal, code: many.code, stdout: many.stdout }).toEqual({
        threads,
        segment,
        signal: null,
        code: one.code,
        stdout: one.stdout,
      });
    }
  }, 120_000);
});
