// `visit diff --format html`: a DiffResult as one self-contained page (helper R's report kit:
// no script, a CSP that loads nothing, inline SVG bars, print stylesheet). Counts only, with small
// cells suppressed as in `visit screen --report` (report/suppress.ts): per programme, every cell of
// the transition matrix and of each `--by` key's matrix is tied to its row, column and grand
// totals and to the same cell summed over the keys, so no hidden count can be worked out.

import { CountTable, countCell, escapeHtml, legend, pageShell, stackedBars, table, textCell, type Count, type Lang, type StackedBar } from '../report/index';
import { OUTCOMES, type DiffResult, type Matrix, type Outcome } from './index';
import { lineSentence, type RenderDiffOptions } from './text';
import { diffWords } from './words';

export interface RenderDiffHtmlOptions extends RenderDiffOptions {
  /** The page's language (words.ts); band labels come from `diffRecords`' `lang`. */
  lang?: Lang;
}

/** One programme's counts registered for suppression: overall and per key of each breakdown. */
interface Registered {
  cells: number[][]; // [old][new]
  rowTotals: number[];
  colTotals: number[];
  total: number;
}

function register(t: CountTable, m: Matrix<Outcome>): Registered {
  const cells = OUTCOMES.map((o) => OUTCOMES.map((n) => t.add(m[o][n])));
  const rowTotals = OUTCOMES.map((o, i) => {
    const at = t.add(OUTCOMES.reduce((s, n) => s + m[o][n], 0));
    t.sum(at, cells[i]!);
    return at;
  });
  const colTotals = OUTCOMES.map((n, j) => {
    const at = t.add(OUTCOMES.reduce((s, o) => s + m[o][n], 0));
    t.sum(at, cells.map((r) => r[j]!));
    return at;
  });
  const total = t.add(OUTCOMES.reduce((s, o) => s + OUTCOMES.reduce((x, n) => x + m[o][n], 0), 0));
  t.sum(total, rowTotals);
  t.sum(total, colTotals);
  return { cells, rowTotals, colTotals, total };
}

export function renderDiffHtml(d: DiffResult, options: RenderDiffHtmlOptions = {}): string {
  const lang = options.lang ?? 'en';
  const w = diffWords(lang);
  const body: string[] = [];
  const side = (label: string, name: string | undefined, v: DiffResult['old']) => {
    const params = Object.entries(v.params).map(([k, x]) => `${k}=${x}`);
    return `<p class="meta">${escapeHtml(label)} ${name ? `<code>${escapeHtml(name)}</code> ` : ''}<code>${escapeHtml(v.sha256.slice(0, 19))}…</code> ${escapeHtml(w.asOf(v.asOf))}${params.length > 0 ? `; ${escapeHtml(w.params)} <code>${escapeHtml(params.join(', '))}</code>` : ''}</p>`;
  };
  body.push(`<header><h1>${escapeHtml(w.title)}</h1>`, side(w.oldLabel, options.oldName, d.old), side(w.newLabel, options.newName, d.new), '</header>');

  const summary = new CountTable();
  const sRows = summary.add(d.rows);
  const sValid = summary.add(d.valid);
  const sInvalid = [summary.add(d.invalid.both), summary.add(d.invalid.oldOnly), summary.add(d.invalid.newOnly)];
  summary.sum(sRows, [sValid, ...sInvalid]);
  const sChanged = summary.add(d.changedRows);
  body.push(`<section id="summary"><h2>${escapeHtml(w.summary)}</h2>`);
  body.push(
    table(
      ['', w.citizens],
      [
        [textCell(w.rowsRead), countCell(summary.get(sRows), lang)],
        [textCell(w.validBoth), countCell(summary.get(sValid), lang)],
        [textCell(w.invalidBoth), countCell(summary.get(sInvalid[0]!), lang)],
        [textCell(w.invalidOldOnly), countCell(summary.get(sInvalid[1]!), lang)],
        [textCell(w.invalidNewOnly), countCell(summary.get(sInvalid[2]!), lang)],
        [textCell(w.rowsChanged), countCell(summary.get(sChanged), lang)],
      ],
    ),
  );
  body.push(`<p class="note">${escapeHtml(w.smallCells)}</p></section>`);

  body.push(`<section id="programmes"><h2>${escapeHtml(w.outcomesPerProgramme)}</h2>`);
  body.push(legend([...OUTCOMES.map((o) => ({ tone: o, name: w.outcome[o] })), { tone: 'hidden' as const, name: w.hidden }]));
  d.programs.forEach((p, pi) => {
    const t = new CountTable();
    const all = register(t, p.matrix);
    const perKey = d.by.map((b) => b.keys.map((k) => register(t, k.programs[pi]!.matrix)));
    // The same cell over the keys of one breakdown adds up to the overall cell.
    for (const keys of perKey) {
      OUTCOMES.forEach((_, i) => OUTCOMES.forEach((__, j) => t.sum(all.cells[i]![j]!, keys.map((k) => k.cells[i]![j]!))));
      OUTCOMES.forEach((_, i) => t.sum(all.rowTotals[i]!, keys.map((k) => k.rowTotals[i]!)));
      OUTCOMES.forEach((_, j) => t.sum(all.colTotals[j]!, keys.map((k) => k.colTotals[j]!)));
      t.sum(all.total, keys.map((k) => k.total));
    }
    const c = (i: number) => t.get(i);
    body.push(`<h3>${escapeHtml(p.label ? `${p.label} (${p.name})` : p.name)}</h3>`);
    body.push(
      table(
        [w.matrixCorner, ...OUTCOMES.map((o) => w.outcome[o]), w.oldTotal],
        [
          ...OUTCOMES.map((o, i) => [textCell(w.outcome[o]), ...OUTCOMES.map((_, j) => countCell(c(all.cells[i]![j]!), lang)), countCell(c(all.rowTotals[i]!), lang)]),
          [textCell(w.newTotal), ...OUTCOMES.map((_, j) => countCell(c(all.colTotals[j]!), lang)), countCell(c(all.total), lang)],
        ],
      ),
    );
    const bar = (label: string, totals: number[], total: number): StackedBar => ({
      label,
      total: c(total),
      segments: OUTCOMES.map((o, i) => ({ count: c(totals[i]!), tone: o, name: w.outcome[o] })),
    });
    body.push(stackedBars([bar(w.oldRules, all.rowTotals, all.total), bar(w.newRules, all.colTotals, all.total)], { title: w.chartTitle(p.name), lang }));
    d.by.forEach((b, bi) => {
      body.push(`<h4>${escapeHtml(w.byHeading(p.name, b.spec))}</h4>`);
      const bars: StackedBar[] = [];
      b.keys.forEach((k, ki) => {
        const r = perKey[bi]![ki]!;
        bars.push(bar(w.oldBand(k.key), r.rowTotals, r.total), bar(w.newBand(k.key), r.colTotals, r.total));
      });
      body.push(stackedBars(bars, { title: w.byChartTitle(p.name, b.spec), lang }));
      body.push(
        table(
          [b.spec, w.citizens, w.eligibleBefore, w.eligibleAfter],
          b.keys.map((k, ki) => {
            const r = perKey[bi]![ki]!;
            return [textCell(k.key), countCell(c(r.total), lang), countCell(c(r.rowTotals[0]!), lang), countCell(c(r.colTotals[0]!), lang)];
          }),
        ),
      );
    });
  });
  body.push('</section>');

  if (d.lines.length > 0) {
    const t = new CountTable();
    const at = d.lines.map((l) => t.add(l.rows));
    body.push(`<section id="lines"><h2>${escapeHtml(w.linesHeading)}</h2><ul>`);
    d.lines.forEach((l, i) => {
      const shown: Count = t.get(at[i]!);
      // A small count reads "< 5" (in the plural: it is not said how many).
      const sentence = shown.shown === 'shown' ? lineSentence(l, lang) : lineSentence({ ...l, rows: 0 }, lang, '< 5');
      body.push(`<li>${escapeHtml(sentence)}</li>`);
    });
    body.push('</ul></section>');
  }
  const one = (title: string, list: DiffResult['onlyOld']) => {
    if (list.length === 0) return;
    body.push(`<section><h2>${escapeHtml(title)}</h2><ul>`);
    for (const x of list) body.push(`<li>${escapeHtml(`${'eligible' in x.counts ? w.programme : w.group} ${x.name}`)}</li>`);
    body.push('</ul></section>');
  };
  one(w.onlyOldHeading, d.onlyOld);
  one(w.onlyNewHeading, d.onlyNew);
  return pageShell({ title: 'visit diff', lang, body: body.join('\n') });
}
