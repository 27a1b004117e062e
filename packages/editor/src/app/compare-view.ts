// The Compare tab (the current rules against a baseline on the loaded records, as `visit diff`
// counts it) and the Document tab (the rules for people, as `visit doc` renders them).
import type { Comparison, RulesDocument } from '../types';
import { en, type EditorWords } from '../words';
import { clear, h } from './dom';

const OUTCOMES = ['eligible', 'ineligible', 'undetermined'] as const;

const outcomeText = (o: (typeof OUTCOMES)[number] | 'invalid', w: EditorWords) => (o === 'invalid' ? w.invalid : w.outcome[o]);

/** Shows a comparison: per programme the 3×3 table of moves, the lines that moved rows, the changed rows. */
export function renderComparison(el: HTMLElement, c: Comparison | undefined, w: EditorWords = en): void {
  clear(el);
  if (!c) {
    el.append(h('p', { class: 'visit-hint' }, w.loadToCompare));
    return;
  }
  if (c.errors.length > 0) {
    el.append(h('div', { class: 'visit-rule-errors' }, h('strong', {}, w.nothingCompared), h('ul', {}, c.errors.map((e) => h('li', {}, e)))));
    return;
  }
  const invalid = c.invalid.both + c.invalid.oldOnly + c.invalid.newOnly;
  el.append(
    h(
      'p',
      { class: 'visit-compare-total' },
      c.changedRows === 0 ? w.noChanges(c.rows) : w.changes(c.changedRows, c.rows),
      invalid > 0 ? w.invalidNote(c.invalid.both, c.invalid.oldOnly, c.invalid.newOnly) : '',
    ),
  );
  for (const p of c.programs) {
    el.append(
      h(
        'table',
        { class: 'visit-matrix', 'data-program': p.name },
        h('caption', {}, h('span', { class: 'visit-program-name' }, p.name), p.label ? ` ${p.label}` : '', w.matrixChanges(p.changed)),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, w.matrixCorner), OUTCOMES.map((o) => h('th', { scope: 'col' }, w.outcome[o])))),
        h(
          'tbody',
          {},
          OUTCOMES.map((from, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, w.outcome[from]),
              OUTCOMES.map((to, j) => h('td', { class: i === j ? 'visit-same' : p.matrix[i]![j]! > 0 ? 'visit-moved' : '', 'data-from': from, 'data-to': to }, String(p.matrix[i]![j]))),
            ),
          ),
        ),
      ),
    );
  }
  const oneSided = [...c.onlyOld.map((n) => w.onlyInBaseline(n)), ...c.onlyNew.map((n) => w.onlyNow(n))];
  if (oneSided.length > 0) el.append(h('p', { class: 'visit-hint' }, w.oneSided(oneSided.join(', '))));
  const groups = c.groups.filter((g) => g.changed > 0);
  if (groups.length > 0) el.append(h('p', { class: 'visit-compare-groups' }, w.groupsThatChange(groups.map((g) => `${g.name} (${g.changed.toLocaleString(w.locale)})`).join(', '))));
  if (c.lines.length > 0) {
    el.append(h('h3', {}, w.linesThatMoved), h('ul', { class: 'visit-compare-lines' }, c.lines.map((l) => h('li', {}, l.text))));
  }
  if (c.changed.length > 0) {
    el.append(
      h('h3', {}, c.changed.length < c.changedRows ? w.changedRecordsFirst(c.changed.length) : w.changedRecords),
      h(
        'table',
        { class: 'visit-changed-rows' },
        h('thead', {}, h('tr', {}, (['row', 'id', 'programme', 'baseline', 'now'] as const).map((t) => h('th', { scope: 'col' }, w.changedColumns[t])))),
        h(
          'tbody',
          {},
          c.changed.map((r) => h('tr', {}, h('td', {}, String(r.row)), h('td', {}, r.id ?? '—'), h('td', {}, r.program), h('td', { class: `visit-${r.old}` }, outcomeText(r.old, w)), h('td', { class: `visit-${r.new}` }, outcomeText(r.new, w)))),
        ),
      ),
    );
  }
}

/**
 * Shows the rules as a document. The HTML is `visit doc`'s page (escaped by the renderer); only
 * its body is kept — parsed, not executed (DOMParser runs no scripts) — and styled by the
 * component's stylesheet, so the page's Content-Security-Policy needs no inline styles.
 */
export function renderDocument(el: HTMLElement, d: RulesDocument, w: EditorWords = en): void {
  clear(el);
  if (!d.ok) {
    el.append(h('div', { class: 'visit-rule-errors' }, h('strong', {}, w.noDocument), h('ul', {}, d.errors.map((e) => h('li', {}, e)))));
    return;
  }
  const page = new DOMParser().parseFromString(d.html, 'text/html');
  for (const s of page.body.querySelectorAll('script, style, link, iframe, object, embed')) s.remove();
  for (const e of page.body.querySelectorAll('[style]')) e.removeAttribute('style');
  el.append(...[...page.body.childNodes].map((n) => document.importNode(n, true)));
}
