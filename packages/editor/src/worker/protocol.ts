// Typed messages between the page and its workers. Each worker serves a map of methods; a request
// names a method and carries its params, a response carries its result or an error message.
import type * as lsp from 'vscode-languageserver-types';

/** A worker's methods: name → params and result. */
export type Methods<M> = { [K in keyof M]: { params: unknown; result: unknown } };

export interface Request<M extends Methods<M>, K extends keyof M = keyof M> {
  id: number;
  method: K;
  params: M[K]['params'];
}

export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type Handlers<M extends Methods<M>> = { [K in keyof M]: (params: M[K]['params']) => M[K]['result'] | Promise<M[K]['result']> };

// ------------------------------------------------------------------ the language service worker

export interface LanguageMethods {
  /** Sets the text; returns the diagnostics of that version. */
  update: { params: { uri: string; text: string; version: number }; result: { version: number; diagnostics: lsp.Diagnostic[]; /** Time the worker took to check. */ ms: number } };
  setParams: { params: { params: Record<string, string> }; result: null };
  complete: { params: { uri: string; position: lsp.Position }; result: lsp.CompletionList };
  hover: { params: { uri: string; position: lsp.Position }; result: lsp.Hover | null };
  definition: { params: { uri: string; position: lsp.Position }; result: lsp.Location[] };
  references: { params: { uri: string; position: lsp.Position; includeDeclaration: boolean }; result: lsp.Location[] };
  documentSymbols: { params: { uri: string }; result: lsp.DocumentSymbol[] };
  formatting: { params: { uri: string }; result: { edits: lsp.TextEdit[] } | { error: string } };
  prepareRename: { params: { uri: string; position: lsp.Position }; result: { range: lsp.Range; placeholder: string } | { error: string } };
  rename: { params: { uri: string; position: lsp.Position; newName: string }; result: { edit: lsp.WorkspaceEdit } | { error: string } };
}

// ------------------------------------------------------------------ the screening worker

/** The outcome of a programme for one record, as a small code: 0 eligible, 1 ineligible, 2 undetermined. */
export const OUTCOMES = ['eligible', 'ineligible', 'undetermined'] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

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
  /** Row-major, rows × programs: index into OUTCOMES (invalid rows: 3). */
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

export interface RowExplanation {
  row: number;
  status: 'ok' | 'invalid';
  /** For an invalid row: every reason. */
  errors: string[];
  groups: { name: string; label: string | null; source: string; value: boolean | null; fields: FieldShown[] }[];
  programs: { name: string; label: string | null; outcome: OutcomeName; lines: LineShown[]; missing: string[] }[];
}

export interface ScreeningMethods {
  /** Parses a file's text (CSV with `,` or `;`, or NDJSON) and keeps its records in the worker. */
  load: { params: { name: string; text: string }; result: RecordsSummary };
  /** Compiles the rules and screens every loaded record. */
  screen: { params: { source: string; asOf: string; params: Record<string, string>; showIds: boolean }; result: ScreeningResult };
  explain: { params: { row: number }; result: RowExplanation };
  jsonLogic: { params: Record<string, never>; result: { json: string } | { error: string } };
}
