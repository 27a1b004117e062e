// Highlighting from the Monarch grammar generated from the dsl's tokens: each kind of word gets
// its colour in the rendered editor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, setRules, type EditorSession } from './support/browser';

const rules = `// a comment
group seniorer "Ældre" =
  alder >= 50 years and status in (aktiv) and motiveret is known
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

// §12 and §13 words are not keywords (a file may use them as names): coloured only where they
// mean something — `list of`, `L where c`, `last N unit`, `from DATE` / `until DATE`.
const histories = `record R {
  forløb: list of { start: date, end: date optional }
  fra: date
}
group g until 2025-06-30 = count(forløb where fra < end) >= 2 and time_in(forløb, last 52 weeks) > 3 days
`;
const asNames = `group h = from < until
`;

describe.runIf(canRunBrowser)('highlighting of the words of histories and law changes', () => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor();
    await appReady(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The colour of the drawn word, read in one step (Monaco may replace a line's spans at any frame). */
  async function colourNow(word: string): Promise<string> {
    return s.page.evaluate((w) => {
      const span = [...document.querySelectorAll('.view-lines span span')].find((el) => (el.textContent ?? '').trim() === w);
      return span ? getComputedStyle(span).color : '';
    }, word);
  }
  /** The word's colour once its line is drawn and tokenised (up to 5 s under load; a wrong colour still fails). */
  async function colourOf(word: string, expected: string): Promise<string> {
    await expect.poll(() => colourNow(word), { timeout: 5000 }).toBe(expected);
    return colourNow(word);
  }

  it.each([
    ['list', 'type', 'rgb(0, 0, 0)'],
    ['where', 'operator word', 'rgb(13, 71, 161)'],
    ['last', 'operator word', 'rgb(13, 71, 161)'],
    ['until', 'line keyword', 'rgb(123, 31, 162)'],
  ])('%s is coloured as a %s', async (word, _kind, colour) => {
    await setRules(s.page, histories);
    await colourOf('group', 'rgb(123, 31, 162)'); // the lines are tokenised
    const types = await colourNow('date');
    expect(types).not.toBe('');
    expect(await colourOf(word, word === 'list' ? types : colour)).toBe(word === 'list' ? types : colour);
  });

  it.each(['from', 'until'])('%s used as a name is a name', async (word) => {
    await setRules(s.page, asNames);
    // Untokenised text is black too: first see the line tokenised (its `group` coloured).
    await colourOf('group', 'rgb(123, 31, 162)');
    expect(await colourOf(word, 'rgb(0, 0, 0)')).toBe('rgb(0, 0, 0)');
  });
});
