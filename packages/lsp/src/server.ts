// The Visit language server: LSP over a connection, every feature answered by @visit/dsl's
// LanguageService (the same functions the Monaco editor's worker calls). Nothing here parses,
// checks or formats: it keeps the open documents, publishes diagnostics and translates requests.
//
//   import { createConnection } from 'vscode-languageserver/node';
//   startServer(createConnection(process.stdin, process.stdout));
//
// Diagnostics: on open at once, on change after DIAGNOSTICS_DELAY_MS of quiet, and only for the
// version that is still the latest when the check is done (a stale version is never published).
//
// Language: the diagnostics speak the client's locale (`initialize`'s `locale`: "da", "da-DK" →
// Danish, anything else English); `initializationOptions.lang` ('da' | 'en') overrides it.

import { LanguageService, SEMANTIC_TOKENS_LEGEND, withLanguage, type Language } from '@visit/dsl';
import { latestStart } from '@visit/engine';
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Quiet time after the last change before the document is checked and diagnostics published. */
export const DIAGNOSTICS_DELAY_MS = 200;

export interface ServerOptions {
  /** Override of DIAGNOSTICS_DELAY_MS (tests may shorten it; 0 publishes on the next tick). */
  diagnosticsDelayMs?: number;
  /**
   * The reference date (ISO), asked at each request: the date a code action pins a test to with
   * `as of`, and the date inlay hints read criteria on. Without it, neither is offered (`visit
   * lsp` passes --as-of, else today).
   */
  referenceDate?: () => string;
}

export const SERVER_NAME = 'visit-language-server';

/** The language of the messages for a client: `initializationOptions.lang` when it is one, else the client's locale. */
export function clientLanguage(locale: string | undefined, initializationOptions: unknown): Language {
  const asked = typeof initializationOptions === 'object' && initializationOptions !== null ? (initializationOptions as { lang?: unknown }).lang : undefined;
  if (asked === 'da' || asked === 'en') return asked;
  return locale !== undefined && /^da(?:$|[-_])/i.test(locale) ? 'da' : 'en';
}

export function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
    // The editor's (packages/editor) trigger characters: after a space, '(' and ','.
    completionProvider: { triggerCharacters: [' ', '(', ','] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    renameProvider: { prepareProvider: true },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    foldingRangeProvider: true,
    inlayHintProvider: true,
  };
}

/** Wires the Visit language service to `connection` and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const delay = options.diagnosticsDelayMs ?? DIAGNOSTICS_DELAY_MS;
  const service = new LanguageService();
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let lang: Language = 'en';
  /** Every call into the service speaks the client's language (the service checks lazily, in whichever call comes first). */
  const speak = <R>(f: () => R): R => withLanguage(lang, f);

  /** The service's document for the open text (update() is a no-op when the version is current). */
  const sync = (uri: string): boolean => {
    const doc = documents.get(uri);
    if (!doc) return false;
    speak(() => service.update(uri, doc.getText(), doc.version));
    return true;
  };

  const publish = (uri: string, version: number): void => {
    const doc = documents.get(uri);
    // Closed, or changed again since this check was planned: the newer version publishes.
    if (!doc || doc.version !== version) return;
    sync(uri);
    const diagnostics = speak(() => service.diagnostics(uri));
    if (documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = (uri: string, version: number, wait: number): void => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri, version);
      }, wait),
    );
  };

  // TextDocuments fires onDidOpen, then onDidChangeContent, for an open: an opened document is
  // checked at once, a changed one after the quiet time.
  const opened = new Set<string>();
  documents.onDidOpen((e) => opened.add(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri, e.document.version, opened.delete(e.document.uri) ? 0 : delay));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    service.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onInitialize((p) => {
    lang = clientLanguage(p.locale, p.initializationOptions);
    return { capabilities: capabilities(), serverInfo: { name: SERVER_NAME } };
  });

  const withDoc = <R>(uri: string, empty: R, f: () => R): R => (sync(uri) ? speak(f) : empty);

  connection.onCompletion((p) => withDoc(p.textDocument.uri, null, () => service.complete(p.textDocument.uri, p.position)));
  connection.onHover((p) => withDoc(p.textDocument.uri, null, () => service.hover(p.textDocument.uri, p.position)));
  connection.onDefinition((p) => withDoc(p.textDocument.uri, [], () => service.definition(p.textDocument.uri, p.position)));
  connection.onReferences((p) =>
    withDoc(p.textDocument.uri, [], () => service.references(p.textDocument.uri, p.position, p.context.includeDeclaration)),
  );
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], () => service.documentSymbols(p.textDocument.uri)));
  connection.onDocumentFormatting((p) =>
    withDoc(p.textDocument.uri, null, () => {
      const r = service.formatting(p.textDocument.uri);
      // A file that does not parse is left as it is; the client shows why.
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r.edits;
    }),
  );
  connection.onDocumentRangeFormatting((p) =>
    withDoc(p.textDocument.uri, null, () => {
      const r = service.rangeFormatting(p.textDocument.uri, p.range);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r.edits;
    }),
  );
  connection.onPrepareRename((p) =>
    withDoc(p.textDocument.uri, null, () => {
      const r = service.prepareRename(p.textDocument.uri, p.position);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    }),
  );
  connection.onRenameRequest((p) =>
    withDoc(p.textDocument.uri, null, () => {
      const r = service.rename(p.textDocument.uri, p.position, p.newName);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r.edit;
    }),
  );

  connection.onCodeAction((p) =>
    withDoc(p.textDocument.uri, [], () => {
      const date = options.referenceDate?.();
      const all = service.codeActions(p.textDocument.uri, p.range, date === undefined ? {} : { referenceDate: date });
      const only = p.context.only;
      return only ? all.filter((a) => only.some((k) => a.kind === k || a.kind?.startsWith(`${k}.`))) : all;
    }),
  );

  connection.languages.semanticTokens.on((p) => withDoc(p.textDocument.uri, { data: [] }, () => service.semanticTokens(p.textDocument.uri)));

  connection.onFoldingRanges((p) => withDoc(p.textDocument.uri, [], () => service.foldingRanges(p.textDocument.uri)));

  connection.languages.inlayHint.on((p) =>
    withDoc(p.textDocument.uri, [], () => {
      const date = options.referenceDate?.();
      return date === undefined ? [] : service.inlayHints(p.textDocument.uri, p.range, { referenceDate: date, latestStart });
    }),
  );

  documents.listen(connection);
  connection.listen();
}
