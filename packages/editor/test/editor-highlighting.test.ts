// Highlighting from the Monarch grammar generated from the dsl's tokens: each kind of word gets
// its colour in the rendered editor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, setRules, type EditorSession } from './support/browser';

const rules = `// a comment
group seniorer "Ældre" =
  alder >= 50 years and status in (aktiv) and kendt is known
`;

describe.runIf(canRunBrowser)('highlighting in the browser', () => {
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
    ['group', 'declaration keyword', 'rgb(123, 31, 162)'],
    ['and', 'operator word', 'rgb(13, 71, 161)'],
    ['known', 'operator word', 'rgb(13, 71, 161)'],
    ['years', 'unit', 'rgb(27, 94, 32)'],
    ['50', 'number', 'rgb(27, 94, 32)'],
    ['"Ældre"', 'text', 'rgb(163, 21, 21)'],
    ['// a comment', 'comment', 'rgb(95, 107, 118)'],
    ['seniorer', 'name', 'rgb(0, 0, 0)'],
  ])('%s is coloured as a %s', async (word, _kind, colour) => {
    const span = s.page.locator('.view-lines span span', { hasText: word }).first();
    await span.waitFor();
    expect(await span.evaluate((el) => getComputedStyle(el).color)).toBe(colour);
  });
});
