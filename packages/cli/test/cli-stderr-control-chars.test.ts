// Control characters from a rules file, a record file or a file name never reach the terminal raw:
// on stderr (diagnostics, warnings, errors, the summary) and in the reports `check` and `test`
// print on stdout, ESC, BEL, CR, DEL, the C1 controls and the bidirectional overrides are shown as
// `\u001b`-style escapes. Our own colours still work on a terminal; Danish letters, tabs and our
// own line ends pass unchanged. (The data on stdout of `screen`, `compile` and `schema` is data:
// NDJSON/JSON is escaped by its format, CSV keeps the values as they are.)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('control-chars');
const AS_OF = ['--as-of', '2026-01-01'];
beforeAll(buildCli);
afterAll(() => tmp.remove());

/** Clears the screen, sets the window title, a C1 CSI, a right-to-left override, then Danish text. */
const EVIL = '\x1b[2J\x1b]0;ejet\x07\x9b31m\u202eæøå';
/** How EVIL must look: every control visible as a JSON-style escape, the letters untouched. */
const SHOWN = '\\u001b[2J\\u001b]0;ejet\\u0007\\u009b31m\\u202eæøå';

/** What must never be written raw: C0 except tab and line feed, DEL, C1, bidi controls, line separators. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** A JSON-style escape of one character, written out here independently of the implementation. */
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const show = (text: string) => [...text].map((c) => (RAW_CONTROL.test(c) ? escaped(c) : c)).join('');

const rules = (label: string, extra = '') => `record C {
  cpr:  text key personal
  age:  integer
  city: text optional
}

group voksen "${label}" = age >= 18

program p "${label}" {
  require voksen
  require city = "${label}"
}
${extra}`;

describe('every place a text from the input reaches stderr', () => {
  it.each([
    {
      name: 'a diagnostic of the rules (screen), with its source line',
      run: () => visit(['screen', tmp.write('bad1.visit', rules(EVIL, `group broken "${EVIL}" = agee > 1\n`)), tmp.write('a.csv', 'cpr,age\n1,2\n'), ...AS_OF]),
    },
    {
      name: 'a diagnostic of the rules (compile)',
      run: () => visit(['compile', tmp.write('bad2.visit', rules(EVIL, `group broken "${EVIL}" = agee > 1\n`)), ...AS_OF]),
    },
    {
      name: 'a diagnostic of the rules (test, schema)',
      run: async () => {
        const file = tmp.write('bad3.visit', rules(EVIL, `group broken "${EVIL}" = agee > 1\n`));
        const [t, s] = await Promise.all([visit(['test', file]), visit(['schema', file])]);
        return { ...t, stderr: t.stderr + s.stderr, stdout: t.stdout + s.stdout };
      },
    },
    {
      name: 'a warning about an unknown column of the CSV header',
      run: () => visit(['screen', tmp.write('ok1.visit', rules('x')), tmp.write('h.csv', `cpr,age,note${EVIL}\n1,20,x\n`), ...AS_OF]),
    },
    {
      name: 'the records file name in the summary heading',
      run: () => {
        const file = join(tmp.dir, `borgere${EVIL}\r.csv`);
        writeFileSync(file, 'cpr,age\n1,20\n');
        return visit(['screen', tmp.write('ok2.visit', rules('x')), file, ...AS_OF]);
      },
    },
    {
      name: 'a file that cannot be read, in the error',
      run: () => visit(['screen', tmp.write('ok3.visit', rules('x')), join(tmp.dir, `findes-ikke${EVIL}.csv`), ...AS_OF]),
    },
    {
      name: 'a programme line in the summary (most often failed)',
      run: () => visit(['screen', tmp.write('ok4.visit', rules(EVIL)), tmp.write('s.csv', 'cpr,age,city\n1,20,Næstved\n2,30,Køge\n'), ...AS_OF]),
    },
    {
      name: 'a usage error naming an option value',
      // (--as-of does not echo a value that is not shaped like a date at all; --format's choices do.)
      run: () => visit(['screen', tmp.write('ok5.visit', rules('x')), tmp.write('u.csv', 'cpr,age\n1,2\n'), '--format', `csv${EVIL}`]),
    },
  ])('$name', async ({ run }) => {
    const result = await run();
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).toContain(SHOWN);
    expect(result.stderr).toContain('æøå');
  });
});

describe('the reports on stdout of check and test', () => {
  it('visit check: the diagnostic and its source line', async () => {
    const result = await visit(['check', tmp.write('check.visit', rules(EVIL, `group broken "${EVIL}" = agee > 1\n`))]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain(`group broken "${SHOWN}" = agee > 1`);
  });

  it('visit check: the caret stands under the name as shown, after the escaped characters', async () => {
    const result = await visit(['check', tmp.write('caret.visit', rules('x', `group broken "${EVIL}" = agee > 1\n`))]);
    const lines = result.stdout.split('\n');
    const source = lines.findIndex((l) => l.includes(`group broken "${SHOWN}" = agee > 1`));
    expect(source).toBeGreaterThan(-1);
    const caret = lines[source + 1]!;
    expect(caret.indexOf('^')).toBe(lines[source]!.indexOf('agee'));
    expect(caret.trimEnd().endsWith('^~~~')).toBe(true);
  });

  it('visit test: the test title and the explanation of a failure', async () => {
    const file = tmp.write('test.visit', rules(EVIL, `
test "${EVIL}" {
  as of 2026-01-01
  given { cpr: "1", age: 10, city: "x" }
  expect voksen
}
`));
    const result = await visit(['test', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain(`✗ ${SHOWN}`);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 1 failed');
  });
});

describe('on a terminal: our colours work, the input’s escapes do not', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;
  // `script` is util-linux; without it this describe has nothing to run on.
  it.runIf(hasScript)('visit check and visit screen under script -qc, colour on', () => {
    const file = tmp.write('tty.visit', rules(EVIL, `group broken "${EVIL}" = agee > 1\n`));
    const env = { ...process.env, COLUMNS: '100' } as Record<string, string | undefined>;
    delete env.NO_COLOR;
    for (const command of [`check ${file}`, `screen ${file} ${tmp.write('t.csv', 'cpr,age\n1,2\n')} --as-of 2026-01-01`]) {
      const tty = spawnSync('script', ['-qec', `${process.execPath} ${BIN} ${command}`, '/dev/null'], { encoding: 'utf8', env });
      // Our own: bold red `error`, and the caret line.
      expect(tty.stdout).toContain('\x1b[1m\x1b[31merror\x1b[39m\x1b[22m');
      // Everything else: no raw control besides our SGR colours and the terminal's own CR LF.
      const withoutOurs = tty.stdout.replace(/\x1b\[(1|2|22|31|32|33|39)m/g, '').replace(/\r\n/g, '\n');
      expect(withoutOurs).not.toMatch(RAW_CONTROL);
      expect(withoutOurs).toContain(SHOWN);
    }
  });
});

describe('property: generated labels never reach the terminal raw', () => {
  // Text literals cannot hold a line end or a double quote; everything else goes.
  const char = fc.oneof(
    fc.integer({ min: 0x00, max: 0x9f }).filter((c) => c !== 0x0a && c !== 0x0d && c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)),
    fc.constantFrom('æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '\u202a', '\u202e', '\u2066', '\u2069', '\u200f', '\u061c', '\u2028', '€', '→'),
  );
  const label = fc.string({ unit: char, minLength: 1, maxLength: 16 });

  it('check (stdout) and compile (stderr) of rules with errors beside the labels', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(label, { minLength: 1, maxLength: 10 }), async (labels) => {
        const source = rules('x', labels.map((l, i) => `group broken${i} "${l}" = agee > ${i}\n`).join(''));
        const file = tmp.write(`prop-${++n}.visit`, source);
        const [check, compile] = await Promise.all([visit(['check', file]), visit(['compile', file, ...AS_OF])]);
        expect(check.code).toBe(1);
        expect(compile.code).toBe(2);
        for (const text of [check.stdout, check.stderr, compile.stderr]) expect(text).not.toMatch(RAW_CONTROL);
        for (const l of labels) {
          expect(check.stdout).toContain(`"${show(l)}" = agee`);
          expect(compile.stderr).toContain(`"${show(l)}" = agee`);
        }
      }),
      { numRuns: 8 },
    );
  });
});
