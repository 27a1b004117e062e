// The records panel: the example records give the same programme counts as `visit screen` on the
// same file, and an ineligible row explains which requirement failed.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, repoRoot, testOutput, type EditorSession } from './support/browser';

const rulesFile = join(repoRoot, 'examples/tre-hovedveje/tre-hovedveje.visit');
const recordsFile = join(repoRoot, 'examples/tre-hovedveje/citizens.csv');
const AS_OF = '2026-11-23';

interface CliRow {
  row: number;
  status: 'ok' | 'invalid';
  programs?: Record<string, string>;
  explain?: { programs: Record<string, { lines: { kind: string; source: string }[]; failed: number[] }> };
}

/** `visit screen` on the example, as a real process. */
function visitScreen(): CliRow[] {
  const out = execFileSync(process.execPath, [join(repoRoot, 'scripts/visit.mjs'), 'screen', rulesFile, recordsFile, '--as-of', AS_OF, '--explain'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CliRow);
}

function screenWithCli(): CliRow[] {
  try {
    return visitScreen();
  } catch (e) {
    // Exit status 1 means "some rows invalid": the output is still complete.
    const err = e as { status?: number; stdout?: string };
    if (err.status === 1 && err.stdout) return err.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as CliRow);
    throw e;
  }
}

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
    const expected: Record<string, Record<string, number>> = {};
    for (const row of cli) {
      for (const [program, outcome] of Object.entries(row.programs ?? {})) {
        expected[program] ??= { eligible: 0, ineligible: 0, undetermined: 0 };
        expected[program][outcome]!++;
      }
    }
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
