// Thin adapters from Monaco's provider interfaces to the language service worker: convert
// positions and ranges, debounce diagnostics into markers, dispose cleanly.
import * as lsp from 'vscode-languageserver-types';
import type { WorkerClient } from '../worker/client';
import type { LanguageMethods } from '../worker/protocol';
import { monaco } from './monaco';
import { conf, defineTheme, language } from './monarch';

export const LANGUAGE_ID = 'visit';

type Model = monaco.editor.ITextModel;

let registered = false;
/** Registers the language, its highlighting and its configuration (once per page). */
export function registerVisitLanguage(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.visit'], aliases: ['Visit'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, language());
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, conf);
  defineTheme(monaco);
}

export const toPosition = (p: monaco.IPosition): lsp.Position => ({ line: p.lineNumber - 1, character: p.column - 1 });
export const toRange = (r: lsp.Range): monaco.IRange => ({
  startLineNumber: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1,
  endColumn: r.end.character + 1,
});

const completionKinds = new Map<number, monaco.languages.CompletionItemKind>([
  [lsp.CompletionItemKind.Keyword, monaco.languages.CompletionItemKind.Keyword],
  [lsp.CompletionItemKind.Field, monaco.languages.CompletionItemKind.Field],
  [lsp.CompletionItemKind.Enum, monaco.languages.CompletionItemKind.Enum],
  [lsp.CompletionItemKind.EnumMember, monaco.languages.CompletionItemKind.EnumMember],
  [lsp.CompletionItemKind.Variable, monaco.languages.CompletionItemKind.Variable],
  [lsp.CompletionItemKind.Constant, monaco.languages.CompletionItemKind.Constant],
  [lsp.CompletionItemKind.Class, monaco.languages.CompletionItemKind.Class],
  [lsp.CompletionItemKind.Module, monaco.languages.CompletionItemKind.Module],
  [lsp.CompletionItemKind.Function, monaco.languages.CompletionItemKind.Function],
  [lsp.CompletionItemKind.Unit, monaco.languages.CompletionItemKind.Unit],
  [lsp.CompletionItemKind.TypeParameter, monaco.languages.CompletionItemKind.TypeParameter],
  [lsp.CompletionItemKind.Snippet, monaco.languages.CompletionItemKind.Snippet],
]);

function markdown(contents: lsp.Hover['contents']): monaco.IMarkdownString[] {
  if (typeof contents === 'string') return [{ value: contents }];
  if (Array.isArray(contents)) return contents.map((c) => ({ value: typeof c === 'string' ? c : `\`\`\`${c.language}\n${c.value}\n\`\`\`` }));
  return [{ value: contents.value }];
}

function symbol(s: lsp.DocumentSymbol): monaco.languages.DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail ?? '',
    // LSP counts symbol kinds from 1, Monaco from 0.
    kind: (s.kind - 1) as monaco.languages.SymbolKind,
    tags: [],
    range: toRange(s.range),
    selectionRange: toRange(s.selectionRange),
    children: (s.children ?? []).map(symbol),
  };
}

export interface LanguageBinding {
  /** Sends the current text now (before a request that must see it). */
  sync(): void;
  dispose(): void;
}

/**
 * Connects one model to the language service worker: diagnostics as markers (debounced) and
 * every language feature. `onFormatRefused` hears why a document could not be formatted.
 */
export function bindModel(model: Model, client: WorkerClient<LanguageMethods>, options: { debounceMs?: number; onFormatRefused?: (reason: string) => void; onDiagnostics?: (d: lsp.Diagnostic[]) => void } = {}): LanguageBinding {
  const uri = model.uri.toString();
  let sentVersion = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sync = () => {
    const version = model.getVersionId();
    if (version === sentVersion || model.isDisposed()) return;
    sentVersion = version;
    client
      .request('update', { uri, text: model.getValue(), version })
      .then(({ version: checked, diagnostics }) => {
        if (model.isDisposed() || checked !== model.getVersionId()) return;
        monaco.editor.setModelMarkers(
          model,
          LANGUAGE_ID,
          diagnostics.map((d) => ({
            ...toRange(d.range),
            severity: d.severity === lsp.DiagnosticSeverity.Warning ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
            message: typeof d.message === 'string' ? d.message : d.message.value,
            source: d.source ?? 'visit',
            code: typeof d.code === 'string' ? d.code : String(d.code ?? ''),
            tags: (d.tags ?? []).includes(lsp.DiagnosticTag.Unnecessary) ? [monaco.MarkerTag.Unnecessary] : [],
          })),
        );
        options.onDiagnostics?.(diagnostics);
      })
      .catch(() => {
        // A stopped worker (the editor was disposed) has nothing more to say.
      });
  };

  const changes = model.onDidChangeContent(() => {
    clearTimeout(timer);
    timer = setTimeout(sync, options.debounceMs ?? 150);
  });
  sync();

  const forThis = (m: Model) => m.uri.toString() === uri;
  const disposables: monaco.IDisposable[] = [
    changes,
    monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
      triggerCharacters: [' ', '(', ','],
      async provideCompletionItems(m, position) {
        if (!forThis(m)) return { suggestions: [] };
        sync();
        const list = await client.request('complete', { uri, position: toPosition(position) });
        const word = m.getWordUntilPosition(position);
        const fallback: monaco.IRange = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
        return {
          suggestions: list.items.map((item) => {
            const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
            const documentation = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;
            return {
              label: item.label,
              kind: completionKinds.get(item.kind ?? 0) ?? monaco.languages.CompletionItemKind.Text,
              insertText: edit?.newText ?? item.insertText ?? item.label,
              range: edit ? toRange(edit.range) : fallback,
              ...(item.detail ? { detail: item.detail } : {}),
              ...(documentation ? { documentation: { value: documentation } } : {}),
              ...(item.sortText ? { sortText: item.sortText } : {}),
              ...(item.insertTextFormat === lsp.InsertTextFormat.Snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
            };
          }),
        };
      },
    }),
    monaco.languages.registerHoverProvider(LANGUAGE_ID, {
      async provideHover(m, position) {
        if (!forThis(m)) return null;
        sync();
        const h = await client.request('hover', { uri, position: toPosition(position) });
        return h ? { contents: markdown(h.contents), ...(h.range ? { range: toRange(h.range) } : {}) } : null;
      },
    }),
    monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
      async provideDefinition(m, position) {
        if (!forThis(m)) return [];
        sync();
        const locations = await client.request('definition', { uri, position: toPosition(position) });
        return locations.map((l) => ({ uri: m.uri, range: toRange(l.range) }));
      },
    }),
    monaco.languages.registerReferenceProvider(LANGUAGE_ID, {
      async provideReferences(m, position, context) {
        if (!forThis(m)) return [];
        sync();
        const locations = await client.request('references', { uri, position: toPosition(position), includeDeclaration: context.includeDeclaration });
        return locations.map((l) => ({ uri: m.uri, range: toRange(l.range) }));
      },
    }),
    monaco.languages.registerDocumentSymbolProvider(LANGUAGE_ID, {
      displayName: 'Visit',
      async provideDocumentSymbols(m) {
        if (!forThis(m)) return [];
        sync();
        return (await client.request('documentSymbols', { uri })).map(symbol);
      },
    }),
    monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
      displayName: 'Visit',
      async provideDocumentFormattingEdits(m) {
        if (!forThis(m)) return [];
        sync();
        const r = await client.request('formatting', { uri });
        if ('error' in r) {
          options.onFormatRefused?.(r.error);
          return [];
        }
        return r.edits.map((e) => ({ range: toRange(e.range), text: e.newText }));
      },
    }),
    // Format Selection (Ctrl+K Ctrl+F): the runs of lines that formatting the file changes and that
    // touch the selection.
    monaco.languages.registerDocumentRangeFormattingEditProvider(LANGUAGE_ID, {
      displayName: 'Visit',
      async provideDocumentRangeFormattingEdits(m, range) {
        if (!forThis(m)) return [];
        sync();
        const r = await client.request('rangeFormatting', { uri, range: { start: toPosition(range.getStartPosition()), end: toPosition(range.getEndPosition()) } });
        if ('error' in r) {
          options.onFormatRefused?.(r.error);
          return [];
        }
        return r.edits.map((e) => ({ range: toRange(e.range), text: e.newText }));
      },
    }),
    monaco.languages.registerRenameProvider(LANGUAGE_ID, {
      async resolveRenameLocation(m, position) {
        if (!forThis(m)) return { range: new monaco.Range(1, 1, 1, 1), text: '', rejectReason: 'not a Visit document' };
        sync();
        const r = await client.request('prepareRename', { uri, position: toPosition(position) });
        if ('error' in r) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: '', rejectReason: r.error };
        return { range: toRange(r.range), text: r.placeholder };
      },
      async provideRenameEdits(m, position, newName) {
        sync();
        const r = await client.request('rename', { uri, position: toPosition(position), newName });
        if ('error' in r) return { edits: [], rejectReason: r.error };
        const edits = r.edit.changes?.[uri] ?? [];
        return { edits: edits.map((e) => ({ resource: m.uri, textEdit: { range: toRange(e.range), text: e.newText }, versionId: undefined })) };
      },
    }),
  ];

  return {
    sync,
    dispose() {
      clearTimeout(timer);
      for (const d of disposables) d.dispose();
      if (!model.isDisposed()) monaco.editor.setModelMarkers(model, LANGUAGE_ID, []);
    },
  };
}
