// Keyboard-first and accessible: every control has a name, and the records can be worked with
// from the keyboard alone (Alt+E, Alt+2, arrows, Enter, Alt+3).
import { describe, expect, it } from 'vitest';
import { canRunBrowser, useEditor } from './support/browser';

describe.runIf(canRunBrowser)('keyboard and accessibility', () => {
  const s = useEditor();

  it('gives every button and input of the app an accessible name', async () => {
    const unnamed = await s.page.$$eval('.visit-app button, .visit-app input, .visit-app [role="tab"], .visit-app [role="grid"]', (els) =>
      els
        .filter((el) => {
          const e = el as HTMLElement;
          const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent?.trim() || e.getAttribute('title');
          const label = e.id ? document.querySelector(`label[for="${e.id}"]`) : e.closest('label');
          return !labelled && !label;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });

  it('loads the example, moves through rows and explains them without a mouse', async () => {
    await s.page.keyboard.press('Alt+E');
    await s.page.locator('.visit-count-card').first().waitFor();
    await s.page.keyboard.press('Alt+2');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowDown');
    await expect.poll(() => s.page.locator('.visit-explain h3').innerText()).toContain('Row 2');
    expect(await s.page.locator('.visit-row[aria-selected="true"]').getAttribute('data-row')).toBe('2');
    await s.page.keyboard.press('End');
    await expect.poll(() => s.page.locator('.visit-explain h3').innerText()).toContain('Row 200');
  });

  it('shows the JSON Logic with Alt+3', async () => {
    await s.page.keyboard.press('Alt+3');
    const logic = s.page.locator('.visit-logic');
    await expect.poll(() => logic.innerText()).toContain('"asOf": "2026-11-23"');
    const doc = JSON.parse(await logic.innerText()) as { programs: Record<string, unknown> };
    expect(Object.keys(doc.programs)).toEqual(['jobklub', 'vikar', 'virksomhedspraktik']);
    expect(await s.page.getByRole('tab', { name: 'JSON Logic' }).getAttribute('aria-selected')).toBe('true');
  });

  it('focuses the rules with Alt+1 and opens the shortcut list', async () => {
    await s.page.keyboard.press('Alt+1');
    expect(await s.page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);
    await s.page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    expect(await s.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).innerText()).toContain('Rename a group, param or let');
    expect(s.errors).toEqual([]);
  });
});
