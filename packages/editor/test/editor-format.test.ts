// Format document in the browser (Shift+Alt+F) changes the layout only: the result is the dsl's
// canonical text, and it parses to the same AST.
import { describe, expect, it } from 'vitest';
import { format, parse } from '@visit/dsl';
import { canRunBrowser, placeCursor, setRules, useEditor } from './support/browser';

const messy = `record   Citizen{cpr:text key personal "CPR" literacy : integer 1..5 optional}
let   niveau=literacy // the reading level
group læser "Kan læse"=niveau>=3&&(niveau  <=  5)
program   p{require læser "Læser" exclude niveau==1}
`;

const shape = (text: string) => JSON.stringify(parse(text).file.declarations, (k, v: unknown) => (k === 'id' || k === 'range' ? undefined : v));

describe.runIf(canRunBrowser)('format document in the browser', () => {
  const s = useEditor();

  it('rewrites the layout, keeps the meaning and the comments', async () => {
    await setRules(s.page, messy);
    await placeCursor(s.page, 1, 1);
    await s.page.keyboard.press('Shift+Alt+F');
    await expect.poll(() => s.page.evaluate(() => window.visit.getValue())).not.toBe(messy);
    const after = await s.page.evaluate(() => window.visit.getValue());
    expect(after).toBe(format(messy));
    expect(shape(after)).toBe(shape(messy));
    expect(after).toContain('// the reading level');
  });

  it('Format Selection (Ctrl+K Ctrl+F) lays out the selected declaration only', async () => {
    const text = 'record Citizen {\n  literacy : integer 1..5 optional\n}\n\ngroup   læser "Kan læse"=literacy>=3\n\ngroup   ikke_læser = not læser\n';
    await setRules(s.page, text);
    // Select line 5 (the first group) and format the selection.
    await s.page.evaluate(() => {
      window.visit.editor.setSelection({ startLineNumber: 5, startColumn: 1, endLineNumber: 5, endColumn: 6 });
      window.visit.editor.focus();
    });
    await s.page.keyboard.press('Control+K');
    await s.page.keyboard.press('Control+F');
    const expected = text.replace('group   læser "Kan læse"=literacy>=3', 'group læser "Kan læse" =\n  literacy >= 3');
    await expect.poll(() => s.page.evaluate(() => window.visit.getValue())).toBe(expected);
    expect(s.errors).toEqual([]);
  });

  it('the Format button does the same, and says why it cannot when the rules do not parse', async () => {
    await setRules(s.page, 'group g = a and');
    await s.page.getByRole('button', { name: 'Format' }).click();
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toContain('Not formatted: line 1: expected a value');
    expect(await s.page.evaluate(() => window.visit.getValue())).toBe('group g = a and');
    expect(s.errors).toEqual([]);
  });
});
