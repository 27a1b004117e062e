// A stand-in for the `vscode` module, enough of VS Code's API for the bundled extension
// (dist/extension.cjs) and the vscode-languageclient inside it to activate, start the real language
// server and talk to it — without downloading VS Code. It is not a model of VS Code: it records
// what the extension and the client ask of the editor (registrations, diagnostics, test runs,
// messages) so that a test can assert on them, and lets the test play the user (open a document,
// change a setting, answer a file dialog).
//
// What the extension and the client use and the test reads is written out below as plain classes.
// Anything else the client touches (a provider kind Visit does not announce, an enum it only
// reads) comes from `anything()`: a value that can be called, constructed and read from, and that
// records its name in `touched`, so a test failure shows what was missing.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const touched = new Set<string>();

function anything(name: string): unknown {
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => name;
      if (typeof key === 'symbol') return undefined;
      touched.add(`${name}.${key}`);
      return anything(`${name}.${key}`);
    },
    apply() {
      touched.add(`${name}()`);
      return new Disposable(() => undefined);
    },
    construct(_t, args) {
      touched.add(`new ${name}`);
      return { args };
    },
  });
}

export function withFallback<T extends object>(name: string, real: T): T {
  return new Proxy(real, {
    get(t, key, receiver) {
      if (key in t || typeof key === 'symbol') return Reflect.get(t, key, receiver);
      if (key === 'then') return undefined;
      return anything(`${name}.${key}`);
    },
  });
}

// ---- values ----------------------------------------------------------------------------------

export class Disposable {
  constructor(private readonly callOnDispose: () => unknown) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

type Listener<T> = (e: T) => unknown;
export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
    const bound: Listener<T> = thisArg ? listener.bind(thisArg) : listener;
    this.listeners.push(bound);
    const d = new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== bound)));
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    private readonly text: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path, pathToFileURL(path).href);
  }
  static parse(text: string): Uri {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1] ?? 'file';
    return scheme === 'file' ? Uri.file(fileURLToPath(text)) : new Uri(scheme, text.slice(scheme.length + 1), text);
  }
  get fsPath(): string {
    return this.path;
  }
  with(): Uri {
    return this;
  }
  toString(): string {
    return this.text;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path, external: this.text };
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isEqual(o: Position): boolean {
    return o.line === this.line && o.character === this.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = a instanceof Position ? a : new Position(a, b as number);
    this.end = b instanceof Position ? b : new Position(c!, d!);
  }
}

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range | Position,
  ) {}
}

export class Diagnostic {
  code?: unknown;
  source?: string;
  tags?: unknown[];
  relatedInformation?: unknown[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number = 0,
  ) {}
}

export class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(public value = '') {}
  appendMarkdown(v: string): this {
    this.value += v;
    return this;
  }
  appendText(v: string): this {
    this.value += v;
    return this;
  }
  appendCodeblock(v: string, lang = ''): this {
    this.value += '\n```' + lang + '\n' + v + '\n```\n';
    return this;
  }
}

export class Hover {
  constructor(
    readonly contents: unknown,
    readonly range?: Range,
  ) {}
}

export class CompletionItem {
  constructor(
    public label: string | { label: string },
    public kind?: number,
  ) {}
}

export class CompletionList {
  constructor(
    public items: CompletionItem[] = [],
    public isIncomplete = false,
  ) {}
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
  static replace(range: Range, newText: string): TextEdit {
    return new TextEdit(range, newText);
  }
}

export class WorkspaceEdit {
  readonly edits: [Uri, TextEdit][] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push([uri, new TextEdit(range, newText)]);
  }
  set(uri: Uri, edits: TextEdit[]): void {
    for (const e of edits) this.edits.push([uri, e]);
  }
  insert(uri: Uri, position: Position, newText: string): void {
    this.edits.push([uri, new TextEdit(new Range(position, position), newText)]);
  }
  delete(uri: Uri, range: Range): void {
    this.edits.push([uri, new TextEdit(range, '')]);
  }
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly RefactorExtract = new CodeActionKind('refactor.extract');
  static readonly RefactorInline = new CodeActionKind('refactor.inline');
  static readonly RefactorRewrite = new CodeActionKind('refactor.rewrite');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceOrganizeImports = new CodeActionKind('source.organizeImports');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(o: CodeActionKind): boolean {
    return this.value === o.value || o.value.startsWith(this.value + '.');
  }
  intersects(o: CodeActionKind): boolean {
    return this.contains(o) || o.contains(this);
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export class InlayHint {
  paddingLeft?: boolean;
  paddingRight?: boolean;
  tooltip?: unknown;
  constructor(
    readonly position: Position,
    readonly label: string | { value: string }[],
    readonly kind?: number,
  ) {}
}

export class SemanticTokensLegend {
  constructor(
    readonly tokenTypes: string[],
    readonly tokenModifiers: string[] = [],
  ) {}
}

export class SemanticTokens {
  constructor(
    readonly data: Uint32Array,
    readonly resultId?: string,
  ) {}
}

export class FoldingRange {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly kind?: number,
  ) {}
}

export class DocumentSymbol {
  children: DocumentSymbol[] = [];
  constructor(
    readonly name: string,
    readonly detail: string,
    readonly kind: number,
    readonly range: Range,
    readonly selectionRange: Range,
  ) {}
}

export class SymbolInformation {
  constructor(
    readonly name: string,
    readonly kind: number,
    readonly containerName: string,
    readonly location: Location,
  ) {}
}

/** Classes the client extends at load; Visit's server announces none of their features. */
export class CodeLens {
  constructor(readonly range: Range) {}
}
export class DocumentLink {
  constructor(readonly range: Range) {}
}
export class CallHierarchyItem {
  constructor(...args: unknown[]) {
    void args;
  }
}
export class TypeHierarchyItem {
  constructor(...args: unknown[]) {
    void args;
  }
}

export class CancellationError extends Error {}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class TestRunRequest {
  constructor(
    readonly include?: TestItem[],
    readonly exclude?: TestItem[],
  ) {}
}

export class TestMessage {
  location?: Location;
  constructor(readonly message: string) {}
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
export const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };
export const CompletionItemKind = withFallback('CompletionItemKind', { Text: 0, Method: 1, Function: 2, Field: 4, Variable: 5, Keyword: 13, EnumMember: 19, Unit: 10, Value: 11, Constant: 20, Property: 9, Snippet: 14 });
export const CompletionItemTag = { Deprecated: 1 };
export const CompletionTriggerKind = { Invoke: 0, TriggerCharacter: 1, TriggerForIncompleteCompletions: 2 };
export const SymbolKind = withFallback('SymbolKind', { File: 0, Module: 1, Namespace: 2, Class: 4, Method: 5, Property: 6, Field: 7, Enum: 9, Interface: 10, Function: 11, Variable: 12, Constant: 13, Struct: 22, TypeParameter: 25 });
export const SymbolTag = { Deprecated: 1 };
export const FoldingRangeKind = { Comment: 1, Imports: 2, Region: 3 };
export const InlayHintKind = { Type: 1, Parameter: 2 };
export const CodeActionTriggerKind = { Invoke: 1, Automatic: 2 };
export const TextDocumentSaveReason = { Manual: 1, AfterDelay: 2, FocusOut: 3 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };
export const TestRunProfileKind = { Run: 1, Debug: 2, Coverage: 3 };
export const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
export const version = '1.91.0';

// ---- documents -------------------------------------------------------------------------------

/** A text document as far as the client and the extension read one. */
export class StandInDocument {
  isClosed = false;
  isDirty = false;
  isUntitled = false;
  readonly eol = 1;
  constructor(
    readonly uri: Uri,
    private text: string,
    public version = 1,
    readonly languageId = 'visit',
  ) {}
  get fileName(): string {
    return this.uri.fsPath;
  }
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) offset += lines[i]!.length + 1;
    return offset + Math.min(p.character, lines[p.line]?.length ?? 0);
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1]!.length);
  }
  lineAt(line: number): { text: string; range: Range } {
    const text = this.text.split('\n')[line] ?? '';
    return { text, range: new Range(line, 0, line, text.length) };
  }
  getWordRangeAtPosition(p: Position): Range | undefined {
    const text = this.lineAt(p.line).text;
    const re = /[\p{L}_][\p{L}\p{N}_]*/gu;
    for (let m; (m = re.exec(text)); ) if (m.index <= p.character && p.character <= m.index + m[0].length) return new Range(p.line, m.index, p.line, m.index + m[0].length);
    return undefined;
  }
  /** The user replaces the whole text. */
  replace(text: string): { document: StandInDocument; contentChanges: unknown[]; reason: undefined } {
    const range = new Range(this.positionAt(0), this.positionAt(this.text.length));
    const rangeLength = this.text.length;
    this.text = text;
    this.version++;
    return { document: this, contentChanges: [{ range, rangeOffset: 0, rangeLength, text }], reason: undefined };
  }
}

// ---- what the extension and the client register ----------------------------------------------

export interface Registration {
  kind: string;
  selector: unknown;
  provider: Record<string, (...args: unknown[]) => unknown>;
  rest: unknown[];
}
export const registrations: Registration[] = [];
/** How many registrations were ever made, per kind (the disposed ones too). */
export const registered = new Map<string, number>();

export interface Published {
  uri: string;
  diagnostics: Diagnostic[];
}
/** Every `set` on a diagnostic collection, in order. */
export const published: Published[] = [];
const publishEmitter = new EventEmitter<Published>();
export const onPublished = publishEmitter.event;

function diagnosticCollection(name: string) {
  const current = new Map<string, Diagnostic[]>();
  return {
    name,
    set(uri: Uri | [Uri, Diagnostic[]][], diagnostics?: Diagnostic[]) {
      const entries: [Uri, Diagnostic[] | undefined][] = Array.isArray(uri) ? uri : [[uri, diagnostics]];
      for (const [u, d] of entries) {
        current.set(u.toString(), d ?? []);
        const p = { uri: u.toString(), diagnostics: d ?? [] };
        published.push(p);
        publishEmitter.fire(p);
      }
    },
    get: (uri: Uri) => current.get(uri.toString()),
    has: (uri: Uri) => current.has(uri.toString()),
    delete: (uri: Uri) => current.delete(uri.toString()),
    clear: () => current.clear(),
    forEach: (f: (uri: Uri, d: Diagnostic[]) => void) => current.forEach((d, u) => f(Uri.parse(u), d)),
    dispose: () => current.clear(),
  };
}

function matchScore(selector: unknown, doc: { languageId: string; uri: Uri }): number {
  const list = Array.isArray(selector) ? selector : [selector];
  let best = 0;
  for (const s of list) {
    if (typeof s === 'string') best = Math.max(best, s === doc.languageId ? 10 : s === '*' ? 5 : 0);
    else if (s && typeof s === 'object') {
      const f = s as { language?: string; scheme?: string };
      if (f.language !== undefined && f.language !== doc.languageId && f.language !== '*') continue;
      if (f.scheme !== undefined && f.scheme !== doc.uri.scheme && f.scheme !== '*') continue;
      best = Math.max(best, f.language === doc.languageId ? 10 : 5);
    }
  }
  return best;
}

export const languages = withFallback('languages', {
  match: matchScore,
  createDiagnosticCollection: diagnosticCollection,
  ...Object.fromEntries(
    [
      'registerCompletionItemProvider',
      'registerHoverProvider',
      'registerDefinitionProvider',
      'registerReferenceProvider',
      'registerDocumentSymbolProvider',
      'registerWorkspaceSymbolProvider',
      'registerRenameProvider',
      'registerDocumentFormattingEditProvider',
      'registerDocumentRangeFormattingEditProvider',
      'registerFoldingRangeProvider',
      'registerCodeActionsProvider',
      'registerDocumentSemanticTokensProvider',
      'registerDocumentRangeSemanticTokensProvider',
      'registerInlayHintsProvider',
      'registerDocumentHighlightProvider',
      'registerSignatureHelpProvider',
      'registerCodeLensProvider',
      'registerSelectionRangeProvider',
    ].map((kind) => [
      kind,
      (selector: unknown, provider: Registration['provider'], ...rest: unknown[]) => {
        const r = { kind: kind.replace(/^register/, ''), selector, provider, rest };
        registrations.push(r);
        registered.set(r.kind, (registered.get(r.kind) ?? 0) + 1);
        return new Disposable(() => registrations.splice(registrations.indexOf(r), 1));
      },
    ]),
  ),
});

// ---- workspace -------------------------------------------------------------------------------

export const settings = new Map<string, unknown>();
const emitters = {
  open: new EventEmitter<StandInDocument>(),
  close: new EventEmitter<StandInDocument>(),
  change: new EventEmitter<ReturnType<StandInDocument['replace']>>(),
  configuration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  save: new EventEmitter<StandInDocument>(),
  willSave: new EventEmitter<unknown>(),
  folders: new EventEmitter<unknown>(),
  visibleEditors: new EventEmitter<unknown>(),
  activeEditor: new EventEmitter<unknown>(),
};
const documents: StandInDocument[] = [];

export const workspace = withFallback('workspace', {
  get textDocuments() {
    return documents.filter((d) => !d.isClosed);
  },
  notebookDocuments: [],
  workspaceFolders: undefined,
  getConfiguration(section?: string) {
    const key = (k: string) => (section ? `${section}.${k}` : k);
    return {
      get: <T>(k: string, fallback?: T) => (settings.has(key(k)) ? (settings.get(key(k)) as T) : fallback),
      has: (k: string) => settings.has(key(k)),
      inspect: () => undefined,
      update: async () => undefined,
    };
  },
  onDidOpenTextDocument: emitters.open.event,
  onDidCloseTextDocument: emitters.close.event,
  onDidChangeTextDocument: emitters.change.event,
  onDidSaveTextDocument: emitters.save.event,
  onWillSaveTextDocument: emitters.willSave.event,
  onDidChangeConfiguration: emitters.configuration.event,
  onDidChangeWorkspaceFolders: emitters.folders.event,
  async openTextDocument(uri: Uri): Promise<StandInDocument> {
    const open = documents.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    if (open) return open;
    const doc = new StandInDocument(uri, readFileSync(uri.fsPath, 'utf8'));
    documents.push(doc);
    emitters.open.fire(doc);
    return doc;
  },
  createFileSystemWatcher: () => ({ onDidCreate: () => new Disposable(() => 0), onDidChange: () => new Disposable(() => 0), onDidDelete: () => new Disposable(() => 0), dispose: () => undefined }),
  applyEdit: async () => true,
});

// ---- window ----------------------------------------------------------------------------------

export interface Shown {
  level: 'information' | 'warning' | 'error';
  message: string;
  items: unknown[];
}
export const shown: Shown[] = [];
/** The answers the "user" gives, in order: file dialogs and the buttons of messages. */
export const answers = { openDialog: [] as (Uri[] | undefined)[], message: [] as (string | undefined)[] };
export const outputs = new Map<string, string[]>();
export const shownDocuments: Uri[] = [];
export const progress: string[] = [];

function outputChannel(name: string) {
  const lines = outputs.get(name) ?? [];
  outputs.set(name, lines);
  const log = (level: string) => (m: string) => lines.push(`[${level}] ${m}`);
  return {
    name,
    logLevel: LogLevel.Info,
    onDidChangeLogLevel: new EventEmitter<number>().event,
    append: (v: string) => lines.push(v),
    appendLine: (v: string) => lines.push(v),
    replace: (v: string) => lines.splice(0, lines.length, v),
    clear: () => lines.splice(0),
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}

const message =
  (level: Shown['level']) =>
  async (text: string, ...items: unknown[]): Promise<unknown> => {
    shown.push({ level, message: text, items });
    return items.length > 0 ? answers.message.shift() : undefined;
  };

export const window = withFallback('window', {
  activeTextEditor: undefined as { document: StandInDocument } | undefined,
  visibleTextEditors: [],
  tabGroups: { all: [], onDidChangeTabs: new EventEmitter<unknown>().event, onDidChangeTabGroups: new EventEmitter<unknown>().event },
  onDidChangeVisibleTextEditors: emitters.visibleEditors.event,
  onDidChangeActiveTextEditor: emitters.activeEditor.event,
  showInformationMessage: message('information'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  showOpenDialog: async () => answers.openDialog.shift(),
  async showTextDocument(uri: Uri) {
    shownDocuments.push(uri);
    return undefined;
  },
  createOutputChannel: outputChannel,
  async withProgress<T>(options: { title?: string }, task: (p: unknown, token: unknown) => Promise<T>): Promise<T> {
    progress.push(options.title ?? '');
    return task({ report: () => undefined }, new CancellationTokenSource().token);
  },
});

// ---- commands --------------------------------------------------------------------------------

export const registeredCommands = new Map<string, (...args: unknown[]) => unknown>();
export const executed: string[] = [];
export const commands = withFallback('commands', {
  registerCommand(id: string, run: (...args: unknown[]) => unknown): Disposable {
    registeredCommands.set(id, run);
    return new Disposable(() => registeredCommands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    executed.push(id);
    return registeredCommands.get(id)?.(...args);
  },
});

// ---- tests (the Testing view) ----------------------------------------------------------------

export interface TestItem {
  id: string;
  label: string;
  uri?: Uri;
  range?: Range;
  parent?: TestItem;
  children: TestItemCollection;
}

export class TestItemCollection {
  private readonly items = new Map<string, TestItem>();
  constructor(private readonly owner?: TestItem) {}
  get size(): number {
    return this.items.size;
  }
  get(id: string): TestItem | undefined {
    return this.items.get(id);
  }
  add(item: TestItem): void {
    if (this.owner) item.parent = this.owner;
    this.items.set(item.id, item);
  }
  delete(id: string): void {
    this.items.delete(id);
  }
  replace(items: readonly TestItem[]): void {
    this.items.clear();
    for (const i of items) this.add(i);
  }
  forEach(f: (item: TestItem) => void): void {
    this.items.forEach((i) => f(i));
  }
  [Symbol.iterator](): IterableIterator<[string, TestItem]> {
    return this.items.entries();
  }
}

export interface TestRunRecord {
  request: TestRunRequest;
  events: [string, string, string?][];
  ended: boolean;
}

export interface StandInController {
  id: string;
  label: string;
  items: TestItemCollection;
  profiles: { label: string; kind: number; run: (r: TestRunRequest, t: unknown) => Promise<void>; isDefault?: boolean }[];
  runs: TestRunRecord[];
}
export const controllers: StandInController[] = [];

export const tests = withFallback('tests', {
  createTestController(id: string, label: string) {
    const runs: TestRunRecord[] = [];
    const c = {
      id,
      label,
      items: new TestItemCollection(),
      profiles: [] as StandInController['profiles'],
      runs,
      createTestItem(itemId: string, itemLabel: string, uri?: Uri): TestItem {
        const item: TestItem = { id: itemId, label: itemLabel, uri, children: undefined as unknown as TestItemCollection };
        item.children = new TestItemCollection(item);
        return item;
      },
      createRunProfile(profileLabel: string, kind: number, run: StandInController['profiles'][number]['run'], isDefault?: boolean) {
        const p = { label: profileLabel, kind, run, isDefault };
        c.profiles.push(p);
        return { ...p, dispose: () => undefined };
      },
      createTestRun(request: TestRunRequest) {
        const record: TestRunRecord = { request, events: [], ended: false };
        runs.push(record);
        return {
          started: (i: TestItem) => record.events.push(['started', i.id]),
          passed: (i: TestItem) => record.events.push(['passed', i.id]),
          failed: (i: TestItem, m: TestMessage) => record.events.push(['failed', i.id, m.message]),
          skipped: (i: TestItem) => record.events.push(['skipped', i.id]),
          errored: (i: TestItem, m: TestMessage) => record.events.push(['errored', i.id, m.message]),
          appendOutput: () => undefined,
          end: () => (record.ended = true),
        };
      },
      dispose: () => controllers.splice(controllers.indexOf(c), 1),
    };
    controllers.push(c);
    return c;
  },
});

export const env = withFallback('env', { language: 'en', appName: 'Visit stand-in', machineId: 'stand-in', openExternal: async () => true });
export const extensions = withFallback('extensions', { all: [], getExtension: () => undefined });

// ---- the test plays the user -----------------------------------------------------------------

export const user = {
  open(doc: StandInDocument): StandInDocument {
    documents.push(doc);
    emitters.open.fire(doc);
    return doc;
  },
  /** A document that is already open when the extension starts. */
  alreadyOpen(doc: StandInDocument): StandInDocument {
    documents.push(doc);
    return doc;
  },
  edit(doc: StandInDocument, text: string): void {
    emitters.change.fire(doc.replace(text));
  },
  close(doc: StandInDocument): void {
    doc.isClosed = true;
    emitters.close.fire(doc);
  },
  focus(doc: StandInDocument | undefined): void {
    (window as { activeTextEditor: unknown }).activeTextEditor = doc ? { document: doc } : undefined;
    emitters.activeEditor.fire(window.activeTextEditor);
  },
  setting(key: string, value: unknown): void {
    settings.set(key, value);
    emitters.configuration.fire({ affectsConfiguration: (section) => key === section || key.startsWith(section + '.') });
  },
};
