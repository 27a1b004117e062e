// A misspelt field name shows a squiggle, and the problem's message says what was meant.
import { describe, expect, it } from 'vitest';
import { canRunBrowser, locate, placeCursor, setRules, useEditor } from './support/browser';

const rules = `record Citizen {
  literacy: integer 1..5 optional
  benefit:  one of (dagpenge, kontanthjaelp)
}

group læser =
  literacyy >= 3 and benefit = dagpenge
`;

describe.runIf(canRunBrowser)('diagnostics in the browser', () => {
  const s = useEditor();

  it('underlines a misspelt field and suggests the right one', async () => {
    await setRules(s.page, rules);
    await s.page.waitForSelector('.squiggly-error');
    const { line, column } = locate(rules, 'literacyy >=');
    await placeCursor(s.page, 1, 1);
    await s.page.keyboard.press('F8');
    const widget = s.page.locator('.marker-widget');
    await widget.waitFor();
    await expect.poll(() => widget.innerText()).toContain("unknown name 'literacyy'");
    expect(await widget.innerText()).toContain("did you mean 'literacy'");
    const position = await s.page.evaluate(() => window.visit.editor.getPosition());
    expect(position).toEqual({ lineNumber: line, column });
    expect(await s.page.locator('.visit-status').innerText()).toContain('1 error');
  });

  it('clears the squiggle once the name is fixed', async () => {
    await setRules(s.page, rules.replace('literacyy', 'literacy'));
    await s.page.waitForFunction(() => document.querySelectorAll('.squiggly-error').length === 0);
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toContain('No problems');
    expect(s.errors).toEqual([]);
  });
});
