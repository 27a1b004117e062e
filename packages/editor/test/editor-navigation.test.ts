// Go to definition (F12), rename (F2) and the outline (Ctrl+Shift+O) in the browser.
import { describe, expect, it } from 'vitest';
import { canRunBrowser, locate, placeCursor, setRules, useEditor } from './support/browser';

const rules = `record Citizen {
  literacy: integer 1..5 optional
}

param min_læs = 3

group læser =
  literacy >= min_læs

program jobklub {
  require læser
}
`;

describe.runIf(canRunBrowser)('navigation in the browser', () => {
  const s = useEditor();

  it('F12 goes to the declaration', async () => {
    await setRules(s.page, rules);
    const use = locate(rules, 'require læser', 'require '.length + 2);
    await placeCursor(s.page, use.line, use.column);
    await s.page.keyboard.press('F12');
    const decl = locate(rules, 'group læser', 'group '.length);
    await expect.poll(() => s.page.evaluate(() => window.visit.editor.getPosition()?.lineNumber)).toBe(decl.line);
  });

  it('F2 renames a param everywhere', async () => {
    await setRules(s.page, rules);
    const at = locate(rules, 'min_læs = 3', 2);
    await placeCursor(s.page, at.line, at.column);
    await s.page.keyboard.press('F2');
    // The rename box is an ordinary input (unlike the editor itself), so fill() works on it.
    const input = s.page.locator('.rename-box input');
    await input.waitFor();
    await expect.poll(() => input.inputValue()).toBe('min_læs');
    await input.fill('mindste_niveau');
    await input.press('Enter');
    await expect.poll(() => s.page.evaluate(() => window.visit.getValue())).toBe(rules.replaceAll('min_læs', 'mindste_niveau'));
  });

  it('Ctrl+Shift+O lists the declarations', async () => {
    await setRules(s.page, rules);
    await placeCursor(s.page, 1, 1);
    await s.page.keyboard.press('Control+Shift+O');
    const rows = s.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    for (const name of ['Citizen', 'min_læs', 'læser', 'jobklub']) expect(labels.some((l) => l.includes(name)), name).toBe(true);
    await s.page.keyboard.press('Escape');
    expect(s.errors).toEqual([]);
  });
});
