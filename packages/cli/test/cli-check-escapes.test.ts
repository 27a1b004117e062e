// LANGUAGE.md §2: only \" and \\ are escapes in text. `"\n"` in a rules file is an error at its
// place for every command that reads rules — check prints it with the caret; test, compile and
// screen refuse to run (exit 2) — never a crash, never a silently different text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('check-escapes');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RULES = 'record C {\n  id:   text key\n  note: text optional\n}\ngroup g = note = "linje\\nto"\n';

describe('an unknown escape in a rules file', () => {
  it('visit check: file:line:col, the message, the caret under the backslash; exit 1', async () => {
    const file = tmp.write('r.visit', RULES);
    const run = await visit(['check', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${file}:5:24: error: unknown escape '\\n' in text: only \\" and \\\\ are escapes\n` +
        '  5 | group g = note = "linje\\nto"\n' +
        '    |                        ^~\n',
    );
  });

  it.each([
    ['test', []],
    ['compile', ['--as-of', '2026-01-01']],
    ['screen', ['-', '--as-of', '2026-01-01']],
  ])('visit %s refuses to run: exit 2, the diagnostic on stderr', async (command, rest) => {
    const run = await visit([command, tmp.write(`${command}.visit`, RULES), ...rest], { input: 'id,note\n1,x\n' });
    expect(run.code).toBe(2);
    // (test still ends with its count line.)
    expect(run.stdout).toBe(command === 'test' ? '0 passed, 0 failed\n' : '');
    expect(run.stderr).toContain(":5:24: error: unknown escape '\\n' in text");
  });
});
