// The Visit editor as one embeddable component: Monaco with the language service in a worker,
// and a records panel that screens loaded records (in a second worker) as the rules change.
import type * as lsp from 'vscode-languageserver-types';
import { bindModel, LANGUAGE_ID, registerVisitLanguage, type LanguageBinding } from './language/adapters';
import { monaco } from './language/monaco';
import { WorkerClient } from './worker/client';
import type { LanguageMethods, ScreeningMethods, ScreeningResult } from './worker/protocol';
import LanguageWorker from './worker/language.worker?worker';
import ScreeningWorker from './worker/screening.worker?worker';
import { clear, h } from './app/dom';
import { RecordsTable, renderExplanation } from './app/records-view';

export interface VisitEditorOptions {
  /** The rules text. */
  value?: string;
  /** Records to screen: CSV or NDJSON text, or objects (as NDJSON would hold them). */
  records?: string | readonly Record<string, unknown>[] | { name: string; text: string };
  /** The reference date `YYYY-MM-DD` (default: today). */
  asOf?: string;
  /** Called with the rules text after every edit. */
  onChange?: (value: string) => void;
  /** Records offered by the "Example records" button (the app passes the bundled example). */
  example?: { name: string; text: string };
}

export interface VisitEditorHandle {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  getValue(): string;
  setValue(value: string): void;
  loadRecords(records: NonNullable<VisitEditorOptions['records']>): Promise<void>;
  setAsOf(date: string): void;
  /** Resolves when the latest edit has been screened (for tests and integrations). */
  screened(): Promise<ScreeningResult | undefined>;
  /** The problems of the current text, checked now by the language worker (no debounce), and the worker's time for it. */
  diagnostics(): Promise<{ diagnostics: lsp.Diagnostic[]; ms: number }>;
  dispose(): void;
}

let instances = 0;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function recordsText(records: NonNullable<VisitEditorOptions['records']>): { name: string; text: string } {
  if (typeof records === 'string') return { name: 'records', text: records };
  if ('text' in records && typeof records.text === 'string' && 'name' in records) return { name: String(records.name), text: records.text };
  return { name: 'records', text: (records as readonly Record<string, unknown>[]).map((r) => JSON.stringify(r)).join('\n') };
}

/** Danish Excel may save Windows-1252: read UTF-8 when the bytes are UTF-8, else Windows-1252. */
async function readFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const SHORTCUTS: [string, string][] = [
  ['Alt+1', 'Focus the rules editor'],
  ['Alt+2', 'Focus the records table'],
  ['Alt+3', 'Show the JSON Logic'],
  ['Alt+O', 'Load a records file (CSV or NDJSON)'],
  ['Alt+E', 'Load the example records'],
  ['Alt+D', 'Set the reference date (as of)'],
  ['Shift+Alt+F', 'Format the rules'],
  ['F2', 'Rename a group, param or let'],
  ['F12 / Shift+F12', 'Go to definition / find references'],
  ['Ctrl+Shift+O', 'Go to a declaration (outline)'],
  ['Ctrl+Space', 'Complete'],
  ['F8', 'Go to the next problem'],
  ['↑ ↓ Enter', 'In the table: move, explain the row'],
];

/** Mounts the editor (and its records panel) in `element`. */
export function mountVisitEditor(element: HTMLElement, options: VisitEditorOptions = {}): VisitEditorHandle {
  registerVisitLanguage();
  const n = ++instances;
  const id = (s: string) => `visit-${n}-${s}`;
  const languageClient = new WorkerClient<LanguageMethods>(new LanguageWorker({ name: 'visit-language' }));
  const screeningClient = new WorkerClient<ScreeningMethods>(new ScreeningWorker({ name: 'visit-screening' }));

  // ---------------------------------------------------------------- layout
  const fileInput = h('input', { type: 'file', accept: '.csv,.ndjson,.jsonl,.json,.txt,text/csv', class: 'visit-file-input', id: id('file'), 'aria-label': 'Load records file (Alt+O)' });
  const asOfInput = h('input', { type: 'date', id: id('asof'), value: options.asOf ?? today(), required: true, 'aria-describedby': id('asof-help') });
  const formatButton = h('button', { type: 'button', class: 'visit-button', title: 'Format the rules (Shift+Alt+F)' }, 'Format');
  const exampleButton = options.example ? h('button', { type: 'button', class: 'visit-button', title: 'Load the example records (Alt+E)' }, 'Example records') : null;
  const helpButton = h('button', { type: 'button', class: 'visit-button visit-help-button', 'aria-label': 'Keyboard shortcuts', 'aria-expanded': 'false', 'aria-controls': id('help') }, '?');
  const help = h(
    'div',
    { class: 'visit-help', id: id('help'), role: 'dialog', 'aria-label': 'Keyboard shortcuts', hidden: true },
    h('h2', {}, 'Keyboard shortcuts'),
    h('dl', {}, SHORTCUTS.flatMap(([k, what]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, what)])),
    h('p', {}, 'F1 opens every editor command.'),
  );
  const toolbar = h(
    'header',
    { class: 'visit-toolbar', role: 'toolbar', 'aria-label': 'Visit editor' },
    h('span', { class: 'visit-brand' }, 'Visit'),
    h('span', { class: 'visit-tagline' }, 'målgrupper og visitationskriterier'),
    h('span', { class: 'visit-spacer-flex' }),
    formatButton,
    h('label', { class: 'visit-button visit-file-label', for: id('file') }, 'Load records…', fileInput),
    exampleButton,
    h('label', { class: 'visit-asof', for: id('asof') }, h('span', { id: id('asof-help') }, 'As of'), asOfInput),
    helpButton,
  );

  const editorHost = h('section', { class: 'visit-editor', 'aria-label': 'Rules editor (Alt+1)' });
  const params = h('div', { class: 'visit-params', role: 'group', 'aria-label': 'Param values (what-if)' });
  const tabRecords = h('button', { type: 'button', role: 'tab', id: id('tab-records'), 'aria-controls': id('panel-records'), 'aria-selected': 'true', class: 'visit-tab' }, 'Records');
  const tabLogic = h('button', { type: 'button', role: 'tab', id: id('tab-logic'), 'aria-controls': id('panel-logic'), 'aria-selected': 'false', tabindex: -1, class: 'visit-tab' }, 'JSON Logic');
  const counts = h('div', { class: 'visit-counts', 'aria-live': 'polite' });
  const source = h('p', { class: 'visit-source' }, 'No records loaded. Load a CSV or NDJSON file, drop one here, or use the example records. The records stay in this page.');
  const explanation = h('aside', { class: 'visit-explain', 'aria-live': 'polite', 'aria-label': 'Explanation of the selected row' }, h('p', { class: 'visit-hint' }, 'Select a row to see why.'));
  const table = new RecordsTable((row) => void explainRow(row));
  const showIds = h('input', { type: 'checkbox', id: id('showids') });
  const showIdsLabel = h('label', { class: 'visit-showids', for: id('showids'), hidden: true }, showIds, ' Show personal ids');
  const recordsPanel = h(
    'div',
    { role: 'tabpanel', id: id('panel-records'), 'aria-labelledby': id('tab-records'), class: 'visit-tabpanel visit-records' },
    h('div', { class: 'visit-records-head' }, source, showIdsLabel),
    counts,
    h('div', { class: 'visit-split' }, table.element, explanation),
  );
  const logic = h('pre', { class: 'visit-logic', tabindex: 0, 'aria-label': 'JSON Logic of the rules' });
  const logicPanel = h('div', { role: 'tabpanel', id: id('panel-logic'), 'aria-labelledby': id('tab-logic'), class: 'visit-tabpanel', hidden: true }, logic);
  const panel = h(
    'section',
    { class: 'visit-panel', 'aria-label': 'Records and screening' },
    params,
    h('div', { role: 'tablist', class: 'visit-tabs', 'aria-label': 'Views' }, tabRecords, tabLogic),
    recordsPanel,
    logicPanel,
  );
  const status = h('footer', { class: 'visit-status', role: 'status' });
  const root = h('div', { class: 'visit-app' }, toolbar, help, h('div', { class: 'visit-main' }, editorHost, panel), status);
  element.append(root);

  // ---------------------------------------------------------------- the editor
  const model = monaco.editor.createModel(options.value ?? '', LANGUAGE_ID, monaco.Uri.parse(`inmemory://visit/rules-${n}.visit`));
  const editor = monaco.editor.create(editorHost, {
    model,
    theme: 'visit-light',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    lineHeight: 21,
    fontFamily: "'DejaVu Sans Mono', 'Cascadia Code', Menlo, Consolas, monospace",
    renderWhitespace: 'none',
    scrollBeyondLastLine: false,
    wordBasedSuggestions: 'off',
    tabSize: 2,
    ariaLabel: 'Visit rules',
    accessibilitySupport: 'auto',
    'semanticHighlighting.enabled': false,
  });
  // Shift+Alt+F formats on every platform (Monaco's default on Linux is Ctrl+Shift+I).
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void editor.getAction('editor.action.formatDocument')?.run());
  let problems = { errors: 0, warnings: 0 };
  let statusNote = '';
  let screenNote = '';
  const showStatus = () => {
    const p = problems.errors + problems.warnings === 0 ? 'No problems' : `${problems.errors} error${problems.errors === 1 ? '' : 's'}, ${problems.warnings} warning${problems.warnings === 1 ? '' : 's'}`;
    status.textContent = [p, screenNote, statusNote].filter(Boolean).join(' · ');
  };
  const binding: LanguageBinding = bindModel(model, languageClient, {
    onFormatRefused: (reason) => {
      statusNote = `Not formatted: ${reason}`;
      showStatus();
    },
    onDiagnostics: (ds) => {
      problems = { errors: ds.filter((d) => d.severity === 1).length, warnings: ds.filter((d) => d.severity === 2).length };
      showStatus();
    },
  });

  // ---------------------------------------------------------------- screening
  let loaded = false;
  let latest: ScreeningResult | undefined;
  let inFlight: Promise<ScreeningResult | undefined> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const paramValues: Record<string, string> = {};
  let paramKey = '';

  const screenNow = (): Promise<ScreeningResult | undefined> => {
    if (!loaded) return Promise.resolve(undefined);
    if (inFlight) {
      again = true;
      return inFlight;
    }
    const overrides = Object.fromEntries(Object.entries(paramValues).filter(([, v]) => v.trim() !== ''));
    inFlight = screeningClient
      .request('screen', { source: model.getValue(), asOf: asOfInput.value, params: overrides, showIds: showIds.checked })
      .then((r) => {
        latest = r;
        showResult(r);
        return r;
      })
      .finally(() => {
        inFlight = undefined;
        if (again) {
          again = false;
          void screenNow();
        }
      });
    return inFlight;
  };
  const screenSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void screenNow(), 200);
  };

  const showResult = (r: ScreeningResult) => {
    clear(counts);
    if (r.errors.length > 0) {
      counts.append(h('div', { class: 'visit-rule-errors' }, h('strong', {}, 'The rules have errors, so nothing was screened:'), h('ul', {}, r.errors.map((e) => h('li', {}, e)))));
      screenNote = '';
    } else {
      const total = r.status.length;
      counts.append(
        h('p', { class: 'visit-total' }, `${total} record${total === 1 ? '' : 's'}`, r.invalid > 0 ? h('span', { class: 'visit-pill visit-invalid' }, `${r.invalid} invalid`) : null),
        ...r.programs.map((p, i) =>
          h(
            'div',
            { class: 'visit-count-card', 'data-program': p },
            h('div', { class: 'visit-count-title' }, h('span', { class: 'visit-program-name' }, p), r.programLabels[i] ? h('span', { class: 'visit-count-label' }, r.programLabels[i]!) : null),
            h(
              'div',
              { class: 'visit-count-chips' },
              ['eligible', 'ineligible', 'undetermined'].map((o, k) =>
                h(
                  'button',
                  { type: 'button', class: `visit-chip visit-${o}`, 'data-outcome': o, 'aria-pressed': 'false', title: `Show only the ${o} records for ${p}` },
                  h('span', { class: 'visit-chip-count' }, String(r.counts[i]![k])),
                  ` ${o}`,
                ),
              ),
            ),
          ),
        ),
      );
      screenNote = `${total} records screened in ${Math.round(r.ms)} ms (as of ${r.asOf})`;
    }
    showParams(r);
    showIdsLabel.hidden = !r.personalKey;
    table.update(r);
    showStatus();
    if (!logicPanel.hidden) void showLogic();
    if (table.selectedRow > 0) void explainRow(table.selectedRow);
  };

  counts.addEventListener('click', (e) => {
    const chip = (e.target as HTMLElement).closest<HTMLButtonElement>('.visit-chip');
    const card = chip?.closest<HTMLElement>('[data-program]');
    if (!chip || !card || !latest) return;
    const pressed = chip.getAttribute('aria-pressed') === 'true';
    for (const c of counts.querySelectorAll('.visit-chip')) c.setAttribute('aria-pressed', 'false');
    if (pressed) table.setFilter(undefined);
    else {
      chip.setAttribute('aria-pressed', 'true');
      table.setFilter({ program: latest.programs.indexOf(card.dataset.program!), outcome: ['eligible', 'ineligible', 'undetermined'].indexOf(chip.dataset.outcome!) });
    }
  });

  const showParams = (r: ScreeningResult) => {
    if (r.errors.length > 0) return;
    const key = r.params.map((p) => `${p.name}=${p.declared}`).join('\n');
    if (key === paramKey) return;
    paramKey = key;
    clear(params);
    if (r.params.length === 0) return;
    params.append(h('span', { class: 'visit-params-title' }, 'What if'));
    for (const p of r.params) {
      const input = h('input', { type: 'text', id: id(`param-${p.name}`), placeholder: p.declared, value: paramValues[p.name] ?? '', spellcheck: 'false', autocomplete: 'off' });
      input.addEventListener('input', () => {
        paramValues[p.name] = input.value;
        void languageClient.request('setParams', { params: Object.fromEntries(Object.entries(paramValues).filter(([, v]) => v.trim() !== '')) });
        screenSoon();
      });
      params.append(h('label', { class: 'visit-param', for: id(`param-${p.name}`), title: p.label ?? p.name }, h('span', {}, p.name), input));
    }
  };

  const explainRow = async (row: number) => {
    try {
      const e = await screeningClient.request('explain', { row });
      renderExplanation(explanation, e, latest?.ids[row - 1] ?? null);
    } catch (err) {
      clear(explanation);
      explanation.append(h('p', { class: 'visit-hint' }, err instanceof Error ? err.message : String(err)));
    }
  };

  const showLogic = async () => {
    const r = await screeningClient.request('jsonLogic', {});
    logic.textContent = 'json' in r ? r.json : r.error;
  };

  const loadRecords = async (records: NonNullable<VisitEditorOptions['records']>) => {
    const { name, text } = recordsText(records);
    const summary = await screeningClient.request('load', { name, text });
    loaded = true;
    source.textContent = `${summary.name}: ${summary.rows} ${summary.format === 'csv' ? 'CSV' : 'NDJSON'} row${summary.rows === 1 ? '' : 's'} (kept in this page only)${summary.warnings.length > 0 ? ` — ${summary.warnings.join('; ')}` : ''}`;
    table.setFilter(undefined);
    clear(explanation);
    explanation.append(h('p', { class: 'visit-hint' }, 'Select a row to see why.'));
    await screenNow();
  };

  // ---------------------------------------------------------------- events
  const changes = model.onDidChangeContent(() => {
    options.onChange?.(model.getValue());
    statusNote = '';
    screenSoon();
  });
  formatButton.addEventListener('click', () => {
    editor.focus();
    void editor.getAction('editor.action.formatDocument')?.run();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void readFile(file).then((text) => loadRecords({ name: file.name, text }));
    fileInput.value = '';
  });
  exampleButton?.addEventListener('click', () => void loadRecords(options.example!));
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) screenSoon();
  });
  showIds.addEventListener('change', () => void screenNow());
  helpButton.addEventListener('click', () => {
    help.hidden = !help.hidden;
    helpButton.setAttribute('aria-expanded', String(!help.hidden));
  });
  const selectTab = (logicTab: boolean) => {
    tabRecords.setAttribute('aria-selected', String(!logicTab));
    tabLogic.setAttribute('aria-selected', String(logicTab));
    tabRecords.tabIndex = logicTab ? -1 : 0;
    tabLogic.tabIndex = logicTab ? 0 : -1;
    recordsPanel.hidden = logicTab;
    logicPanel.hidden = !logicTab;
    if (logicTab) void showLogic();
  };
  tabRecords.addEventListener('click', () => selectTab(false));
  tabLogic.addEventListener('click', () => selectTab(true));
  for (const tab of [tabRecords, tabLogic]) {
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const logicTab = tab === tabRecords;
      selectTab(logicTab);
      (logicTab ? tabLogic : tabRecords).focus();
    });
  }
  // Drop a file anywhere on the component.
  root.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) {
      e.preventDefault();
      root.classList.add('visit-dropping');
    }
  });
  root.addEventListener('dragleave', () => root.classList.remove('visit-dropping'));
  root.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files[0];
    root.classList.remove('visit-dropping');
    if (!file) return;
    e.preventDefault();
    void readFile(file).then((text) => loadRecords({ name: file.name, text }));
  });
  const keys = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    // Ours while focus is in the editor component (or nowhere in particular on the page).
    const active = document.activeElement;
    if (active && active !== document.body && !root.contains(active)) return;
    const actions: Record<string, () => void> = {
      Digit1: () => editor.focus(),
      Digit2: () => {
        selectTab(false);
        table.focus();
      },
      Digit3: () => {
        selectTab(true);
        tabLogic.focus();
      },
      KeyO: () => fileInput.click(),
      KeyE: () => exampleButton?.click(),
      KeyD: () => asOfInput.focus(),
    };
    const action = actions[e.code];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  };
  document.addEventListener('keydown', keys, true);

  showStatus();
  if (options.records) void loadRecords(options.records);

  return {
    editor,
    getValue: () => model.getValue(),
    setValue: (value) => model.setValue(value),
    loadRecords,
    setAsOf(date) {
      asOfInput.value = date;
      screenSoon();
    },
    async diagnostics() {
      const r = await languageClient.request('update', { uri: model.uri.toString(), text: model.getValue(), version: model.getVersionId() });
      return { diagnostics: r.diagnostics, ms: r.ms };
    },
    async screened() {
      clearTimeout(timer);
      await screenNow();
      while (inFlight) await inFlight;
      return latest;
    },
    dispose() {
      clearTimeout(timer);
      document.removeEventListener('keydown', keys, true);
      changes.dispose();
      binding.dispose();
      editor.dispose();
      model.dispose();
      languageClient.terminate();
      screeningClient.terminate();
      root.remove();
    },
  };
}
