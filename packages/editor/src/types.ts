// The editor component's public types. This file imports nothing: its declaration file is shipped
// as is (dist-lib/types.d.ts), so an integrator's compiler needs neither Monaco's nor the engine's
// types, and the library's bundled dependencies stay out of the consumer's install.

/** Records to screen: CSV or NDJSON text, `{ name, text }` (a file's name and text), or objects (as NDJSON would hold them). */
export type VisitRecords = string | readonly Record<string, unknown>[] | { name: string; text: string };

export interface VisitEditorOptions {
  /** The rules text. */
  value?: string;
  /** Records to screen; screened as soon as they are read (`screened()` waits for them). */
  records?: VisitRecords;
  /** The reference date `YYYY-MM-DD` (default: today). */
  asOf?: string;
  /** Called with the rules text after every edit (the same as `handle.onChange(cb)`). */
  onChange?: (value: string) => void;
  /** Records offered by the "Example records" button (the app passes the bundled example). */
  example?: { name: string; text: string };
  /**
   * The language of everything the editor shows: its buttons, tabs, tables and messages, and the
   * diagnostics and hovers of the rules (default: the browser's, `navigator.language` — `da` or
   * `da-DK` is Danish, anything else English). The Document tab starts in it too. Monaco's own
   * widgets (find, context menu, command palette) are English in either.
   */
  lang?: 'da' | 'en';
}

/** A position in the rules: 0-based line and character (UTF-16 units), as in the Language Server Protocol. */
export interface VisitPosition {
  line: number;
  character: number;
}

/** A problem in the rules (the LSP `Diagnostic` shape): severity 1 error, 2 warning. */
export interface VisitDiagnostic {
  range: { start: VisitPosition; end: VisitPosition };
  severity?: 1 | 2 | 3 | 4;
  /** A stable code, e.g. `unknown-name`. */
  code?: string | number;
  source?: string;
  message: string;
}

/** The outcome of a programme for one record. */
export type OutcomeName = 'eligible' | 'ineligible' | 'undetermined';

export interface RecordsSummary {
  /** What was loaded: a file name, or "example". */
  name: string;
  format: 'csv' | 'ndjson';
  rows: number;
  /** Problems with the file as a whole (header, unknown columns, malformed lines). */
  warnings: string[];
}

export interface ParamInfo {
  name: string;
  label: string | null;
  /** The value as declared, as source text. */
  declared: string;
}

/** Every loaded record screened against the rules as they were at one moment. */
export interface ScreeningResult {
  /** The rules did not compile: the first problems, no outcomes. */
  errors: string[];
  asOf: string;
  groups: string[];
  groupLabels: (string | null)[];
  programs: string[];
  programLabels: (string | null)[];
  params: ParamInfo[];
  /** Per row: its id (masked when the key field is personal), or null. */
  ids: (string | null)[];
  /** Per row: 0 ok, 1 invalid. */
  status: Uint8Array;
  /** Row-major, rows × groups: 1 true, 0 false, 2 unknown (invalid rows: 3). */
  groupValues: Uint8Array;
  /** Row-major, rows × programs: 0 eligible, 1 ineligible, 2 undetermined (invalid rows: 3). */
  programValues: Uint8Array;
  /** Per programme: counts of eligible, ineligible, undetermined. */
  counts: number[][];
  invalid: number;
  /** Milliseconds for compiling and screening every record. */
  ms: number;
  /** The key field is personal: ids are masked unless asked for. */
  personalKey: boolean;
}

export interface FieldShown {
  name: string;
  label: string | null;
  /** The value as read; `•••` for a personal field. */
  value: string | number | boolean | null;
}

export interface LineShown {
  kind: 'require' | 'exclude';
  label: string | null;
  source: string;
  value: boolean | null;
  failed: boolean;
  fields: FieldShown[];
}

/** Why a record has its outcomes: every group's value and every requirement line, with the field values read. */
export interface RowExplanation {
  /** The loaded row (from 1), or 0 for a record passed to `explain`. */
  row: number;
  status: 'ok' | 'invalid';
  /** For an invalid row: every reason. */
  errors: string[];
  groups: { name: string; label: string | null; source: string; value: boolean | null; fields: FieldShown[] }[];
  programs: { name: string; label: string | null; outcome: OutcomeName; lines: LineShown[]; missing: string[] }[];
}

/** A JSON value (the JSON Logic document is one). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The rules as the portable JSON Logic document `visit compile` writes, or why there is none. */
export type JsonLogicResult = { ok: true; document: { [key: string]: JsonValue } } | { ok: false; errors: string[] };

/** How one programme's outcomes move from the baseline rules to the current ones (rows valid under both). */
export interface ProgramComparison {
  name: string;
  label: string | null;
  /** `matrix[from][to]`, indices 0 eligible, 1 ineligible, 2 undetermined: from the baseline, to now. */
  matrix: number[][];
  changed: number;
}

/** A row whose outcome of a programme changed (`invalid` when the row does not fit that side's record). */
export interface ChangedRowShown {
  row: number;
  /** Masked when the key field is personal, unless personal ids are shown. */
  id: string | null;
  program: string;
  old: OutcomeName | 'invalid';
  new: OutcomeName | 'invalid';
}

/** The current rules against a baseline on the loaded records (LANGUAGE.md §17, as `visit diff`). */
export interface Comparison {
  /** Either side did not compile: its first problems, prefixed with the side; nothing compared. */
  errors: string[];
  rows: number;
  /** Rows valid under both sides (each matrix sums to this). */
  valid: number;
  invalid: { both: number; oldOnly: number; newOnly: number };
  /** Rows with some programme's outcome changed. */
  changedRows: number;
  programs: ProgramComparison[];
  groups: { name: string; changed: number }[];
  /** Programmes in one side only. */
  onlyOld: string[];
  onlyNew: string[];
  /** The requirement lines whose change moved rows, as sentences with their counts. */
  lines: { program: string; text: string; rows: number }[];
  /** The first changed rows (at most 500), in row order. */
  changed: ChangedRowShown[];
  ms: number;
}

/** The rules as a document for people (`visit doc`), or why there is none. */
export type RulesDocument = { ok: true; html: string } | { ok: false; errors: string[] };

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** What `mountVisitEditor` returns. Every method is safe to call right after mounting. */
export interface VisitEditorHandle {
  getValue(): string;
  setValue(value: string): void;
  /** Reads and screens records (replacing those loaded); resolves when they are screened. */
  loadRecords(records: VisitRecords): Promise<RecordsSummary>;
  setAsOf(date: string): void;
  /** The problems of the current text, checked now (no debounce), and the checker's time for it. */
  diagnostics(): Promise<{ diagnostics: VisitDiagnostic[]; ms: number }>;
  /** The current rules (at the current `as of` and param values) as JSON Logic. */
  jsonLogic(): Promise<JsonLogicResult>;
  /**
   * The explanation of a loaded row (from 1, as in the table) under the current rules, or of a
   * record given as an object. Rejects when the rules have errors or there is no such row.
   */
  explain(row: number | Record<string, unknown>): Promise<RowExplanation>;
  /**
   * Resolves when the current rules, date and params have screened the records (waiting for
   * records given at mount time or being loaded); `undefined` when no records are loaded.
   * Rejects when screening fails (the error is also shown in the editor's status line).
   */
  screened(): Promise<ScreeningResult | undefined>;
  /**
   * The rules compared with: the text given at mount time or by the last `setValue` (a loaded
   * version), until set here. The Compare tab shows the current text against it.
   */
  setBaseline(value: string): void;
  /** The current rules against the baseline on the loaded records (now, not debounced); `undefined` when no records are loaded. */
  compared(): Promise<Comparison | undefined>;
  /** The current rules as a document for people, in Danish or English (`visit doc`). */
  document(lang?: 'da' | 'en'): Promise<RulesDocument>;
  /** After each check of the text (debounced while typing): every problem. */
  onDiagnostics(listener: (diagnostics: VisitDiagnostic[]) => void): Unsubscribe;
  /** After each screening of the loaded records. */
  onScreened(listener: (result: ScreeningResult) => void): Unsubscribe;
  /** After every edit of the rules, with the new text. */
  onChange(listener: (value: string) => void): Unsubscribe;
  /** Removes the editor from the page, stops its workers and every listener. */
  dispose(): void;
}
