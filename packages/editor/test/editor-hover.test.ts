// Hover in the browser: pointing at a group shows its label and definition.
import { describe, expect, it } from 'vitest';
import { canRunBrowser, locate, pointAt, setRules, useEditor } from './support/browser';

const rules = `record Citizen {
  birth_date: date "Fødselsdato"
}

let age = age_of(birth_date)

group seniorer "50 år eller derover" =
  age >= 50 years

program jobklub "Jobklub" {
  require seniorer "Kun for seniorer"
}
`;

describe.runIf(canRunBrowser)('hover in the browser', () => {
  const s = useEditor();

  it.each([
    ['a group used in a program', 'require seniorer', 'require '.length + 2, ['50 år eller derover', 'age >= 50 years']],
    ['a field', 'age_of(birth_date)', 'age_of('.length + 2, ['birth_date: date', 'Fødselsdato']],
  ])('shows %s', async (_name, needle, shift, expected) => {
    await setRules(s.page, rules);
    await s.page.mouse.move(0, 0);
    const { line, column } = locate(rules, needle, shift);
    const { x, y } = await pointAt(s.page, line, column);
    const hover = s.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    // Monaco shows a hover after the pointer rests; nudge it until the hover is there (a busy
    // machine may miss the first rest).
    let nudge = 0;
    await expect
      .poll(
        async () => {
          await s.page.mouse.move(x + (nudge++ % 2), y);
          return (await hover.count()) > 0 ? hover.innerText() : '';
        },
        { timeout: 30_000, interval: 700 },
      )
      .toContain(expected[0]);
    for (const text of expected) expect(await hover.innerText()).toContain(text);
  });
});
