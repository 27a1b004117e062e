// Typed messages between the page and its workers. Each worker serves a map of methods; a request
// names a method and carries its params, a response carries its result or an error message.
import type * as lsp from 'vscode-languageserver-types';
import type { Comparison, JsonLogicResult, OutcomeName, RecordsSummary, RowExplanation, RulesDocument, ScreeningResult } from '../types';

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
  /** The language of diagnostics and hovers from now on (sent first, before any text). */
  setLanguage: { params: { lang: 'da' | 'en' }; result: null };
  /** Sets the text; returns the diagnostics of that version. */
  update: { params: { uri: string; text: string; version: number }; result: { version: number; diagnostics: lsp.Diagnostic[]; /** Time the worker took to check. */ ms: number } };
  setParams: { params: { params: Record<string, string> }; result: null };
  complete: { params: { uri: string; position: lsp.Position }; result: lsp.CompletionList };
  hover: { params: { uri: string; position: lsp.Position }; result: lsp.Hover | null };
  definition: { params: { uri: string; position: lsp.Position }; result: lsp.Location[] };
  references: { params: { uri: string; position: lsp.Position; includeDeclaration: boolean }; result: lsp.Location[] };
  documentSymbols: { params: { uri: string }; result: lsp.DocumentSymbol[] };
  formatting: { params: { uri: string }; result: { edits: lsp.TextEdit[] } | { error: string } };
  rangeFormatting: { params: { uri: string; range: lsp.Range }; result: { edits: lsp.TextEdit[] } | { error: string } };
  prepareRename: { params: { uri: string; position: lsp.Position }; result: { range: lsp.Range; placeholder: string } | { error: string } };
  rename: { params: { uri: string; position: lsp.Position; newName: string }; result: { edit: lsp.WorkspaceEdit } | { error: string } };
}

// ------------------------------------------------------------------ the screening worker

/** The outcome of a programme for one record, as a small code: 0 eligible, 1 ineligible, 2 undetermined. */
export const OUTCOMES = ['eligible', 'ineligible', 'undetermined'] as const satisfies readonly OutcomeName[];

// The results are part of the component's public API: their types live in ../types.
export type { ChangedRowShown, Comparison, ProgramComparison, RulesDocument, FieldShown, JsonLogicResult, LineShown, OutcomeName, ParamInfo, RecordsSummary, RowExplanation, ScreeningResult } from '../types';

export interface ScreeningMethods {
  /** The language of the rules' errors and the worker's messages from now on (sent first). */
  setLanguage: { params: { lang: 'da' | 'en' }; result: null };
  /** Parses a file's text (CSV with `,` or `;`, or NDJSON) and keeps its records in the worker. */
  load: { params: { name: string; text: string }; result: RecordsSummary };
  /** Compiles the rules and screens every loaded record. */
  screen: { params: { source: string; asOf: string; params: Record<string, string>; showIds: boolean }; result: ScreeningResult };
  /** A loaded row (from 1) under the rules last screened, or a record (as NDJSON would hold it) under the given rules. */
  explain: { params: { row: number } | { record: Record<string, unknown>; source: string; asOf: string; params: Record<string, string> }; result: RowExplanation };
  /** The current rules against a baseline on the loaded records (undefined without records). */
  compare: { params: { baseline: string; source: string; asOf: string; params: Record<string, string>; showIds: boolean }; result: Comparison | undefined };
  /** The rules as a document for people (`visit doc`). */
  document: { params: { source: string; lang: 'da' | 'en'; asOf: string }; result: RulesDocument };
  /** The rules (compiled now, or reused when unchanged since the last screening) as JSON Logic. */
  jsonLogic: { params: { source: string; asOf: string; params: Record<string, string> }; result: JsonLogicResult };
}
