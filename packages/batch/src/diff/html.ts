// `visit diff --format html`: a DiffResult as one self-contained page (helper R's report kit:
// no script, a CSP that loads nothing, inline SVG bars, print stylesheet). Counts only, with small
// cells suppressed as in `visit screen --report` (report/suppress.ts): per programme, every cell of
// the transition matrix and of each `--by` key's matrix is tied to its row, column and grand
// totals and to the same cell summed over the keys, so no hidden count can be worked out.

import { CountTable, countCell, escapeHtml, legend, pageShell, stackedBars, table, textCell, type Count, type Lang, type StackedBar } from '../report/index';
import { OUTCOMES, type DiffResult, type Matrix, type Outcome } from './index';
import { lineSentence, type RenderDiffOptions } from './text';

export interface RenderDiffHtmlOptions extends RenderDiffOptions {
  /** Page language (the page's words are English either way; band labels come from `diffRecords`' `lang`). */
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
  const body: string[] = [];
  const side = (label: string, name: string | undefined, v: DiffResult['old']) => {
    const params = Object.entries(v.params).map(([k, x]) => `${k}=${x}`);
    return `<p class="meta">${escapeHtml(label)} ${name ? `<code>${escapeHtml(name)}</code> ` : ''}<code>${escapeHtml(v.sha256.slice(0, 19))}…</code> as of ${escapeHtml(v.asOf)}${params.length > 0 ? `; params <code>${escapeHtml(params.join(', '))}</code>` : ''}</p>`;
  };
  body.push('<header><h1>What the rule change does</h1>', side('Old:', options.oldName, d.old), side('New:', options.newName, d.new), '</header>');

  const summary = new CountTable();
  const sRows = summary.add(d.rows);
  const sValid = summary.add(d.valid);
  const sInvalid = [summary.add(d.invalid.both), summary.add(d.invalid.oldOnly), summary.add(d.invalid.newOnly)];
  summary.sum(sRows, [sValid, ...sInvalid]);
  const sChanged = summary.add(d.changedRows);
  body.push('<section id="summary"><h2>Summary</h2>');
  body.push(
    table(
      ['', 'citizens'],
      [
        [textCell('rows read'), countCell(summary.get(sRows), lang)],
        [textCell('valid under both rule sets'), countCell(summary.get(sValid), lang)],
        [textCell('invalid under both'), countCell(summary.get(sInvalid[0]!), lang)],
        [textCell('invalid under the old rules only'), countCell(summary.get(sInvalid[1]!), lang)],
        [textCell('invalid under the new rules only'), countCell(summary.get(sInvalid[2]!), lang)],
        [textCell('rows whose outcome changed'), countCell(summary.get(sChanged), lang)],
      ],
    ),
  );
  body.push('<p class="note">Counts of 1–4 citizens are shown as “&lt; 5”, and counts from which one could be worked out as “x”.</p></section>');

  body.push('<section id="programmes"><h2>Outcomes per programme</h2>');
  body.push(legend([{ tone: 'eligible', name: 'eligible' }, { tone: 'ineligible', name: 'ineligible' }, { tone: 'undetermined', name: 'undetermined' }, { tone: 'hidden', name: 'not shown (small counts)' }]));
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
        ['old ↓ / new →', ...OUTCOMES, 'old total'],
        [
          ...OUTCOMES.map((o, i) => [textCell(o), ...OUTCOMES.map((_, j) => countCell(c(all.cells[i]![j]!), lang)), countCell(c(all.rowTotals[i]!), lang)]),
          [textCell('new total'), ...OUTCOMES.map((_, j) => countCell(c(all.colTotals[j]!), lang)), countCell(c(all.total), lang)],
        ],
      ),
    );
    const bar = (label: string, totals: number[], total: number): StackedBar => ({
      label,
      total: c(total),
      segments: OUTCOMES.map((o, i) => ({ count: c(totals[i]!), tone: o, name: o })),
    });
    body.push(stackedBars([bar('old rules', all.rowTotals, all.total), bar('new rules', all.colTotals, all.total)], { title: `${p.name}: outcomes under the old and the new rules`, lang }));
    d.by.forEach((b, bi) => {
      body.push(`<h4>${escapeHtml(p.name)} by ${escapeHtml(b.spec)}</h4>`);
      const bars: StackedBar[] = [];
      b.keys.forEach((k, ki) => {
        const r = perKey[bi]![ki]!;
        bars.push(bar(`${k.key} · old`, r.rowTotals, r.total), bar(`${k.key} · new`, r.colTotals, r.total));
      });
      body.push(stackedBars(bars, { title: `${p.name} by ${b.spec}: old and new outcomes per band`, lang }));
      body.push(
        table(
          [b.spec, 'citizens', 'eligible before', 'eligible after'],
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
    body.push('<section id="lines"><h2>The lines that moved citizens</h2><ul>');
    d.lines.forEach((l, i) => {
      const shown: Count = t.get(at[i]!);
      const sentence = shown.shown === 'shown' ? lineSentence(l) : lineSentence({ ...l, rows: 0 }).replace(/ for 0 rows that were /, ` for < 5 rows that were `);
      body.push(`<li>${escapeHtml(sentence)}</li>`);
    });
    body.push('</ul></section>');
  }
  const one = (title: string, list: DiffResult['onlyOld']) => {
    if (list.length === 0) return;
    body.push(`<section><h2>${escapeHtml(title)}</h2><ul>`);
    for (const x of list) body.push(`<li>${escapeHtml(`${'eligible' in x.counts ? 'programme' : 'group'} ${x.name}`)}</li>`);
    body.push('</ul></section>');
  };
  one('Only in the old rules', d.onlyOld);
  one('Only in the new rules', d.onlyNew);
  return pageShell({ title: 'visit diff', lang, body: body.join('\n') });
}
