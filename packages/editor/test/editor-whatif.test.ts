// What-if: a param value typed in the panel and another reference date re-screen the records,
// with the same counts as `visit screen --param … --as-of …`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, repoRoot, type EditorSession } from './support/browser';

function cliCounts(args: string[]): Record<string, Record<string, number>> {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(repoRoot, 'scripts/visit.mjs'), 'screen', join(repoRoot, 'examples/tre-hovedveje/tre-hovedveje.visit'), join(repoRoot, 'examples/tre-hovedveje/citizens.csv'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status !== 1 || !err.stdout) throw e;
    out = err.stdout;
  }
  const counts: Record<string, Record<string, number>> = {};
  for (const line of out.split('\n').filter((l) => l.trim() !== '')) {
    const row = JSON.parse(line) as { programs?: Record<string, string> };
    for (const [p, o] of Object.entries(row.programs ?? {})) {
      counts[p] ??= { eligible: 0, ineligible: 0, undetermined: 0 };
      counts[p][o]!++;
    }
  }
  return counts;
}

describe.runIf(canRunBrowser)('what-if in the browser', () => {
  let s: EditorSession;
  const shownCounts = () =>
    s.page.$$eval('.visit-count-card', (cards) =>
      Object.fromEntries(
        cards.map((c) => [
          (c as HTMLElement).dataset.program!,
          Object.fromEntries([...c.querySelectorAll<HTMLElement>('.visit-chip')].map((chip) => [chip.dataset.outcome!, Number(chip.querySelector('.visit-chip-count')!.textContent)])),
        ]),
      ),
    );
  beforeAll(async () => {
    s = await openEditor();
    await appReady(s.page);
    await s.page.getByRole('button', { name: 'Example records' }).click();
    await s.page.locator('.visit-count-card').first().waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a param typed in the panel', async () => {
    await s.page.getByLabel('min_læs').fill('2');
    await s.page.evaluate(() => window.visit.screened());
    expect(await shownCounts()).toEqual(cliCounts(['--as-of', '2026-11-23', '--param', 'min_læs=2']));
  });

  it('another reference date', async () => {
    await s.page.getByLabel('min_læs').fill('');
    await s.page.getByLabel('As of').fill('2027-06-01');
    await s.page.evaluate(() => window.visit.screened());
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toContain('as of 2027-06-01');
    expect(await shownCounts()).toEqual(cliCounts(['--as-of', '2027-06-01']));
    expect(s.errors).toEqual([]);
  });
});
