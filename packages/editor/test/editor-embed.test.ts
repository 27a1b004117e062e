// The library bundle embedded in a plain HTML page: mountVisitEditor with value, records, asOf and
// onChange, as the README tells integrators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openEditor, type EditorSession } from './support/browser';

describe.runIf(canRunBrowser)('embedding in a plain HTML page', () => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor('examples/embed.html');
    await s.page.waitForFunction(() => window.visit !== undefined && document.querySelector('.monaco-editor .view-lines') !== null);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the given rules, screens the given records as of the given date', async () => {
    expect(await s.page.evaluate(() => window.visit.getValue())).toContain('program jobklub');
    const card = s.page.locator('.visit-count-card[data-program="jobklub"]');
    await card.waitFor();
    const counts = await card.locator('.visit-chip').evaluateAll((chips) => chips.map((c) => c.textContent?.trim()));
    expect(counts).toEqual(['1 eligible', '2 ineligible', '1 undetermined']);
    expect(await s.page.locator('.visit-status').innerText()).toContain('as of 2026-11-23');
  });

  it('calls onChange with the new text', async () => {
    await s.page.evaluate(() => window.visit.setValue('let a = 1\n'));
    await expect.poll(() => s.page.locator('#length').innerText()).toBe('10');
    expect(s.errors).toEqual([]);
  });
});
