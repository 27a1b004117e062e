// Completion in the browser: after `benefit = ` the suggestions are the enum's values.
import { describe, expect, it } from 'vitest';
import { canRunBrowser, locate, placeCursor, setRules, useEditor } from './support/browser';

const rules = `record Citizen {
  benefit:  one of (dagpenge, kontanthjaelp, sygedagpenge) "Ydelse"
  literacy: integer 1..5 optional
}

group g =
  benefit = 
`;

describe.runIf(canRunBrowser)('completion in the browser', () => {
  const s = useEditor();

  it("offers the enum's values after benefit = ", async () => {
    await setRules(s.page, rules);
    const { line, column } = locate(rules, 'benefit = \n', 'benefit = '.length);
    await placeCursor(s.page, line, column);
    await s.page.keyboard.press('Control+Space');
    const rows = s.page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').split(',')[0]!.trim()));
    expect(labels).toEqual(['dagpenge', 'kontanthjaelp', 'sygedagpenge']);
  });

  it('inserts the chosen value', async () => {
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.evaluate(() => window.visit.getValue())).toContain('benefit = kontanthjaelp');
    expect(s.errors).toEqual([]);
  });
});
