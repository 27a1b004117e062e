// The records panel: the example records give the same programme counts as `visit screen` on the
// same file, and an ineligible row explains which requirement failed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, testOutput, type EditorSession } from './support/browser';
import { countsOf, screenWithCli, type CliRow } from './support/visit-screen';

describe.runIf(canRunBrowser)('records panel', () => {
  let s: EditorSession;
  let cli: CliRow[];
  const requests: string[] = [];
  beforeAll(async () => {
    cli = screenWithCli();
    s = await openEditor();
    s.page.on('request', (r) => requests.push(r.url()));
    await appReady(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('counts per programme match visit screen on the same file', async () => {
    await s.page.getByRole('button', { name: 'Example records' }).click();
    await s.page.waitForSelector('.visit-count-card');
    const shown = await s.page.$$eval('.visit-count-card', (cards) =>
      Object.fromEntries(
        cards.map((c) => [
          (c as HTMLElement).dataset.program!,
          Object.fromEntries([...c.querySelectorAll<HTMLElement>('.visit-chip')].map((chip) => [chip.dataset.outcome!, Number(chip.querySelector('.visit-chip-count')!.textContent)])),
        ]),
      ),
    );
    const expected = countsOf(cli);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(shown).toEqual(expected);
    const invalid = cli.filter((r) => r.status === 'invalid').length;
    expect(await s.page.locator('.visit-total').innerText()).toContain(`${cli.length} records`);
    if (invalid > 0) expect(await s.page.locator('.visit-total').innerText()).toContain(`${invalid} invalid`);
  });

  it('explains an ineligible row with the requirement that failed', async () => {
    const card = s.page.locator('.visit-count-card[data-program="jobklub"]');
    await card.locator('.visit-chip[data-outcome="ineligible"]').click();
    const first = s.page.locator('.visit-rows .visit-row').first();
    const row = Number(await first.getAttribute('data-row'));
    await first.click();
    const failed = s.page.locator('.visit-explain .visit-border-ineligible .visit-failed').first();
    await failed.waitFor();
    const cliRow = cli.find((r) => r.row === row)!;
    const jobklub = cliRow.explain!.programs.jobklub!;
    const expectedLine = jobklub.lines[jobklub.failed[0]!]!;
    expect(await failed.locator('code').innerText()).toBe(`${expectedLine.kind} ${expectedLine.source}`);
    expect(await s.page.locator('.visit-explain h3').innerText()).toContain(`Row ${row}`);
    // Personal fields never show their values in an explanation.
    expect(await s.page.locator('.visit-explain').innerText()).not.toMatch(/\d{10}/);
  });

  it('leaves a screenshot of the app with records loaded', async () => {
    mkdirSync(testOutput, { recursive: true });
    await s.page.locator('.visit-chip[aria-pressed="true"]').click();
    await s.page.locator('.visit-rows .visit-row').nth(2).click();
    await s.page.locator('.visit-explain h3').waitFor();
    await s.page.screenshot({ path: join(testOutput, 'editor-with-records.png') });
    expect(s.errors).toEqual([]);
  });

  it("sends nothing anywhere: every request is for the app's own files", () => {
    const origin = new URL(s.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(requests.filter((u) => /\.csv|citizens/.test(u))).toEqual([]);
  });
});
