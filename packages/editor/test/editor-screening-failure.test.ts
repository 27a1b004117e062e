// When screening fails the editor says so (issue 10): never an empty table under "No problems".
// The failure here is a real one — the page is served without its screening worker's script (a
// deployment that lost an asset: the browser gets a 404 and the worker fails to start) — and the
// records panel and the status line must show it while the rules themselves have no problems.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, buildEditor, canRunBrowser, openEditor, type EditorSession } from './support/browser';

describe.runIf(canRunBrowser)('a screening that fails is shown, not an empty "No problems"', () => {
  let s: EditorSession;
  let dir: string;
  let removed: string[];
  beforeAll(async () => {
    const build = await buildEditor();
    dir = mkdtempSync(join(tmpdir(), 'visit-screening-failure-'));
    cpSync(build, dir, { recursive: true });
    const assets = join(dir, 'dist', 'assets');
    removed = readdirSync(assets).filter((f) => /screening/.test(f) && f.endsWith('.js'));
    for (const f of removed) rmSync(join(assets, f));
    s = await openEditor('dist/index.html', { dir });
    await appReady(s.page);
  });
  afterAll(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the build has a screening worker to lose', () => {
    expect(removed.length).toBeGreaterThan(0);
  });

  it('loading records shows the failure in the records panel and the status line', async () => {
    await s.page.getByRole('button', { name: 'Example records' }).click();
    const alert = s.page.locator('.visit-screen-failure[role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    // The records are read by the screening worker, so reading them is what fails first.
    const message = await alert.innerText();
    expect(message).toMatch(/^(Could not read tre-hovedveje\/citizens\.csv|Screening failed): worker failed/);
    // The status line carries it next to the rules' own state (which has no problems).
    await expect.poll(() => s.page.locator('.visit-status').innerText(), { timeout: 10_000 }).toContain(message);
    expect(await s.page.locator('.visit-status').innerText()).toMatch(/^No problems · /);
    // No counts or rows pretend that nothing matched.
    expect(await s.page.locator('.visit-count-card').count()).toBe(0);
    expect(await s.page.locator('.visit-rows .visit-row').count()).toBe(0);
  });

  it('after the rules change the failure is still shown, and asking again fails at once instead of waiting for ever', async () => {
    const rules = await s.page.evaluate(() => window.visit.getValue());
    await s.page.evaluate((t) => window.visit.setValue(t), `${rules}\n// changed\n`);
    await s.page.waitForTimeout(600);
    expect(await s.page.locator('.visit-screen-failure[role="alert"]').count()).toBe(1);
    expect(await s.page.locator('.visit-status').innerText()).toContain('worker failed');
    await s.page.getByRole('button', { name: 'Example records' }).click();
    await expect.poll(() => s.page.locator('.visit-screen-failure[role="alert"]').innerText(), { timeout: 10_000 }).toContain('worker failed');
  });
});
