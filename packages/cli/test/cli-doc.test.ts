// `visit doc RULES [--lang da|en] [--format html|md] [--as-of DATE] [--out FILE]` as a real process:
// the examples' documents equal the golden files in test/golden/doc/ (read by a person: the
// sentences are the ones a caseworker would write, the personal values are not there), `--out`
// writes the same bytes whole, rule errors exit 2 with file:line:col and write nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, EXAMPLES, ROOT, tempDir, TRE, visit } from './cli-support';

const GOLDEN = join(ROOT, 'packages', 'cli', 'test', 'golden', 'doc');
const HISTORIK = join(EXAMPLES, 'historik', 'historik.visit');
const tmp = tempDir('doc');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const golden = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

describe('visit doc: the examples, against the golden files', () => {
  it.each([
    { rules: TRE, lang: 'da', format: 'md', file: 'tre-hovedveje.da.md' },
    { rules: TRE, lang: 'en', format: 'md', file: 'tre-hovedveje.en.md' },
    { rules: TRE, lang: 'da', format: 'html', file: 'tre-hovedveje.da.html' },
    { rules: TRE, lang: 'en', format: 'html', file: 'tre-hovedveje.en.html' },
    { rules: HISTORIK, lang: 'da', format: 'md', file: 'historik.da.md' },
  ])('$file', async ({ rules, lang, format, file }) => {
    const run = await visit(['doc', rules, '--lang', lang, '--format', format, '--as-of', '2026-11-23']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(golden(file));
  });

  it('no CPR number and no given value of a personal field in any of them', () => {
    for (const file of ['tre-hovedveje.da.md', 'tre-hovedveje.en.md', 'tre-hovedveje.da.html', 'tre-hovedveje.en.html', 'historik.da.md']) {
      const text = golden(file);
      expect(text).not.toMatch(/\d{6}-?\d{4}/);
      expect(text).not.toMatch(/(Helbredsmæssige begrænsninger): (no limits|some limits|prevents placement)/);
    }
  });
});

describe('visit doc: options', () => {
  it('--out writes the document whole and nothing on stdout', async () => {
    const out = join(tmp.dir, 'regler.html');
    const run = await visit(['doc', TRE, '--lang', 'da', '--as-of', '2026-11-23', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    // HTML is the default format
    expect(readFileSync(out, 'utf8')).toBe(golden('tre-hovedveje.da.html'));
  });

  it.each([
    { env: { LANG: 'da_DK.UTF-8', LC_ALL: '', LC_MESSAGES: '' }, heading: '## Tilbud' },
    { env: { LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' }, heading: '## Programmes' },
    { env: { LANG: 'C', LC_ALL: 'da_DK.UTF-8', LC_MESSAGES: '' }, heading: '## Tilbud' },
  ])('without --lang the locale decides ($env.LANG, LC_ALL=$env.LC_ALL)', async ({ env, heading }) => {
    const run = await visit(['doc', TRE, '--format', 'md', '--as-of', '2026-11-23'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toContain(heading);
  });

  it('without --as-of the document is as of today', async () => {
    const run = await visit(['doc', HISTORIK, '--lang', 'en', '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^As in force on \d{1,2} [A-Z][a-z]+ \d{4}\.$/m);
  });

  it('rule errors: exit 2, file:line:col on stderr, nothing written', async () => {
    const rules = tmp.write('broken.visit', 'record R {\n  a: integer\n}\ngroup g = a >= 3 and b\n');
    const out = join(tmp.dir, 'never.html');
    const run = await visit(['doc', rules, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${rules}:4:22: error:`);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    { args: ['--lang', 'de'], message: "visit: --lang expects da or en, found 'de'" },
    { args: ['--format', 'pdf'], message: 'Invalid values' },
    { args: ['--as-of', '2026-02-30'], message: '--as-of expects a date YYYY-MM-DD that exists' },
  ])('a wrong option exits 2: $args', async ({ args, message }) => {
    const run = await visit(['doc', TRE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('--out may not replace the rule file', async () => {
    const rules = tmp.write('self.visit', readFileSync(TRE, 'utf8'));
    const run = await visit(['doc', rules, '--out', rules]);
    expect(run.code).toBe(2);
    expect(readFileSync(rules, 'utf8')).toBe(readFileSync(TRE, 'utf8'));
  });
});
