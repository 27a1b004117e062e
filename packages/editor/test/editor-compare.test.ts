// The Compare tab: the rules as edited (not yet loaded again) against the rules as loaded, on the
// loaded records — the same transitions as `visit diff OLD NEW RECORDS` (LANGUAGE.md §17), shown as
// one 3×3 table per programme, updated as you type; personal ids stay masked.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, repoRoot, testOutput, type EditorSession } from './support/browser';

const RULES = join(repoRoot, 'examples/tre-hovedveje/tre-hovedveje.visit');
const CITIZENS = join(repoRoot, 'examples/tre-hovedveje/citizens.csv');
const AS_OF = '2026-11-23';
const OUTCOMES = ['eligible', 'ineligible', 'undetermined'] as const;

/** The edits, as a policy officer would make them: a lower reading level, a shorter unemployment. */
const EDITS: [string, string][] = [
  ['param min_læs      = 3', 'param min_læs      = 2'],
  ['param min_ledighed = 6 months', 'param min_ledighed = 4 months'],
];

interface CliDiff {
  rows: number;
  changedRows: number;
  programs: { name: string; matrix: Record<string, Record<string, number>>; changed: number }[];
}

function cliDiff(oldText: string, newText: string): CliDiff {
  const dir = mkdtempSync(join(tmpdir(), 'visit-compare-'));
  try {
    writeFileSync(join(dir, 'old.visit'), oldText);
    writeFileSync(join(dir, 'new.visit'), newText);
    const out = execFileSync(process.execPath, [join(repoRoot, 'scripts/visit.mjs'), 'diff', join(dir, 'old.visit'), join(dir, 'new.visit'), CITIZENS, '--as-of', AS_OF, '--format', 'json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out) as CliDiff;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(canRunBrowser)('compare in the browser', () => {
  let s: EditorSession;
  const original = readFileSync(RULES, 'utf8');
  const edited = EDITS.reduce((t, [from, to]) => t.replace(from, to), original);

  beforeAll(async () => {
    expect(edited).not.toBe(original);
    s = await openEditor();
    await appReady(s.page);
    await s.page.evaluate((d) => window.visit.setAsOf(d), AS_OF);
    await s.page.getByRole('button', { name: 'Example records' }).click();
    await s.page.locator('.visit-count-card').first().waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Types the edits into the model (not setValue: that loads a version, which becomes the baseline). */
  async function typeEdits(edits: [string, string][]): Promise<void> {
    await s.page.evaluate((list) => {
      const ed = window.visit.editor;
      const model = ed.getModel()!;
      for (const [from, to] of list) {
        const at = model.getValue().indexOf(from);
        if (at < 0) throw new Error(`not in the rules: ${from}`);
        const start = model.getPositionAt(at);
        const end = model.getPositionAt(at + from.length);
        ed.executeEdits('test', [{ range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, text: to }]);
      }
    }, edits);
  }

  it('unchanged rules: every record on the diagonal, no changed rows', async () => {
    const c = await s.page.evaluate(() => window.visit.compared());
    const screened = await s.page.evaluate(() => window.visit.screened());
    expect(c?.errors).toEqual([]);
    expect(c?.rows).toBe(screened!.status.length);
    expect(c?.rows).toBeGreaterThan(100);
    expect(c?.changedRows).toBe(0);
    expect(c?.changed).toEqual([]);
    for (const p of c!.programs) expect(p.matrix.flat().reduce((a, b) => a + b, 0) - p.matrix[0]![0]! - p.matrix[1]![1]! - p.matrix[2]![2]!).toBe(0);
  });

  it('the edited rules against the loaded ones: the same transitions as visit diff', async () => {
    await typeEdits(EDITS);
    const c = (await s.page.evaluate(() => window.visit.compared()))!;
    const expected = cliDiff(original, edited);
    expect(expected.changedRows).toBeGreaterThan(0);
    expect(c.rows).toBe(expected.rows);
    expect(c.changedRows).toBe(expected.changedRows);
    expect(c.programs.map((p) => p.name)).toEqual(expected.programs.map((p) => p.name));
    for (const [i, p] of c.programs.entries()) {
      const m = expected.programs[i]!.matrix;
      expect(p.matrix, p.name).toEqual(OUTCOMES.map((from) => OUTCOMES.map((to) => m[from]![to]!)));
      expect(p.changed).toBe(expected.programs[i]!.changed);
    }
    expect(c.lines.length).toBeGreaterThan(0);
  });

  it('the Compare tab shows each programme’s table with those counts, and the changed rows with masked ids', async () => {
    const c = (await s.page.evaluate(() => window.visit.compared()))!;
    await s.page.getByRole('tab', { name: 'Compare' }).click();
    const first = c.programs.find((p) => p.changed > 0)!;
    const table = s.page.locator(`table.visit-matrix[data-program="${first.name}"]`);
    await table.waitFor();
    const cells = await table.locator('td').allTextContents();
    expect(cells.map(Number)).toEqual(first.matrix.flat());
    const ids = await s.page.locator('table.visit-changed-rows tbody td:nth-child(2)').allTextContents();
    expect(ids.length).toBe(Math.min(c.changed.length, 500));
    // The key field (cpr) is personal: no CPR number from the file appears in the page.
    const cprs = readFileSync(CITIZENS, 'utf8').match(/\b\d{10}\b/g) ?? [];
    expect(cprs.length).toBeGreaterThan(0);
    const text = await s.page.locator('.visit-compare').innerText();
    for (const cpr of cprs) expect(text).not.toContain(cpr);
    await s.page.screenshot({ path: join(testOutput, 'editor-compare.png') });
  });

  it('updated as you type: undoing the edits empties the comparison', async () => {
    await typeEdits(EDITS.map(([from, to]) => [to, from]));
    await s.page.locator('.visit-compare-total', { hasText: 'No outcome changes' }).waitFor();
    expect((await s.page.evaluate(() => window.visit.compared()))!.changedRows).toBe(0);
  });

  it('"Use current rules as baseline" pins the text: later edits compare with it', async () => {
    await typeEdits(EDITS.slice(0, 1));
    await s.page.getByRole('button', { name: 'Use current rules as baseline' }).click();
    expect((await s.page.evaluate(() => window.visit.compared()))!.changedRows).toBe(0);
    await typeEdits(EDITS.slice(1));
    const after = EDITS.slice(0, 1).reduce((t, [from, to]) => t.replace(from, to), original);
    expect((await s.page.evaluate(() => window.visit.compared()))!.changedRows).toBe(cliDiff(after, edited).changedRows);
  });

  it('a baseline with errors: nothing compared, and the page says which side', async () => {
    await s.page.evaluate(() => window.visit.setBaseline('group g = nosuchfield'));
    const c = (await s.page.evaluate(() => window.visit.compared()))!;
    expect(c.programs).toEqual([]);
    expect(c.errors[0]).toMatch(/^Baseline: /);
  });
});

describe.runIf(canRunBrowser)('the rules as a document in the browser', () => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor();
    await appReady(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each([
    ['da', 'Borgeren'],
    ['en', 'The citizen'],
  ] as const)('in %s: the programmes with their labels, as visit doc renders them', async (lang, word) => {
    await s.page.getByRole('tab', { name: 'Document' }).click();
    await s.page.getByLabel('Language of the document').selectOption(lang);
    const doc = s.page.locator('.visit-doc');
    // The document of the language chosen (the tab may first show the one chosen before).
    await expect.poll(() => doc.innerText(), { timeout: 20_000 }).toContain(word);
    expect(await doc.innerText()).toContain('Hovedvej 1 – Jobklub');
    // Only the body of visit doc's page: its stylesheet is the component's, no <style> or script.
    expect(await doc.locator('style, script').count()).toBe(0);
    const d = await s.page.evaluate((l) => window.visit.document(l), lang);
    expect(d.ok).toBe(true);
    await s.page.screenshot({ path: join(testOutput, `editor-document-${lang}.png`) });
  });

  it('rules with errors: the document says so instead of going blank', async () => {
    await s.page.evaluate(() => window.visit.setValue('group g = nosuchfield'));
    await s.page.getByRole('tab', { name: 'Document' }).click();
    await s.page.locator('.visit-doc .visit-rule-errors').waitFor();
    const d = await s.page.evaluate(() => window.visit.document('en'));
    expect(d.ok).toBe(false);
  });
});
