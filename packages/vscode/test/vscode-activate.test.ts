// The extension's activation code against the real language server, without VS Code: the bundled
// dist/extension.cjs is loaded by Node with `vscode` resolved to a stand-in (vscode-stand-in.ts),
// and activate() runs as VS Code would run it. Its vscode-languageclient forks the real
// dist/server.cjs over IPC, and everything below goes through that process: what the client
// registers from the server's capabilities, diagnostics for documents already open and opened
// later, the providers VS Code would call (completion, hover, inlay hints, code actions, semantic
// tokens, formatting, …), the Testing view's items and runs, the two commands, a new reference date
// (server restarted), the client's locale (Danish diagnostics) and deactivate() (the server exits).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFileTests } from '../src/file-tests';
import { PACKAGE } from './grammar-support';
import { ROOT } from '../../lsp/test/lsp-support';
import * as vscode from './vscode-stand-in';
import { withFallback } from './vscode-stand-in';

const STAND_IN = join(PACKAGE, 'test', '__vscode_stand_in__.cjs');
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };
const resolveFilename = loader._resolveFilename;

interface Extension {
  activate(context: unknown): Promise<void>;
  deactivate(): Promise<void>;
}
let extension: Extension;
const context = { subscriptions: [] as { dispose(): unknown }[], extensionPath: PACKAGE };

const dir = mkdtempSync(join(tmpdir(), 'visit-vscode-activate-'));

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(PACKAGE, 'scripts', 'build.mjs')], { cwd: PACKAGE, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  // `require('vscode')` inside the bundle: the stand-in, as VS Code's loader gives extensions its API.
  loader._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? STAND_IN : resolveFilename.call(this, request, ...rest);
  };
  loader._cache[STAND_IN] = { id: STAND_IN, filename: STAND_IN, loaded: true, exports: withFallback('vscode', { ...vscode }), children: [], paths: [] };
  extension = createRequire(import.meta.url)(join(PACKAGE, 'dist', 'extension.cjs')) as Extension;
}, 120_000);

afterAll(async () => {
  for (const pid of serverProcesses()) process.kill(pid);
  loader._resolveFilename = resolveFilename;
  delete loader._cache[STAND_IN];
  rmSync(dir, { recursive: true, force: true });
});

/** The language servers this process has forked (Linux: /proc), by pid. */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((a) => a.endsWith(join('dist', 'server.cjs')))) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The diagnostics published for `doc` after `since` (an index into `published`). */
function diagnosticsAfter(doc: vscode.StandInDocument, since: number): Promise<vscode.Diagnostic[]> {
  return until(`diagnostics for ${doc.uri}`, () => vscode.published.slice(since).find((p) => p.uri === doc.uri.toString())?.diagnostics);
}

/** The provider the client registered last for a kind (after a restart, the new client's). */
function provider(kind: string): vscode.Registration['provider'] {
  const r = vscode.registrations.filter((x) => x.kind === kind).at(-1);
  if (!r) throw new Error(`nothing registered for ${kind}; registered: ${vscode.registrations.map((x) => x.kind).join(', ')}`);
  return r.provider;
}

const token = () => new vscode.CancellationTokenSource().token;

const RULES = [
  'record Citizen {',
  '  birth_date: date',
  '  education:  one of (none, vocational, bachelor)',
  '  literacy:   integer 1..5 optional',
  '}',
  '',
  'let age = age_of(birth_date)',
  '',
  'param min_læs = 3 "Mindste læseniveau"',
  '',
  'group unge "Unge" =',
  '  age < 30 years and education != none',
  '',
  'program jobklub "Jobklub" {',
  '  require unge                 "I målgruppen"',
  '  require literacy >= min_læs  "Kan læse"',
  '}',
  '',
  'test "ung og faglært" {',
  '  as of 2026-11-23',
  '  given { birth_date: 2000-01-01, education: vocational, literacy: 4 }',
  '  expect jobklub eligible',
  '}',
  'test "forkert forventning" {',
  '  as of 2026-11-23',
  '  given { birth_date: 1960-01-01, education: vocational, literacy: 4 }',
  '  expect jobklub eligible',
  '}',
  '',
].join('\n');
const BROKEN = RULES.replace('literacy >= min_læs', 'literacyy >= min_læs');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

const rulesFile = join(dir, 'jobklub.visit');
writeFileSync(rulesFile, BROKEN);
const rules = new vscode.StandInDocument(vscode.Uri.file(rulesFile), BROKEN);

describe('activate() with the real language server', () => {
  it('activates: one server process, the two commands, a test controller, and a provider for every capability the server announces', async () => {
    vscode.settings.set('visit.asOf', '2026-11-23');
    vscode.user.alreadyOpen(rules);
    expect(serverProcesses()).toEqual([]);
    await extension.activate(context);
    expect(serverProcesses()).toHaveLength(1);
    expect([...vscode.registeredCommands.keys()]).toEqual(expect.arrayContaining(['visit.runTests', 'visit.screenRecords']));
    expect(vscode.controllers.map((c) => [c.id, c.profiles.map((p) => [p.label, p.kind, p.isDefault])])).toEqual([['visit', [['Run', vscode.TestRunProfileKind.Run, true]]]]);
    const kinds = [
      'CompletionItemProvider',
      'HoverProvider',
      'DefinitionProvider',
      'ReferenceProvider',
      'DocumentSymbolProvider',
      'RenameProvider',
      'DocumentFormattingEditProvider',
      'DocumentRangeFormattingEditProvider',
      'FoldingRangeProvider',
      'CodeActionsProvider',
      'DocumentSemanticTokensProvider',
      'InlayHintsProvider',
    ];
    for (const kind of kinds) {
      const r = vscode.registrations.find((x) => x.kind === kind);
      expect(r, kind).toBeDefined();
      expect(vscode.languages.match(r!.selector, rules), `${kind} is for .visit documents`).toBeGreaterThan(0);
      expect(vscode.languages.match(r!.selector, new vscode.StandInDocument(vscode.Uri.file('/x.md'), '', 1, 'markdown')), kind).toBe(0);
    }
  });

  it('a document open before activation: its diagnostics (a did-you-mean with the place) and its test items', async () => {
    const diagnostics = await diagnosticsAfter(rules, 0);
    const line = lineOf(BROKEN, 'literacyy');
    const col = BROKEN.split('\n')[line]!.indexOf('literacyy');
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity])).toEqual([
      ['unknown-name', line, col, col + 'literacyy'.length, vscode.DiagnosticSeverity.Error],
    ]);
    expect(diagnostics[0]!.message).toContain("did you mean 'literacy'?");
    const file = vscode.controllers[0]!.items.get(rules.uri.toString());
    expect(file?.label).toBe('jobklub.visit');
    const children: [string, number][] = [];
    file!.children.forEach((c) => children.push([c.id, c.range!.start.line]));
    expect(children).toEqual([
      ['ung og faglært', lineOf(BROKEN, 'test "ung og faglært"')],
      ['forkert forventning', lineOf(BROKEN, 'test "forkert forventning"')],
    ]);
  });

  it('code action: the quick fix for the did-you-mean replaces the name', async () => {
    const [diagnostic] = await diagnosticsAfter(rules, 0);
    const actions = (await provider('CodeActionsProvider').provideCodeActions!(rules, diagnostic!.range, { diagnostics: [diagnostic], triggerKind: vscode.CodeActionTriggerKind.Invoke, only: undefined }, token())) as vscode.CodeAction[];
    const fix = actions.find((a) => a.kind?.value === 'quickfix');
    expect(fix?.title).toContain('literacy');
    expect(fix!.edit!.edits.map(([u, e]) => [u.toString(), e.range.start.line, e.range.start.character, e.newText])).toEqual([
      [rules.uri.toString(), diagnostic!.range.start.line, diagnostic!.range.start.character, 'literacy'],
    ]);
  });

  it('typing the fix: the diagnostics follow the text and are empty', async () => {
    const since = vscode.published.length;
    vscode.user.edit(rules, RULES);
    expect(await diagnosticsAfter(rules, since)).toEqual([]);
  });

  // [request, call → what VS Code would show]
  it('completion after `require `: the rules\' names', async () => {
    const line = lineOf(RULES, 'require unge');
    const result = (await provider('CompletionItemProvider').provideCompletionItems!(rules, new vscode.Position(line, '  require '.length), token(), { triggerKind: vscode.CompletionTriggerKind.Invoke })) as vscode.CompletionList | vscode.CompletionItem[];
    const items = Array.isArray(result) ? result : result.items;
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    expect(labels).toEqual(expect.arrayContaining(['unge', 'literacy', 'min_læs', 'age', 'education']));
  });

  it('hover on a param: its value and label', async () => {
    const line = lineOf(RULES, 'literacy >= min_læs');
    const hover = (await provider('HoverProvider').provideHover!(rules, new vscode.Position(line, RULES.split('\n')[line]!.indexOf('min_læs') + 2), token())) as vscode.Hover;
    const text = JSON.stringify(hover.contents);
    expect(text).toContain('min_læs');
    expect(text).toContain('3');
  });

  it('definition of a group: where it is declared', async () => {
    const line = lineOf(RULES, 'require unge');
    const result = (await provider('DefinitionProvider').provideDefinition!(rules, new vscode.Position(line, '  require u'.length), token())) as vscode.Location[] | vscode.Location;
    const first = (Array.isArray(result) ? result[0] : result) as vscode.Location & { targetRange?: vscode.Range };
    const range = (first.range ?? first.targetRange) as vscode.Range;
    expect(range.start.line).toBe(lineOf(RULES, 'group unge'));
  });

  it('inlay hint on the reference date of the setting: born after …', async () => {
    const hints = (await provider('InlayHintsProvider').provideInlayHints!(rules, new vscode.Range(0, 0, 30, 0), token())) as vscode.InlayHint[];
    expect(hints.map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')])).toEqual([
      [lineOf(RULES, 'age < 30 years'), 'born after 1996-11-23'],
    ]);
  });

  it('semantic tokens: whole tokens, five numbers each, in the legend the server announced', async () => {
    const r = vscode.registrations.find((x) => x.kind === 'DocumentSemanticTokensProvider')!;
    const legend = r.rest[0] as vscode.SemanticTokensLegend;
    expect(legend.tokenTypes).toEqual(expect.arrayContaining(['property', 'parameter']));
    const tokens = (await r.provider.provideDocumentSemanticTokens!(rules, token())) as vscode.SemanticTokens;
    expect(tokens.data.length).toBeGreaterThan(0);
    expect(tokens.data.length % 5).toBe(0);
    for (let i = 3; i < tokens.data.length; i += 5) expect(tokens.data[i]).toBeLessThan(legend.tokenTypes.length);
  });

  it('formatting: the whole file, and a selection (only the selected declaration is tidied)', async () => {
    const format = provider('DocumentFormattingEditProvider').provideDocumentFormattingEdits!;
    const formatSelection = provider('DocumentRangeFormattingEditProvider').provideDocumentRangeFormattingEdits!;
    const untidy = RULES.replace('group unge "Unge" =', 'group   unge "Unge"   =').replace('  literacy:   integer', '  literacy: integer');
    const doc = vscode.user.open(new vscode.StandInDocument(vscode.Uri.file(join(dir, 'untidy.visit')), untidy));
    const apply = (text: string, edits: vscode.TextEdit[]) => {
      const d = new vscode.StandInDocument(doc.uri, text);
      return [...edits].sort((a, b) => d.offsetAt(b.range.start) - d.offsetAt(a.range.start)).reduce((t, e) => t.slice(0, d.offsetAt(e.range.start)) + e.newText + t.slice(d.offsetAt(e.range.end)), text);
    };
    const whole = apply(untidy, (await format(doc, { tabSize: 2, insertSpaces: true }, token())) as vscode.TextEdit[]);
    expect(whole).toContain('\ngroup unge "Unge" =\n');
    expect(whole).toContain('\n  literacy:   integer');
    const groupLine = lineOf(untidy, 'group   unge');
    const selected = apply(untidy, (await formatSelection(doc, new vscode.Range(groupLine, 0, groupLine, 5), { tabSize: 2, insertSpaces: true }, token())) as vscode.TextEdit[]);
    expect(selected).toBe(untidy.replace('group   unge "Unge"   =', 'group unge "Unge" ='));
    vscode.user.close(doc);
    // A tidy file: no edits.
    const tidy = vscode.user.open(new vscode.StandInDocument(vscode.Uri.file(join(dir, 'tidy.visit')), whole));
    expect(await format(tidy, { tabSize: 2, insertSpaces: true }, token())).toEqual([]);
    vscode.user.close(tidy);
  });

  it('"Visit: Run tests in this file": one run, a result per test block, the same as runFileTests, and the Testing view shown', async () => {
    vscode.user.focus(rules);
    const before = vscode.controllers[0]!.runs.length;
    await vscode.commands.executeCommand('visit.runTests');
    const runs = vscode.controllers[0]!.runs.slice(before);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.ended).toBe(true);
    const expected = runFileTests('jobklub.visit', RULES, { asOf: '2026-11-23' }).results;
    expect(expected.map((r) => r.passed)).toEqual([true, false]);
    expect(runs[0]!.events.filter(([e]) => e !== 'started').map(([e, id, m]) => [e, id, m])).toEqual(
      expected.map((r) => (r.passed ? ['passed', r.id, undefined] : ['failed', r.id, r.message])),
    );
    expect(vscode.executed).toContain('workbench.view.testing.focus');
  });

  it('"Visit: Run tests in this file" with no .visit file in front: a warning, no run', async () => {
    vscode.user.focus(undefined);
    const runs = vscode.controllers[0]!.runs.length;
    const shown = vscode.shown.length;
    await vscode.commands.executeCommand('visit.runTests');
    expect(vscode.controllers[0]!.runs.length).toBe(runs);
    expect(vscode.shown.slice(shown)).toEqual([{ level: 'warning', message: 'Visit: open a .visit file to run its tests.', items: [] }]);
  });

  it('"Visit: Screen records…": the picked CSV is screened to the file beside it, the summary shown, no CPR number in what is shown', async () => {
    const example = join(ROOT, 'examples', 'tre-hovedveje');
    const input = join(dir, 'citizens.csv');
    copyFileSync(join(example, 'citizens.csv'), input);
    const rulesDoc = vscode.user.open(new vscode.StandInDocument(vscode.Uri.file(join(example, 'tre-hovedveje.visit')), readFileSync(join(example, 'tre-hovedveje.visit'), 'utf8')));
    vscode.user.focus(rulesDoc);
    vscode.answers.openDialog.push([vscode.Uri.file(input)]);
    vscode.answers.message.push('Open output');
    const shown = vscode.shown.length;
    await vscode.commands.executeCommand('visit.screenRecords');
    const output = join(dir, 'citizens.screened.csv');
    expect(existsSync(output)).toBe(true);
    const cli = spawnSync(process.execPath, [join(ROOT, 'packages', 'cli', 'dist', 'visit.js'), 'screen', join(example, 'tre-hovedveje.visit'), input, '--as-of', '2026-11-23', '--format', 'csv'], { encoding: 'utf8' });
    expect(readFileSync(output, 'utf8')).toBe(cli.stdout);
    expect(vscode.shown.slice(shown)).toEqual([
      // The example's list has 10 invalid rows on purpose (bad dates, values outside the enums).
      { level: 'information', message: 'Visit: 200 rows screened (10 invalid), written to citizens.screened.csv.', items: ['Open output'] },
    ]);
    expect(vscode.shownDocuments.map((u) => u.fsPath)).toEqual([output]);
    const channel = vscode.outputs.get('Visit')!.join('\n');
    expect(channel).toContain('visit: screened citizens.csv against tre-hovedveje.visit as of 2026-11-23');
    expect(channel).toContain(`written to ${output}`);
    for (const cpr of readFileSync(input, 'utf8').match(/\b\d{10}\b/g)!) expect(channel + JSON.stringify(vscode.shown)).not.toContain(cpr);
    vscode.user.close(rulesDoc);
  });

  it('"Visit: Screen records…" cancelled at the file dialog: nothing written, nothing shown', async () => {
    vscode.user.focus(rules);
    vscode.answers.openDialog.push(undefined);
    const shown = vscode.shown.length;
    const before = readdirSync(dir).sort();
    await vscode.commands.executeCommand('visit.screenRecords');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(vscode.shown.length).toBe(shown);
  });

  it('a new reference date in the settings: the server is started again, and the hints follow the date', async () => {
    const [old] = serverProcesses();
    const oldHints = provider('InlayHintsProvider');
    vscode.user.setting('visit.asOf', '2020-03-15');
    const fresh = await until('a new server process', () => {
      const now = serverProcesses();
      return now.length === 1 && now[0] !== old ? now[0] : undefined;
    });
    expect(fresh).not.toBe(old);
    // The new client registers its providers once the new server has answered `initialize`.
    const hintsProvider = await until('the new client\'s providers', () => {
      const r = vscode.registrations.filter((x) => x.kind === 'InlayHintsProvider').at(-1);
      return r && r.provider !== oldHints ? r.provider : undefined;
    });
    const labels = (await hintsProvider.provideInlayHints!(rules, new vscode.Range(0, 0, 30, 0), token())) as vscode.InlayHint[];
    expect(labels.map((h) => h.label)).toEqual(['born after 1990-03-15']);
  });

  it('the date changed three times in a row: one server at the end, with the last date, and nothing refused', async () => {
    const before = serverProcesses();
    const errors = vscode.shown.length;
    const starts = vscode.registered.get('InlayHintsProvider')!;
    vscode.user.setting('visit.asOf', '2021-01-01');
    vscode.user.setting('visit.asOf', '2022-06-30');
    vscode.user.setting('visit.asOf', '2024-02-29');
    // Three restarts, one after the other: three new clients have registered, and one is left.
    await until('three restarts', () => vscode.registered.get('InlayHintsProvider') === starts + 3 && vscode.registrations.filter((x) => x.kind === 'InlayHintsProvider').length === 1);
    const last = (await provider('InlayHintsProvider').provideInlayHints!(rules, new vscode.Range(0, 0, 30, 0), token())) as vscode.InlayHint[];
    // 29 February 2024 less 30 years: 1994 has no 29 February (§4: the end of the month).
    expect(last.map((h) => h.label)).toEqual(['born after 1994-02-28']);
    expect(last).toHaveLength(1);
    const now = serverProcesses();
    expect(now).toHaveLength(1);
    expect(before).not.toContain(now[0]);
    expect(vscode.shown.slice(errors)).toEqual([]);
  });

  it('a Danish VS Code (env.language da): after a restart the diagnostics are in Danish, the codes the same', async () => {
    (vscode.env as { language: string }).language = 'da';
    const [old] = serverProcesses();
    vscode.user.setting('visit.asOf', '2026-11-23');
    await until('a new server process', () => {
      const now = serverProcesses();
      return now.length === 1 && now[0] !== old;
    });
    const since = vscode.published.length;
    const danish = vscode.user.open(new vscode.StandInDocument(vscode.Uri.file(join(dir, 'dansk.visit')), BROKEN));
    const diagnostics = await diagnosticsAfter(danish, since);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['unknown-name', "ukendt navn 'literacyy': her skal stå et felt, en let-værdi, en parameter eller en gruppe — mente du 'literacy'?"],
    ]);
  });

  it('deactivate(): the server exits, and no process is left', async () => {
    expect(serverProcesses()).toHaveLength(1);
    await extension.deactivate();
    await until('the server to exit', () => serverProcesses().length === 0);
    for (const d of context.subscriptions) d.dispose();
    expect(vscode.controllers).toEqual([]);
  });
});
