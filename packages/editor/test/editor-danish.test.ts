// The editor speaks the browser's language (da, da-DK → Danish; anything else English) unless the
// page says `lang`: its own texts (tabs, buttons, status line, counts, tables, aria-labels) and the
// diagnostics of the rules, which come from the dsl's Danish catalogue. `?lang=` on the app page is
// passed to mountVisitEditor as its `lang` option.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { appReady, canRunBrowser, openEditor, placeCursor, repoRoot, setRules, testOutput, type EditorSession } from './support/browser';

const rules = `record Citizen {
  literacy: integer 1..5 optional
  benefit:  one of (dagpenge, kontanthjaelp)
}

group læser =
  literacyy >= 3 and benefit = dagpenge
`;

interface Expected {
  lang: 'da' | 'en';
  tabs: string[];
  example: string;
  noProblems: string;
  oneError: string;
  diagnostic: string[];
  total: RegExp;
  chip: string;
  docLang: 'da' | 'en';
  grid: string;
  /** Monaco's own widgets (src/language/monaco-da.ts): the find box, and two context-menu commands. */
  find: string;
  menu: string[];
}

const DANISH: Expected = {
  lang: 'da',
  tabs: ['Borgere', 'Sammenlign', 'Dokument', 'JSON Logic'],
  example: 'Eksempeldata',
  noProblems: 'Ingen problemer',
  oneError: '1 fejl, 0 advarsler',
  diagnostic: ["ukendt navn 'literacyy'", "mente du 'literacy'?"],
  total: /^\d+ borgere/,
  chip: 'opfylder',
  docLang: 'da',
  grid: 'Screenede borgere: piletasterne flytter, Enter forklarer',
  find: 'Søg',
  menu: ['Gå til definition', 'Omdøb'],
};

const ENGLISH: Expected = {
  lang: 'en',
  tabs: ['Records', 'Compare', 'Document', 'JSON Logic'],
  example: 'Example records',
  noProblems: 'No problems',
  oneError: '1 error, 0 warnings',
  diagnostic: ["unknown name 'literacyy'", "did you mean 'literacy'?"],
  total: /^\d+ records/,
  chip: 'eligible',
  docLang: 'en',
  grid: 'Screened records: arrow keys to move, Enter to explain',
  find: 'Find',
  menu: ['Go to Definition', 'Rename Symbol'],
};

// (browser locale, the page's lang option) → what the editor shows.
const CASES: [locale: string, option: 'da' | 'en' | undefined, expected: Expected][] = [
  ['da-DK', undefined, DANISH],
  ['da', undefined, DANISH],
  ['en-US', undefined, ENGLISH],
  ['da-DK', 'en', ENGLISH],
  ['en-US', 'da', DANISH],
];

describe.runIf(canRunBrowser).each(CASES)('a %s browser, lang option %s', (locale, option, x) => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor(option ? `dist/index.html?lang=${option}` : 'dist/index.html', { locale });
    await appReady(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it(`shows the editor's own texts in ${x.lang === 'da' ? 'Danish' : 'English'}`, async () => {
    expect(await s.page.evaluate(() => navigator.language)).toBe(locale);
    expect(await s.page.locator('.visit-app').getAttribute('lang')).toBe(x.lang);
    expect(await s.page.locator('html').getAttribute('lang')).toBe(x.lang);
    expect(await s.page.getByRole('tab').allInnerTexts()).toEqual(x.tabs);
    await s.page.getByRole('button', { name: x.example }).waitFor();
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toMatch(new RegExp(`^${x.noProblems}`));
    expect(await s.page.locator('.visit-viewport').getAttribute('aria-label')).toBe(x.grid);
    expect(await s.page.locator('.visit-doc-panel select').inputValue()).toBe(x.docLang);
  });

  it('shows the diagnostics of a misspelt field in the same language', async () => {
    await setRules(s.page, rules);
    await s.page.waitForSelector('.squiggly-error');
    const { diagnostics } = await s.page.evaluate(() => window.visit.diagnostics());
    expect(diagnostics).toHaveLength(1);
    for (const part of x.diagnostic) expect(diagnostics[0]!.message).toContain(part);
    await placeCursor(s.page, 1, 1);
    await s.page.keyboard.press('F8');
    const widget = s.page.locator('.marker-widget');
    await widget.waitFor();
    for (const part of x.diagnostic) await expect.poll(() => widget.innerText()).toContain(part);
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toContain(x.oneError);
    await s.page.keyboard.press('Escape');
  });

  it("shows Monaco's own find box and context menu in the same language", async () => {
    await placeCursor(s.page, 1, 1);
    await s.page.keyboard.press('Control+f');
    const find = s.page.locator('.find-widget textarea').first();
    await find.waitFor();
    expect(await find.getAttribute('aria-label')).toBe(x.find);
    expect(await find.getAttribute('placeholder')).toBe(x.find);
    await s.page.keyboard.press('Escape');
    await s.page.locator('.view-lines').first().click({ button: 'right' });
    const menu = s.page.locator('.monaco-menu .action-label');
    await menu.first().waitFor();
    const labels = await menu.allInnerTexts();
    for (const label of x.menu) expect(labels).toContain(label);
    await s.page.keyboard.press('Escape');
  });

  it('counts the screened records in the same language', async () => {
    // The bundled example's rules (with programmes to count).
    await setRules(s.page, readFileSync(join(repoRoot, 'examples/tre-hovedveje/tre-hovedveje.visit'), 'utf8'));
    await s.page.getByRole('button', { name: x.example }).click();
    await s.page.locator('.visit-count-card').first().waitFor();
    expect(await s.page.locator('.visit-total').innerText()).toMatch(x.total);
    expect((await s.page.locator('.visit-chip[data-outcome="eligible"]').first().innerText()).trim()).toMatch(new RegExp(`^\\d+ ${x.chip}$`));
    expect(s.errors).toEqual([]);
  });
});

describe.runIf(canRunBrowser)('the Danish editor, as a caseworker sees it', () => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor('dist/index.html', { locale: 'da-DK' });
    await appReady(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('reads Danish in every panel, and nothing overflows (screenshots test-output/editor-danish*.png)', async () => {
    mkdirSync(testOutput, { recursive: true });
    const original = await s.page.evaluate(() => window.visit.getValue());
    // A misspelt field: its squiggle, its Danish message under the line, and nothing screened.
    await s.page.getByRole('button', { name: 'Eksempeldata' }).click();
    await s.page.locator('.visit-count-card').first().waitFor();
    await setRules(s.page, original.replace('require literacy >= min_læs', 'require literacyy >= min_læs'));
    const { diagnostics } = await s.page.evaluate(() => window.visit.diagnostics());
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("ukendt navn 'literacyy'")]);
    // The markers are set (debounced) when the status line counts the error.
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toMatch(/^1 fejl, 0 advarsler/);
    // F8 goes to the problem (below the first screenful) and shows it under its line.
    await placeCursor(s.page, 1, 1);
    await s.page.keyboard.press('F8');
    await s.page.locator('.marker-widget').waitFor();
    await s.page.waitForSelector('.squiggly-error');
    await expect.poll(() => s.page.locator('.marker-widget').innerText()).toContain("ukendt navn 'literacyy'");
    expect(await s.page.locator('.marker-widget').innerText()).toContain("mente du 'literacy'?");
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toMatch(/^1 fejl, 0 advarsler/);
    await expect.poll(() => s.page.locator('.visit-rule-errors').innerText()).toContain('Reglerne har fejl, så ingen borgere er screenet');
    expect(await s.page.locator('.visit-rule-errors li').first().innerText()).toMatch(/^linje \d+: ukendt navn 'literacyy'/);
    await s.page.screenshot({ path: join(testOutput, 'editor-danish-problem.png') });
    await s.page.keyboard.press('Escape');

    // The rules as they were: the counts, the table and a row's explanation.
    await setRules(s.page, original);
    await expect.poll(() => s.page.locator('.visit-status').innerText()).toMatch(/^Ingen problemer · \d+ borgere screenet på \d+ ms \(skæringsdato 2026-11-23\)/);
    await s.page.locator('.visit-count-card').first().waitFor();
    await s.page.locator('.visit-row[data-row="2"]').click();
    await s.page.locator('.visit-explain h3').filter({ hasText: 'Række 2' }).waitFor();

    // No text of the component's own is wider than its box (names from the rules may be cut with
    // an ellipsis: their column heading has the whole name as its title, in either language).
    await s.page.screenshot({ path: join(testOutput, 'editor-danish.png') });
    const overflowing = await s.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.visit-toolbar *, .visit-tabs *, .visit-count-card *, .visit-row-head *, .visit-row .visit-pill, .visit-status')]
        .filter((el) => el.offsetParent !== null && !el.classList.contains('visit-file-input') && !el.hasAttribute('title') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
        .map((el) => `${el.className}: ${el.textContent}`),
    );
    expect(overflowing).toEqual([]);
    const pillsCut = await s.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.visit-row .visit-pill')].filter((el) => {
        const cell = el.parentElement!.getBoundingClientRect();
        const pill = el.getBoundingClientRect();
        return pill.right > cell.right + 1;
      }).length,
    );
    expect(pillsCut).toBe(0);
    const cells = await s.page.locator('.visit-row:not(.visit-row-head) [role="gridcell"] .visit-pill').allInnerTexts();
    expect(new Set(cells.map((c) => c.trim()))).toEqual(new Set(cells.map((c) => c.trim()).filter((c) => ['opfylder', 'opfylder ikke', 'uafklaret', 'ugyldig række'].includes(c))));

    await s.page.screenshot({ path: join(testOutput, 'editor-danish.png') });

    // The other tabs: their headings and the help.
    await s.page.getByRole('tab', { name: 'Sammenlign' }).click();
    await expect.poll(() => s.page.locator('.visit-baseline-note').innerText()).toBe('Udgangspunkt: reglerne, som de blev indlæst');
    await expect.poll(() => s.page.locator('.visit-compare-total').innerText()).toMatch(/^Ingen borgere får et andet udfald \(200 i alt\)\. Ugyldige: 10 efter begge regelsæt, 0 kun efter udgangspunktet, 0 kun nu\.$/);
    expect(await s.page.locator('.visit-matrix').first().locator('thead th').allInnerTexts()).toEqual(['udgangspunkt \\ nu', 'opfylder', 'opfylder ikke', 'uafklaret']);
    await s.page.getByRole('tab', { name: 'Dokument' }).click();
    await expect.poll(() => s.page.locator('.visit-doc').innerText()).toMatch(/\S/);
    await s.page.getByRole('button', { name: 'Tastaturgenveje' }).click();
    expect(await s.page.getByRole('dialog', { name: 'Tastaturgenveje' }).innerText()).toContain('Formatér reglerne');
    expect(s.errors).toEqual([]);
  });
});
