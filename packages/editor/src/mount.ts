// The Visit editor as one embeddable component: Monaco with the language service in a worker,
// and a records panel that screens loaded records (in a second worker) as the rules change.
// First, before Monaco loads: Monaco's dynamic styles through the CSSOM (a strict CSP refuses inline styles).
import { registerStyleRoot } from './language/csp';
import type * as lsp from 'vscode-languageserver-types';
import { bindModel, LANGUAGE_ID, registerVisitLanguage, type LanguageBinding } from './language/adapters';
import { monaco } from './language/monaco';
import { setMonacoLanguage } from './language/monaco-nls';
import { WorkerClient } from './worker/client';
import type { LanguageMethods, ScreeningMethods } from './worker/protocol';
import type { Comparison, RecordsSummary, RulesDocument, ScreeningResult, Unsubscribe, VisitDiagnostic, VisitEditorHandle, VisitEditorOptions, VisitRecords } from './types';
import LanguageWorker from './worker/language.worker?worker';
import ScreeningWorker from './worker/screening.worker?worker';
import { clear, h } from './app/dom';
import { RecordsTable, renderExplanation } from './app/records-view';
import { renderComparison, renderDocument } from './app/compare-view';
import { editorLanguage, formatNumber, WORDS, type EditorWords } from './words';
import './styles.css';

export type { VisitEditorHandle, VisitEditorOptions } from './types';

/** The handle with the Monaco editor itself, for the app, the tests and the benchmark (integrators get `VisitEditorHandle`). */
export interface MountedVisitEditor extends VisitEditorHandle {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
}

/** The public diagnostic: the LSP shape, with the message as text. */
function publicDiagnostic(d: lsp.Diagnostic): VisitDiagnostic {
  return {
    range: { start: { ...d.range.start }, end: { ...d.range.end } },
    ...(d.severity !== undefined ? { severity: d.severity } : {}),
    ...(d.code !== undefined ? { code: d.code } : {}),
    ...(d.source !== undefined ? { source: d.source } : {}),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}

/** Listeners of one event: a failing listener does not stop the others or the editor. */
class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (e) {
        reportError(e);
      }
    }
  }
  clear(): void {
    this.set.clear();
  }
}

let instances = 0;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function recordsText(records: VisitRecords): { name: string; text: string } {
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

const shortcuts = (w: EditorWords): [string, string][] => [
  ['Alt+1', w.shortcuts.focusEditor],
  ['Alt+2', w.shortcuts.focusTable],
  ['Alt+3', w.shortcuts.showLogic],
  ['Alt+4', w.shortcuts.compare],
  ['Alt+5', w.shortcuts.document],
  ['Alt+O', w.shortcuts.loadFile],
  ['Alt+E', w.shortcuts.loadExample],
  ['Alt+D', w.shortcuts.asOf],
  ['Shift+Alt+F', w.shortcuts.format],
  ['F2', w.shortcuts.rename],
  ['F12 / Shift+F12', w.shortcuts.definition],
  ['Ctrl+Shift+O', w.shortcuts.outline],
  ['Ctrl+Space', w.shortcuts.complete],
  ['F8', w.shortcuts.nextProblem],
  ['↑ ↓ Enter', w.shortcuts.table],
];

/** Mounts the editor (and its records panel) in `element`. */
export function mountVisitEditor(element: HTMLElement, options: VisitEditorOptions = {}): MountedVisitEditor {
  registerVisitLanguage();
  const n = ++instances;
  const id = (s: string) => `visit-${n}-${s}`;
  const languageClient = new WorkerClient<LanguageMethods>(new LanguageWorker({ name: 'visit-language' }));
  const screeningClient = new WorkerClient<ScreeningMethods>(new ScreeningWorker({ name: 'visit-screening' }));
  // One language for everything the component shows: its own texts, and the workers' diagnostics,
  // hovers and messages (sent first: a worker answers in order).
  const lang = editorLanguage(options.lang);
  const w = WORDS[lang];
  // Monaco's own widgets (find, hovers, suggestions, rename) in the same language; the context
  // menu's commands were named when Monaco loaded, in the page's language (language/monaco-nls.ts).
  setMonacoLanguage(lang);
  // (A failure here is a worker that failed to start: every later request reports it.)
  languageClient.request('setLanguage', { lang }).catch(() => undefined);
  screeningClient.request('setLanguage', { lang }).catch(() => undefined);

  // ---------------------------------------------------------------- layout
  const fileInput = h('input', { type: 'file', accept: '.csv,.ndjson,.jsonl,.json,.txt,text/csv', class: 'visit-file-input', id: id('file'), 'aria-label': w.loadRecordsLabel });
  const asOfInput = h('input', { type: 'date', id: id('asof'), value: options.asOf ?? today(), required: true, 'aria-describedby': id('asof-help') });
  const formatButton = h('button', { type: 'button', class: 'visit-button', title: w.formatTitle }, w.format);
  const exampleButton = options.example ? h('button', { type: 'button', class: 'visit-button', title: w.exampleRecordsTitle }, w.exampleRecords) : null;
  const helpButton = h('button', { type: 'button', class: 'visit-button visit-help-button', 'aria-label': w.keyboardShortcuts, 'aria-expanded': 'false', 'aria-controls': id('help') }, '?');
  const help = h(
    'div',
    { class: 'visit-help', id: id('help'), role: 'dialog', 'aria-label': w.keyboardShortcuts, hidden: true },
    h('h2', {}, w.keyboardShortcuts),
    h('dl', {}, shortcuts(w).flatMap(([k, what]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, what)])),
    h('p', {}, w.f1),
  );
  const toolbar = h(
    'header',
    { class: 'visit-toolbar', role: 'toolbar', 'aria-label': w.toolbar },
    h('span', { class: 'visit-brand' }, 'Visit'),
    h('span', { class: 'visit-tagline' }, w.tagline),
    h('span', { class: 'visit-spacer-flex' }),
    formatButton,
    h('label', { class: 'visit-button visit-file-label', for: id('file') }, w.loadRecords, fileInput),
    exampleButton,
    h('label', { class: 'visit-asof', for: id('asof') }, h('span', { id: id('asof-help') }, w.asOf), asOfInput),
    helpButton,
  );

  const editorHost = h('section', { class: 'visit-editor', 'aria-label': w.rulesEditor });
  const params = h('div', { class: 'visit-params', role: 'group', 'aria-label': w.paramsGroup });
  const tabRecords = h('button', { type: 'button', role: 'tab', id: id('tab-records'), 'aria-controls': id('panel-records'), 'aria-selected': 'true', class: 'visit-tab' }, w.tabRecords);
  const tabLogic = h('button', { type: 'button', role: 'tab', id: id('tab-logic'), 'aria-controls': id('panel-logic'), 'aria-selected': 'false', tabindex: -1, class: 'visit-tab' }, w.tabLogic);
  const tabCompare = h('button', { type: 'button', role: 'tab', id: id('tab-compare'), 'aria-controls': id('panel-compare'), 'aria-selected': 'false', tabindex: -1, class: 'visit-tab' }, w.tabCompare);
  const tabDoc = h('button', { type: 'button', role: 'tab', id: id('tab-doc'), 'aria-controls': id('panel-doc'), 'aria-selected': 'false', tabindex: -1, class: 'visit-tab' }, w.tabDocument);
  const counts = h('div', { class: 'visit-counts', 'aria-live': 'polite' });
  const source = h('p', { class: 'visit-source' }, w.noRecords);
  const explanation = h('aside', { class: 'visit-explain', 'aria-live': 'polite', 'aria-label': w.explanationLabel }, h('p', { class: 'visit-hint' }, w.selectRow));
  const table = new RecordsTable((row) => void explainRow(row), w);
  const showIds = h('input', { type: 'checkbox', id: id('showids') });
  const showIdsLabel = h('label', { class: 'visit-showids', for: id('showids'), hidden: true }, showIds, ` ${w.showIds}`);
  const recordsPanel = h(
    'div',
    { role: 'tabpanel', id: id('panel-records'), 'aria-labelledby': id('tab-records'), class: 'visit-tabpanel visit-records' },
    h('div', { class: 'visit-records-head' }, source, showIdsLabel),
    counts,
    h('div', { class: 'visit-split' }, table.element, explanation),
  );
  const logic = h('pre', { class: 'visit-logic', tabindex: 0, 'aria-label': w.logicLabel });
  const logicPanel = h('div', { role: 'tabpanel', id: id('panel-logic'), 'aria-labelledby': id('tab-logic'), class: 'visit-tabpanel', hidden: true }, logic);
  // Compare: the current text (with the what-if values) against a baseline on the loaded records.
  const baselineFile = h('input', { type: 'file', accept: '.visit,text/plain', class: 'visit-hidden-input', id: id('baseline-file'), 'aria-label': w.compareFileLabel });
  const pinBaseline = h('button', { type: 'button', class: 'visit-button', title: w.pinBaselineTitle }, w.pinBaseline);
  const baselineNote = h('span', { class: 'visit-baseline-note' });
  const comparison = h('div', { class: 'visit-compare-body', 'aria-live': 'polite' }, h('p', { class: 'visit-hint' }, w.loadToCompare));
  const comparePanel = h(
    'div',
    { role: 'tabpanel', id: id('panel-compare'), 'aria-labelledby': id('tab-compare'), class: 'visit-tabpanel visit-compare', hidden: true },
    h('div', { class: 'visit-compare-head' }, baselineNote, pinBaseline, h('label', { class: 'visit-button visit-file-label', for: id('baseline-file') }, w.compareWithFile, baselineFile)),
    comparison,
  );
  // Document: the rules for people, as `visit doc` renders them.
  const docLang = h('select', { id: id('doc-lang'), 'aria-label': w.documentLanguageLabel }, h('option', { value: 'da' }, 'Dansk'), h('option', { value: 'en' }, 'English'));
  // The document starts in the editor's language (its own select may change it).
  docLang.value = lang;
  const docBody = h('article', { class: 'visit-doc', tabindex: 0, 'aria-label': w.documentLabel });
  const docPanel = h(
    'div',
    { role: 'tabpanel', id: id('panel-doc'), 'aria-labelledby': id('tab-doc'), class: 'visit-tabpanel visit-doc-panel', hidden: true },
    h('div', { class: 'visit-compare-head' }, h('label', { for: id('doc-lang') }, `${w.documentLanguage} `), docLang),
    docBody,
  );
  const panel = h(
    'section',
    { class: 'visit-panel', 'aria-label': w.panel },
    params,
    h('div', { role: 'tablist', class: 'visit-tabs', 'aria-label': w.views }, tabRecords, tabCompare, tabDoc, tabLogic),
    recordsPanel,
    comparePanel,
    docPanel,
    logicPanel,
  );
  const status = h('footer', { class: 'visit-status', role: 'status' });
  const root = h('div', { class: 'visit-app', lang }, toolbar, help, h('div', { class: 'visit-main' }, editorHost, panel), status);
  element.append(root);
  registerStyleRoot(element);

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
    ariaLabel: w.monacoLabel,
    accessibilitySupport: 'auto',
    'semanticHighlighting.enabled': false,
  });
  // Shift+Alt+F formats on every platform (Monaco's default on Linux is Ctrl+Shift+I).
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void editor.getAction('editor.action.formatDocument')?.run());
  const diagnosticsListeners = new Listeners<VisitDiagnostic[]>();
  const screenedListeners = new Listeners<ScreeningResult>();
  const changeListeners = new Listeners<string>();
  if (options.onChange) changeListeners.add(options.onChange);
  let disposed = false;
  let problems = { errors: 0, warnings: 0 };
  let statusNote = '';
  let screenNote = '';
  const showStatus = () => {
    const p = problems.errors + problems.warnings === 0 ? w.noProblems : w.problems(problems.errors, problems.warnings);
    status.textContent = [p, screenNote, statusNote].filter(Boolean).join(' · ');
  };
  const binding: LanguageBinding = bindModel(model, languageClient, {
    onFormatRefused: (reason) => {
      statusNote = w.notFormatted(reason);
      showStatus();
    },
    onDiagnostics: (ds) => {
      problems = { errors: ds.filter((d) => d.severity === 1).length, warnings: ds.filter((d) => d.severity === 2).length };
      showStatus();
      diagnosticsListeners.emit(ds.map(publicDiagnostic));
    },
  });

  // ---------------------------------------------------------------- screening
  let loaded = false;
  /** The records being read (given at mount time or loaded since): `screened()` waits for them. */
  let loading: Promise<unknown> | undefined;
  /** The rules, date, params or ids changed since the last screening began. */
  let dirty = true;
  let latest: ScreeningResult | undefined;
  let inFlight: Promise<ScreeningResult | undefined> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const paramValues: Record<string, string> = {};
  let paramKey = '';
  const overrides = () => Object.fromEntries(Object.entries(paramValues).filter(([, v]) => v.trim() !== ''));

  /** A failure is never an empty table: it is shown where the counts go and in the status line. */
  const showFailure = (what: string, error: unknown) => {
    if (disposed) return;
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    clear(counts);
    counts.append(h('div', { class: 'visit-rule-errors visit-screen-failure', role: 'alert' }, h('strong', {}, message)));
    screenNote = message;
    showStatus();
  };
  /** Work started by the page itself (a timer, a button): its failure is shown by showFailure. */
  const background = (work: Promise<unknown>) => {
    work.catch(() => {
      // Shown in the panel and the status line by showFailure.
    });
  };

  const screenNow = (): Promise<ScreeningResult | undefined> => {
    if (!loaded || disposed) return Promise.resolve(latest);
    if (inFlight) {
      again = true;
      return inFlight;
    }
    dirty = false;
    inFlight = screeningClient
      .request('screen', { source: model.getValue(), asOf: asOfInput.value, params: overrides(), showIds: showIds.checked })
      .then(
        (r) => {
          latest = r;
          showResult(r);
          screenedListeners.emit(r);
          return r;
        },
        (error: unknown) => {
          showFailure(w.screeningFailed, error);
          throw error;
        },
      )
      .finally(() => {
        inFlight = undefined;
        if (again) {
          again = false;
          background(screenNow());
        }
      });
    return inFlight;
  };
  const screenSoon = () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      background(screenNow());
      // The document needs no records: it follows the text (and the date) by itself.
      if (!docPanel.hidden) background(showDocument());
    }, 200);
  };

  const showResult = (r: ScreeningResult) => {
    clear(counts);
    if (r.errors.length > 0) {
      counts.append(h('div', { class: 'visit-rule-errors' }, h('strong', {}, w.rulesHaveErrors), h('ul', {}, r.errors.map((e) => h('li', {}, e)))));
      screenNote = '';
    } else {
      const total = r.status.length;
      counts.append(
        h('p', { class: 'visit-total' }, w.recordsCount(total), r.invalid > 0 ? h('span', { class: 'visit-pill visit-invalid' }, w.invalidCount(r.invalid)) : null),
        ...r.programs.map((p, i) =>
          h(
            'div',
            { class: 'visit-count-card', 'data-program': p },
            h('div', { class: 'visit-count-title' }, h('span', { class: 'visit-program-name' }, p), r.programLabels[i] ? h('span', { class: 'visit-count-label' }, r.programLabels[i]!) : null),
            h(
              'div',
              { class: 'visit-count-chips' },
              (['eligible', 'ineligible', 'undetermined'] as const).map((o, k) =>
                h(
                  'button',
                  { type: 'button', class: `visit-chip visit-${o}`, 'data-outcome': o, 'aria-pressed': 'false', title: w.showOnly[o](p) },
                  h('span', { class: 'visit-chip-count' }, formatNumber(w, r.counts[i]![k]!)),
                  ` ${w.outcome[o]}`,
                ),
              ),
            ),
          ),
        ),
      );
      screenNote = w.screenedNote(total, Math.round(r.ms), r.asOf);
    }
    showParams(r);
    showIdsLabel.hidden = !r.personalKey;
    table.update(r);
    showStatus();
    if (!logicPanel.hidden) void showLogic();
    if (!comparePanel.hidden) background(showCompare());
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
    params.append(h('span', { class: 'visit-params-title' }, w.whatIf));
    for (const p of r.params) {
      const input = h('input', { type: 'text', id: id(`param-${p.name}`), placeholder: p.declared, value: paramValues[p.name] ?? '', spellcheck: 'false', autocomplete: 'off' });
      input.addEventListener('input', () => {
        paramValues[p.name] = input.value;
        void languageClient.request('setParams', { params: overrides() });
        screenSoon();
      });
      params.append(h('label', { class: 'visit-param', for: id(`param-${p.name}`), title: p.label ?? p.name }, h('span', {}, p.name), input));
    }
  };

  const explainRow = async (row: number) => {
    try {
      const e = await screeningClient.request('explain', { row });
      renderExplanation(explanation, e, latest?.ids[row - 1] ?? null, w);
    } catch (err) {
      clear(explanation);
      explanation.append(h('p', { class: 'visit-hint' }, err instanceof Error ? err.message : String(err)));
    }
  };

  const jsonLogic = () => screeningClient.request('jsonLogic', { source: model.getValue(), asOf: asOfInput.value, params: overrides() });
  const showLogic = async () => {
    try {
      const r = await jsonLogic();
      logic.textContent = r.ok ? JSON.stringify(r.document, null, 2) : r.errors.join('\n');
    } catch (error) {
      logic.textContent = w.noJsonLogic(error instanceof Error ? error.message : String(error));
    }
  };

  // ---------------------------------------------------------------- compare and document
  let baseline = options.value ?? '';
  let baselineName = w.baselineAsLoaded;
  const showBaselineNote = () => {
    baselineNote.textContent = w.baselineNote(baselineName);
  };
  showBaselineNote();
  let comparing: Promise<Comparison | undefined> | undefined;
  let compareAgain = false;
  const compareNow = (): Promise<Comparison | undefined> => {
    if (comparing) {
      compareAgain = true;
      return comparing;
    }
    comparing = screeningClient
      .request('compare', { baseline, source: model.getValue(), asOf: asOfInput.value, params: overrides(), showIds: showIds.checked })
      .finally(() => {
        comparing = undefined;
        if (compareAgain) {
          compareAgain = false;
          if (!comparePanel.hidden) background(showCompare());
        }
      });
    return comparing;
  };
  const showCompare = async () => {
    try {
      const c = await compareNow();
      if (!disposed) renderComparison(comparison, c, w);
    } catch (error) {
      clear(comparison);
      comparison.append(h('p', { class: 'visit-rule-errors', role: 'alert' }, w.couldNotCompare(error instanceof Error ? error.message : String(error))));
      throw error;
    }
  };
  const documentOf = (lang: 'da' | 'en'): Promise<RulesDocument> => screeningClient.request('document', { source: model.getValue(), lang, asOf: asOfInput.value });
  let documentRequest = 0;
  const showDocument = async () => {
    const mine = ++documentRequest;
    const d = await documentOf(docLang.value === 'da' ? 'da' : 'en');
    // Only the latest request draws (an earlier one may be of another text or language).
    if (!disposed && mine === documentRequest) renderDocument(docBody, d, w);
  };
  const setBaseline = (value: string, name: string) => {
    baseline = value;
    baselineName = name;
    showBaselineNote();
    if (!comparePanel.hidden) background(showCompare());
  };

  const loadRecords = (records: VisitRecords): Promise<RecordsSummary> => {
    const { name, text } = recordsText(records);
    const work = (async () => {
      let summary: RecordsSummary;
      try {
        summary = await screeningClient.request('load', { name, text });
      } catch (error) {
        showFailure(w.couldNotRead(name), error);
        throw error;
      }
      loaded = true;
      dirty = true;
      source.textContent = `${w.loadedNote(summary.name, summary.rows, summary.format === 'csv' ? 'CSV' : 'NDJSON')}${summary.warnings.length > 0 ? ` — ${summary.warnings.join('; ')}` : ''}`;
      table.setFilter(undefined);
      clear(explanation);
      explanation.append(h('p', { class: 'visit-hint' }, w.selectRow));
      await screenNow();
      return summary;
    })();
    const tracked = work.finally(() => {
      if (loading === tracked) loading = undefined;
    });
    loading = tracked;
    background(tracked);
    return work;
  };

  /** Waits for records being read, then screens if anything changed, then for the screening in flight. */
  const screened = async (): Promise<ScreeningResult | undefined> => {
    while (loading) await loading;
    if (dirty) {
      clearTimeout(timer);
      await screenNow();
    }
    while (inFlight) await inFlight;
    return latest;
  };

  // ---------------------------------------------------------------- events
  const changes = model.onDidChangeContent(() => {
    statusNote = '';
    changeListeners.emit(model.getValue());
    screenSoon();
  });
  formatButton.addEventListener('click', () => {
    editor.focus();
    void editor.getAction('editor.action.formatDocument')?.run();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) background(readFile(file).then((text) => loadRecords({ name: file.name, text })));
    fileInput.value = '';
  });
  exampleButton?.addEventListener('click', () => background(loadRecords(options.example!)));
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) screenSoon();
  });
  showIds.addEventListener('change', () => {
    dirty = true;
    background(screenNow());
  });
  helpButton.addEventListener('click', () => {
    help.hidden = !help.hidden;
    helpButton.setAttribute('aria-expanded', String(!help.hidden));
  });
  // The tabs in their order on screen; each shows its panel and refreshes what it shows.
  const tabs: { tab: HTMLButtonElement; panel: HTMLElement; show?: () => void }[] = [
    { tab: tabRecords, panel: recordsPanel },
    { tab: tabCompare, panel: comparePanel, show: () => background(showCompare()) },
    { tab: tabDoc, panel: docPanel, show: () => background(showDocument()) },
    { tab: tabLogic, panel: logicPanel, show: () => void showLogic() },
  ];
  const selectTab = (tab: HTMLButtonElement) => {
    for (const t of tabs) {
      const on = t.tab === tab;
      t.tab.setAttribute('aria-selected', String(on));
      t.tab.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
      if (on) t.show?.();
    }
  };
  tabs.forEach(({ tab }, i) => {
    tab.addEventListener('click', () => selectTab(tab));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!.tab;
      selectTab(next);
      next.focus();
    });
  });
  pinBaseline.addEventListener('click', () => setBaseline(model.getValue(), w.baselineAt(new Date().toLocaleTimeString(w.locale))));
  baselineFile.addEventListener('change', () => {
    const file = baselineFile.files?.[0];
    if (file) background(readFile(file).then((text) => setBaseline(text, file.name)));
    baselineFile.value = '';
  });
  docLang.addEventListener('change', () => background(showDocument()));
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
    background(readFile(file).then((text) => loadRecords({ name: file.name, text })));
  });
  const keys = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    // Ours while focus is in the editor component (or nowhere in particular on the page).
    const active = document.activeElement;
    if (active && active !== document.body && !root.contains(active)) return;
    const actions: Record<string, () => void> = {
      Digit1: () => editor.focus(),
      Digit2: () => {
        selectTab(tabRecords);
        table.focus();
      },
      Digit3: () => {
        selectTab(tabLogic);
        tabLogic.focus();
      },
      Digit4: () => {
        selectTab(tabCompare);
        tabCompare.focus();
      },
      Digit5: () => {
        selectTab(tabDoc);
        tabDoc.focus();
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
  if (options.records) background(loadRecords(options.records));

  return {
    editor,
    getValue: () => model.getValue(),
    setValue: (value) => {
      model.setValue(value);
      setBaseline(value, w.baselineAsLoaded);
    },
    setBaseline: (value) => setBaseline(value, w.baselineSetByPage),
    async compared() {
      await screened();
      // A comparison in flight may be of an older text: wait for it, then compare the text now.
      while (comparing) await comparing.catch(() => undefined);
      return compareNow();
    },
    document: (lang) => documentOf(lang ?? (docLang.value === 'da' ? 'da' : 'en')),
    loadRecords,
    setAsOf(date) {
      asOfInput.value = date;
      screenSoon();
    },
    async diagnostics() {
      const r = await languageClient.request('update', { uri: model.uri.toString(), text: model.getValue(), version: model.getVersionId() });
      return { diagnostics: r.diagnostics.map(publicDiagnostic), ms: r.ms };
    },
    jsonLogic,
    async explain(row) {
      if (typeof row !== 'number') return screeningClient.request('explain', { record: row, source: model.getValue(), asOf: asOfInput.value, params: overrides() });
      await screened();
      return screeningClient.request('explain', { row });
    },
    screened,
    onDiagnostics: (listener) => diagnosticsListeners.add(listener),
    onScreened: (listener) => screenedListeners.add(listener),
    onChange: (listener) => changeListeners.add(listener),
    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(timer);
      diagnosticsListeners.clear();
      screenedListeners.clear();
      changeListeners.clear();
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
