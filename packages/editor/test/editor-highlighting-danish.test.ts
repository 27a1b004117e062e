// LANGUAGE.md §15: the Danish keywords are highlighted as the English words they spell, because
// the Monarch grammar is generated from the dsl's keyword roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { language } from '../src/language/monarch';
import { appReady, canRunBrowser, openEditor, setRules, type EditorSession } from './support/browser';

describe('the generated grammar lists the Danish keywords in the roles of their English twins', () => {
  const g = language() as unknown as Record<string, string[]>;
  it.each([
    ['operatorWords', ['og', 'eller', 'ikke', 'mellem', 'mindst', 'af', 'er', 'kendt', 'mangler']],
    ['constants', ['ja', 'nej']],
    ['units', ['dag', 'dage', 'uge', 'uger', 'måned', 'måneder', 'år']],
  ])('%s', (role, words) => {
    for (const w of words) expect(g[role]).toContain(w);
  });
});

const rules = `group seniorer "Ældre" =
  alder >= 50 år og ikke ledig mangler eller mindst 1 af (ja, nej)
`;

describe.runIf(canRunBrowser)('Danish keywords in the browser', () => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor();
    await appReady(s.page);
    await setRules(s.page, rules);
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each([
    ['og', 'operator word', 'rgb(13, 71, 161)'],
    ['eller', 'operator word', 'rgb(13, 71, 161)'],
    ['mangler', 'operator word', 'rgb(13, 71, 161)'],
    ['mindst', 'operator word', 'rgb(13, 71, 161)'],
    ['år', 'unit', 'rgb(27, 94, 32)'],
    ['alder', 'name', 'rgb(0, 0, 0)'],
  ])('%s is coloured as a %s', async (word, _kind, colour) => {
    const span = s.page.locator('.view-lines span span').filter({ hasText: new RegExp(`^\\s*${word}\\s*$`, 'u') }).first();
    await span.waitFor();
    expect(await span.evaluate((el) => getComputedStyle(el).color)).toBe(colour);
  });
});
