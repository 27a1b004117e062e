// `visit screen`'s summary counts, per programme line, the rows it made ineligible and the missing
// fields of undetermined rows (LANGUAGE.md §10). Every rule file that `check` accepts also screens
// (exit 0 or 1, never 2), whatever brackets, `not (…)`, comments and line breaks its lines begin or
// end with; and the summary's counts are those of the rows' explanations (`--explain`).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';

const tmp = tempDir('screen-lines');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record R {
  id: text key
  a:  boolean optional
  b:  boolean optional
  n:  integer optional
}
`;

/** Every combination of true/false/missing for a and b, with n missing, low or high. */
const RECORDS = (() => {
  const rows: string[] = [];
  let i = 0;
  for (const a of [true, false, null])
    for (const b of [true, false, null])
      for (const n of [null, 1, 7]) rows.push(JSON.stringify({ id: `r${++i}`, a, b, n }));
  return rows.join('\n') + '\n';
})();

interface Counts {
  /** `program/line` (1-based) → rows in which that line made the programme ineligible. */
  failed: Record<string, number>;
  /** `program/field` → undetermined rows in which the field was missing. */
  missing: Record<string, number>;
  outcomes: Record<string, [number, number, number]>;
}

const count = (s: string) => Number(s.replace(/,/g, ''));

/** The counts the summary prints (it names up to three lines and fields per programme). */
function summaryCounts(stderr: string): Counts {
  const counts: Counts = { failed: {}, missing: {}, outcomes: {} };
  let section = '';
  let program = '';
  for (const line of stderr.split('\n')) {
    if (line.startsWith('  programme ')) section = 'outcomes';
    else if (line.includes('most often failed')) section = 'failed';
    else if (line.includes('most often missing')) section = 'missing';
    else if (section === 'outcomes' && /^  \S/.test(line)) {
      const [name, e, i, u] = line.trim().split(/\s+/);
      counts.outcomes[name!] = [count(e!), count(i!), count(u!)];
    } else if (section === 'failed') {
      const m = /^    (\S*)\s+line (\d+): (?:require|exclude) .*  \(([\d,]+) rows?\)$/.exec(line);
      if (m) {
        if (m[1]) program = m[1];
        counts.failed[`${program}/${m[2]}`] = count(m[3]!);
      }
    } else if (section === 'missing') {
      const m = /^    (\S+)\s+(.*)$/.exec(line);
      if (m) for (const f of m[2]!.matchAll(/(\S+) \(([\d,]+) rows?\)/g)) counts.missing[`${m[1]}/${f[1]}`] = count(f[2]!);
    }
  }
  return counts;
}

/** The same counts from each row's explanation. */
function explainedCounts(stdout: string): Counts {
  const counts: Counts = { failed: {}, missing: {}, outcomes: {} };
  for (const row of ndjson(stdout)) {
    const programs = (row.explain as { programs: Record<string, { outcome: string; failed: number[]; missing: string[] }> }).programs;
    for (const [name, p] of Object.entries(programs)) {
      const o = (counts.outcomes[name] ??= [0, 0, 0]);
      o[['eligible', 'ineligible', 'undetermined'].indexOf(p.outcome)]!++;
      for (const i of p.failed) counts.failed[`${name}/${i + 1}`] = (counts.failed[`${name}/${i + 1}`] ?? 0) + 1;
      for (const f of p.missing) counts.missing[`${name}/${f}`] = (counts.missing[`${name}/${f}`] ?? 0) + 1;
    }
  }
  return counts;
}

let files = 0;
/**
 * Checks the rules (no errors), screens the records with --explain (exit 0: every row is valid),
 * and returns the summary's counts (stderr) and the explanations' (stdout). With `plain`, also
 * screens without --explain and returns that summary (the counts must not depend on --explain).
 */
async function screenBoth(rules: string, plain = false): Promise<{ summary: Counts; explained: Counts; stderr: string }> {
  const file = tmp.write(`rules-${++files}.visit`, rules);
  const records = tmp.write(`records-${files}.ndjson`, RECORDS);
  const checked = await visit(['check', file]);
  expect(checked.code, checked.stdout).toBe(0);
  const explained = await visit(['screen', file, records, '--as-of', '2026-11-23', '--explain']);
  expect(explained.code, explained.stderr).toBe(0);
  const run = plain ? await visit(['screen', file, records, '--as-of', '2026-11-23']) : explained;
  expect(run.code, run.stderr).toBe(0);
  return { summary: summaryCounts(run.stderr), explained: explainedCounts(explained.stdout), stderr: run.stderr };
}

describe('lines that begin or end with a bracket screen, and the summary names them as written', () => {
  it.each([
    ['require a or (b and c)', 'program p { require a or (b and n > 3) }', 'require a or (b and n > 3)'],
    ['require (a or b) and c', 'program p { require (a or b) and n > 3 }', 'require (a or b) and n > 3'],
    ['a whole line in brackets', 'program p { require (a or b) }', 'require a or b'],
    ['require not (…)', 'program p { require not (a and b) }', 'require not (a and b)'],
    ['(…) on lines of their own, comments', 'program p {\n  require (\n    a // first\n    or b\n  ) /* end */ "label"\n}', 'require a // first or b'],
    ['exclude (…)', 'program p { exclude (a) and (b) }', 'exclude (a) and (b)'],
    ['arithmetic in brackets', 'program p { require (n + 1) * 2 > (n) + 5 }', 'require (n + 1) * 2 > (n) + 5'],
    ['a bracketed group', 'group g = (a or b)\nprogram p { require g and (n > 3) }', 'require g and (n > 3)'],
  ])('%s', async (_what, body, shown) => {
    const { summary, explained, stderr } = await screenBoth(RECORD + body + '\n', true);
    expect(stderr).toContain(`line 1: ${shown}  (`);
    expect(summary).toEqual(explained);
  });
});

// ---------------------------------------------------------------- generated rule files

const gap = fc.constantFrom(' ', '\n    ', ' /* c */ ', ' // c\n    ', '\n\n    ');
const leaf = fc.constantFrom('a', 'b', 'n > 3', 'n = 1', 'n is missing', 'a = true', 'n between 1 and 5', 'n in (1, 7)');
const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), gap, tie('c')).map(([l, op, g, r]) => `${l}${g}${op} ${r}`),
    fc.tuple(fc.constantFrom('not ', 'not', '!'), gap, tie('c')).map(([n, g, c]) => `${n}(${g}${c})`),
    fc.tuple(gap, tie('c'), gap).map(([g1, c, g2]) => `(${g1}${c}${g2})`),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((items) => `at least 1 of (${items.join(', ')})`),
  ),
})).c;
/** A `require`/`exclude` line: the condition in brackets or not, maybe a comment or label after it. */
const line = fc
  .tuple(fc.constantFrom('require', 'exclude'), fc.boolean(), condition, fc.constantFrom('', ' "label"', ' // end', ' /* end */'))
  .map(([mode, wrap, c, tail]) => `  ${mode} ${wrap ? `(${c})` : c}${tail}`);
const file = fc
  .tuple(fc.array(condition, { maxLength: 2 }), fc.array(fc.array(line, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), fc.boolean())
  .map(([groups, programs, groupLines]) => {
    const g = groups.map((c, i) => `group g${i} =${groupLines ? '\n  ' : ' '}(${c})\n`).join('');
    // Lines may use the groups.
    const use = groups.length > 0 ? `  require g${groups.length - 1} or (a)\n` : '';
    const p = programs.map((lines, i) => `program p${i} {\n${lines.join('\n')}\n${i === 0 ? use : ''}}\n`).join('');
    return RECORD + g + p;
  });

describe('generated rule files', () => {
  it('every file check accepts screens (exit 0), and its summary counts are those of the explanations', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (rules) => {
        const { summary, explained } = await screenBoth(rules);
        expect(summary).toEqual(explained);
      }),
      { numRuns: 20 },
    );
  }, 240_000);
});
