// The records panel's table and explanation: outcomes per row (colour and text), a virtual list
// so that 10,000 rows scroll smoothly, and keyboard selection.
import { OUTCOMES, type RowExplanation, type ScreeningResult } from '../worker/protocol';
import { en, type EditorWords, type OutcomeWord } from '../words';
import { clear, h } from './dom';

const ROW_HEIGHT = 30;
/** A group's value (0 false, 1 true, 2 unknown) as its class name; the text is the language's. */
const GROUP_CLASS = ['no', 'yes', 'unknown'] as const;

export function outcomePill(outcome: string, w: EditorWords = en): HTMLElement {
  return h('span', { class: `visit-pill visit-${outcome}` }, w.outcome[outcome as OutcomeWord] ?? outcome);
}

export function valuePill(value: boolean | null, w: EditorWords = en): HTMLElement {
  const word = value === true ? 'true' : value === false ? 'false' : 'unknown';
  return h('span', { class: `visit-pill visit-value-${word}` }, w.value[word]);
}

export class RecordsTable {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private result: ScreeningResult | undefined;
  private selected = -1;
  private filter: { program: number; outcome: number } | undefined;
  /** Row indexes shown (all, or those matching the filter). */
  private visible: number[] = [];

  constructor(
    private readonly onSelect: (row: number) => void,
    private readonly w: EditorWords = en,
  ) {
    this.header = h('div', { class: 'visit-row visit-row-head', role: 'row' });
    this.spacer = h('div', { class: 'visit-spacer' });
    this.body = h('div', { class: 'visit-rows', role: 'rowgroup' });
    // The header sticks to the top of the scrolling viewport, so that both scroll sideways together.
    this.viewport = h(
      'div',
      { class: 'visit-viewport', tabindex: 0, role: 'grid', 'aria-label': w.grid, 'aria-rowcount': 0 },
      this.header,
      this.spacer,
      this.body,
    );
    this.element = h('div', { class: 'visit-table' }, this.viewport);
    this.viewport.addEventListener('scroll', () => this.render());
    this.viewport.addEventListener('keydown', (e) => this.key(e));
    this.body.addEventListener('click', (e) => {
      const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (rowEl) this.select(Number(rowEl.dataset.row));
    });
    new ResizeObserver(() => this.render()).observe(this.viewport);
  }

  get selectedRow(): number {
    return this.selected;
  }

  focus(): void {
    this.viewport.focus();
  }

  setFilter(filter: { program: number; outcome: number } | undefined): void {
    this.filter = filter;
    this.update(this.result);
  }

  update(result: ScreeningResult | undefined): void {
    this.result = result;
    clear(this.header);
    if (!result || result.errors.length > 0) {
      this.visible = [];
      this.render();
      return;
    }
    const cols = this.columns(result);
    this.header.style.gridTemplateColumns = cols;
    this.header.append(
      h('span', { role: 'columnheader' }, this.w.colRow),
      h('span', { role: 'columnheader' }, this.w.colId),
      ...result.programs.map((p, i) => h('span', { role: 'columnheader', title: result.programLabels[i] ?? p }, p)),
      ...result.groups.map((g, i) => h('span', { role: 'columnheader', class: 'visit-group-col', title: result.groupLabels[i] ?? g }, g)),
    );
    const n = result.status.length;
    const f = this.filter;
    this.visible = [];
    for (let i = 0; i < n; i++) {
      if (!f || (result.status[i] === 0 && result.programValues[i * result.programs.length + f.program] === f.outcome)) this.visible.push(i);
    }
    this.viewport.setAttribute('aria-rowcount', String(this.visible.length));
    this.spacer.style.height = `${this.visible.length * ROW_HEIGHT}px`;
    this.spacer.style.width = '1px';
    this.render(true);
  }

  private columns(r: ScreeningResult): string {
    return `4.2em 6.5em ${r.programs.map(() => '8.4em').join(' ')} ${r.groups.map(() => '6.2em').join(' ')}`;
  }

  private render(force = false): void {
    const r = this.result;
    if (!r || this.visible.length === 0) {
      clear(this.body);
      if (r && r.errors.length === 0 && r.status.length > 0) this.body.append(h('p', { class: 'visit-empty' }, this.w.noMatch));
      return;
    }
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - 5);
    const count = Math.ceil(this.viewport.clientHeight / ROW_HEIGHT) + 10;
    const last = Math.min(this.visible.length, first + count);
    const key = `${first}:${last}:${this.selected}`;
    if (!force && this.body.dataset.window === key) return;
    this.body.dataset.window = key;
    this.body.style.transform = `translateY(${(first + 1) * ROW_HEIGHT}px)`;
    clear(this.body);
    const cols = this.columns(r);
    const np = r.programs.length;
    const ng = r.groups.length;
    for (let v = first; v < last; v++) {
      const i = this.visible[v]!;
      const row = i + 1;
      const invalid = r.status[i] === 1;
      const cells: HTMLElement[] = [h('span', { role: 'gridcell', class: 'visit-num' }, String(row)), h('span', { role: 'gridcell', class: 'visit-id' }, r.ids[i] ?? '')];
      if (invalid) {
        cells.push(h('span', { role: 'gridcell', class: 'visit-invalid-cell', style: `grid-column: span ${np + ng}` }, h('span', { class: 'visit-pill visit-invalid' }, this.w.invalidRecord)));
      } else {
        for (let p = 0; p < np; p++) cells.push(h('span', { role: 'gridcell' }, outcomePill(OUTCOMES[r.programValues[i * np + p]!]!, this.w)));
        for (let g = 0; g < ng; g++) {
          const v = r.groupValues[i * ng + g]!;
          cells.push(h('span', { role: 'gridcell', class: `visit-group visit-group-${GROUP_CLASS[v]}` }, this.w.group[GROUP_CLASS[v]!]));
        }
      }
      const el = h('div', { class: `visit-row${row === this.selected ? ' visit-selected' : ''}`, role: 'row', 'data-row': row, 'aria-selected': row === this.selected ? 'true' : 'false', 'aria-rowindex': v + 1 }, ...cells);
      el.style.gridTemplateColumns = cols;
      this.body.append(el);
    }
  }

  select(row: number): void {
    this.selected = row;
    const v = this.visible.indexOf(row - 1);
    if (v >= 0) {
      // Below the sticky header, which is one row high.
      const top = v * ROW_HEIGHT;
      if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
      else if (top + 2 * ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + 2 * ROW_HEIGHT - this.viewport.clientHeight;
    }
    this.render(true);
    this.onSelect(row);
  }

  private key(e: KeyboardEvent): void {
    if (this.visible.length === 0) return;
    const v = this.visible.indexOf(this.selected - 1);
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const to = (k: number) => this.select(this.visible[Math.max(0, Math.min(this.visible.length - 1, k))]! + 1);
    switch (e.key) {
      case 'ArrowDown':
        to(v + 1);
        break;
      case 'ArrowUp':
        to(v < 0 ? 0 : v - 1);
        break;
      case 'PageDown':
        to(v + page);
        break;
      case 'PageUp':
        to(v - page);
        break;
      case 'Home':
        to(0);
        break;
      case 'End':
        to(this.visible.length - 1);
        break;
      case 'Enter':
      case ' ':
        to(v < 0 ? 0 : v);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}

function fieldList(fields: RowExplanation['groups'][number]['fields'], w: EditorWords): HTMLElement | null {
  if (fields.length === 0) return null;
  return h(
    'dl',
    { class: 'visit-fields' },
    fields.flatMap((f) => [
      h('dt', { title: f.label ?? '' }, f.name),
      h('dd', { class: f.value === null ? 'visit-missing' : '' }, f.value === null ? w.missing : String(f.value)),
    ]),
  );
}

/** The explanation of one row: each programme's lines with their values and the fields they read. */
export function renderExplanation(target: HTMLElement, e: RowExplanation, id: string | null, w: EditorWords = en): void {
  clear(target);
  target.append(h('h3', {}, w.rowHeading(e.row), id ? h('span', { class: 'visit-explain-id' }, w.idSuffix(id)) : null));
  if (e.status === 'invalid') {
    target.append(h('p', {}, h('span', { class: 'visit-pill visit-invalid' }, w.invalidRecord), ` ${w.notFit}`), h('ul', { class: 'visit-errors' }, e.errors.map((m) => h('li', {}, m))));
    return;
  }
  for (const p of e.programs) {
    const section = h(
      'section',
      { class: `visit-explain-program visit-border-${p.outcome}` },
      h('h4', {}, h('span', { class: 'visit-program-name' }, p.name), p.label ? ` ${p.label} ` : ' ', outcomePill(p.outcome, w)),
      h(
        'ol',
        { class: 'visit-lines' },
        p.lines.map((l) =>
          h(
            'li',
            { class: l.failed ? 'visit-line visit-failed' : 'visit-line' },
            h('div', { class: 'visit-line-head' }, valuePill(l.value, w), h('code', {}, `${l.kind} ${l.source}`), l.failed ? h('strong', { class: 'visit-failed-note' }, w.fails) : null),
            l.label ? h('div', { class: 'visit-line-label' }, l.label) : null,
            fieldList(l.fields, w),
          ),
        ),
      ),
      p.missing.length > 0 ? h('p', { class: 'visit-missing-note' }, w.missingNote(p.missing.join(', '))) : null,
    );
    target.append(section);
  }
  if (e.groups.length > 0) {
    target.append(
      h(
        'details',
        { class: 'visit-explain-groups' },
        h('summary', {}, w.targetGroups(e.groups.length)),
        h(
          'ul',
          {},
          e.groups.map((g) => h('li', {}, valuePill(g.value, w), ' ', h('strong', {}, g.name), g.label ? ` ${g.label}` : '', h('div', {}, h('code', {}, g.source)), fieldList(g.fields, w))),
        ),
      ),
    );
  }
}
