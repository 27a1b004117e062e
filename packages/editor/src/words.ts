// Every text the editor draws itself (buttons, tabs, headings, the status line, table headings,
// aria-labels, tooltips, the messages of its panels), in English and Danish: one typed catalogue
// per language, of the same shape (test/editor-words.test.ts checks that every entry has both and
// keeps its arguments). The diagnostics and hovers come from the dsl, in the same language (the
// workers set it); Monaco's own widgets (find, context menu, command palette) stay English.
// The Danish follows the CLI's reports (@visit/batch): "borgere", "indsats", "opfylder
// (kriterierne)", "uafklaret", "udgangspunkt". Names from the rules, line sources, keywords, column
// names and dates stay as they are. This file imports nothing, so the workers can use it too.

export type EditorLanguage = 'da' | 'en';

export type OutcomeWord = 'eligible' | 'ineligible' | 'undetermined';

export interface EditorWords {
  /** How numbers and times are written (1,234 / 1.234). */
  locale: string;
  /** The app's page title (`pnpm editor`; an integrator's page has its own). */
  appTitle: string;
  // ------------------------------------------------------------ toolbar and help
  toolbar: string;
  tagline: string;
  format: string;
  formatTitle: string;
  loadRecords: string;
  loadRecordsLabel: string;
  exampleRecords: string;
  exampleRecordsTitle: string;
  asOf: string;
  keyboardShortcuts: string;
  f1: string;
  shortcuts: {
    focusEditor: string;
    focusTable: string;
    showLogic: string;
    compare: string;
    document: string;
    loadFile: string;
    loadExample: string;
    asOf: string;
    format: string;
    rename: string;
    definition: string;
    outline: string;
    complete: string;
    nextProblem: string;
    table: string;
  };
  // ------------------------------------------------------------ layout
  rulesEditor: string;
  monacoLabel: string;
  paramsGroup: string;
  whatIf: string;
  panel: string;
  views: string;
  tabRecords: string;
  tabCompare: string;
  tabDocument: string;
  tabLogic: string;
  // ------------------------------------------------------------ status line
  noProblems: string;
  problems: (errors: number, warnings: number) => string;
  notFormatted: (reason: string) => string;
  // ------------------------------------------------------------ records
  noRecords: string;
  loadedNote: (name: string, rows: number, format: string) => string;
  couldNotRead: (name: string) => string;
  screeningFailed: string;
  rulesHaveErrors: string;
  recordsCount: (n: number) => string;
  invalidCount: (n: number) => string;
  screenedNote: (records: number, ms: number, asOf: string) => string;
  showOnly: Record<OutcomeWord, (programme: string) => string>;
  showIds: string;
  outcome: Record<OutcomeWord, string>;
  /** A group's value in the table. */
  group: { no: string; yes: string; unknown: string };
  /** A requirement line's or a group's value in the explanation. */
  value: { true: string; false: string; unknown: string };
  grid: string;
  colRow: string;
  colId: string;
  noMatch: string;
  invalidRecord: string;
  // ------------------------------------------------------------ explanation
  explanationLabel: string;
  selectRow: string;
  rowHeading: (row: number) => string;
  idSuffix: (id: string) => string;
  notFit: string;
  fails: string;
  missing: string;
  missingNote: (fields: string) => string;
  targetGroups: (n: number) => string;
  // ------------------------------------------------------------ JSON Logic
  logicLabel: string;
  noJsonLogic: (reason: string) => string;
  // ------------------------------------------------------------ compare
  compareFileLabel: string;
  pinBaseline: string;
  pinBaselineTitle: string;
  compareWithFile: string;
  loadToCompare: string;
  baselineNote: (name: string) => string;
  baselineAsLoaded: string;
  baselineAt: (time: string) => string;
  baselineSetByPage: string;
  couldNotCompare: (reason: string) => string;
  nothingCompared: string;
  noChanges: (records: number) => string;
  changes: (changed: number, records: number) => string;
  invalidNote: (both: number, baselineOnly: number, nowOnly: number) => string;
  matrixChanges: (n: number) => string;
  matrixCorner: string;
  onlyInBaseline: (name: string) => string;
  onlyNow: (name: string) => string;
  oneSided: (names: string) => string;
  groupsThatChange: (groups: string) => string;
  linesThatMoved: string;
  changedRecords: string;
  changedRecordsFirst: (n: number) => string;
  changedColumns: { row: string; id: string; programme: string; baseline: string; now: string };
  invalid: string;
  // ------------------------------------------------------------ document
  documentLanguage: string;
  documentLanguageLabel: string;
  documentLabel: string;
  noDocument: string;
  // ------------------------------------------------------------ from the screening worker
  line: (line: number, message: string) => string;
  baselinePrefix: (message: string) => string;
  currentPrefix: (message: string) => string;
  noRecordsLoaded: string;
  explainNeedsRules: string;
  noSuchRow: (row: number) => string;
}

const s = (n: number, one: string, many: string) => (n === 1 ? one : many);
const N = (n: number) => n.toLocaleString('en-US');
const D = (n: number) => n.toLocaleString('da-DK');

export const en: EditorWords = {
  locale: 'en-US',
  appTitle: 'Visit — rules and screening',
  toolbar: 'Visit editor',
  tagline: 'target groups and eligibility criteria',
  format: 'Format',
  formatTitle: 'Format the rules (Shift+Alt+F)',
  loadRecords: 'Load records…',
  loadRecordsLabel: 'Load records file (Alt+O)',
  exampleRecords: 'Example records',
  exampleRecordsTitle: 'Load the example records (Alt+E)',
  asOf: 'As of',
  keyboardShortcuts: 'Keyboard shortcuts',
  f1: 'F1 opens every editor command.',
  shortcuts: {
    focusEditor: 'Focus the rules editor',
    focusTable: 'Focus the records table',
    showLogic: 'Show the JSON Logic',
    compare: 'Compare with the baseline rules',
    document: 'Show the rules as a document',
    loadFile: 'Load a records file (CSV or NDJSON)',
    loadExample: 'Load the example records',
    asOf: 'Set the reference date (as of)',
    format: 'Format the rules',
    rename: 'Rename a group, param or let',
    definition: 'Go to definition / find references',
    outline: 'Go to a declaration (outline)',
    complete: 'Complete',
    nextProblem: 'Go to the next problem',
    table: 'In the table: move, explain the row',
  },
  rulesEditor: 'Rules editor (Alt+1)',
  monacoLabel: 'Visit rules',
  paramsGroup: 'Param values (what-if)',
  whatIf: 'What if',
  panel: 'Records and screening',
  views: 'Views',
  tabRecords: 'Records',
  tabCompare: 'Compare',
  tabDocument: 'Document',
  tabLogic: 'JSON Logic',
  noProblems: 'No problems',
  problems: (e, w) => `${N(e)} ${s(e, 'error', 'errors')}, ${N(w)} ${s(w, 'warning', 'warnings')}`,
  notFormatted: (reason) => `Not formatted: ${reason}`,
  noRecords: 'No records loaded. Load a CSV or NDJSON file, drop one here, or use the example records. The records stay in this page.',
  loadedNote: (name, rows, format) => `${name}: ${N(rows)} ${format} ${s(rows, 'row', 'rows')} (kept in this page only)`,
  couldNotRead: (name) => `Could not read ${name}`,
  screeningFailed: 'Screening failed',
  rulesHaveErrors: 'The rules have errors, so nothing was screened:',
  recordsCount: (n) => `${N(n)} ${s(n, 'record', 'records')}`,
  invalidCount: (n) => `${N(n)} invalid`,
  screenedNote: (n, ms, asOf) => `${N(n)} ${s(n, 'record', 'records')} screened in ${N(ms)} ms (as of ${asOf})`,
  showOnly: {
    eligible: (p) => `Show only the eligible records for ${p}`,
    ineligible: (p) => `Show only the ineligible records for ${p}`,
    undetermined: (p) => `Show only the undetermined records for ${p}`,
  },
  showIds: 'Show personal ids',
  outcome: { eligible: 'eligible', ineligible: 'ineligible', undetermined: 'undetermined' },
  group: { no: 'no', yes: 'yes', unknown: 'unknown' },
  value: { true: 'true', false: 'false', unknown: 'unknown' },
  grid: 'Screened records: arrow keys to move, Enter to explain',
  colRow: 'Row',
  colId: 'Id',
  noMatch: 'No records match this filter.',
  invalidRecord: 'invalid record',
  explanationLabel: 'Explanation of the selected row',
  selectRow: 'Select a row to see why.',
  rowHeading: (row) => `Row ${row}`,
  idSuffix: (id) => ` · id ${id}`,
  notFit: 'This record does not fit the record declaration:',
  fails: 'fails',
  missing: 'missing',
  missingNote: (fields) => `Missing, and would decide it: ${fields}`,
  targetGroups: (n) => `Target groups (${N(n)})`,
  logicLabel: 'JSON Logic of the rules',
  noJsonLogic: (reason) => `No JSON Logic: ${reason}`,
  compareFileLabel: 'Compare with a rules file',
  pinBaseline: 'Use current rules as baseline',
  pinBaselineTitle: 'Compare later edits with the rules as they are now',
  compareWithFile: 'Compare with a file…',
  loadToCompare: 'Load records to compare.',
  baselineNote: (name) => `Baseline: ${name}`,
  baselineAsLoaded: 'the rules as loaded',
  baselineAt: (time) => `the rules as they were at ${time}`,
  baselineSetByPage: 'set by the page',
  couldNotCompare: (reason) => `Could not compare: ${reason}`,
  nothingCompared: 'Nothing compared: the rules have errors',
  noChanges: (n) => `No outcome changes on ${N(n)} ${s(n, 'record', 'records')}.`,
  changes: (changed, n) => `${N(changed)} ${s(changed, 'record changes', 'records change')} outcome, of ${N(n)}.`,
  invalidNote: (both, old, now) => ` Invalid: ${N(both)} under both, ${N(old)} only under the baseline, ${N(now)} only now.`,
  matrixChanges: (n) => ` — ${N(n)} ${s(n, 'change', 'changes')}`,
  matrixCorner: 'baseline \\ now',
  onlyInBaseline: (name) => `${name} (only in the baseline)`,
  onlyNow: (name) => `${name} (new)`,
  oneSided: (names) => `Programmes in one side only: ${names}.`,
  groupsThatChange: (groups) => `Groups that change: ${groups}.`,
  linesThatMoved: 'The lines that moved records',
  changedRecords: 'Changed records',
  changedRecordsFirst: (n) => `Changed records (the first ${N(n)})`,
  changedColumns: { row: 'row', id: 'id', programme: 'programme', baseline: 'baseline', now: 'now' },
  invalid: 'invalid',
  documentLanguage: 'Language',
  documentLanguageLabel: 'Language of the document',
  documentLabel: 'The rules as a document',
  noDocument: 'No document: the rules have errors',
  line: (line, message) => `line ${line}: ${message}`,
  baselinePrefix: (message) => `Baseline: ${message}`,
  currentPrefix: (message) => `Current rules: ${message}`,
  noRecordsLoaded: 'no records are loaded',
  explainNeedsRules: 'the rules have errors: fix them to see explanations',
  noSuchRow: (row) => `there is no row ${row}`,
};

export const da: EditorWords = {
  locale: 'da-DK',
  appTitle: 'Visit — regler og visitation',
  toolbar: 'Visit-editor',
  tagline: 'målgrupper og visitationskriterier',
  format: 'Formatér',
  formatTitle: 'Formatér reglerne (Shift+Alt+F)',
  loadRecords: 'Indlæs borgere…',
  loadRecordsLabel: 'Indlæs en fil med borgere (Alt+O)',
  exampleRecords: 'Eksempeldata',
  exampleRecordsTitle: 'Indlæs eksempeldata (Alt+E)',
  asOf: 'Skæringsdato',
  keyboardShortcuts: 'Tastaturgenveje',
  f1: 'F1 åbner alle editorens kommandoer.',
  shortcuts: {
    focusEditor: 'Gå til reglerne',
    focusTable: 'Gå til tabellen med borgere',
    showLogic: 'Vis reglerne som JSON Logic',
    compare: 'Sammenlign med udgangspunktet',
    document: 'Vis reglerne som dokument',
    loadFile: 'Indlæs en fil med borgere (CSV eller NDJSON)',
    loadExample: 'Indlæs eksempeldata',
    asOf: 'Vælg skæringsdato',
    format: 'Formatér reglerne',
    rename: 'Omdøb en målgruppe, en parameter eller en let-værdi',
    definition: 'Gå til definitionen / find, hvor navnet bruges',
    outline: 'Gå til en erklæring (oversigt)',
    complete: 'Vis forslag',
    nextProblem: 'Gå til næste problem',
    table: 'I tabellen: flyt markeringen, forklar rækken',
  },
  rulesEditor: 'Regler (Alt+1)',
  monacoLabel: 'Visit-regler',
  paramsGroup: 'Parameterværdier (hvad nu hvis)',
  whatIf: 'Hvad nu hvis',
  panel: 'Borgere og screening',
  views: 'Visninger',
  tabRecords: 'Borgere',
  tabCompare: 'Sammenlign',
  tabDocument: 'Dokument',
  tabLogic: 'JSON Logic',
  noProblems: 'Ingen problemer',
  problems: (e, w) => `${D(e)} fejl, ${D(w)} ${s(w, 'advarsel', 'advarsler')}`,
  notFormatted: (reason) => `Ikke formateret: ${reason}`,
  noRecords:
    'Ingen borgere indlæst. Indlæs en CSV- eller NDJSON-fil, træk en fil herind, eller brug eksempeldata. Oplysningerne bliver i denne side og sendes ingen steder hen.',
  loadedNote: (name, rows, format) => `${name}: ${D(rows)} ${s(rows, 'række', 'rækker')} (${format}, kun i denne side)`,
  couldNotRead: (name) => `Kunne ikke læse ${name}`,
  screeningFailed: 'Screeningen mislykkedes',
  rulesHaveErrors: 'Reglerne har fejl, så ingen borgere er screenet:',
  recordsCount: (n) => `${D(n)} ${s(n, 'borger', 'borgere')}`,
  invalidCount: (n) => `${D(n)} ${s(n, 'ugyldig', 'ugyldige')}`,
  screenedNote: (n, ms, asOf) => `${D(n)} ${s(n, 'borger', 'borgere')} screenet på ${D(ms)} ms (skæringsdato ${asOf})`,
  showOnly: {
    eligible: (p) => `Vis kun de borgere, der opfylder kriterierne for ${p}`,
    ineligible: (p) => `Vis kun de borgere, der ikke opfylder kriterierne for ${p}`,
    undetermined: (p) => `Vis kun de borgere, hvor det ikke kan afgøres, om de opfylder kriterierne for ${p}`,
  },
  showIds: 'Vis personlige id’er',
  outcome: { eligible: 'opfylder', ineligible: 'opfylder ikke', undetermined: 'uafklaret' },
  group: { no: 'nej', yes: 'ja', unknown: 'ukendt' },
  value: { true: 'ja', false: 'nej', unknown: 'ukendt' },
  grid: 'Screenede borgere: piletasterne flytter, Enter forklarer',
  colRow: 'Række',
  colId: 'Id',
  noMatch: 'Ingen borgere passer til filteret.',
  invalidRecord: 'ugyldig række',
  explanationLabel: 'Forklaring af den valgte række',
  selectRow: 'Vælg en række for at se hvorfor.',
  rowHeading: (row) => `Række ${row}`,
  idSuffix: (id) => ` · id ${id}`,
  notFit: 'Rækken passer ikke til reglernes record-erklæring:',
  fails: 'ikke opfyldt',
  missing: 'mangler',
  missingNote: (fields) => `Mangler, og ville afgøre udfaldet: ${fields}`,
  targetGroups: (n) => `Målgrupper (${D(n)})`,
  logicLabel: 'Reglerne som JSON Logic',
  noJsonLogic: (reason) => `Ingen JSON Logic: ${reason}`,
  compareFileLabel: 'Sammenlign med en regelfil',
  pinBaseline: 'Brug de nuværende regler som udgangspunkt',
  pinBaselineTitle: 'Sammenlign senere ændringer med reglerne, som de er nu',
  compareWithFile: 'Sammenlign med en fil…',
  loadToCompare: 'Indlæs borgere for at sammenligne.',
  baselineNote: (name) => `Udgangspunkt: ${name}`,
  baselineAsLoaded: 'reglerne, som de blev indlæst',
  baselineAt: (time) => `reglerne, som de var kl. ${time}`,
  baselineSetByPage: 'sat af siden',
  couldNotCompare: (reason) => `Kunne ikke sammenligne: ${reason}`,
  nothingCompared: 'Intet at sammenligne: reglerne har fejl',
  noChanges: (n) => `Ingen borgere får et andet udfald (${D(n)} i alt).`,
  changes: (changed, n) => `${D(changed)} af ${D(n)} ${s(n, 'borger', 'borgere')} får et andet udfald.`,
  invalidNote: (both, old, now) => ` Ugyldige: ${D(both)} efter begge regelsæt, ${D(old)} kun efter udgangspunktet, ${D(now)} kun nu.`,
  matrixChanges: (n) => ` — ${D(n)} ${s(n, 'ændring', 'ændringer')}`,
  matrixCorner: 'udgangspunkt \\ nu',
  onlyInBaseline: (name) => `${name} (kun i udgangspunktet)`,
  onlyNow: (name) => `${name} (ny)`,
  oneSided: (names) => `Indsatser, der kun findes i det ene regelsæt: ${names}.`,
  groupsThatChange: (groups) => `Målgrupper, der ændres: ${groups}.`,
  linesThatMoved: 'De linjer, der flyttede borgere',
  changedRecords: 'Borgere med et andet udfald',
  changedRecordsFirst: (n) => `Borgere med et andet udfald (de første ${D(n)})`,
  changedColumns: { row: 'række', id: 'id', programme: 'indsats', baseline: 'udgangspunkt', now: 'nu' },
  invalid: 'ugyldig',
  documentLanguage: 'Sprog',
  documentLanguageLabel: 'Dokumentets sprog',
  documentLabel: 'Reglerne som dokument',
  noDocument: 'Intet dokument: reglerne har fejl',
  line: (line, message) => `linje ${line}: ${message}`,
  baselinePrefix: (message) => `Udgangspunkt: ${message}`,
  currentPrefix: (message) => `De nuværende regler: ${message}`,
  noRecordsLoaded: 'der er ikke indlæst nogen borgere',
  explainNeedsRules: 'reglerne har fejl: ret dem for at se forklaringer',
  noSuchRow: (row) => `der er ingen række ${row}`,
};

export const WORDS: Record<EditorLanguage, EditorWords> = { en, da };

/** The editor's language: the mount option, else the browser's (`da`, `da-DK` → Danish), else English. */
export function editorLanguage(option?: EditorLanguage, browser: string | undefined = typeof navigator !== 'undefined' ? navigator.language : undefined): EditorLanguage {
  if (option === 'da' || option === 'en') return option;
  return browser !== undefined && /^da(?:-|_|$)/i.test(browser) ? 'da' : 'en';
}

/** A count as the language writes it (10,000 / 10.000). */
export function formatNumber(w: EditorWords, n: number): string {
  return n.toLocaleString(w.locale);
}
