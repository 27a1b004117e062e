// The language of the messages about rules (issue 14 §3): `--lang da|en` on check, test and
// screen, else the locale (LC_ALL, then LC_MESSAGES, then LANG), else English. Real processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageFrom } from '../src/language';
import { buildCli, tempDir, visit } from './cli-support';

const tmp = tempDir('lang');
beforeAll(buildCli);
afterAll(() => tmp.remove());

const RECORD = `record R {
  cpr: text key personal
  literacy: integer
  benefit: one of (dagpenge, kontanthjaelp)
}
`;
const BROKEN = `${RECORD}group g = literacyy >= 3\n`;
const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };

const DANISH_HEAD = "FILE:6:11: fejl: ukendt navn 'literacyy': her skal stå et felt, en let-værdi, en parameter eller en gruppe — mente du 'literacy'?";
const ENGLISH_HEAD = "FILE:6:11: error: unknown name 'literacyy': expected a field, let, param or group — did you mean 'literacy'?";

describe('languageFrom', () => {
  it.each([
    [undefined, {}, 'en'],
    ['da', {}, 'da'],
    ['en', { LANG: 'da_DK.UTF-8' }, 'en'],
    [undefined, { LANG: 'da_DK.UTF-8' }, 'da'],
    [undefined, { LANG: 'da' }, 'da'],
    [undefined, { LANG: 'da-DK' }, 'da'],
    [undefined, { LANG: 'DA_dk.utf8' }, 'da'],
    [undefined, { LANG: 'en_US.UTF-8' }, 'en'],
    [undefined, { LANG: 'fr_FR.UTF-8' }, 'en'],
    [undefined, { LANG: 'dansk' }, 'en'],
    [undefined, { LANG: 'C' }, 'en'],
    [undefined, { LANG: 'POSIX' }, 'en'],
    [undefined, { LC_ALL: 'C', LANG: 'da_DK.UTF-8' }, 'en'],
    [undefined, { LC_ALL: 'da_DK.UTF-8', LANG: 'C' }, 'da'],
    [undefined, { LC_MESSAGES: 'da_DK.UTF-8', LANG: 'en_GB.UTF-8' }, 'da'],
    [undefined, { LC_ALL: 'en_GB.UTF-8', LC_MESSAGES: 'da_DK.UTF-8' }, 'en'],
    [undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'da_DK.UTF-8' }, 'da'],
  ])('--lang %s with %j → %s', (lang, env, expected) => {
    expect(languageFrom(lang, env)).toBe(expected);
  });

  it.each(['xx', 'DA', 'danish', ''])('--lang %j is a usage error', (lang) => {
    expect(() => languageFrom(lang, {})).toThrow(/--lang expects da or en/);
  });
});

describe('visit check in Danish and English', () => {
  const file = tmp.write('broken.visit', BROKEN);
  const head = (out: string) => out.split('\n')[0]!.replace(file, 'FILE');

  it.each([
    ['--lang da', ['--lang', 'da'], NO_LOCALE, DANISH_HEAD, '1 fejl, 0 advarsler i 1 fil'],
    ['LANG=da_DK.UTF-8', [], { ...NO_LOCALE, LANG: 'da_DK.UTF-8' }, DANISH_HEAD, '1 fejl, 0 advarsler i 1 fil'],
    ['LC_MESSAGES=da over LANG=en_US', [], { ...NO_LOCALE, LC_MESSAGES: 'da', LANG: 'en_US.UTF-8' }, DANISH_HEAD, '1 fejl, 0 advarsler i 1 fil'],
    ['LC_ALL=C wins over LANG=da_DK', [], { ...NO_LOCALE, LC_ALL: 'C', LANG: 'da_DK.UTF-8' }, ENGLISH_HEAD, '1 error, 0 warnings in 1 file'],
    ['an unknown locale', [], { ...NO_LOCALE, LANG: 'fr_FR.UTF-8' }, ENGLISH_HEAD, '1 error, 0 warnings in 1 file'],
    ['no locale', [], NO_LOCALE, ENGLISH_HEAD, '1 error, 0 warnings in 1 file'],
    ['--lang en over LANG=da_DK', ['--lang', 'en'], { ...NO_LOCALE, LANG: 'da_DK.UTF-8' }, ENGLISH_HEAD, '1 error, 0 warnings in 1 file'],
  ])('%s', async (_, flags, env, expectedHead, count) => {
    const run = await visit(['check', file, ...flags], { env });
    expect(run.code).toBe(1);
    expect(head(run.stdout)).toBe(expectedHead);
    expect(run.stderr.trim()).toBe(count);
  });

  it('--lang xx is refused with exit 2, before any file is checked', async () => {
    const run = await visit(['check', file, '--lang', 'xx'], { env: NO_LOCALE });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--lang expects da or en, found 'xx'/);
    expect(run.stdout).toBe('');
  });
});

describe('visit test and visit screen: the rules errors in Danish', () => {
  const file = tmp.write('test-broken.visit', BROKEN);
  const records = tmp.write('records.csv', 'cpr,literacy,benefit\n0101701234,3,dagpenge\n');

  it('visit test --lang da: the rule error and "nothing was run" in Danish, exit 2', async () => {
    const run = await visit(['test', file, '--lang', 'da'], { env: NO_LOCALE });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]!.replace(file, 'FILE')).toBe(DANISH_HEAD);
    expect(run.stderr).toContain(`visit: ${file} har 1 fejl; intet blev kørt`);
  });

  it('visit test under LANG=da_DK.UTF-8 speaks Danish; under LC_ALL=C English', async () => {
    const danish = await visit(['test', file], { env: { ...NO_LOCALE, LANG: 'da_DK.UTF-8' } });
    expect(danish.stderr).toContain('intet blev kørt');
    const english = await visit(['test', file], { env: { ...NO_LOCALE, LC_ALL: 'C', LANG: 'da_DK.UTF-8' } });
    expect(english.stderr).toContain(`visit: ${file} has 1 error; nothing was run`);
  });

  it('visit test: a test that cannot run on its date says why in Danish', async () => {
    const dated = tmp.write(
      'dated.visit',
      `${RECORD}param min = 2 from 2017-01-01\ngroup g = literacy >= min\nprogram p { require g }\ntest "før" { as of 2016-06-01 given { cpr: "x", literacy: 3, benefit: dagpenge } expect p eligible }\n`,
    );
    const run = await visit(['test', dated, '--lang', 'da'], { env: NO_LOCALE });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/parameteren 'min' \(i kraft fra 2017-01-01\)|Parameteren 'min' bruges, men ingen version af den er i kraft til og med 2016-12-31/);
    expect(run.stdout).not.toMatch(/is used but no version|in force from/);
  });

  it('visit screen under LANG=da_DK.UTF-8: the rule errors in Danish', async () => {
    const run = await visit(['screen', file, records, '--as-of', '2026-01-01'], { env: { ...NO_LOCALE, LANG: 'da_DK.UTF-8' } });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]!.replace(file, 'FILE')).toBe(DANISH_HEAD);
    expect(run.stderr).toContain('intet blev kørt');
    expect(run.stderr).not.toContain('0101701234');
  });
});
